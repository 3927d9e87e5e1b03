import { Inject, Provide } from '@midwayjs/core';
import {
  ageOn,
  localDateOf,
  maskPhone,
  type StaffMemberDetail,
  type z,
  type correctStaffMemberBody,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { AuditLog } from '../audit/audit-log';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { rosterInScope } from '../party/party-access';
import { StaffMemberModel, type StaffMemberDoc } from '../people/staff-member.model';
import { communityForCaller, orgNames, streetOfCommunity } from './roster-access';
import { diffShown, historyOf, recordRosterEvents, yesNo, type Change, type Shown } from './roster-events';

type CorrectBody = z.output<typeof correctStaffMemberBody>;

/**
 * Use cases show_staff_member, correct_staff_member, move_staff_member, deactivate_staff_member (离任),
 * reactivate_staff_member, list_staff_member_history: the 两委 and staff roster the dashboards count.
 */
@Provide()
export class StaffChangesService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  @Inject()
  audit!: AuditLog;

  async show(user: Principal, id: string): Promise<StaffMemberDetail> {
    const s = await this.inScope(user, id);
    return this.answer(user, s, 'staff:detail');
  }

  async correct(user: Principal, id: string, body: CorrectBody): Promise<StaffMemberDetail> {
    const s = await this.inScope(user, id);
    const set: Partial<StaffMemberDoc> = {};
    if (body.name !== undefined) set.name = body.name;
    if (body.phone !== undefined) set.phoneEnc = this.cipher.encrypt(body.phone);
    if (body.post !== undefined) set.post = body.post;
    if (body.committee !== undefined) set.committee = body.committee;
    if (body.birthDate !== undefined) set.birthDate = body.birthDate;
    if (body.education !== undefined) set.education = body.education;
    return this.change(user, s, set, 'correct', body.reason);
  }

  async move(user: Principal, id: string, communityId: string, reason: string): Promise<StaffMemberDetail> {
    const s = await this.inScope(user, id);
    const community = await communityForCaller(this.db, user, communityId);
    return this.change(user, s, { placeId: community._id, streetId: streetOfCommunity(community) }, 'move', reason);
  }

  /** 离任: kept on the roster's history, out of the 两委 figures. */
  async deactivate(user: Principal, id: string, reason: string): Promise<StaffMemberDetail> {
    const s = await this.inScope(user, id);
    if (!s.active) throw new AppError('INVALID_TRANSITION', '这位工作人员已经离任');
    return this.change(user, s, { active: false }, 'deactivate', reason);
  }

  async reactivate(user: Principal, id: string, reason: string): Promise<StaffMemberDetail> {
    const s = await this.inScope(user, id);
    if (s.active) throw new AppError('INVALID_TRANSITION', '这位工作人员在任，不需要恢复');
    return this.change(user, s, { active: true }, 'reactivate', reason);
  }

  async history(user: Principal, id: string) {
    const s = await this.inScope(user, id);
    return historyOf(this.db, this.cipher, 'staffMember', s._id);
  }

  /** Records what the change makes different (nothing: no event, as for a retried request), then applies it. */
  private async change(
    user: Principal,
    s: StaffMemberDoc,
    set: Partial<StaffMemberDoc>,
    action: 'correct' | 'move' | 'deactivate' | 'reactivate',
    reason: string,
  ): Promise<StaffMemberDetail> {
    const after = { ...s, ...set };
    const changes: Change[] = diffShown(await this.shown(s), await this.shown(after));
    if (changes.length) {
      await recordRosterEvents(this.db, this.cipher, [
        {
          rowKind: 'staffMember',
          rowId: s._id,
          communityId: after.placeId,
          action,
          changes,
          reason,
          actorId: user.userId,
          via: 'manual',
          at: this.clock.now(),
        },
      ]);
      await this.db
        .model(StaffMemberModel)
        .updateOne({ _id: s._id }, { $set: { ...set, updatedAt: this.clock.now() } });
    }
    return this.answer(user, after, `staff:${action}`);
  }

  private async inScope(user: Principal, id: string): Promise<StaffMemberDoc> {
    const s = await this.db.model(StaffMemberModel).findById(id).lean<StaffMemberDoc>();
    if (!s || !rosterInScope(user, s)) throw new AppError('NOT_FOUND', '没有找到这位工作人员');
    return s;
  }

  private async shown(s: StaffMemberDoc): Promise<Shown> {
    const names = await orgNames(this.db, [s.placeId]);
    return {
      name: s.name,
      phone: this.cipher.decrypt(s.phoneEnc),
      post: s.post,
      committee: yesNo(s.committee),
      birthDate: s.birthDate,
      education: s.education,
      community: names.get(String(s.placeId)) ?? null,
      active: s.active ? '在任' : '离任',
    };
  }

  /** The row as the page shows it; its phone (masked) makes it a read of personal data. */
  private async answer(user: Principal, s: StaffMemberDoc, via: string): Promise<StaffMemberDetail> {
    await this.audit.personalDataRead(user, s._id, ['phone'], via);
    const names = await orgNames(this.db, [s.placeId]);
    return {
      id: String(s._id),
      name: s.name,
      placeId: String(s.placeId),
      placeName: names.get(String(s.placeId)) ?? '',
      post: s.post,
      committee: s.committee,
      age: ageOn(s.birthDate, localDateOf(this.clock.now())),
      birthDate: s.birthDate,
      education: s.education,
      phoneMasked: maskPhone(this.cipher.decrypt(s.phoneEnc)),
      active: s.active,
    };
  }
}
