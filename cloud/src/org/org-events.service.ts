import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { Principal } from '../core/principal';
import { Db } from '../core/db';
import { presentEvent } from './events';
import { notFound, oversees, overseesUnit } from './org-access';
import { OrgEventModel, type OrgEvent } from './org-event.model';
import { OrgModel, type Org } from './org.model';
import { UnitModel, type Unit } from './unit.model';

/** 变更记录: the events of a node or a unit, newest first, for whoever may see it. */
@Provide()
export class OrgEventsService {
  @Inject()
  db!: Db;

  async list(user: Principal, q: { nodeId: string; page: number; pageSize: number }) {
    const id = new Types.ObjectId(q.nodeId);
    const org = await this.db.model(OrgModel).findById(id).lean<Org>();
    const unit = org ? null : await this.db.model(UnitModel).findById(id).lean<Unit>();
    if (org ? !oversees(user, org) : !unit || !overseesUnit(user, unit)) throw notFound();
    const model = this.db.model(OrgEventModel);
    const filter = { nodeIds: id };
    const [total, events] = await Promise.all([
      model.countDocuments(filter),
      model
        .find(filter)
        .sort({ at: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<OrgEvent[]>(),
    ]);
    const names = new Map([[String(id), org?.name ?? unit?.name ?? '']]);
    return { items: events.map((e) => presentEvent(e, names)), total, page: q.page, pageSize: q.pageSize };
  }
}
