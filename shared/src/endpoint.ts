import type { z } from './validation';
import type { Role } from './roles';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * 限流: every write (POST/PUT/PATCH/DELETE) is limited per account and per IP; an endpoint in one
 * of these groups takes the group's own limits instead (tighter, and per IP too). The numbers are
 * in one table, cloud/src/core/rate-limits.ts.
 */
export const RATE_LIMIT_GROUPS = ['signIn', 'upload', 'certificate', 'import'] as const;
export type RateLimitGroup = (typeof RATE_LIMIT_GROUPS)[number];

/**
 * Who may call an endpoint. Deny by default: an endpoint names its roles, or says `public`
 * (no sign-in) or `signedIn` (any role). Object-level scope is checked inside the use case.
 */
export type Access = 'public' | 'signedIn' | readonly Role[];

/** One endpoint of the API contract: the server routes, validates and documents from it; the client calls through it. */
export interface Endpoint<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  /** verb-noun name of the use case, unique: `listMenu`, `devLogin`. */
  id: string;
  method: HttpMethod;
  /** Full path with `:param` segments, under /api/v1. */
  path: string;
  /** Chinese one-liner for the API docs. */
  summary: string;
  /** Longer Chinese text for the API docs when a one-liner is not enough (e.g. how a figure is defined). */
  description?: string;
  tag: string;
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  response: R;
  /** Refused with DEV_LOGIN_DISABLED when NODE_ENV=production. */
  devOnly?: boolean;
  /** Example request body for the docs. */
  example?: unknown;
  /**
   * A creating request: takes an `Idempotency-Key` header, and a retry with the same key returns
   * the first result instead of creating a duplicate.
   */
  idempotent?: boolean;
  /**
   * The body is a file's bytes (a photo, a spreadsheet), not JSON: read before the use case, up to
   * `maxBytes` (the use case answers 413 beyond). An idempotency key then covers these bytes.
   */
  rawBody?: { maxBytes: number };
  /** 限流: the endpoint's own group of rate limits (see RATE_LIMIT_GROUPS) instead of every write's. */
  limit?: RateLimitGroup;
  /**
   * 限流: a read that costs much (an export, a PDF): like a page of 50 rows or more, it takes one of
   * the account's few concurrent read slots.
   */
  expensive?: boolean;
}

export function endpoint<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(def: Endpoint<B, Q, P, R>): Endpoint<B, Q, P, R> {
  return def;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;
type In<T> = T extends z.ZodType ? z.input<T> : undefined;

export type BodyOf<E> = E extends Endpoint<infer B, any, any, any> ? Out<B> : never;
export type QueryOf<E> = E extends Endpoint<any, infer Q, any, any> ? Out<Q> : never;
export type ParamsOf<E> = E extends Endpoint<any, any, infer P, any> ? Out<P> : never;
export type ResponseOf<E> = E extends Endpoint<any, any, any, infer R> ? z.output<R> : never;

/** What a client passes to call an endpoint. */
export type CallInput<E> =
  E extends Endpoint<infer B, infer Q, infer P, any>
    ? (B extends z.ZodType ? { body: In<B> } : { body?: undefined }) &
        (Q extends z.ZodType ? { query?: In<Q> } : { query?: undefined }) &
        (P extends z.ZodType ? { params: In<P> } : { params?: undefined })
    : never;

/** Fills `:param` segments of a path. */
export function buildPath(path: string, params?: Record<string, string | number>): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
