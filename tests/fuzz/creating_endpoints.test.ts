import { createHash } from 'node:crypto';
import * as path from 'node:path';
import fc from 'fast-check';
import { Types } from 'mongoose';
import { ERROR_CODES, allEndpoints, type Endpoint, type Role } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { DbWatch, countsDiff, type Counts } from '../support/db-watch';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { describeInput, inputArbitrary, type FuzzInput } from '../support/fuzz-inputs';
import { seedId } from '../../cloud/src/core/stable-id';
import { legalOrder } from '../api/needs_support';
import { activityBody, chinaAt } from '../api/activities_support';
import { ROOM, at, dayAhead } from '../api/resources_support';

// Input robustness: random and hostile requests to every endpoint that writes (POST/PATCH/PUT/DELETE),
// as a role that may call it, on real ids of the full demo data. For every request: never a 5xx; every
// 4xx is the one error shape; a refused request leaves every collection's count as it was.
// Reproduce with the printed seed: FUZZ_SEED=<seed> npx jest --selectProjects fuzz (FUZZ_RUNS for more runs).

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 32);

const creating = allEndpoints.filter((e) => e.method !== 'get');
const NANMEN = String(seedId('org:community:nanmen'));

/** Demo accounts are named after their role; this order prefers the account that owns the demo records. */
const PREFERRED: Role[] = [
  'staff',
  'resident',
  'volunteer',
  'gridWorker',
  'unitAdmin',
  'department',
  'streetAdmin',
  'partyMember',
  'countyAdmin',
];

function accountFor(ep: Endpoint): string | null {
  if (ep.access === 'public') return null;
  if (ep.access === 'signedIn') return 'resident';
  return PREFERRED.find((r) => ep.access.includes(r)) ?? ep.access[0];
}

/** A well-formed body that gets past validation (real demo ids), for the "example gone bad" family. */
function baseBody(ep: Endpoint): unknown {
  const future = dayAhead(40);
  const overrides: Record<string, unknown> = {
    createNeed: legalOrder(),
    createBooking: { resourceId: ROOM, start: at(future, '10:00'), slots: 1, purpose: '健壮性测试', attendees: 3 },
    createActivity: activityBody(),
    addShift: { start: chinaAt(40, 9), end: chinaAt(40, 11), seats: 3, cutoffHours: 2 },
  };
  return overrides[ep.id] ?? ep.example;
}

/** The segment before `:param` names the collection the id is looked up in. */
const COLLECTIONS: Record<string, string> = {
  items: 'menuItems',
  needs: 'needs',
  bookings: 'bookings',
  resources: 'resources',
  activities: 'activities',
  shifts: 'shifts',
  projects: 'projects',
  milestones: 'milestones',
  notifications: 'notifications',
  patrols: 'patrols',
  'patrol-findings': 'patrolFindings',
  'grid-members': 'gridMembers',
  grids: 'orgs',
  nodes: 'orgs',
  whistles: 'whistles',
};

function enumOptions(ep: Endpoint, name: string): string[] | null {
  const shape = (ep.params as unknown as { shape?: Record<string, { options?: unknown[] }> })?.shape;
  const options = shape?.[name]?.options;
  return Array.isArray(options) ? options.map(String) : null;
}

let t: TestApp;
let wx: FakeWechat;
let watch: DbWatch;
let snapshot: Counts;
const auth = new Map<string, string>();
const summary: string[] = [];
const timing = new Map<string, number>();
/** Runs in which the request's own writes were seen: proves the watch attributes writes at all. */
let requestWrites = 0;

