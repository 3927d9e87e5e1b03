import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  EMPLOYMENT_LABELS,
  HEALTH_LABELS,
  MEMBER_CATEGORY_LABELS,
  PARTY_LEAVE_CAUSE_LABELS,
  birthDateOfIdNumber,
  computeMemberCategory,
  localDateOf,
  type Health,
  type MemberDetail,
  type z,
  type correctPartyMemberBody,
  type deactivatePartyMemberBody,
  type movePartyMemberBody,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { AuditLog } from '../audit/audit-log';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { BranchModel, type BranchDoc } from '../party/branch.model';
import { linkByIdHashes } from '../party/member-links';
import { MembersService } from '../party/members.service';
import { rosterInScope } from '../party/party-access';
import { PartyMemberModel, type PartyMemberDoc } from '../party/party-member.model';
import { communityForCaller, orgNames, streetOfCommunity } from './roster-access';
import { diffShown, historyOf, recordRosterEvents, yesNo, type Change, type Shown } from './roster-events';

type CorrectBody = z.output<typeof correctPartyMemberBody>;
type MoveBody = z.output<typeof movePartyMemberBody>;
type DeactivateBody = z.output<typeof deactivatePartyMemberBody>;

/**
 * Use cases correct_party_member, move_party_member, deactivate_party_member, reactivate_party_member,
 * list_party_member_history. Reads and writes go through the party area's scope and 党务 duty
 * (MembersService.memberInScope); every answer with the member's data is audit-logged as a read.
 */
