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
import { mountedRoutes, type Settings } from '../config/settings';
import { AppError } from './app-error';
import { PRINCIPAL_SOURCE, type Principal, type PrincipalSource } from './principal';
import { Tokens } from './tokens';
import { readRawBody, type RawBody } from './raw-body';
import { Db, isDuplicateKey } from './db';
import { Clock } from './clock';
import { IdempotencyModel, IdempotencyTakeoverModel, type IdempotencyRecord } from './idempotency.model';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { EXPENSIVE_PAGE_SIZE, RATE_LIMIT_GROUP_RULES, RATE_LIMIT_RULES, RateLimits, WRITE_RULES } from './rate-limits';

/** What a use case receives: validated input and the caller. */
export interface Call<E extends Endpoint> {
  body: BodyOf<E>;
  query: QueryOf<E>;
  params: ParamsOf<E>;
  /** null only on `public` endpoints called without a token. */
  user: E['access'] extends 'public' ? Principal | null : Principal;
  ctx: Context;
  /**
   * On an `idempotent` endpoint called with an Idempotency-Key: the `_id` to give the created
   * record, the same on every retry of that key, so a re-run after a crash finds the first
   * attempt's record (duplicate key) instead of storing a second one. Otherwise null.
   */
  keyedId: Types.ObjectId | null;
  /** On a `rawBody` endpoint: the file's bytes, read before the idempotency check. Otherwise null. */
  raw: RawBody | null;
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
      const leave = await enterExpensiveRead(def, ctx, call.user);
      try {
        const raw = def.rawBody ? await readRawBody(ctx.req, def.rawBody.maxBytes) : null;
        const run = (keyedId: Types.ObjectId | null) => useCase.call(this, { ...call, keyedId, raw } as Call<E>);
        return await (def.idempotent ? oncePerKey(def, ctx, call.user, raw, run) : run(null));
      } finally {
        leave?.();
      }
    };
    desc.value = wrapped as unknown as M;
    // Production mounts no development-only endpoint at all (it answers as an unknown route).
    if (def.devOnly && !mountedRoutes().devOnly) return;
    ROUTE_DECORATORS[def.method](def.path, { summary: def.summary, description: def.id })(target, key, desc);
  };
}

/**
 * 限流 (cloud/src/core/rate-limits.ts): every write counts per account (the address when nobody is
 * signed in) and per address, under its endpoint's own group of rules when it has one, before its
 * input is even read. Over a limit: 429 RATE_LIMITED with Retry-After.
 */
async function countWrite(def: Endpoint, ctx: Context, user: Principal | null): Promise<void> {
  if (def.method === 'get') return;
  const limits = await ctx.requestContext.getAsync(RateLimits);
  const account = user ? `u:${user.userId}` : `ip:${ctx.ip}`;
  const rules = def.limit ? RATE_LIMIT_GROUP_RULES[def.limit] : WRITE_RULES;
  await limits.take(...rules.map((name) => [name, RATE_LIMIT_RULES[name].by === 'ip' ? ctx.ip : account] as const));
}

/**
 * An expensive read (a page of EXPENSIVE_PAGE_SIZE rows or more, or an endpoint marked `expensive`:
 * the exports) takes one of the account's few concurrent read slots on this instance, given back by
 * the returned function; none free: 429.
 */
async function enterExpensiveRead(def: Endpoint, ctx: Context, user: Principal | null) {
  if (def.method !== 'get' || !(def.expensive || Number(ctx.query.pageSize) >= EXPENSIVE_PAGE_SIZE)) return null;
  const limits = await ctx.requestContext.getAsync(RateLimits);
  return limits.enterRead(user ? `u:${user.userId}` : `ip:${ctx.ip}`);
}

async function authenticate(ctx: Context): Promise<Principal | null> {
  const header = ctx.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match) throw new AppError('TOKEN_INVALID');
  const tokens = await ctx.requestContext.getAsync(Tokens);
  const claims = tokens.verify(match[1]);
  // Roles, places and the account's state are read per request (cached; a change invalidates the
  // cache on every instance), never taken from the token: a revoked grant stops at the next request.
  const source = await ctx.requestContext.getAsync<PrincipalSource>(PRINCIPAL_SOURCE);
  return source.resolve(claims);
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
  await countWrite(def, ctx, user);

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
 * How long an unfinished attempt owns its key. A live create answers within seconds; a record still
 * unfinished after this belongs to a process that died or lost its database mid-request, and a retry
 * takes it over. Taking over a slow live attempt is safe too: the re-run inserts under the same
 * keyed id (see `Call.keyedId`), so it finds the first attempt's record instead of storing a second.
 */