/** Real ids for an endpoint's path: a record of the caller's own (or of 南门社区) where there is one. */
async function realIds(ep: Endpoint, account: string | null): Promise<Record<string, string>> {
  const db = t.db.connection;
  const me = account ? String(seedId(`user:${account}`)) : '';
  const now = Date.now();
  const ids: Record<string, string> = {};
  const segments = ep.path.split('/');
  for (let i = 0; i < segments.length; i++) {
    if (!segments[i].startsWith(':')) continue;
    const name = segments[i].slice(1);
    const options = enumOptions(ep, name);
    if (options) {
      ids[name] = options[0];
      continue;
    }
    const owner = segments[i - 1];
    let docs: Record<string, unknown>[];
    if (owner === 'targets') {
      const whistle = await db.collection('whistles').findOne({ _id: new Types.ObjectId(ids.id) });
      docs = ((whistle?.targets as { orgId: unknown }[]) ?? []).map((x) => ({ _id: x.orgId, ...x }));
    } else if (owner === 'milestones') {
      docs = await db
        .collection('milestones')
        .find({ projectId: new Types.ObjectId(ids.id) })
        .toArray();
    } else if (owner === 'needs' && ep.path.startsWith('/api/v1/projects/')) {
      const links = await db
        .collection('projectNeeds')
        .find({ projectId: new Types.ObjectId(ids.id) })
        .toArray();
      docs = links.map((l) => ({ _id: l.needId }));
    } else {
      // A path this table does not know yet: guess the collection from the segment (`council-topics`
      // → councilTopics); with no document there the id is a fresh one (the request then meets a 404).
      const collection = COLLECTIONS[owner] ?? owner.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      docs = await db
        .collection(collection)
        .find(collection === 'orgs' ? { kind: 'grid' } : {})
        .limit(300)
        .toArray();
    }
    const score = (d: Record<string, unknown>) => {
      const text = JSON.stringify(d);
      const start = d.start instanceof Date ? d.start.getTime() : 0;
      return (me && text.includes(me) ? 4 : 0) + (text.includes(NANMEN) ? 2 : 0) + (start > now ? 1 : 0);
    };
    const best = docs.reduce<Record<string, unknown> | null>((a, d) => (!a || score(d) > score(a) ? d : a), null);
    ids[name] = String(best?._id ?? new Types.ObjectId());
  }
  return ids;
}

interface Answer {
  status: number;
  text: string;
}

async function send(ep: Endpoint, ids: Record<string, string>, input: FuzzInput, who: string | null): Promise<Answer> {
  let url = ep.path.replace(/:([a-zA-Z]+)/g, (_, name: string) =>
    input.param?.name === name ? input.param.segment : encodeURIComponent(ids[name]),
  );
  if (input.query) url += `?${input.query}`;
  let req = t.http()[ep.method === 'delete' ? 'delete' : ep.method](url);
  if (who) req = req.set('Authorization', auth.get(who)!);
  if (input.idempotencyKey) req = req.set('Idempotency-Key', input.idempotencyKey);
  if (input.body.kind === 'json') {
    req = req.set('Content-Type', 'application/json').send(JSON.stringify(input.body.value));
  } else {
    req = req.set('Content-Type', input.body.contentType);
    for (const [k, v] of Object.entries(input.body.headers ?? {})) req = req.set(k, v);
    req = req.send(input.body.data);
  }
  const res = await req.buffer(true).parse((r, cb) => {
    let data = '';
    r.setEncoding('utf8');
    r.on('data', (c: string) => (data += c));
    r.on('end', () => cb(null, data));
  });
  return { status: res.status, text: typeof res.body === 'string' ? res.body : res.text };
}

/** What is wrong with an answer, if anything: a 5xx, or a 4xx not in the one error shape. */
function shapeProblems(a: Answer): string[] {
  if (a.status >= 500) return [`server error ${a.status}`];
  if (a.status >= 200 && a.status < 300) return [];
  if (a.status < 400) return [`unexpected status ${a.status}`];
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(a.text);
  } catch {
    return ['error body is not JSON'];
  }
  const problems: string[] = [];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['error body is not an object'];
  const code = body.code as keyof typeof ERROR_CODES;
  if (typeof code !== 'string' || !(code in ERROR_CODES)) problems.push(`unknown code ${String(code)}`);
  else if (ERROR_CODES[code].status !== a.status) problems.push(`${code} answered with ${a.status}`);
  if (typeof body.message !== 'string' || !body.message) problems.push('no message');
  const extra = Object.keys(body).filter((k) => !['code', 'message', 'fields', 'requestId'].includes(k));
  if (extra.length) problems.push(`unexpected keys ${extra.join(', ')}`);
  if (body.fields !== undefined) {
    const ok =
      Array.isArray(body.fields) &&
      body.fields.every(
        (f: { path?: unknown; message?: unknown }) => typeof f?.path === 'string' && typeof f?.message === 'string',
      );
    if (!ok) problems.push('fields is not a list of {path, message}');
  }
  return problems;
}

