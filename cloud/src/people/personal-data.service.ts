import { Config, Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { MyDataReaders } from '../audit/my-data-readers.service';
import type { MyDataExport } from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AuditLog } from '../audit/audit-log';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { PRINCIPAL_SOURCE, type Principal, type PrincipalSource } from '../core/principal';
import { personalDataProviders, type PersonalDataContext } from './personal-data';

/** Use cases of a person's rights over their data: export_my_data, erase_me. */
@Provide()
export class PersonalDataService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Config('gongzhi')
  settings!: Settings;

  @Inject()
  auditLog!: AuditLog;

  @Inject()
  readers!: MyDataReaders;

  @Inject(PRINCIPAL_SOURCE)
  principals!: PrincipalSource;

  async exportMyData(user: Principal): Promise<MyDataExport> {
    const ctx = this.context();
    const userId = new Types.ObjectId(user.userId);
    await this.auditLog.ownAction(user, ['export'], 'me:data', ctx.now);
    const areas: Record<string, unknown> = {};
    for (const p of personalDataProviders()) areas[p.area] = await p.exportFor(ctx, userId);
    const readers = await this.readers.all(user.userId);
    return { exportedAt: ctx.now.toISOString(), userId: user.userId, areas, readers };
  }

  async eraseMe(user: Principal): Promise<{ erasedAt: string; areas: string[] }> {
    const ctx = this.context();
    const userId = new Types.ObjectId(user.userId);
    // Logged first: if the deletion fails half-way, the log still says it was asked for (and it is retried).
    await this.auditLog.ownAction(user, ['erase'], 'me:erase', ctx.now);
    const areas: string[] = [];
    for (const p of personalDataProviders()) {
      await p.eraseFor(ctx, userId);
      areas.push(p.area);
    }
    // The account's tokens stop at the next request, on every instance.
    await this.principals.changed(user.userId);
    return { erasedAt: ctx.now.toISOString(), areas };
  }

  private context(): PersonalDataContext {
    return { db: this.db, settings: this.settings, now: this.clock.now() };
  }
}
