import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { maskName, maskPhone, type MemberLink } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { AuditLog } from '../audit/audit-log';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { isUnder } from '../core/place';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { UserModel, type User } from '../people/user.model';
import { BranchModel, type BranchDoc } from './branch.model';
import { linkMemberToUser, unlinkMember } from './member-links';
import { MembersService } from './members.service';
import { PartyMemberModel, type PartyMemberDoc } from './party-member.model';
import { requirePartyWork, rosterInScope } from './party-access';

/** Use cases: link_party_member, unlink_party_member, list_branch_linked_members (党务 staff). */
@Provide()
export class MemberLinksService {
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

  /** Staff link a member to the account registered with the phone number the member gives them. */
  async link(user: Principal, memberId: string, phone: string): Promise<MemberLink> {
    const member = await this.members.memberInScope(user, memberId);
    const account = await this.db
      .model(UserModel)
      .findOne({ phone, erasedAt: null }, { name: 1, phone: 1, communityId: 1 })
      .lean<User>();
    if (!account || !(await this.accountInScope(user, account)))
      throw new AppError('VALIDATION_FAILED', undefined, [
        { path: 'body.phone', message: '没有找到用这个手机号注册、住在您辖区的账号' },
      ]);
    const outcome = await linkMemberToUser(
      this.db,
      member._id,
      account._id,
      'manual',
      new Types.ObjectId(user.userId),
      this.clock.now(),
    );
    if (outcome === 'userTaken') throw new AppError('CONFLICT', '这个账号已关联了另一名党员，请先解除那边的关联');
    if (outcome === 'memberTaken') throw new AppError('CONFLICT', '这名党员已关联了另一个账号，请先解除关联');
    await this.audit.personalDataRead(user, member._id, ['partyMembership', 'account'], `party:link:${account._id}`);
    return this.view(member._id, account);
  }

  async unlink(user: Principal, memberId: string): Promise<MemberLink> {
    const member = await this.members.memberInScope(user, memberId);
    const was = await unlinkMember(this.db, member._id);
    await this.audit.personalDataRead(user, member._id, ['partyMembership', 'account'], `party:unlink:${was ?? ''}`);
    return this.view(member._id, null);
  }

  /** A branch's members with an account: the only ones a study session can credit. */
  async linkedMembers(user: Principal, branchId: string) {
    const branch = await this.branchInScope(user, branchId);
    const rows = await this.db
      .model(PartyMemberModel)
      .find({ branchId: branch._id, active: true, userId: { $ne: null } }, { nameEnc: 1 })
      .sort({ _id: 1 })
      .lean<Pick<PartyMemberDoc, '_id' | 'nameEnc'>[]>();
    await this.audit.personalDataReads(
      user,
      rows.map((r) => r._id),
      ['partyMembership'],
      'party:linked-members',
    );
    return {
      items: rows.map((r) => ({ memberId: String(r._id), nameMasked: maskName(this.cipher.decrypt(r.nameEnc)!) })),
    };
  }

  async branchInScope(user: Principal, branchId: string): Promise<BranchDoc> {
    requirePartyWork(user);
    const branch = await this.db.model(BranchModel).findById(branchId).lean<BranchDoc>();
    if (!branch || !rosterInScope(user, branch)) throw new AppError('NOT_FOUND', '没有找到这个党支部');
    return branch;
  }

  private async accountInScope(user: Principal, account: User): Promise<boolean> {
    if (user.roles.includes('countyAdmin')) return true;
    if (!account.communityId) return false;
    if (user.roles.includes('streetAdmin')) {
      const c = await this.db.model(OrgModel).findById(account.communityId, { ancestors: 1 }).lean<Org>();
      return !!c && isUnder(c, user.streetId);
    }
    return String(account.communityId) === user.communityId;
  }

  private view(memberId: Types.ObjectId, account: User | null): MemberLink {
    return {
      memberId: String(memberId),
      userId: account ? String(account._id) : null,
      userNameMasked: account ? maskName(account.name) : null,
      userPhoneMasked: account ? maskPhone(account.phone) : null,
    };
  }
}