export const IDEMPOTENCY_LEASE_MS = 10_000;

/**
 * Runs a creating use case at most once per Idempotency-Key: the first request inserts a record
 * (the primary key holds the race), later ones get its stored result, or 409 while it runs.
 * Without a key, runs as is.
 */
async function oncePerKey(
  def: Endpoint,
  ctx: Context,
  user: Principal | null,
  raw: RawBody | null,
  run: (keyedId: Types.ObjectId | null) => Promise<unknown>,
) {
  const key = ctx.get('idempotency-key');
  if (!key) return run(null);
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('VALIDATION_FAILED', undefined, [
      { path: 'header.Idempotency-Key', message: '请求编号应为 8–128 位字母、数字、- 或 _' },
    ]);
  }
  const db = await ctx.requestContext.getAsync(Db);
  const clock = await ctx.requestContext.getAsync(Clock);
  const records = db.model(IdempotencyModel);
  const id = `${user?.userId ?? 'anonymous'}:${def.id}:${key}`;
  // Only a body the endpoint reads is hashed: it passed the depth check, so JSON.stringify cannot
  // overflow the stack. A file's bytes count too: the same key with another photo is another request.
  const body = def.body ? ((ctx.request as { body?: unknown }).body ?? null) : null;
  const hash = createHash('sha256').update(ctx.path).update(JSON.stringify(body));
  if (raw) hash.update(raw.tooLarge ? 'too-large' : raw.bytes).update(ctx.get('content-type'));
  const bodyHash = hash.digest('hex');
  const now = clock.now();
  let owned: { createdAt: Date; attempt: number };
  try {
    const leaseUntil = new Date(now.getTime() + IDEMPOTENCY_LEASE_MS);
    await records.create({ _id: id, bodyHash, status: null, response: null, createdAt: now, leaseUntil, attempt: 0 });
    owned = { createdAt: now, attempt: 0 };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const first = await records.findById(id).lean<IdempotencyRecord>();
    if (!first) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    if (first.bodyHash !== bodyHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (first.status !== null && first.response !== null) {
      ctx.status = first.status;
      ctx.set('Idempotent-Replayed', 'true');
      return JSON.parse(first.response);
    }
    owned = await takeOver(db, first, now, ctx);
  }
  try {
    const result = await run(keyedObjectId(id, owned.createdAt));
    await records.updateOne(
      { _id: id },
      { $set: { status: ctx.status === 404 ? 200 : ctx.status, response: JSON.stringify(result ?? null) } },
    );
    return result;
  } catch (err) {
    // A failed attempt leaves nothing behind: the client may retry with the same key. (Only our own
    // attempt's record: one that was taken over from us belongs to the taker now.)
    await records.deleteOne({ _id: id, attempt: owned.attempt }).catch(() => undefined);
    throw err;
  }
}

/**
 * Takes over an unfinished record whose lease ran out, or refuses with 409 (and Retry-After) while
 * it is live. The takeover insert decides between retries racing for the same stale record.
 */
async function takeOver(db: Db, first: IdempotencyRecord, now: Date, ctx: Context) {
  const leaseUntil = first.leaseUntil ?? new Date(first.createdAt.getTime() + IDEMPOTENCY_LEASE_MS);
  const refuse = (untilMs: number) => {
    ctx.set('Retry-After', String(Math.max(1, Math.ceil((untilMs - now.getTime()) / 1000))));
    return new AppError('IDEMPOTENCY_IN_PROGRESS');
  };
  if (leaseUntil > now) throw refuse(leaseUntil.getTime());
  const attempt = (first.attempt ?? 0) + 1;
  try {
    await db
      .model(IdempotencyTakeoverModel)
      .create({ _id: `${first._id}#${first.createdAt.getTime()}#${attempt}`, createdAt: now });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    throw refuse(now.getTime() + IDEMPOTENCY_LEASE_MS); // another retry took it over just now
  }
  await db
    .model(IdempotencyModel)
    .updateOne({ _id: first._id }, { $set: { attempt, leaseUntil: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS) } });
  return { createdAt: first.createdAt, attempt };
}

/**
 * The id a creating use case gives the record it creates for this key: the same on every attempt,
 * so a re-run after a crash collides with what the first attempt stored. Its time part is when the
 * key was first seen (ids still sort by creation); the rest comes from the caller, endpoint and key.
 */
function keyedObjectId(recordId: string, firstSeen: Date): Types.ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(firstSeen.getTime() / 1000), 0);
  createHash('sha256').update(recordId).digest().copy(bytes, 4, 0, 8);
  return new Types.ObjectId(bytes);
}
