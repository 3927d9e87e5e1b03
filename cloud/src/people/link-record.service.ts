import { Config, Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { LINK_ATTEMPTS_PER_DAY, LINK_NO_MATCH_MESSAGE, localDateOf, type LinkRecordBody } from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { PRINCIPAL_SOURCE, type Principal, type PrincipalSource } from '../core/principal';
import { SignInService } from '../grants/sign-in.service';
import { linkMemberToUser } from '../party/member-links';
import { PartyMemberModel, type PartyMemberDoc } from '../party/party-member.model';
import { RecordLinkAttemptModel, RecordLinkModel, type RecordLink } from './join.model';
import { personalDataProviders, type PersonalDataContext } from './personal-data';
import { StaffMemberModel, type StaffMemberDoc } from './staff-member.model';
import { UserModel, WxIdentityModel, type User } from './user.model';

type RecordKind = 'resident' | 'volunteer' | 'partyMember' | 'staff';

const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * Use case link_my_record: a person imported by the community (志愿者, 党员, 社区工作人员) claims their
 * record with name + ID number, found through the ID number's blind index. An imported account
 * (residents, volunteers) becomes the person: the WeChat sign-in and the bare account's records move
 * to it. A roster entry without an account (党员, 工作人员) is linked to the asking account itself.
 */
@Provide()
export class LinkRecordService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  @Config('gongzhi')
  settings!: Settings;

  @Inject(PRINCIPAL_SOURCE)
  principals!: PrincipalSource;

  @Inject()
  signIn!: SignInService;

  async link(user: Principal, body: LinkRecordBody) {
    // A browser session would get a mini-program token back: linking is done in the mini-program.
    if (user.sessionId) throw new AppError('FORBIDDEN', '请在微信小程序里关联登记信息');
    const meId = new Types.ObjectId(user.userId);
    const hash = this.cipher.blindIndex('idNumber', body.idNumber);
    const me = await this.db.model(UserModel).findById(meId).lean<User>();
    if (!me) throw new AppError('TOKEN_INVALID');
    const earlier = await this.db.model(RecordLinkModel).findOne({ fromUserId: meId }).lean<RecordLink>();
    if ((earlier && earlier._id !== hash) || (!earlier && me.idNumberHash))
      throw new AppError('CONFLICT', '您的账号已经关联了登记信息，不能再关联别的记录');
    await this.takeAttempt(meId);

    const [imported, member, staff] = await Promise.all([
      this.db.model(UserModel).findOne({ idNumberHash: hash }).lean<User>(),
      this.db.model(PartyMemberModel).findOne({ idHash: hash }).lean<PartyMemberDoc>(),
      this.db.model(StaffMemberModel).findOne({ idHash: hash }).lean<StaffMemberDoc>(),
    ]);
    const person = imported && !imported.erasedAt && !imported.mergedInto ? imported : null;
    const names = [person?.name, member ? this.cipher.decrypt(member.nameEnc) : null, staff?.name].filter(
      (n): n is string => !!n,
    );
    const rosterName = names.find((n) => sameName(n, body.name));
    if (!rosterName) throw new AppError('NOT_FOUND', LINK_NO_MATCH_MESSAGE);
    const kinds: RecordKind[] = [
      ...((person?.roles ?? []).filter((r) => ['resident', 'volunteer', 'partyMember'].includes(r)) as RecordKind[]),
      ...(member && !person?.roles.includes('partyMember') ? (['partyMember'] as const) : []),
      ...(staff ? (['staff'] as const) : []),
    ];

    const target = person && !person._id.equals(meId) ? person._id : meId;
    if (!target.equals(meId)) {
      if (user.grants.length)
        throw new AppError('CONFLICT', '您的账号已有工作岗位，不能合并到登记信息，请联系县里的管理员处理');
      // Someone else's WeChat is already this person (a retry of our own link has moved ours there).
      if (!earlier && (await this.db.model(WxIdentityModel).exists({ userId: target }))) throw alreadyLinked();
    }
    if (member?.userId && !member.userId.equals(target) && !member.userId.equals(meId)) throw alreadyLinked();
    await this.claim(hash, meId, target);

    if (target.equals(meId)) await this.becomeRecord(meId, hash, body.idNumber, rosterName, member);
    else await this.merge(meId, target);
    await this.principals.changed(meId);
    await this.principals.changed(target);
    return { ...(await this.signIn.session(String(target))), recordKinds: [...new Set(kinds)] };
  }

  /** One insert per attempt, at most LINK_ATTEMPTS_PER_DAY a China day, however many run at once. */
  private async takeAttempt(userId: Types.ObjectId) {
    const now = this.clock.now();
    const day = localDateOf(now);
    for (let n = 1; n <= LINK_ATTEMPTS_PER_DAY; n++) {
      try {
        await this.db.model(RecordLinkAttemptModel).create({ _id: `${userId}:${day}:${n}`, userId, at: now });
        return;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    throw new AppError('RATE_LIMITED', '今天核对的次数已用完，请明天再试，或请社区工作人员帮您核对');
  }

  /** The insert decides: one account per record and one record per account. A retry of our own claim goes on. */
  private async claim(hash: string, fromUserId: Types.ObjectId, userId: Types.ObjectId) {
    try {
      await this.db.model(RecordLinkModel).create({ _id: hash, fromUserId, userId, at: this.clock.now() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const link = await this.db.model(RecordLinkModel).findById(hash).lean<RecordLink>();
      if (!link?.fromUserId.equals(fromUserId)) {
        if (!link) throw new AppError('CONFLICT', '您的账号已经关联了登记信息，不能再关联别的记录');
        throw alreadyLinked();
      }
    }
  }

  /** A roster entry without an account: the asking account takes its ID number and name. */
  private async becomeRecord(
    meId: Types.ObjectId,
    hash: string,
    idNumber: string,
    name: string,
    member: PartyMemberDoc | null,
  ) {
    await this.db.model(UserModel).updateOne(
      { _id: meId },
      {
        $set: { idNumberHash: hash, idNumberEnc: this.cipher.encrypt(idNumber), name },
        ...(member ? { $addToSet: { roles: 'partyMember' } } : {}),
      },
    );
    if (member) await linkMemberToUser(this.db, member._id, meId, 'idNumber', null, this.clock.now());
  }

  /** Every area moves its records (people last: it moves the sign-in and closes the bare account). */
  private async merge(from: Types.ObjectId, to: Types.ObjectId) {
    const ctx: PersonalDataContext = { db: this.db, settings: this.settings, now: this.clock.now() };
    for (const p of personalDataProviders()) await p.mergeInto?.(ctx, from, to);
  }
}

function alreadyLinked() {
  return new AppError('CONFLICT', '这份登记信息已经关联了另一个微信账号；如果不是您本人操作，请联系社区工作人员');
}
