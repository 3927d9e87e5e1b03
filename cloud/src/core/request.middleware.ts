import { randomUUID } from 'node:crypto';
import { ILogger, IMiddleware, Logger, Middleware } from '@midwayjs/core';
import type { Context, NextFunction } from '@midwayjs/koa';
import { toAppError } from './app-error';
import type { Principal } from './principal';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Outermost middleware: gives every request an id (echoed as X-Request-Id), turns every error
 * into the API's one shape, and writes one structured log line per request.
 */
@Middleware()
export class RequestMiddleware implements IMiddleware<Context, NextFunction> {
  @Logger('accessLogger')
  accessLogger!: ILogger;

  @Logger()
  logger!: ILogger;

  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      const incoming = ctx.get('x-request-id');
      const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
      (ctx as Context & { traceId: string }).traceId = requestId;
      ctx.set('X-Request-Id', requestId);
      const started = Date.now();
      try {
        await next();
        if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
          throw Object.assign(new Error('no route'), { status: 404 });
        }
      } catch (err) {
        const appError = toAppError(err);
        if (appError.status >= 500) this.logger.error('[%s] %s %s failed: %s', requestId, ctx.method, ctx.path, err);
        ctx.status = appError.status;
        if (appError.retryAfterSec) ctx.set('Retry-After', String(appError.retryAfterSec));
        ctx.body = { ...appError.toBody(), requestId };
      } finally {
        const user = (ctx as Context & { principal?: Principal | null }).principal;
        this.accessLogger.info(
          JSON.stringify({
            requestId,
            method: ctx.method,
            path: ctx.path,
            status: ctx.status,
            ms: Date.now() - started,
            userId: user?.userId ?? null,
          }),
        );
      }
    };
  }

  static getName() {
    return 'request';
  }
}
