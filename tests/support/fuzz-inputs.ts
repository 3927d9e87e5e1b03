import { gzipSync } from 'node:zlib';
import fc from 'fast-check';

// Random and hostile request inputs for the robustness tests (tests/fuzz/). Each generator family
// aims at one way input has broken servers: wrong types, sizes around the body limit, nesting,
// MongoDB operators smuggled in as data, and unicode that breaks encoders.

/** The API's JSON body limit (cloud/src/config/config.default.ts bodyParser.jsonLimit). */
export const JSON_LIMIT = 256 * 1024;

export type FuzzBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string; data: string | Buffer; headers?: Record<string, string> };

export interface FuzzInput {
  family: string;
  body: FuzzBody;
  idempotencyKey: string | null;
  /** Replaces one path parameter with this raw (already %-encoded) segment. */
  param: { name: string; segment: string } | null;
  /** Raw query string (without `?`) or null. */
  query: string | null;
}

// ——— strings ———

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const oddChars = fc.constantFrom(
  '\u0000', // NUL
  '\u202E', // right-to-left override
  '\u200F', // right-to-left mark
  '\u200B', // zero-width space
  '\u200D', // zero-width joiner
  '\uFEFF', // byte-order mark
  '\u2028', // line separator (breaks naive JS embedding)
  '\u0301', // combining accent with nothing to combine with
  '\uFFFF',
  '\uFFFE',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '𠜎', // CJK extension B: outside the BMP
  'ﷺ',
  'ß',
  'İ',
  '\r\n',
  '\t',
  '"',
  '\\',
  '%00',
  '${x}',
  '{{7*7}}',
  '<script>',
  "'--",
  '../',
);
const oneCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const unit = fc.oneof(oddChars, loneSurrogate, oneCodePoint, fc.constantFrom('a', '中', ' '));

/** Short strings full of unicode edge cases (lone surrogates, RTL, zero-width, emoji, NUL). */
export const nastyString = fc.string({ unit, maxLength: 40 });

/** Long strings: from a few kB up to near the body limit once JSON-encoded. */
export const longString = fc
  .tuple(fc.constantFrom('x', '中', '😀', '\u0000', '\uD800', '\u202E'), fc.integer({ min: 1_000, max: 240_000 }))
  .map(([ch, bytes]) => {
    const size = Buffer.byteLength(JSON.stringify(ch)) - 2;
    return ch.repeat(Math.max(1, Math.floor(bytes / size)));
  });

// ——— structures ———

/** MongoDB query/update operators and paths, as a client could smuggle them in as data. */
const operatorObjects = fc.constantFrom<unknown>(
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000) || true' },
  { $regex: '.*', $options: 'si' },
  { $in: ['a', 1, null] },
  { $exists: true },
  { $expr: { $eq: [1, 1] } },
  { $function: { body: 'function(){return true}', args: [], lang: 'js' } },
  { $set: { roles: ['countyAdmin'] } },
  { $inc: { seats: 1000 } },
  { $lookup: { from: 'users', localField: 'a', foreignField: 'b', as: 'c' } },
  { 'a.b': 1 },
  { 'place.communityId': { $ne: null } },
  { $: 1 },
  { '.': 1 },
  JSON.parse('{"__proto__":{"isAdmin":true}}'),
  JSON.parse('{"constructor":{"prototype":{"isAdmin":true}}}'),
  { _bsontype: 'ObjectId', id: 'aaaaaaaaaaaa' },
  { $oid: '5f1d7a3b9c8e4a2b1c0d9e8f' },
  { $date: '2026-01-01T00:00:00Z' },
);

const hostileKey = fc.oneof(
  fc.constantFrom(
    '$where',
    '$gt',
    '$set',
    '$',
    'a.b',
    '.',
    '..',
    '__proto__',
    'constructor',
    'prototype',
    '_id',
    '__v',
    '\u0000',
    'a\u0000b',
    '',
    ' ',
    '\uD800',
    'roles',
    'owner',
    'status',
  ),
  nastyString,
);

