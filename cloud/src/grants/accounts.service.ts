import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { UserModel, type User } from '../people/user.model';
import { Principals } from './principals';

/** Use cases of accounts: disable_account, enable_account (county administrators). */
@Provide()
export class AccountsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  principals!: Principals;

  async disable(user: Principal, id: string, reason: string) {
    if (id === user.userId) throw new AppError('CONFLICT', '不能停用自己的账号');
    const target = await this.find(id);
    await this.db
      .model(UserModel)
      .updateOne(
        { _id: target._id },
        { $set: { disabledAt: target.disabledAt ?? this.clock.now(), disabledReason: reason } },
      );
    await this.principals.changed(target._id);
    return { id, disabled: true, roles: target.roles };
  }

  async enable(_user: Principal, id: string) {
    const target = await this.find(id);
    await this.db.model(UserModel).updateOne({ _id: target._id }, { $set: { disabledAt: null, disabledReason: null } });
    await this.principals.changed(target._id);
    return { id, disabled: false, roles: target.roles };
  }

  private async find(id: string): Promise<User> {
    const target = await this.db.model(UserModel).findById(new Types.ObjectId(id)).lean<User>();
    if (!target || target.erasedAt || target.mergedInto) throw new AppError('NOT_FOUND', '没有找到这个账号');
    return target;
  }
}