/** Per-endpoint seed: stable when endpoints are added or reordered. */
function seedOf(id: string): number {
  return (SEED ^ createHash('sha1').update(id).digest().readInt32BE(0)) | 0;
}

beforeAll(async () => {
  wx = await startFakeWechat();
  const base = process.env.TEST_MONGODB_URI!;
  const name = `t_fuzz_${process.pid}_${Date.now() % 1e6}`;
  t = await startApp(__filename, {
    SEED_DEMO: 'full',
    // The app's driver reports its commands, so only runs that wrote anything need a recount.
    MONGODB_URI: `${base}${name}?monitorCommands=true`,
    WX_API_BASE: wx.base,
    WX_APPID: FAKE_APPID,
    WX_SECRET: FAKE_SECRET,
    // 限流 would answer most of these thousands of quick inputs with 429; the inputs are what is fuzzed.
    RATE_LIMIT_SCALE: '1000',
  });
  watch = await DbWatch.attach(base, t.db.connection);
  const accounts = new Set(creating.map(accountFor).filter((a): a is string => a !== null));
  for (const a of accounts) auth.set(a, await t.signIn(a));
  snapshot = await watch.counts();
  console.log(
    `fuzz seed ${SEED} (FUZZ_SEED), ${RUNS} runs per endpoint (FUZZ_RUNS), ${creating.length} endpoints — file ${path.basename(__filename)}`,
  );
}, 120_000);

afterAll(async () => {
  console.log(`fuzz summary (seed ${SEED}): endpoint — account — statuses seen\n${summary.join('\n')}`);
  console.log(
    `request-attributed write runs: ${requestWrites}; ms per family: ${JSON.stringify(Object.fromEntries(timing))}`,
  );
  await watch?.close();
  await t?.close();
  await wx?.close();
});

test('the fuzzed endpoint list is the whole writing API', () => {
  expect(creating.length).toBeGreaterThanOrEqual(40);
  expect(creating.every((e) => ['post', 'put', 'patch', 'delete'].includes(e.method))).toBe(true);
});

// Cases the fuzzing found, kept as plain regressions (the first failed only on FerretDB's PostgreSQL backend).
test('a NUL character in text is refused with the failing field, before it reaches the database', async () => {
  const before = await watch.counts();
  const res = await t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', auth.get('resident')!)
    .send(legalOrder({ description: '墙面开裂\u0000想咨询怎么索赔' }));
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({
    code: 'VALIDATION_FAILED',
    fields: [{ path: 'body.description', message: expect.stringContaining('空字符') }],
  });
  expect(countsDiff(before, await watch.counts())).toEqual([]);
});

test('the watch sees a request\'s own writes (so "nothing stored" is checked, not assumed)', async () => {
  const before = await watch.counts();
  const { result, written } = await watch.run(() =>
    t.http().post('/api/v1/needs').set('Authorization', auth.get('resident')!).send(legalOrder()),
  );
  await watch.settle();
  expect(result.status).toBe(200);
  expect([...written].sort()).toEqual(expect.arrayContaining(['needEvents', 'needs']));
  expect(countsDiff(before, await watch.counts())).toEqual(
    expect.arrayContaining([`needs: ${before.needs} → ${before.needs + 1}`]),
  );
  snapshot = await watch.counts();
});