@Provide()
export class PartyMemberChangesService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  @Inject()
  audit!: AuditLog;

  @Inject()
  members!: MembersService;

  async correct(user: Principal, id: string, body: CorrectBody): Promise<MemberDetail> {
    const m = await this.members.memberInScope(user, id);
    const set: Partial<PartyMemberDoc> = {};
    if (body.name !== undefined) set.nameEnc = this.cipher.encrypt(body.name);
    if (body.phone !== undefined) set.phoneEnc = this.cipher.encrypt(body.phone);
    if (body.idNumber !== undefined) {
      const idHash = this.cipher.blindIndex('idNumber', body.idNumber);
      if (idHash !== m.idHash) {
        const other = await this.db.model(PartyMemberModel).exists({ idHash });
        if (other) throw new AppError('CONFLICT', '这个身份证号已登记在另一名党员名下，请核对');
        Object.assign(set, { idHash, idNumberEnc: this.cipher.encrypt(body.idNumber) });
      }
    }
    const birthDate =
      body.birthDate ?? (body.idNumber ? birthDateOfIdNumber(body.idNumber)! : undefined) ?? m.birthDate;
    const health = body.health ?? (this.cipher.decrypt(m.healthEnc) as Health);
    const employment = body.employment ?? m.employment;
    const mobile = body.mobile ?? m.mobile;
    const today = localDateOf(this.clock.now());
    const computed = computeMemberCategory({ birthDate, health, employment, mobile }, today);
    // Naming the computed category clears a staff override; another one becomes the override.
    const override =
      body.category === undefined ? m.overrideCategory : body.category === computed ? null : body.category;
    Object.assign(set, {
      birthDate,
      healthEnc: body.health !== undefined ? this.cipher.encrypt(health) : m.healthEnc,
      employment,
      mobile,
      computedCategory: computed,
      overrideCategory: override,
      category: override ?? computed,
    });
    const after = { ...m, ...set } as PartyMemberDoc;
    const changes = diffShown(await this.shown(m), await this.shown(after));
    if (changes.length) {
      await this.record(user, after, 'correct', changes, body.reason);
      await this.db
        .model(PartyMemberModel)
        .updateOne({ _id: m._id }, { $set: { ...set, updatedAt: this.clock.now() } });
      // A corrected ID number may be the one an account carries: link them, as an import would.
      if (set.idHash && !m.userId) await linkByIdHashes(this.db, [set.idHash], this.clock.now());
    }
    return this.answer(user, m._id, 'party:correct');
  }

  /** To another branch and/or home community of the caller's scope: the same record, so it counts once. */
  async move(user: Principal, id: string, body: MoveBody): Promise<MemberDetail> {
    const m = await this.members.memberInScope(user, id);
    let branch: BranchDoc | null = null;
    if (body.branchId) {
      branch = await this.db.model(BranchModel).findById(body.branchId).lean<BranchDoc>();
      if (!branch || !rosterInScope(user, branch))
        throw new AppError('NOT_FOUND', '没有找到这个支部，或不在您管辖的范围内');
    }
    let community: Org | null = null;
    if (body.communityId) community = await communityForCaller(this.db, user, body.communityId);
    else if (branch) {
      // A community's branch brings the member's community with it; a unit's branch (at the street) does not.
      const place = await this.db.model(OrgModel).findById(branch.placeId).lean<Org>();
      if (place?.kind === 'community' && String(place._id) !== String(m.placeId))
        community = await communityForCaller(this.db, user, String(place._id), 'body.branchId');
    }
    const set = {
      branchId: branch?._id ?? m.branchId,
      placeId: community?._id ?? m.placeId,
      streetId: community ? streetOfCommunity(community) : m.streetId,
    };
    const after = { ...m, ...set };
    const changes = diffShown(await this.shown(m), await this.shown(after));
    if (changes.length) {
      await this.record(user, after, 'move', changes, body.reason);
      await this.db
        .model(PartyMemberModel)
        .updateOne({ _id: m._id }, { $set: { ...set, updatedAt: this.clock.now() } });
    }
    return this.answer(user, m._id, 'party:move');
  }

  /** 转出 / 去世: kept for history and the branch's records, out of every count. */
  async deactivate(user: Principal, id: string, body: DeactivateBody): Promise<MemberDetail> {
    const m = await this.members.memberInScope(user, id);
    if (!m.active) throw new AppError('INVALID_TRANSITION', '这位党员已经停用');
    const cause = PARTY_LEAVE_CAUSE_LABELS[body.cause];
    await this.record(user, m, 'deactivate', [{ field: 'active', from: '在册', to: `停用（${cause}）` }], body.reason);
    await this.db
      .model(PartyMemberModel)
      .updateOne({ _id: m._id }, { $set: { active: false, updatedAt: this.clock.now() } });
    return this.answer(user, m._id, 'party:deactivate');
  }

  async reactivate(user: Principal, id: string, reason: string): Promise<MemberDetail> {
    const m = await this.members.memberInScope(user, id);
    if (m.active) throw new AppError('INVALID_TRANSITION', '这位党员在册，不需要恢复');
    await this.record(user, m, 'reactivate', [{ field: 'active', from: '停用', to: '在册' }], reason);
    await this.db
      .model(PartyMemberModel)
      .updateOne({ _id: m._id }, { $set: { active: true, updatedAt: this.clock.now() } });
    return this.answer(user, m._id, 'party:reactivate');
  }

  async history(user: Principal, id: string) {
    const m = await this.members.memberInScope(user, id);
    await this.audit.personalDataRead(user, m._id, ['partyMembership'], 'party:history');
    return historyOf(this.db, this.cipher, 'partyMember', m._id);
  }

  private async record(
    user: Principal,
    m: PartyMemberDoc,
    action: 'correct' | 'move' | 'deactivate' | 'reactivate',
    changes: Change[],
    reason: string,
  ) {
    await recordRosterEvents(this.db, this.cipher, [
      {
        rowKind: 'partyMember',
        rowId: m._id,
        communityId: m.placeId,
        action,
        changes,
        reason,
        actorId: user.userId,
        via: 'manual',
        at: this.clock.now(),
      },
    ]);
  }

  /** The member as the history shows it: plain values, names instead of ids. */
  private async shown(m: PartyMemberDoc): Promise<Shown> {
    const branch = await this.db.model(BranchModel).findById(m.branchId, { name: 1 }).lean<BranchDoc>();
    const names = await orgNames(this.db, [m.placeId]);
    return {
      name: this.cipher.decrypt(m.nameEnc),
      phone: this.cipher.decrypt(m.phoneEnc),
      idNumber: this.cipher.decrypt(m.idNumberEnc),
      birthDate: m.birthDate,
      employment: EMPLOYMENT_LABELS[m.employment],
      health: HEALTH_LABELS[this.cipher.decrypt(m.healthEnc) as Health],
      mobile: yesNo(m.mobile),
      category: MEMBER_CATEGORY_LABELS[m.category],
      branch: branch?.name ?? null,
      community: names.get(String(m.placeId)) ?? null,
    };
  }

  /** The member after the change, as the detail page shows it; the answer is a read of their data. */
  private async answer(user: Principal, id: Types.ObjectId, via: string): Promise<MemberDetail> {
    const fresh = (await this.db.model(PartyMemberModel).findById(id).lean<PartyMemberDoc>())!;
    await this.audit.personalDataRead(user, id, ['partyMembership', 'health'], via);
    return this.members.detail(fresh);
  }
}
