import { timingSafeEqual } from 'node:crypto';
import { Config, Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { SessionUser } from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { randomCode } from '../core/random-code';
import { OrgModel, type Org } from '../org/org.model';
import { UserModel } from '../people/user.model';
import { GrantsService } from './grants.service';
import { SessionUsers } from './session-users';
import { SetupClaimModel, SetupCodeModel, type SetupCode } from './setup.model';

const SETUP_HOURS = 24;
export const SETUP_PAGE = 'packages/account/setup/index';

/**
 * First run (首次开通): an empty production database prints a one-time code at start; whoever signs in
 * and enters it becomes the first county administrator, and the code is dead from then on.
 * Use cases: announce (at start-up), setup_status, claim_setup.
 */
@Provide()
export class SetupService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  @Inject()
  grants!: GrantsService;

  @Inject()
  sessionUsers!: SessionUsers;

  @Config('gongzhi')
  settings!: Settings;

  /** Setup is needed until the code was claimed, on a database without any county administrator. */
  async needed(): Promise<boolean> {
    if (await this.db.model(SetupClaimModel).exists({ _id: 'setup' })) return false;
    return (await this.grants.holders('countyAdmin')).length === 0;
  }

  /**
   * The code and link to print at start-up, or null when setup is done. A restart within the code's
   * lifetime prints the same code (several instances starting together agree through the stored one).
   */
  async announce(): Promise<{ code: string; link: string; expiresAt: Date } | null> {
    if (!(await this.needed())) return null;
    const codes = this.db.model(SetupCodeModel);
    const now = this.clock.now();
    let stored = await codes.findById('setup').lean<SetupCode>();
    if (stored && stored.expiresAt <= now) {
      await codes.deleteOne({ _id: 'setup', expiresAt: stored.expiresAt });
      stored = null;
    }
    if (!stored) {
      const code = [randomCode(4), randomCode(4), randomCode(4)].join('-');
      const fresh = {
        _id: 'setup' as const,
        codeEnc: this.cipher.encrypt(code),
        createdAt: now,
        expiresAt: new Date(now.getTime() + SETUP_HOURS * 3_600_000),
      };
      try {
        await codes.create(fresh);
        stored = fresh;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        stored = await codes.findById('setup').lean<SetupCode>();
      }
    }
    const code = this.cipher.decrypt(stored!.codeEnc);
    return { code, link: `${this.settings.publicUrl}/#/${SETUP_PAGE}?code=${code}`, expiresAt: stored!.expiresAt };
  }

  async claim(
    user: Principal,
    body: { code: string; countyName: string; name: string },
  ): Promise<{ user: SessionUser }> {
    const now = this.clock.now();
    const stored = await this.db.model(SetupCodeModel).findById('setup').lean<SetupCode>();
    const wrong = () => {
      const message = '开通码不正确或已失效，请查看服务器启动时打印的开通码';
      return new AppError('VALIDATION_FAILED', message, [{ path: 'body.code', message }]);
    };
    if (!(await this.needed())) throw new AppError('INVALID_TRANSITION', '系统已经开通，请向县级管理员索取邀请');
    if (!stored || stored.expiresAt <= now || !sameText(this.cipher.decrypt(stored.codeEnc), body.code)) throw wrong();
    const me = new Types.ObjectId(user.userId);
    try {
      await this.db.model(SetupClaimModel).create({ _id: 'setup', personId: me, at: now });
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('INVALID_TRANSITION', '开通码刚刚已被使用，请向县级管理员索取邀请');
      throw err;
    }
    // The county is the root of the tree everything else will be imported or created under.
    const orgs = this.db.model(OrgModel);
    const county =
      (await orgs.findOne({ kind: 'county' }).lean<Org>()) ??
      (await orgs.create({ kind: 'county', name: body.countyName, parentId: null, ancestors: [] })).toObject<Org>();
    await this.db.model(UserModel).updateOne({ _id: me }, { $set: { name: body.name } });
    await this.grants.grantRole({ personId: me, role: 'countyAdmin', placeId: county._id, grantedBy: null });
    await this.db.model(SetupCodeModel).deleteOne({ _id: 'setup' });
    return { user: await this.sessionUsers.of(user.userId) };
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