/** Nesting far past the API's depth limit (12), as arrays, objects or both. */
const deepNesting = fc
  .tuple(fc.integer({ min: 10, max: 2_000 }), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, kind]) => {
    let v: unknown = 'bottom';
    for (let i = 0; i < depth; i++) {
      const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
      v = asArray ? [v] : { a: v };
    }
    return v;
  });

/** Values of the wrong type for almost any field. */
const wrongType = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, -0, 1e308, -1e308, 2 ** 53 + 1, 0.1, '', '0', 'null', [], {}),
  fc.integer(),
  fc.double(),
  fc.array(fc.oneof(fc.integer(), fc.constant(null), nastyString), { maxLength: 5 }),
  fc.array(fc.constant('x'), { minLength: 1_000, maxLength: 5_000 }),
  fc.dictionary(hostileKey, fc.oneof(fc.integer(), nastyString), { maxKeys: 4 }),
);

/** One hostile value of any family. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: wrongType, weight: 4 },
  { arbitrary: nastyString, weight: 4 },
  { arbitrary: operatorObjects, weight: 4 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: longString, weight: 1 },
  { arbitrary: fc.dictionary(hostileKey, operatorObjects, { minKeys: 1, maxKeys: 3 }), weight: 1 },
);

// ——— bodies ———

type Path = (string | number)[];

/** Every path into a JSON value (objects and arrays), root excluded. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value && typeof value === 'object'
      ? Object.entries(value)
      : [];
  for (const [k, v] of entries) {
    out.push([...prefix, k]);
    pathsOf(v, [...prefix, k], out);
  }
  return out;
}

/** Sets a value at a path (as an own property, even `__proto__`); a path an earlier edit cut short is left alone. */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    if (!node || typeof node !== 'object') return root;
    node = node[key] as Record<string | number, unknown>;
  }
  if (!node || typeof node !== 'object') return root;
  Object.defineProperty(node, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** A well-formed body with one to three places replaced by hostile values (reaches past the first checks). */
function mutated(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  return fc
    .array(fc.tuple(fc.nat(), hostileValue, fc.boolean(), hostileKey), { minLength: 1, maxLength: 3 })
    .map((edits) => {
      let body = structuredClone(base) as unknown;
      for (const [i, shared, addKey, key] of edits) {
        // Generated values can be shared between runs (constants): edit a copy, never the original.
        const value: unknown = JSON.parse(JSON.stringify(shared));
        if (addKey || !paths.length) {
          // A new field next to the real ones (unknown fields must be refused, operators never read).
          const at = paths.length ? paths[i % paths.length].slice(0, -1) : [];
          let parent: unknown = body;
          for (const k of at)
            parent = parent && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[k] : null;
          if (parent && typeof parent === 'object' && !Array.isArray(parent)) setAt(parent, [key], value);
          else body = setAt(body, [key], value);
        } else {
          body = setAt(body, paths[i % paths.length], value);
        }
      }
      return body;
    });
}

const KEEP = Symbol('keep');

/** Leaf paths (strings, numbers, booleans) with their values. */
function leavesOf(value: unknown, prefix: Path = [], out: [Path, unknown][] = []): [Path, unknown][] {
  if (Array.isArray(value)) value.forEach((v, i) => leavesOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leavesOf(v, [...prefix, k], out);
  else if (prefix.length) out.push([prefix, value]);
  return out;
}

/**
 * The well-formed body with the right types but hostile contents: free text becomes unicode edge cases
 * or long text, and now and then an id, code or number takes an edge value. Gets past type checks
 * into the use case and the database.
 */
function retyped(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const freeText = (v: string) => /[^ -~]|\s/.test(v); // not printable ASCII, or spaced
  const mediumString = fc
    .tuple(fc.constantFrom('x', '中', '😀', '\u0000', '\uD800', '\u202E'), fc.integer({ min: 100, max: 20_000 }))
    .map(([ch, n]) => ch.repeat(n));
  const edits = leavesOf(base).map(([, v]) => {
    if (typeof v === 'string' && freeText(v))
      return fc.oneof(
        { arbitrary: fc.constant<unknown>(KEEP), weight: 1 },
        { arbitrary: nastyString, weight: 3 },
        { arbitrary: mediumString, weight: 1 },
      );
    if (typeof v === 'string')
      return fc.oneof({ arbitrary: fc.constant<unknown>(KEEP), weight: 8 }, { arbitrary: nastyString, weight: 1 });
    if (typeof v === 'number')
      return fc.oneof(
        { arbitrary: fc.constant<unknown>(KEEP), weight: 4 },
        { arbitrary: fc.constantFrom<unknown>(0, -1, 1, 0.5, 2 ** 31, 1e9, Number.MAX_SAFE_INTEGER), weight: 1 },
      );
    return fc.constant<unknown>(KEEP);
  });
  const paths = leavesOf(base).map(([p]) => p);
  return fc.tuple(...edits).map((values) => {
    const body = structuredClone(base) as unknown;
    values.forEach((v, i) => v !== KEEP && setAt(body, paths[i], v));
    return body;
  });
}

/** Bytes that are not JSON, or JSON the body parser must refuse. */
const rawBodies: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc
    .constantFrom(
      '{',
      '{"a":',
      '[1,2',
      'nul',
      '{"a":1}}',
      "{'a':1}",
      '{"a":NaN}',
      '{"a":1,}',
      '//',
      '\u0000',
      '"\\ud800"',
    )
    .map((data) => ({ kind: 'raw' as const, contentType: 'application/json', data })),
  // Above the body limit: must be refused as too large, never parsed.
  fc.integer({ min: JSON_LIMIT + 1, max: JSON_LIMIT * 3 }).map((n) => ({
    kind: 'raw' as const,
    contentType: 'application/json',
    data: JSON.stringify({ description: 'x'.repeat(n) }),
  })),
  // Nesting too deep for a recursive parser.
  fc
    .integer({ min: 1_000, max: 100_000 })
    .map((n) => ({ kind: 'raw' as const, contentType: 'application/json', data: '['.repeat(n) + ']'.repeat(n) })),
  // Invalid UTF-8 (a CESU-8 surrogate, stray continuation and 0xFF bytes).
  fc.constantFrom([0xed, 0xa0, 0x80], [0x80, 0x80], [0xff, 0xfe], [0xc0, 0xaf]).map((bytes) => ({
    kind: 'raw' as const,
    contentType: 'application/json',
    data: Buffer.concat([Buffer.from('{"description":"'), Buffer.from(bytes), Buffer.from('"}')]),
  })),
  fc.constantFrom<FuzzBody>(
    { kind: 'raw', contentType: 'application/x-www-form-urlencoded', data: 'a[$gt]=&b.c=1&__proto__[x]=1' },
    { kind: 'raw', contentType: 'text/plain', data: '{"a":1}' },
    { kind: 'raw', contentType: 'application/json; charset=utf-16', data: '{"a":1}' },
    // Compression claimed but not applied, or cut short (gzip bomb-sized bodies are covered by the limit).
    { kind: 'raw', contentType: 'application/json', data: '{"a":1}', headers: { 'Content-Encoding': 'gzip' } },
    { kind: 'raw', contentType: 'application/json', data: '{"a":1}', headers: { 'Content-Encoding': 'br' } },
    {
      kind: 'raw',
      contentType: 'application/json',
      data: gzipSync('{"a":1}').subarray(0, 12),
      headers: { 'Content-Encoding': 'deflate' },
    },
    { kind: 'raw', contentType: 'application/json', data: '{"a":1}', headers: { 'Content-Encoding': 'compress' } },
    { kind: 'raw', contentType: 'multipart/form-data; boundary=x', data: '--x\r\n\r\n--x--' },
    { kind: 'raw', contentType: 'application/json', data: '' },
  ),
);

/** A request body: random JSON, a hostile value, the endpoint's own example gone bad, or raw bytes. */
export function bodyArbitrary(base: unknown): fc.Arbitrary<{ family: string; body: FuzzBody }> {
  const json = (family: string, arb: fc.Arbitrary<unknown>) =>
    arb.map((value) => ({ family, body: { kind: 'json' as const, value } }));
  const families = [
    { arbitrary: json('random', fc.jsonValue({ maxDepth: 4, stringUnit: unit })), weight: 2 },
    { arbitrary: json('hostile', hostileValue), weight: 2 },
    { arbitrary: rawBodies.map((body) => ({ family: 'raw', body })), weight: 2 },
  ];
  if (base && typeof base === 'object' && !Array.isArray(base)) {
    families.push({ arbitrary: json('mutated', mutated(base as Record<string, unknown>)), weight: 3 });
    families.push({ arbitrary: json('retyped', retyped(base as Record<string, unknown>)), weight: 4 });
  }
  return fc.oneof(...families);
}

const hostileSegment = fc
  .oneof(
    fc.constantFrom(
      '{"$gt":""}',
      '000000000000000000000000',
      'ffffffffffffffffffffffff',
      'FFFFFFFFFFFFFFFFFFFFFFFF',
      'null',
      'undefined',
      '[object Object]',
      '..',
      'a'.repeat(2_000),
      '$where',
      '\u0000',
    ),
    nastyString,
  )
  .map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return '%ED%A0%80'; // a lone surrogate, percent-encoded: invalid UTF-8
    }
  });

