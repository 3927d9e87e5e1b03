import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { SERVING_OPEN_STATUSES, type ServingNeedList, type servingNeedsQuery, type z } from '@gongzhi/shared';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { NeedModel, type Need } from './need.model';
import { NeedsService } from './needs.service';

type ServingQuery = z.output<typeof servingNeedsQuery>;

/**
 * Use case list_serving_needs (待我服务): the needs dispatched to the caller in person. Open ones
 * (to take, in hand) come first, most urgent first; then the finished ones, latest first. A need
 * the person declined, or that was reopened, is no longer theirs and leaves the list.
 */
@Provide()
export class ServingService {
  @Inject()
  db!: Db;

  @Inject()
  needs!: NeedsService;

  async listServingNeeds(user: Principal, query: ServingQuery): Promise<ServingNeedList> {
    const me = new Types.ObjectId(user.userId);
    const open = { assigneeId: me, status: { $in: SERVING_OPEN_STATUSES } };
    const finished = { assigneeId: me, status: { $nin: SERVING_OPEN_STATUSES } };
    const model = this.db.model(NeedModel);
    const read = (filter: object, sort: Record<string, 1 | -1>, skip: number, limit: number) =>
      limit > 0 ? model.find(filter).sort(sort).skip(skip).limit(limit).lean<Need[]>() : Promise.resolve([]);
    const openSort = { dueAt: 1, submittedAt: 1, _id: 1 } as const;
    const finishedSort = { completedAt: -1, _id: -1 } as const;

    const skip = (query.page - 1) * query.pageSize;
    const openCount = await model.countDocuments(open);
    let rows: Need[];
    let total: number;
    if (query.state === 'open') {
      rows = await read(open, openSort, skip, query.pageSize);
      total = openCount;
    } else if (query.state === 'finished') {
      [rows, total] = await Promise.all([
        read(finished, finishedSort, skip, query.pageSize),
        model.countDocuments(finished),
      ]);
    } else {
      // One list across both parts: the page takes what is left of the open ones, then the finished ones.
      const fromOpen = await read(open, openSort, skip, Math.min(query.pageSize, Math.max(0, openCount - skip)));
      const fromFinished = await read(
        finished,
        finishedSort,
        Math.max(0, skip - openCount),
        query.pageSize - fromOpen.length,
      );
      rows = [...fromOpen, ...fromFinished];
      total = openCount + (await model.countDocuments(finished));
    }
    return {
      items: await this.needs.summaries(user, rows, false),
      total,
      page: query.page,
      pageSize: query.pageSize,
      openCount,
    };
  }
}
