import { z } from 'zod';
// The one locale we need, imported by path: `z.locales.zhCN` would pull every locale into the app.
import zhCN from 'zod/v4/locales/zh-CN.cjs';
import type { FieldError } from './errors';
import { cleanStrings } from './text-input';

// People read these messages: Chinese everywhere, on both sides.
z.config(zhCN());
// In the app (a browser, or the mini-program runtime) zod interprets its schemas: its compiler uses
// `new Function`, which the H5 Content-Security-Policy and WeChat forbid, and zod's probe for it shows
// as a blocked eval. Set here, before any schema parses. The API (Node) keeps the faster compiler.
const host = globalThis as { window?: unknown; wx?: unknown };
if (host.window !== undefined || host.wx !== undefined) z.config({ jitless: true });

export { z };

export type ParseResult<T> = { ok: true; data: T } | { ok: false; fields: FieldError[] };

/** Deepest nesting a request body may have; deeper input is refused before schema checks. */
export const MAX_DEPTH = 12;

/**
 * Finds the first key that MongoDB could read as an operator or a path (`$gt`, `a.b`), or a
 * nesting deeper than MAX_DEPTH. Returns the failing field, or null when the value is safe.
 */
export function findUnsafeKey(value: unknown, path = '', depth = 0): FieldError | null {
  if (depth > MAX_DEPTH) return { path: path || '(root)', message: '嵌套层级过深' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnsafeKey(value[i], `${path}.${i}`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const here = path ? `${path}.${key}` : key;
      if (key.startsWith('$') || key.includes('.') || key === '__proto__' || key === 'constructor') {
        return { path: here, message: '字段名不合法' };
      }
      const hit = findUnsafeKey((value as Record<string, unknown>)[key], here, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/** Turns zod issues into the API's field list, prefixed with where the input came from. */
export function toFieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const tail = issue.path.map(String).join('.');
    const path = [prefix, tail].filter(Boolean).join('.') || prefix || '(root)';
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `不允许的字段：${issue.keys.join('、')}` };
    }
    return { path, message: issue.message };
  });
}

/** Validates with a shared schema: the mini-program's forms and the API call this same function. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): ParseResult<z.output<S>> {
  const unsafe = findUnsafeKey(value, prefix);
  if (unsafe) return { ok: false, fields: [unsafe] };
  const clean = cleanStrings(value, prefix);
  if (!clean.ok) return { ok: false, fields: [clean.field] };
  const result = schema.safeParse(clean.value);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fields: toFieldErrors(result.error, prefix) };
}

// Building blocks reused by every area's schemas.
export const objectId = z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确');
export const mobilePhone = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');
export const page = z.coerce.number().int().min(1).max(10_000).default(1);
export const pageSize = z.coerce.number().int().min(1).max(100).default(20);

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
