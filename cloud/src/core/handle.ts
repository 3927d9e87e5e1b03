import { Del, Get, Patch, Post, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import {
  MAX_DEPTH,
  parseWith,
  type Endpoint,
  type BodyOf,
  type FieldError,
  type ParamsOf,
  type QueryOf,
  type z,
} from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from './app-error';
import type { Principal } from './principal';
import { Tokens } from './tokens';
import { Db } from './db';
import { IdempotencyModel } from './idempotency.model';
import { UserModel, type User } from '../people/user.model';
import { createHash } from 'node:crypto';

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
      const run = () => useCase.call(this, call as Call<E>);
      return def.idempotent ? oncePerKey(def, ctx, call.user, run) : run();
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
  const principal = tokens.verify(match[1]);
  // A deleted account's tokens stop working at once (tokens are stateless, so the account is checked).
  const db = await ctx.requestContext.getAsync(Db);
  const user = await db.model(UserModel).findById(principal.userId, { erasedAt: 1 }).lean<Pick<User, 'erasedAt'>>();
  if (!user || user.erasedAt) throw new AppError('TOKEN_INVALID');
  return principal;
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

  const fields: FieldError[] = [];
  const params = def.params ? parseWith(def.params, ctx.params ?? {}, 'params') : null;
  const query = def.query ? parseWith(def.query, { ...ctx.query }, 'query') : null;
  const rawBody = (ctx.request as { body?: unknown }).body;
  const body = def.body ? parseWith(def.body, rawBody ?? {}, 'body') : null;
  for (const r of [params, query, body]) if (r && !r.ok) fields.push(...r.fields);
  for (const [where, input] of [
    ['params', def.params && ctx.params],
    ['query', def.query && ctx.query],
    ['body', def.body && rawBody],
  ] as const) {
    const nul = findNul(input, where);
    if (nul && !fields.some((f) => f.path === nul.path)) fields.push(nul);
  }
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

/**
 * The first string (or key) holding a NUL character. Nobody types one, and PostgreSQL (FerretDB's
 * other backend) cannot store it: the insert fails with SQLSTATE 22P05, which would be a 500.
 */
function findNul(value: unknown, path: string, depth = 0): FieldError | null {
  if (typeof value === 'string')
    return value.includes('\u0000') ? { path, message: '不能包含空字符（\\u0000）' } : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [key, v] of Object.entries(value)) {
    const here = `${path}.${key}`;
    if (key.includes('\u0000')) return { path: here, message: '字段名不能包含空字符' };
    const hit = findNul(v, here, depth + 1);
    if (hit) return hit;
  }
  return null;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * Runs a creating use case at most once per Idempotency-Key: the first request inserts a record
 * (the primary key holds the race), later ones get its stored result. Without a key, runs as is.
 */
async function oncePerKey(def: Endpoint, ctx: Context, user: Principal | null, run: () => Promise<unknown>) {
  const key = ctx.get('idempotency-key');
  if (!key) return run();
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('VALIDATION_FAILED', undefined, [
      { path: 'header.Idempotency-Key', message: '请求编号应为 8–128 位字母、数字、- 或 _' },
    ]);
  }
  const db = await ctx.requestContext.getAsync(Db);
  const records = db.model(IdempotencyModel);
  const id = `${user?.userId ?? 'anonymous'}:${def.id}:${key}`;
  // Only a body the endpoint reads is hashed: it passed the depth check, so JSON.stringify cannot
  // overflow the stack (an endpoint without a body schema, e.g. createUpload, ignores parsed JSON).
  const body = def.body ? ((ctx.request as { body?: unknown }).body ?? null) : null;
  const bodyHash = createHash('sha256').update(ctx.path).update(JSON.stringify(body)).digest('hex');
  try {
    await records.create({ _id: id, bodyHash, status: null, response: null, createdAt: new Date() });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const first = await records.findById(id).lean();
    if (!first) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    if (first.bodyHash !== bodyHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (first.status === null || first.response === null) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    ctx.status = first.status;
    ctx.set('Idempotent-Replayed', 'true');
    return JSON.parse(first.response);
  }
  try {
    const result = await run();
    await records.updateOne(
      { _id: id },
      { $set: { status: ctx.status === 404 ? 200 : ctx.status, response: JSON.stringify(result ?? null) } },
    );
    return result;
  } catch (err) {
    // A failed attempt leaves nothing behind: the client may retry with the same key.
    await records.deleteOne({ _id: id }).catch(() => undefined);
    throw err;
  }
}
