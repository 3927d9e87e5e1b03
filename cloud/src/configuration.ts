import { App, Configuration, ILifeCycle, ILogger, IMidwayContainer, Inject, Logger } from '@midwayjs/core';
import * as koa from '@midwayjs/koa';
import * as jwt from '@midwayjs/jwt';
import * as staticFile from '@midwayjs/static-file';
import defaultConfig from './config/config.default';
import type { Settings } from './config/settings';
import { Db } from './core/db';
import { RequestMiddleware } from './core/request.middleware';
import { seedDemo } from './seed/seed-demo';
import { backfillNeedPlaceKeys } from './needs/need-place-keys.backfill';
import { backfillWhistleMonths } from './whistles/whistle-month.backfill';

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
    // The H5 is served from '/': without this, every API request would first look on disk for a
    // file of its path (a stat per request, 5–10 % of a list request's CPU) and could be shadowed by one.
    const statics = await container.getAsync(staticFile.StaticMiddleware);
    Object.assign(statics, { ignore: (ctx: koa.Context) => ctx.path.startsWith('/api/v1/') });
    const settings = this.app.getConfig('gongzhi') as Settings;
    // Before serving: the inbox scopes by placeKeys, so needs stored without them would be missed.
    const backfilled = await backfillNeedPlaceKeys(this.db);
    if (backfilled) this.logger.info(`[migrate] placeKeys set on ${backfilled} needs`);
    // The statistics read whistles month by month (blownMonth), so whistles without one would be missed.
    const months = await backfillWhistleMonths(this.db);
    if (months) this.logger.info(`[migrate] blownMonth set on ${months} whistles`);
    if (settings.env !== 'production' && process.env.SEED_DEMO !== 'off' && (await seedDemo(this.db))) {
      this.logger.info('[seed] demo county loaded');
    }
  }
}
