import type { FieldError } from './errors';

/**
 * Characters nobody sees: C0/C1 controls (tab and line breaks excepted), zero-width spaces and
 * joiners, the word joiner, the byte-order mark, soft hyphen and bidirectional overrides (which can
 * make a text read differently from what it holds). Removed from every string a form or request sends.
 */
const ALWAYS_INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Zero-width joiners hold emoji sequences together (👨‍👩‍👧): kept inside a text, but they alone are nothing. */
const JOINERS = /[\u200C\u200D]/g;

/** The first index of an unpaired surrogate, or -1: such a string is not text any store can keep. */
export function unpairedSurrogateAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

/** A string without its invisible characters; one made only of them (and spaces) becomes empty. */
export function visibleText(s: string): string {
  const cleaned = s.replace(ALWAYS_INVISIBLE, '');
  return cleaned.replace(JOINERS, '').trim() ? cleaned : '';
}

export type CleanResult = { ok: true; value: unknown } | { ok: false; field: FieldError };

/**
 * Every string of an input (any depth) through `visibleText`; an unpaired surrogate is refused
 * (stored, it would silently become "�"). Runs before the schemas, on both sides, so `min(1)` after
 * `trim()` also refuses a text of zero-width characters.
 */
export function cleanStrings(value: unknown, path: string, depth = 0): CleanResult {
  if (typeof value === 'string') {
    if (unpairedSurrogateAt(value) >= 0)
      return { ok: false, field: { path, message: '包含无法识别的字符，请重新输入' } };
    return { ok: true, value: visibleText(value) };
  }
  if (value === null || typeof value !== 'object' || depth > 32) return { ok: true, value };
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const r = cleanStrings(value[i], `${path}.${i}`, depth + 1);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  // Plain JSON objects only: anything else (a Buffer, a Date) is passed as it is.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return { ok: true, value };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (unpairedSurrogateAt(key) >= 0) return { ok: false, field: { path: here, message: '字段名包含无法识别的字符' } };
    const r = cleanStrings(v, here, depth + 1);
    if (!r.ok) return r;
    out[key] = r.value;
  }
  return { ok: true, value: out };
}
