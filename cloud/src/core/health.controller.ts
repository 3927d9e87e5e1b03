import { Controller, Get, Inject } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { AppError } from './app-error';
import { Db } from './db';

/** Liveness and readiness for load balancers and the start script. */
@Controller('/')
export class HealthController {
  @Inject()
  db!: Db;

  @Get('/healthz')
  async healthz() {
    return { status: 'ok' };
  }

  @Get('/readyz')
  async readyz(ctx: Context) {
    if (!(await this.db.ping())) {
      ctx.set('Retry-After', '5');
      throw new AppError('DB_UNAVAILABLE');
    }
    return { status: 'ready', db: 'up' };
  }
}