/** Everything of one request except the route: body, Idempotency-Key, maybe a hostile path segment or query. */
export function inputArbitrary(base: unknown, paramNames: string[]): fc.Arbitrary<FuzzInput> {
  /** `arb` in about one run of `every`, null otherwise. */
  const sometimes = <T>(arb: fc.Arbitrary<T>, every: number) =>
    fc.oneof({ arbitrary: fc.constant(null), weight: every - 1 }, { arbitrary: arb, weight: 1 });
  const key = fc.oneof(
    { arbitrary: fc.constant(null), weight: 4 },
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), weight: 4 },
    {
      arbitrary: fc.constantFrom('short', 'x'.repeat(200), '$where..', 'key with spaces', '../../etc/passwd'),
      weight: 1,
    },
  );
  const param = paramNames.length
    ? sometimes(
        fc.record({
          name: fc.constantFrom(...paramNames),
          segment: fc.oneof(hostileSegment, fc.constantFrom('%', '%zz')),
        }),
        8,
      )
    : fc.constant(null);
  const query = sometimes(
    fc.constantFrom('$where=1', 'a[$gt]=', 'page=-1&pageSize=1e9', '__proto__[x]=1', 'status=%00', 'a=%ED%A0%80'),
    10,
  );
  return fc
    .tuple(bodyArbitrary(base), key, param, query)
    .map(([b, idempotencyKey, p, q]) => ({ family: b.family, body: b.body, idempotencyKey, param: p, query: q }));
}

