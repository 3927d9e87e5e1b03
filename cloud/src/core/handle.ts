import { Del, Get, Patch, Post, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { parseWith, type Endpoint, type BodyOf, type ParamsOf, type QueryOf, type z } from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from './app-error';
import type { Principal } from './principal';
import { Tokens } from './tokens';

/** What a use case receives: validated input and the caller. */
export interface Call<E extends Endpoint> {
  body: BodyOf<E>;
  query: QueryOf<E>;
  params: ParamsOf<E>;
  /** null only on `public` endpoints called without a token. */
  user: E['access'] extends 'public' ? Principal | null : Principal;
  ctx: Context;
}

/** What a use case must return: the response schema's input (it is serialised as is). */
type ResponseIn<E extends Endpoint> = z.input<E['response']>;

const ROUTE_DECORATORS = { get: Get, post: Post, put: Put, patch: Patch, delete: Del } as const;

/**
 * Binds a controller method to an endpoint of the shared contract: mounts the route, then on
 * every request checks who may call it (deny by default) and validates params, query and body
 * with the shared schemas before the method runs. The method receives a `Call`.
 */
export function Handle<E extends Endpoint>(def: E) {
  return <M extends (call: Call<E>) => Promise<ResponseIn<E>>>(
    target: object,
    key: string,
    desc: TypedPropertyDescriptor<M>,
  ) => {
    const useCase = desc.value!;
    const wrapped = async function (this: unknown, ctx: Context) {
      const call = await prepareCall(def, ctx);
      return useCase.call(this, call as Call<E>);
    };
    desc.value = wrapped as unknown as M;
    ROUTE_DECORATORS[def.method](def.path, { summary: def.summary, description: def.id })(target, key, desc);
  };
}

async function authenticate(ctx: Context): Promise<Principal | null> {
  const header = ctx.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match) throw new AppError('TOKEN_INVALID');
  const tokens = await ctx.requestContext.getAsync(Tokens);
  return tokens.verify(match[1]);
}

async function prepareCall(def: Endpoint, ctx: Context) {
  const settings = ctx.app.getConfig('gongzhi') as Settings;
  if (def.devOnly && !settings.devLogin) throw new AppError('DEV_LOGIN_DISABLED');

  let user: Principal | null = null;
  if (def.access !== 'public') {
    user = await authenticate(ctx);
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (def.access !== 'signedIn' && !user.roles.some((r) => def.access.includes(r))) {
      throw new AppError('FORBIDDEN');
    }
  }
  (ctx as Context & { principal?: Principal | null }).principal = user;

  const fields = [];
  const params = def.params ? parseWith(def.params, ctx.params ?? {}, 'params') : null;
  const query = def.query ? parseWith(def.query, { ...ctx.query }, 'query') : null;
  const rawBody = (ctx.request as { body?: unknown }).body;
  const body = def.body ? parseWith(def.body, rawBody ?? {}, 'body') : null;
  for (const r of [params, query, body]) if (r && !r.ok) fields.push(...r.fields);
  if (!def.query && Object.keys(ctx.query).length > 0) {
    fields.push(...Object.keys(ctx.query).map((k) => ({ path: `query.${k}`, message: '不允许的参数' })));
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);

  return {
    params: params?.ok ? params.data : undefined,
    query: query?.ok ? query.data : undefined,
    body: body?.ok ? body.data : undefined,
    user,
    ctx,
  };
}
