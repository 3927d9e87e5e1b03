import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { MyDataReader } from '@gongzhi/shared';
import { AuditModel, type AuditEntry } from './audit-log';
import { Db } from '../core/db';
import { AuditView } from './audit-view';

/** Most reads `GET /me/data` lists (the page pages through all of them). */
const EXPORT_LIMIT = 5000;

/**
 * 隐私与数据 › 谁查看过我的信息: reads of my account's data (and of my linked party record, or of me as
 * the resident a need was ordered for) by anyone but me, newest first.
 */
@Provide()
export class MyDataReaders {
  @Inject()
  db!: Db;

  @Inject()
  view!: AuditView;

  async page(userId: string, page: number, pageSize: number) {
    const filter = this.filter(userId);
    const model = this.db.model(AuditModel);
    const [entries, total] = await Promise.all([
      model
        .find(filter)
        .sort({ at: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<AuditEntry[]>(),
      model.countDocuments(filter),
    ]);
    return { items: await this.view.readers(entries), total, page, pageSize };
  }

  async all(userId: string): Promise<MyDataReader[]> {
    const entries = await this.db
      .model(AuditModel)
      .find(this.filter(userId))
      .sort({ at: -1, _id: -1 })
      .limit(EXPORT_LIMIT)
      .lean<AuditEntry[]>();
    return this.view.readers(entries);
  }

  private filter(userId: string) {
    const id = new Types.ObjectId(userId);
    return { $or: [{ subjectId: id }, { subjectUserId: id }], actorId: { $ne: id } };
  }
}