/** A short, printable account of an input (long strings and deep values cut). */
export function describeInput(input: FuzzInput): string {
  const cut = (v: unknown, depth = 0): unknown => {
    if (typeof v === 'string')
      return v.length > 60 ? `${JSON.stringify(v.slice(0, 20)).slice(1, -1)}…(${v.length} chars)` : v;
    if (depth > 4) return '…(deeper)';
    if (Array.isArray(v))
      return v.length > 8
        ? [...v.slice(0, 3).map((x) => cut(x, depth + 1)), `…(${v.length} items)`]
        : v.map((x) => cut(x, depth + 1));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cut(x, depth + 1)]));
    return v;
  };
  const body =
    input.body.kind === 'json'
      ? JSON.stringify(cut(input.body.value))
      : `${input.body.contentType} ${typeof input.body.data === 'string' ? JSON.stringify(cut(input.body.data)) : `bytes ${input.body.data.toString('hex').slice(0, 60)}`}${input.body.headers ? ` ${JSON.stringify(input.body.headers)}` : ''}`;
  return [
    `family=${input.family}`,
    `body=${body}`,
    input.idempotencyKey ? `Idempotency-Key=${input.idempotencyKey.slice(0, 40)}` : '',
    input.param ? `param ${input.param.name}=${input.param.segment.slice(0, 60)}` : '',
    input.query ? `query=${input.query}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
