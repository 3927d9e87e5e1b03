import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { localDateOf, maskName, type StudySession, type z, type recordStudySessionBody } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { AuditLog } from '../audit/audit-log';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { createKeyed } from '../core/create-keyed';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { UserModel, type User } from '../people/user.model';
import { PointsLedger } from '../points/ledger';
import { BranchModel, type BranchDoc } from './branch.model';
import { MemberLinksService } from './member-links.service';
import { requirePartyWork, rosterScope } from './party-access';
import { PartyMemberModel, type PartyMemberDoc } from './party-member.model';
import { StudySessionModel, type StudySessionDoc } from './study-session.model';
import { allOf, findByIds } from '../core/filters';

/** Use cases: record_study_session, list_study_sessions (党务 staff). */
@Provide()
export class StudySessionsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  @Inject()
  audit!: AuditLog;

  @Inject()
  links!: MemberLinksService;

  @Inject()
  ledger!: PointsLedger;

  async record(
    user: Principal,
    body: z.output<typeof recordStudySessionBody>,
    keyedId: Types.ObjectId | null,
  ): Promise<StudySession> {
    const branch = await this.links.branchInScope(user, body.branchId);
    if (body.date > localDateOf(this.clock.now()))
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'body.date', message: '学习日期不能晚于今天' }]);
    const wanted = [...new Set(body.memberIds)];
    const members = await this.db
      .model(PartyMemberModel)
      .find({ _id: { $in: wanted.map((id) => new Types.ObjectId(id)) }, branchId: branch._id, active: true })
      .lean<PartyMemberDoc[]>();
    const unlinked = wanted.filter((id) => !members.some((m) => String(m._id) === id && m.userId));
    if (unlinked.length)
      throw new AppError('VALIDATION_FAILED', undefined, [
        { path: 'body.memberIds', message: '只能选择本支部已关联账号的党员' },
      ]);
    const ordered = wanted.map((id) => members.find((m) => String(m._id) === id)!);
    // A retry of the same request after a crash finds the session stored: its points are made sure of below.
    const doc = await createKeyed<StudySessionDoc>(this.db.model(StudySessionModel), keyedId, {
      branchId: branch._id,
      placeId: branch.placeId,
      streetId: branch.streetId,
      date: body.date,
      topic: body.topic,
      memberIds: ordered.map((m) => m._id),
      userIds: ordered.map((m) => m.userId!),
      recordedBy: new Types.ObjectId(user.userId),
      recordedAt: this.clock.now(),
    });
    // Noon China time of the session day: the year it counts in.
    const at = new Date(`${doc.date}T12:00:00+08:00`);
    for (let i = 0; i < doc.memberIds.length; i++) {
      await this.ledger.earnForStudy(doc.userIds[i], doc._id, doc.memberIds[i], doc.topic, at);
    }
    return (await this.present(user, [doc]))[0];
  }

  async list(user: Principal, q: { branchId?: string; page: number; pageSize: number }) {
    requirePartyWork(user);
    const filter = allOf(rosterScope(user), q.branchId ? { branchId: new Types.ObjectId(q.branchId) } : {});
    const model = this.db.model(StudySessionModel);
    const [rows, total] = await Promise.all([
      model
        .find(filter)
        .sort({ date: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<StudySessionDoc[]>(),
      model.countDocuments(filter),
    ]);
    return { items: await this.present(user, rows), total, page: q.page, pageSize: q.pageSize };
  }

  private async present(user: Principal, rows: StudySessionDoc[]): Promise<StudySession[]> {
    const memberIds = rows.flatMap((r) => r.memberIds);
    const [branches, members, recorders] = await Promise.all([
      findByIds<BranchDoc>(
        this.db.model(BranchModel),
        rows.map((r) => r.branchId),
        { name: 1 },
      ),
      findByIds<PartyMemberDoc>(this.db.model(PartyMemberModel), memberIds, { nameEnc: 1 }),
      findByIds<User>(
        this.db.model(UserModel),
        rows.map((r) => r.recordedBy),
        { name: 1 },
      ),
    ]);
    // The attendee list says who is a party member: audited like the roster lists.
    await this.audit.personalDataReads(user, [...new Set(memberIds.map(String))], ['partyMembership'], 'party:study');
    const nameOf = (id: Types.ObjectId) => {
      const m = members.find((x) => x._id.equals(id));
      return m ? maskName(this.cipher.decrypt(m.nameEnc)!) : '（已移出）';
    };
    return rows.map((r) => ({
      id: String(r._id),
      branchId: String(r.branchId),
      branchName: branches.find((b) => b._id.equals(r.branchId))?.name ?? '',
      date: r.date,
      topic: r.topic,
      attendeeCount: r.memberIds.length,
      attendees: r.memberIds.map((id) => ({ memberId: String(id), nameMasked: nameOf(id) })),
      recordedByName: recorders.find((u) => u._id.equals(r.recordedBy))?.name ?? '',
      recordedAt: r.recordedAt.toISOString(),
    }));
  }
}
