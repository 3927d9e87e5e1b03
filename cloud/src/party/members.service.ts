import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  BRANCH_MEMBER_LIMIT,
  MEMBER_CATEGORY_RULE,
  ageOn,
  maskIdNumber,
  maskName,
  maskPhone,
  type Health,
  type MemberCategory,
  type MemberDetail,
  type MemberSummary,
  type z,
  type membersQuery,
  localDateOf,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { AuditLog } from '../audit/audit-log';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgModel } from '../org/org.model';
import { UnitModel } from '../org/unit.model';
import { UserModel, type User } from '../people/user.model';
import { BranchModel, type BranchDoc } from './branch.model';
import { MemberEventModel, PartyMemberModel, type MemberEventDoc, type PartyMemberDoc } from './party-member.model';
import { requirePartyWork, rosterInScope, rosterScope } from './party-access';
import { allOf } from '../core/filters';
import { namesOf } from '../people/names';

type MembersQuery = z.output<typeof membersQuery>;

/** Use cases of the party rosters: list_branches, list_party_members, show_/reveal_party_member, override_member_category. */
@Provide()
export class MembersService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  @Inject()
  audit!: AuditLog;

  async listBranches(user: Principal, communityId?: string) {
    requirePartyWork(user);
    // allOf, not a spread: a requested community narrows the caller's scope, never replaces it.
    const filter = allOf(rosterScope(user), communityId ? { placeId: new Types.ObjectId(communityId) } : {});
    const branches = await this.db.model(BranchModel).find(filter).lean<BranchDoc[]>();
    // One $sum per $group: FerretDB 1.24 gets a second accumulator wrong.
    const counts = await this.db
      .model(PartyMemberModel)
      .aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: { branchId: { $in: branches.map((b) => b._id) }, active: true } },
        { $group: { _id: '$branchId', n: { $sum: 1 } } },
      ]);
    const count = new Map(counts.map((c) => [String(c._id), c.n]));
    const [orgNames, unitNames] = await Promise.all([
      namesOf(
        this.db,
        OrgModel,
        branches.map((b) => b.placeId),
      ),
      namesOf(
        this.db,
        UnitModel,
        branches.flatMap((b) => (b.unitId ? [b.unitId] : [])),
      ),
    ]);
    const names = new Map([...orgNames, ...unitNames]);
    const items = branches
      .map((b) => {
        const memberCount = count.get(String(b._id)) ?? 0;
        return {
          id: String(b._id),
          name: b.name,
          placeId: String(b.placeId),
          placeName: names.get(String(b.placeId)) ?? '',
          unitName: b.unitId ? (names.get(String(b.unitId)) ?? null) : null,
          memberCount,
          overLimit: memberCount > BRANCH_MEMBER_LIMIT,
        };
      })
      .sort((a, b) => b.memberCount - a.memberCount || a.name.localeCompare(b.name, 'zh'));
    return { items, limit: BRANCH_MEMBER_LIMIT };
  }

  /** Lists show masked names only; still, a list says who is a party member, so each row is audited. */
  async listMembers(user: Principal, q: MembersQuery) {
    requirePartyWork(user);
    const asked: Record<string, unknown> = { active: q.active };
    if (q.branchId) asked.branchId = new Types.ObjectId(q.branchId);
    if (q.communityId) asked.placeId = new Types.ObjectId(q.communityId);
    if (q.category) asked.category = q.category;
    if (q.mobile !== undefined) asked.mobile = q.mobile;
    const filter = allOf(asked, rosterScope(user));
    const model = this.db.model(PartyMemberModel);
    const [rows, total] = await Promise.all([
      model
        .find(filter)
        .sort({ _id: 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<PartyMemberDoc[]>(),
      model.countDocuments(filter),
    ]);
    await this.audit.personalDataReads(
      user,
      rows.map((r) => r._id),
      ['partyMembership'],
      'party:list',
    );
    return { items: await this.summaries(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async showMember(user: Principal, id: string): Promise<MemberDetail> {
    const member = await this.memberInScope(user, id);
    await this.audit.personalDataRead(user, member._id, ['partyMembership', 'health'], 'party:detail');
    return this.detail(member);
  }

  async revealMember(user: Principal, id: string) {
    const member = await this.memberInScope(user, id);
    await this.audit.personalDataRead(user, member._id, ['name', 'idNumber', 'phone'], 'party:reveal');
    return {
      id: String(member._id),
      name: this.cipher.decrypt(member.nameEnc),
      idNumber: this.cipher.decrypt(member.idNumberEnc),
      phone: this.cipher.decrypt(member.phoneEnc),
    };
  }

  /** The override is an event (who, why, from what); the member keeps it as its category in force. */
  async overrideCategory(user: Principal, id: string, to: MemberCategory, reason: string): Promise<MemberDetail> {
    const member = await this.memberInScope(user, id);
    const events = this.db.model(MemberEventModel);
    const seq = (await events.countDocuments({ memberId: member._id })) + 1;
    try {
      await events.create({
        memberId: member._id,
        seq,
        kind: 'categoryOverride',
        from: member.category,
        to,
        reason,
        actorId: new Types.ObjectId(user.userId),
        at: this.clock.now(),
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', '该党员的类别刚被其他人调整，请刷新后再试');
      throw err;
    }
    await this.db
      .model(PartyMemberModel)
      .updateOne({ _id: member._id }, { $set: { category: to, overrideCategory: to, updatedAt: this.clock.now() } });
    await this.audit.personalDataRead(user, member._id, ['partyMembership', 'health'], 'party:category');
    return this.detail({ ...member, category: to, overrideCategory: to });
  }

  async memberInScope(user: Principal, id: string): Promise<PartyMemberDoc> {
    requirePartyWork(user);
    const member = await this.db.model(PartyMemberModel).findById(id).lean<PartyMemberDoc>();
    if (!member || !rosterInScope(user, member)) throw new AppError('NOT_FOUND', '没有找到这位党员');
    return member;
  }

  async detail(m: PartyMemberDoc): Promise<MemberDetail> {
    const [summary] = await this.summaries([m]);
    const events = await this.db
      .model(MemberEventModel)
      .find({ memberId: m._id })
      .sort({ seq: 1 })
      .lean<MemberEventDoc[]>();
    const actors = await this.db
      .model(UserModel)
      .find({ _id: { $in: events.map((e) => e.actorId) } }, { name: 1 })
      .lean<User[]>();
    const actorName = new Map(actors.map((a) => [String(a._id), a.name]));
    return {
      ...summary,
      idNumberMasked: maskIdNumber(this.cipher.decrypt(m.idNumberEnc))!,
      phoneMasked: maskPhone(this.cipher.decrypt(m.phoneEnc)),
      birthDate: m.birthDate,
      health: this.cipher.decrypt(m.healthEnc) as Health,
      categoryRule: MEMBER_CATEGORY_RULE,
      categoryEvents: events.map((e) => ({
        from: e.from,
        to: e.to,
        reason: e.reason,
        actorName: actorName.get(String(e.actorId)) ?? '',
        at: e.at.toISOString(),
      })),
    };
  }

  private async summaries(rows: PartyMemberDoc[]): Promise<MemberSummary[]> {
    const branches = await this.db
      .model(BranchModel)
      .find({ _id: { $in: [...new Set(rows.map((r) => String(r.branchId)))] } })
      .lean<BranchDoc[]>();
    const branchName = new Map(branches.map((b) => [String(b._id), b.name]));
    const names = await namesOf(
      this.db,
      OrgModel,
      rows.map((r) => r.placeId),
    );
    const today = localDateOf(this.clock.now());
    return rows.map((r) => ({
      id: String(r._id),
      branchId: String(r.branchId),
      branchName: branchName.get(String(r.branchId)) ?? '',
      placeId: String(r.placeId),
      placeName: names.get(String(r.placeId)) ?? '',
      nameMasked: maskName(this.cipher.decrypt(r.nameEnc))!,
      age: ageOn(r.birthDate, today),
      mobile: r.mobile,
      employment: r.employment,
      category: r.category,
      computedCategory: r.computedCategory,
      active: r.active,
      linked: r.userId !== null && r.userId !== undefined,
    }));
  }
}
