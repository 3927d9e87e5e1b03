import { App, Configuration, ILifeCycle, ILogger, IMidwayContainer, Inject, Logger } from '@midwayjs/core';
import * as koa from '@midwayjs/koa';
import * as jwt from '@midwayjs/jwt';
import * as staticFile from '@midwayjs/static-file';
import defaultConfig from './config/config.default';
import type { Settings } from './config/settings';
import { Db } from './core/db';
import { RequestMiddleware } from './core/request.middleware';
import { securityHeaders } from './core/security-headers';
import { seedDemo } from './seed/seed-demo';
import { backfillOnce, type Backfill } from './core/backfill';
import { needPlaceKeys } from './needs/need-place-keys.backfill';
import { whistleBlownMonth } from './whistles/whistle-month.backfill';
import { GrantsService } from './grants/grants.service';
import { SetupService } from './grants/setup.service';
import { grantsFromRoles } from './grants/grants-from-roles.migration';
import { RateLimits } from './core/rate-limits';

@Configuration({
  imports: [koa, jwt, staticFile],
  importConfigs: [{ default: defaultConfig }],
})
export class MainConfiguration implements ILifeCycle {
  @App('koa')
  app!: koa.Application;

  @Inject()
  db!: Db;

  @Logger()
  logger!: ILogger;

  async onReady(container: IMidwayContainer): Promise<void> {
    // Outermost, so even body-parser failures and unknown routes get the one error shape.
    this.app.getMiddleware().insertFirst(RequestMiddleware as never);
    const settings = this.app.getConfig('gongzhi') as Settings;
    // Outside that: every answer (the H5 pages, the API, errors) carries the security headers.
    this.app.getMiddleware().insertFirst(securityHeaders(settings) as never);
    // The H5 is served from '/': without this, every API request would first look on disk for a
    // file of its path (a stat per request, 5–10 % of a list request's CPU) and could be shadowed by one.
    const statics = await container.getAsync(staticFile.StaticMiddleware);
    Object.assign(statics, { ignore: (ctx: koa.Context) => ctx.path.startsWith('/api/v1/') });
    // 限流: shared counters connected before the first request (with REDIS_URL).
    await (await container.getAsync(RateLimits)).ready();
    // Before serving: fields that lists and statistics filter on, on documents stored before them.
    await this.backfill(needPlaceKeys);
    await this.backfill(whistleBlownMonth);
    const grants = await container.getAsync(GrantsService);
    const moved = await grantsFromRoles(this.db, grants);
    if (moved) this.logger.info(`[migrate] ${moved} posts moved from accounts to grants`);
    if (settings.env !== 'production' && process.env.SEED_DEMO !== 'off' && (await seedDemo(this.db, grants))) {
      this.logger.info('[seed] demo county loaded');
    }
    // An empty production database: print the one-time code that makes the first county administrator.
    const setup = await (await container.getAsync(SetupService)).announce();
    if (setup) {
      const expires = setup.expiresAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
      const lines = [
        '',
        '共治通首次开通：登录后输入下面的开通码，成为第一位县级管理员（只能使用一次，' + expires + ' 前有效）',
        `  开通码  ${setup.code}`,
        `  网页版  ${setup.link}`,
        '  小程序  登录后在“我的”页面点“首次开通”，输入开通码',
        '',
      ];
      // On the console (the operator reads it there) and in the log.
      console.log(lines.join('\n'));
      this.logger.info(`[setup] one-time setup code printed (valid until ${setup.expiresAt.toISOString()})`);
    }
  }

  private async backfill<T>(backfill: Backfill<T>): Promise<void> {
    const n = await backfillOnce(this.db, backfill);
    if (n) this.logger.info(`[migrate] ${backfill.field} set on ${n} ${backfill.model.name} documents`);
  }
}
