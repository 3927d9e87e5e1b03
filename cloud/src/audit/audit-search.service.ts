import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { AuditFilters, AuditRow } from '@gongzhi/shared';
import { AuditLog, AuditModel, type AuditEntry } from './audit-log';
import { Db } from '../core/db';
import { allOf } from '../core/filters';
import type { Principal } from '../core/principal';
import { NeedModel } from '../needs/need.model';
import { StaffMemberModel } from '../people/staff-member.model';
import { UserModel } from '../people/user.model';
import { AuditView } from './audit-view';

/** Most rows of one Excel export. */
export const AUDIT_EXPORT_LIMIT = 10_000;
/** Most people a name search matches (a name part like 王 matches many: narrow it down). */
const NAME_MATCHES = 500;

const ID = /^[0-9a-f]{24}$/;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * 管理 › 审计日志: search and export of the `audit` collection. County administrators see every
 * entry; street administrators the entries whose `streetIds` hold their street (the reader held a post
 * in the street at the time, or the subject lives there). Every search and export is itself logged.
 */
@Provide()
export class AuditSearchService {
  @Inject()
  db!: Db;

  @Inject()
  auditLog!: AuditLog;

  @Inject()
  view!: AuditView;

  async search(user: Principal, q: AuditFilters & { page: number; pageSize: number }) {
    const filter = await this.filter(user, q);
    await this.auditLog.ownAction(user, ['auditLog'], 'audit:search');
    const model = this.db.model(AuditModel);
    const [entries, total] = await Promise.all([
      model
        .find(filter)
        .sort({ at: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<AuditEntry[]>(),
      model.countDocuments(filter),
    ]);
    return { items: await this.view.rows(entries), total, page: q.page, pageSize: q.pageSize };
  }

  /** The rows of an export, newest first, at most AUDIT_EXPORT_LIMIT. */
  async exportRows(user: Principal, q: AuditFilters): Promise<AuditRow[]> {
    const filter = await this.filter(user, q);
    await this.auditLog.ownAction(user, ['auditLog'], 'audit:export');
    const entries = await this.db
      .model(AuditModel)
      .find(filter)
      .sort({ at: -1, _id: -1 })
      .limit(AUDIT_EXPORT_LIMIT)
      .lean<AuditEntry[]>();
    return this.view.rows(entries);
  }

  private async filter(user: Principal, q: AuditFilters): Promise<Record<string, unknown>> {
    const parts: Record<string, unknown>[] = [this.scope(user)];
    if (q.actor) parts.push({ actorId: { $in: await this.people(q.actor) } });
    if (q.subject) {
      const people = await this.people(q.subject);
      const records = ID.test(q.subject) ? [] : await this.records(q.subject);
      parts.push({ $or: [{ subjectId: { $in: [...people, ...records] } }, { subjectUserId: { $in: people } }] });
    }
    if (q.what) parts.push({ what: q.what });
    if (q.from || q.to) parts.push({ at: { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) } });
    return allOf(...parts);
  }

  private scope(user: Principal): Record<string, unknown> {
    if (user.roles.includes('countyAdmin')) return {};
    // A street administrator without a street (cannot happen with a valid grant) sees nothing.
    return { streetIds: new Types.ObjectId(user.streetId ?? '000000000000000000000000') };
  }

  /** Accounts by id, or by a part of their name. */
  private async people(text: string): Promise<Types.ObjectId[]> {
    if (ID.test(text)) return [new Types.ObjectId(text)];
    const users = await this.db
      .model(UserModel)
      .find({ name: { $regex: escapeRegex(text) } }, { _id: 1 })
      .limit(NAME_MATCHES)
      .lean<{ _id: Types.ObjectId }[]>();
    return users.map((u) => u._id);
  }

  /**
   * Records without an account whose name is searchable: 两委 roster rows and residents a need was
   * ordered for. (Party roster names are encrypted: a party member is found through their account.)
   */
  private async records(text: string): Promise<Types.ObjectId[]> {
    const name = { $regex: escapeRegex(text) };
    const [staff, needs] = await Promise.all([
      this.db.model(StaffMemberModel).find({ name }, { _id: 1 }).limit(NAME_MATCHES).lean<{ _id: Types.ObjectId }[]>(),
      this.db
        .model(NeedModel)
        .find({ 'onBehalfOf.name': name }, { _id: 1 })
        .limit(NAME_MATCHES)
        .lean<{ _id: Types.ObjectId }[]>(),
    ]);
    return [...staff, ...needs].map((r) => r._id);
  }
}
