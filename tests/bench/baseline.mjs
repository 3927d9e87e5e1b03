#!/usr/bin/env node
// The bench's bare baseline: a minimal Koa + MongoDB-driver server answering the bench scenarios on
// the same paths with the SAME database work as the API (same filters, sorts, projections, limits,
// counts and inserts, in the same order; Promise.all where the API runs queries in parallel).
// It verifies the same HS256 token, so the ratio ours ÷ baseline is the cost of everything else:
// Midway's container and middleware, zod validation of params/query/body, the request log line,
// mongoose (casting, document building for create), and response shaping.
// Skipped on purpose (documented in docs/performance.md): input validation, the request id and
// access log, error shapes beyond a status code, the NUL check, phone masking rules beyond the list case.
// Env: PORT, MONGODB_URI (with the database name), JWT_SECRET.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Koa from 'koa';
import { MongoClient, ObjectId } from 'mongodb';

const require = createRequire(import.meta.url);
const jwt = require('jsonwebtoken');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// The pure functions the API folds its figures and projections with: same CPU work on both sides.
const { projectNeed } = require(path.join(ROOT, 'cloud', 'dist', 'needs', 'need-projection.js'));
const { placeKeysOf } = require(path.join(ROOT, 'cloud', 'dist', 'core', 'place-keys.js'));
const { quarterBuckets } = require(path.join(ROOT, 'cloud', 'dist', 'activities', 'quarter-buckets.js'));
const { figures } = require(path.join(ROOT, 'cloud', 'dist', 'stats', 'stats.service.js'));
const { Coalescer } = require(path.join(ROOT, 'cloud', 'dist', 'core', 'coalesce.js'));
const { inboxBadges, totalFromBadges } = require(path.join(ROOT, 'cloud', 'dist', 'needs', 'inbox-badges.js'));
const { NEED_OPEN_STATUSES: OPEN, chinaMonthsBetween } = require('@gongzhi/shared');

const { PORT = '7100', MONGODB_URI, JWT_SECRET } = process.env;
const client = new MongoClient(MONGODB_URI);
await client.connect();
const db = client.db();
const c = (name) => db.collection(name);

const NOBODY = new ObjectId('000000000000000000000000');
const oid = (id) => (id ? new ObjectId(String(id)) : NOBODY);

class HttpError extends Error {
  constructor(status) {
    super(String(status));
    this.status = status;
  }
}

async function userOf(ctx) {
  const m = /^Bearer\s+(.+)$/i.exec(ctx.get('authorization'));
  if (!m) throw new HttpError(401);
  let c;
  try {
    c = jwt.verify(m[1], JWT_SECRET, { algorithms: ['HS256'] });
  } catch {
    throw new HttpError(401);
  }
  // The API's account check (core/handle.ts authenticate): a deleted account's tokens stop working.
  const account = await db
    .collection('users')
    .findOne({ _id: oid(c.sub) }, { projection: { erasedAt: 1, name: 1, duties: 1, unitId: 1 } });
  if (!account || account.erasedAt) throw new HttpError(401);
  return { userId: c.sub, name: account.name, roles: c.roles, orgId: c.org, communityId: c.com, streetId: c.str };
}

