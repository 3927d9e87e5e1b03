import { ERROR_CODES, allEndpoints } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { SeatModel } from '../../cloud/src/activities/claim.model';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { Notifier } from '../../cloud/src/notifications/notifier';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { BookingModel } from '../../cloud/src/resources/booking.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { chinaAt, claim, newActivity, newShift } from './activities_support';
import { legalOrder } from './needs_support';
import { ROOM, at, dayAhead, seedDemoResources } from './resources_support';
import { blow } from './whistles_support';
import { DEMO_ACCOUNTS } from '../support/accounts';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { operationsOf, rolesOf, decisionOf, SCOPE } = require('../support/permission-matrix.cjs');

// Every operation of the OpenAPI document × every role (its demo account) and no sign-in, against
// the document's x-access; then own/other scope on owned resources (table SCOPE in
// tests/support/permission-matrix.cjs, also rendered into docs/permissions.md).
//
// "Allowed" means the role gate let the call through: not 401, and not the gate's 403 (FORBIDDEN
// with its default message). The calls use made-up ids and empty bodies, so an allowed call may
// still answer 400/404/409; it must never answer 5xx. "Denied" means 401 without a token and 403
// FORBIDDEN with one, never 2xx.

interface Operation {
  id: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  access: 'public' | 'signedIn' | string[];
}

const MADE_UP_ID = 'ffffffffffffffffffffffff';
const ROLE_GATE_MESSAGE = ERROR_CODES.FORBIDDEN.message;
const ACCOUNTS = DEMO_ACCOUNTS;

let t: TestApp;
let doc: { paths: Record<string, unknown> };
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  const tokens = await Promise.all(ACCOUNTS.map((a) => t.signIn(a)));
  ACCOUNTS.forEach((a, i) => (auth[a] = tokens[i]));
  const res = await t.http().get('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => t.close());

/** One call of an operation, path parameters filled from `params` (else a made-up id), body `{}`. */
function send(op: Operation, authorization: string | null, params: Record<string, string> = {}) {
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? MADE_UP_ID));
  const req = t.http()[op.method](url);
  if (authorization) req.set('Authorization', authorization);
  return op.method === 'get' || op.method === 'delete' ? req : req.send({});
}

test('the document carries every endpoint with its access list, naming only known roles', () => {
  const ops: Operation[] = operationsOf(doc);
  const roles = rolesOf(doc).map((r: { role: string }) => r.role);
  expect(ops.map((o) => o.id).sort()).toEqual(allEndpoints.map((e) => e.id).sort());
  for (const op of ops) {
    const def = allEndpoints.find((e) => e.id === op.id)!;
    expect(op.access).toEqual(def.access);
    if (Array.isArray(op.access)) for (const r of op.access) expect(roles).toContain(r);
  }
  // Every role is a demo account of the same name: the matrix below signs in as each.
  for (const r of roles) expect(ACCOUNTS).toContain(r);
});

test('every operation × every role and no sign-in: the role gate decides as documented, no unexpected allow', async () => {
  const ops: Operation[] = operationsOf(doc);
  const roles: string[] = rolesOf(doc).map((r: { role: string }) => r.role);
  const wrong: string[] = [];
  let calls = 0;
  for (const op of ops) {
    const callers: (string | null)[] = [null, ...roles];
    const answers = await Promise.all(callers.map((role) => send(op, role ? auth[role] : null)));
    callers.forEach((role, i) => {
      calls++;
      const { status, body } = answers[i];
      const who = role ?? '(未登录)';
      const byGate = status === 401 || (status === 403 && body.message === ROLE_GATE_MESSAGE);
      if (status >= 500) wrong.push(`${op.id} as ${who}: ${status} ${body.code}`);
      if (decisionOf(op.access, role) === 'allow') {
        if (byGate) wrong.push(`${op.id} as ${who}: documented allow, refused ${status} ${body.code}`);
      } else {
        const expected = role === null ? [401, 'UNAUTHENTICATED'] : [403, 'FORBIDDEN'];
        if (status !== expected[0] || body.code !== expected[1])
          wrong.push(`${op.id} as ${who}: documented deny, got ${status} ${body.code ?? ''}`);
      }
    });
  }
  expect(wrong).toEqual([]);
  expect(calls).toBe(ops.length * (roles.length + 1));
}, 300_000); // ~1,100 calls: on a busy shared machine this takes minutes

test('own/other scope: another person’s or another place’s resource is refused (403/404), own is allowed', async () => {
  const ops: Operation[] = operationsOf(doc);
  const opById = (id: string) => ops.find((o) => o.id === id)!;

  // The resources, made through the API by their owners.
  const need = await t.http().post('/api/v1/needs').set('Authorization', auth.resident).send(legalOrder());
  expect(need.status).toBe(200);
  const booking = await t
    .http()
    .post('/api/v1/bookings')
    .set('Authorization', auth.resident)
    .send({ resourceId: ROOM, start: at(dayAhead(30), '19:00'), purpose: '合唱团排练', attendees: 20 });
  expect(booking.status).toBe(200);
  const activity = await newActivity(t, auth.staff);
  const shift = await newShift(t, auth.staff, activity, { start: chinaAt(4, 9), end: chinaAt(4, 11), seats: 5 });
  expect((await claim(t, auth.volunteer, shift)).status).toBe(200);
  const whistle = await blow(t, auth.gridWorker);
  await (await t.app.getApplicationContext().getAsync(Notifier)).notify([seedId('user:resident')], 'test', '测试通知');
  const notification = await t.db
    .model(NotificationModel)
    .findOne({ userId: seedId('user:resident') })
    .lean();
  expect(notification).not.toBeNull();

  const params: Record<string, Record<string, string>> = {
    getNeed: { id: need.body.id },
    withdrawNeed: { id: need.body.id },
    takeNeed: { id: need.body.id },
    getBooking: { id: booking.body.id },
    cancelBooking: { id: booking.body.id },
    cancelClaim: { id: shift },
    listShiftRoster: { id: shift },
    getWhistle: { id: whistle.id },
    markNotificationRead: { id: String(notification!._id) },
    getGridTeam: { id: String(seedId('org:grid:nanmen:0')) },
    showVolunteer: { id: String(seedId('user:volunteer')) },
    listComplexHistory: { id: String(seedId('org:complex:nanmen:南门小区')) },
  };
  const wrong: string[] = [];
  for (const row of SCOPE as { operation: string; expect: Record<string, number[]> }[]) {
    expect(params[row.operation]).toBeDefined();
    for (const [who, allowed] of Object.entries(row.expect)) {
      const res = await send(opById(row.operation), auth[who], params[row.operation]);
      if (!allowed.includes(res.status))
        wrong.push(`${row.operation} as ${who}: ${res.status} ${res.body.code ?? ''}, expected ${allowed.join('/')}`);
    }
  }
  expect(wrong).toEqual([]);

  // The refused writes changed nothing.
  expect((await t.db.model(NeedModel).findById(need.body.id).lean())?.status).toBe('submitted');
  expect((await t.db.model(BookingModel).findById(booking.body.id).lean())?.status).toBe('pending');
  expect(await t.db.model(SeatModel).countDocuments({ shiftId: shift, personId: seedId('user:volunteer') })).toBe(1);
});