test('a body that claims a compression it does not have is a 400 BAD_JSON, not a 500', async () => {
  for (const encoding of ['gzip', 'deflate', 'br']) {
    const res = await t
      .http()
      .post('/api/v1/auth/dev-login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', encoding)
      .send('{"account":"resident"}');
    expect([encoding, res.status, res.body.code]).toEqual([encoding, 400, 'BAD_JSON']);
  }
});

test('an upload with a deeply nested JSON body and an Idempotency-Key is refused, not a 500', async () => {
  const depth = 50_000;
  const res = await t
    .http()
    .post('/api/v1/uploads')
    .set('Authorization', auth.get('resident')!)
    .set('Idempotency-Key', 'deep-nesting-upload-1')
    .set('Content-Type', 'application/json')
    .send('['.repeat(depth) + ']'.repeat(depth));
  expect([res.status, res.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
});

test.each(creating.map((ep) => [`${ep.method.toUpperCase()} ${ep.path} (${ep.id})`, ep] as const))(
  '%s: no 5xx, one error shape, nothing stored when refused',
  async (_, ep) => {
    const who = accountFor(ep);
    const ids = await realIds(ep, who);
    const paramNames = Object.keys(ids);
    const statuses = new Map<string, number>();
    const seed = seedOf(ep.id);
    const details = await fc.check(
      fc.asyncProperty(inputArbitrary(baseBody(ep), paramNames), async (input) => {
        const started = Date.now();
        const { result: answer, written } = await watch.run(() => send(ep, ids, input, who));
        await watch.settle();
        const problems = shapeProblems(answer);
        timing.set(input.family, (timing.get(input.family) ?? 0) + Date.now() - started);
        const key = answer.status >= 400 ? `${answer.status} ${safeCode(answer.text)}` : String(answer.status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const background = watch.takeBackground();
        if (written.size || background.size) {
          // Only collections written to can have changed: recount those against the last counts.
          const all = written.has('*') || background.has('*');
          const now = await watch.counts(all ? null : new Set([...written, ...background]));
          if (answer.status < 200 || answer.status >= 300) {
            // A collection the app's own timers wrote to meanwhile cannot be blamed on the request.
            const mine = Object.keys(now).filter((c) => !background.has(c) && (all || written.has(c)));
            const diff = countsDiff(
              Object.fromEntries(mine.map((c) => [c, snapshot[c] ?? 0])),
              Object.fromEntries(mine.map((c) => [c, now[c]])),
            );
            if (diff.length) problems.push(`stored although refused: ${diff.join(', ')}`);
          }
          if (written.size) requestWrites++;
          snapshot = { ...snapshot, ...now };
        }
        if (problems.length) {
          throw new Error(`${answer.status} ${answer.text.slice(0, 400)} — ${problems.join('; ')}`);
        }
      }),
      { seed, numRuns: RUNS, endOnFailure: process.env.FUZZ_SHRINK !== '1' },
    );
    summary.push(
      `${ep.id.padEnd(24)} ${String(who).padEnd(11)} ${[...statuses].map(([k, n]) => `${k}×${n}`).join(', ')}`,
    );
    if (details.failed) {
      const input = details.counterexample?.[0] as FuzzInput | undefined;
      throw new Error(
        [
          `${ep.method.toUpperCase()} ${ep.path} as ${who ?? 'anonymous'} (ids ${JSON.stringify(ids)})`,
          `seed ${seed} (FUZZ_SEED=${SEED}), counterexample path ${details.counterexamplePath}`,
          input ? describeInput(input) : '(no counterexample)',
          String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance),
        ].join('\n'),
      );
    }
  },
  Math.max(30_000, RUNS * 1_000),
);

test('the fuzzing reached past validation: some requests were accepted and their writes seen', () => {
  expect(requestWrites).toBeGreaterThan(creating.length / 4);
});

function safeCode(text: string): string {
  try {
    return String(JSON.parse(text).code);
  } catch {
    return '(not JSON)';
  }
}