async function jsonBody(ctx) {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

const page = (q) => ({
  page: Math.max(1, Number(q.page ?? 1)),
  pageSize: Math.min(100, Math.max(1, Number(q.pageSize ?? 20))),
});

// ——— needs: the same queries as NeedsService ———

async function names(ids) {
  const wanted = [...new Set(ids.filter(Boolean).map(String))].map(oid);
  if (!wanted.length) return new Map();
  // One _id equality per id, as core/filters.ts findByIds does.
  const users = (
    await Promise.all(wanted.map((_id) => c('users').findOne({ _id }, { projection: { name: 1 } })))
  ).filter(Boolean);
  return new Map(users.map((u) => [String(u._id), u.name]));
}

const mask = (p) => (p ? `${p.slice(0, 3)}****${p.slice(-4)}` : p);

function summary(n, names, now, full) {
  const id = (x) => (x ? String(x) : null);
  const due = n.status === 'submitted' ? n.dueAcceptAt : n.dueCompleteAt;
  return {
    id: String(n._id),
    status: n.status,
    categoryCode: n.categoryCode,
    menuItem: n.menuItemId ? { id: String(n.menuItemId), name: n.title } : null,
    title: n.title,
    description: n.description,
    place: {
      streetId: String(n.place.streetId),
      communityId: String(n.place.communityId),
      gridId: id(n.place.gridId),
      complexId: id(n.place.complexId),
      buildingId: id(n.place.buildingId),
      label: n.placeLabel,
    },
    owner: { id: String(n.owner), name: names.get(String(n.owner)) ?? '' },
    contactPhone: full ? n.contactPhone : mask(n.contactPhone),
    submittedAt: n.submittedAt.toISOString(),
    dueAcceptAt: n.dueAcceptAt.toISOString(),
    dueCompleteAt: n.dueCompleteAt?.toISOString() ?? null,
    overdue: OPEN.includes(n.status) && due && due < now ? (n.status === 'submitted' ? 'accept' : 'complete') : null,
    route: n.route ? { kind: n.route.kind, targetId: String(n.route.targetId) } : null,
    rating: n.rating ? { stars: n.rating.stars, comment: n.rating.comment } : null,
  };
}

async function listMyNeeds(ctx) {
  const user = await userOf(ctx);
  const q = page(ctx.query);
  const filter = { owner: oid(user.userId) };
  if (ctx.query.status) filter.status = ctx.query.status;
  const skip = (q.page - 1) * q.pageSize;
  const rows = await c('needs').find(filter).sort({ submittedAt: -1, _id: -1 }).skip(skip).limit(q.pageSize).toArray();
  // As the API: a page that is not full tells the total; the caller's own name came with the account check.
  const total =
    rows.length > 0 && rows.length < q.pageSize ? skip + rows.length : await c('needs').countDocuments(filter);
  const n = await names(rows.map((r) => r.owner).filter((id) => String(id) !== user.userId));
  n.set(user.userId, user.name);
  const now = new Date();
  ctx.body = { items: rows.map((r) => summary(r, n, now, String(r.owner) === user.userId)), total, ...q };
}

async function listNeeds(ctx) {
  const user = await userOf(ctx);
  if (!user.roles.includes('staff')) throw new HttpError(403);
  const q = { ...page(ctx.query), ...ctx.query };
  const now = new Date();
  // Flat filters scoped by placeKeys, as inboxFilters (cloud/src/needs/inbox-filters.ts) builds them.
  const base = { placeKeys: `community:${user.communityId}` };
  if (q.categoryCode) base.categoryCode = q.categoryCode;
  if (q.gridId) base['place.gridId'] = oid(q.gridId);
  const list = { ...base };
  if (q.status) list.status = q.status;
  const sort =
    q.sort === 'oldest'
      ? { submittedAt: 1, _id: 1 }
      : q.sort === 'dueSoonest'
        ? { dueAt: 1, submittedAt: 1, _id: 1 }
        : { submittedAt: -1, _id: -1 };
  const pg = page(ctx.query);
  // The badges with the API's own function (the same reads), given the driver's find.
  const readDue = (filter, limit) =>
    c('needs')
      .find(filter, { projection: { dueAt: 1 } })
      .limit(limit)
      .toArray();
  const [rows, badges] = await Promise.all([
    c('needs')
      .find(list)
      .sort(sort)
      .skip((pg.page - 1) * pg.pageSize)
      .limit(pg.pageSize)
      .toArray(),
    inboxBadges(readDue, { list, counts: base, overdue: { ...base, dueAt: { $lt: now } } }, now),
  ]);
  const total =
    totalFromBadges({ status: q.status, overdue: undefined }, badges) ?? (await c('needs').countDocuments(list));
  const { counts, overdueCount } = badges;
  const n = await names(rows.map((r) => r.owner));
  ctx.body = {
    items: rows.map((r) => summary(r, n, now, false)),
    total,
    page: pg.page,
    pageSize: pg.pageSize,
    counts,
    overdueCount,
  };
}

async function createNeed(ctx, user, body) {
  const item = await c('menuItems').findOne({ _id: oid(body.menuItemId), active: true });
  if (!item) throw new HttpError(400);
  if (
    item.communityId === null &&
    (await c('menuOverrides').findOne(
      { communityId: oid(user.communityId), menuItemId: item._id },
      { projection: { _id: 1 } },
    ))
  )
    throw new HttpError(400);
  const org = await c('orgs').findOne({ _id: oid(body.placeId) });
  if (!org || (org.kind !== 'complex' && org.kind !== 'building')) throw new HttpError(400);
  // PlaceService.placeOf reads the node again, then its ancestors.
  const node = await c('orgs').findOne({ _id: org._id });
  const chain = (await Promise.all(node.ancestors.map((_id) => c('orgs').findOne({ _id })))).filter(Boolean);
  const all = [...chain, node];
  const find = (kind) => all.find((o) => o.kind === kind)?._id ?? null;
  const place = {
    streetId: find('street'),
    communityId: find('community'),
    gridId: find('grid'),
    complexId: find('complex'),
    buildingId: find('building'),
  };
  if (String(place.communityId) !== user.communityId) throw new HttpError(400);
  const me = await c('users').findOne({ _id: oid(user.userId) });
  const contactPhone = body.contactPhone ?? me?.phone;
  const complex = org.kind === 'complex' ? org : await c('orgs').findOne({ _id: place.complexId });
  const now = new Date();
  const limits = { ...item.timeLimits };
  const submit = {
    _id: new ObjectId(),
    needId: new ObjectId(),
    seq: 1,
    action: 'submit',
    from: null,
    to: 'submitted',
    actorId: oid(user.userId),
    actorRole: user.roles[0],
    at: now,
    note: null,
    route: null,
    rating: null,
  };
  const need = {
    _id: submit.needId,
    owner: oid(user.userId),
    onBehalfOf: null,
    menuItemId: item._id,
    categoryCode: item.categoryCode,
    title: item.name,
    otherText: null,
    description: body.description,
    preferredTime: null,
    place,
    placeKeys: placeKeysOf(place),
    placeLabel: org.kind === 'building' ? `${complex?.name ?? ''} ${org.name}`.trim() : org.name,
    contactPhone,
    photos: [],
    answers: body.answers ?? {},
    limits,
    ...projectNeed(limits, [submit]),
  };
  await c('needEvents').insertOne(submit);
  await c('needs').insertOne(need);
  const n = await names([need.owner, need.handlerId, submit.actorId]);
  return { ...summary(need, n, now, true), timeline: [{ seq: 1, action: 'submit', at: now.toISOString() }] };
}

// ——— seats: the same reads and inserts as ClaimsService.claimSeat (a fresh claim that gets a seat) ———

async function claimSeat(ctx, user) {
  const shiftId = oid(ctx.params.id);
  const personId = oid(user.userId);
  const shift = await c('shifts').findOne({ _id: shiftId });
  if (!shift) throw new HttpError(404);
  const activity = await c('activities').findOne({ _id: shift.activityId });
  // stateOf: an existing seat, else the waitlist position.
  const mine = await c('seats').findOne({ shiftId, personId });
  if (mine) return { shiftId: String(shiftId), status: 'seated', seatNo: mine.seatNo, waitlistPosition: null };
  await c('waitlist')
    .find({ shiftId }, { projection: { personId: 1 } })
    .sort({ createdAt: 1, _id: 1 })
    .toArray();
  if (activity.status !== 'published') throw new HttpError(409);
  // takeSeat
  const taken = await c('seats').find({ shiftId }).toArray();
  const used = new Set(taken.map((s) => s.seatNo));
  const free = [];
  for (let n = 1; n <= shift.seats; n++) if (!used.has(n)) free.push(n);
  if (!free.length) throw new HttpError(409);
  const k = Math.floor(Math.random() * Math.min(free.length, 8));
  let seat = null;
  for (const seatNo of [...free.slice(k), ...free.slice(0, k)]) {
    const doc = { _id: new ObjectId(), shiftId, seatNo, personId, activityId: shift.activityId, createdAt: new Date() };
    try {
      await c('seats').insertOne(doc);
      seat = doc;
      break;
    } catch (err) {
      if (err.code !== 11000) throw err;
      const won = await c('seats').findOne({ shiftId, personId });
      if (won) return { shiftId: String(shiftId), status: 'seated', seatNo: won.seatNo, waitlistPosition: null };
    }
  }
  if (!seat) throw new HttpError(409);
  // reserveTime
  await c('personTime').deleteMany({ personId, shiftId });
  await c('personTime').insertMany(
    quarterBuckets(shift.start, shift.end).map((bucketStart) => ({ personId, bucketStart, shiftId })),
    { ordered: true },
  );
  const fresh = await c('shifts').findOne({ _id: shiftId });
  await c('activities').findOne({ _id: fresh.activityId });
  return { shiftId: String(shiftId), status: 'seated', seatNo: seat.seatNo, waitlistPosition: null };
}

// ——— Idempotency-Key: the same insert, then update, as core/handle.ts oncePerKey ———

function idempotent(id, run) {
  return async (ctx) => {
    const user = await userOf(ctx);
    const body = await jsonBody(ctx);
    const key = ctx.get('idempotency-key');
    if (!key) {
      ctx.body = await run(ctx, user, body);
      return;
    }
    const recordId = `${user.userId}:${id}:${key}`;
    const bodyHash = createHash('sha256').update(ctx.path).update(JSON.stringify(body)).digest('hex');
    try {
      await c('idempotency').insertOne({
        _id: recordId,
        bodyHash,
        status: null,
        response: null,
        createdAt: new Date(),
      });
    } catch (err) {
      if (err.code !== 11000) throw err;
      const first = await c('idempotency').findOne({ _id: recordId });
      ctx.body = JSON.parse(first.response);
      return;
    }
    try {
      const result = await run(ctx, user, body);
      await c('idempotency').updateOne({ _id: recordId }, { $set: { status: 200, response: JSON.stringify(result) } });
      ctx.body = result;
    } catch (err) {
      await c('idempotency').deleteOne({ _id: recordId });
      throw err;
    }
  };
}

// ——— dashboard: StatsService.responseKpis for the county (scope {}) ———
// Same as the API: identical requests in flight share one computation, read month by month.

const kpiRuns = new Coalescer();

async function responseKpis(ctx) {
  const user = await userOf(ctx);
  if (!user.roles.includes('countyAdmin')) throw new HttpError(403);
  const from = new Date(`${ctx.query.from}T00:00:00+08:00`);
  const to = new Date(new Date(`${ctx.query.to}T00:00:00+08:00`).getTime() + 24 * 3600_000);
  const level = ctx.query.level ?? 'department';
  const key = JSON.stringify({ scope: {}, targets: '*', q: { from, to, level } });
  ctx.body = await kpiRuns.run(key, () => computeResponseKpis(from, to, level));
}

async function computeResponseKpis(from, to, level) {
  const now = new Date();
  const reads = await Promise.all(
    chinaMonthsBetween(from, to).map((blownMonth) =>
      c('whistles')
        .find({ blownMonth, blownAt: { $gte: from, $lt: to } }, { projection: { blownAt: 1, place: 1, targets: 1 } })
        .limit(20_001)
        .toArray(),
    ),
  );
  const whistles = reads.flat();
  if (whistles.length > 20_000) throw new HttpError(400);
  const groups = new Map();
  const all = [];
  for (const w of whistles) {
    for (const t of w.targets) {
      if (level === 'department' && t.kind !== 'department') continue;
      const g = groups.get(String(t.orgId)) ?? { name: t.name, items: [] };
      g.items.push({ w, t });
      groups.set(String(t.orgId), g);
      all.push({ w, t });
    }
  }
  const rows = [...groups.entries()]
    .map(([id, g]) => figures(id, g.name, g.items, now))
    .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name, 'zh-CN'));
  return { level, from: from.toISOString(), to: to.toISOString(), rows, total: figures('total', '合计', all, now) };
}

// Routing by hand (five routes): no router package needed.
const routes = [
  ['GET', /^\/api\/v1\/needs\/mine$/, listMyNeeds],
  ['GET', /^\/api\/v1\/needs$/, listNeeds],
  ['POST', /^\/api\/v1\/needs$/, idempotent('createNeed', createNeed)],
  ['POST', /^\/api\/v1\/shifts\/(?<id>[0-9a-f]{24})\/claim$/, idempotent('claimSeat', claimSeat)],
  ['GET', /^\/api\/v1\/stats\/responses$/, responseKpis],
];

const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status ?? 500;
    ctx.body = { code: ctx.status === 500 ? 'INTERNAL' : 'ERROR', message: err.message };
    if (ctx.status === 500) console.error(err);
  }
});
app.use(async (ctx) => {
  for (const [method, pattern, handle] of routes) {
    const m = ctx.method === method && pattern.exec(ctx.path);
    if (m) {
      ctx.params = m.groups ?? {};
      return handle(ctx);
    }
  }
  ctx.status = 404;
});
app.listen(Number(PORT), '127.0.0.1', () => console.log(`baseline listening on http://127.0.0.1:${PORT}`));
