// Every endpoint of the resources area × every role × own / other scope, with the expected status.
import { api, daySlots, type Endpoint } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { ResourceModel, type Resource } from '../../cloud/src/resources/resource.model';
import {
  HEALTH,
  NANMEN,
  ROOM,
  XISHAN,
  XISHAN_ROOM,
  dayAhead,
  otherUnitAdmins,
  seedDemoResources,
} from './resources_support';
import { DEMO_ACCOUNTS_BUT_SERVICE } from '../support/accounts';

type Who =
  | 'resident'
  | 'resident2'
  | 'volunteer'
  | 'partyMember'
  | 'gridWorker'
  | 'staff'
  | 'staff2'
  | 'streetAdmin'
  | 'department'
  | 'unitAdmin'
  | 'otherUnit'
  | 'farUnit'
  | 'countyAdmin';
const DEMO: Who[] = [...DEMO_ACCOUNTS_BUT_SERVICE];
const ALL: Who[] = [...DEMO, 'otherUnit', 'farUnit'];

let t: TestApp;
const auth = {} as Record<Who, string>;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  for (const who of DEMO) auth[who] = await t.signIn(who);
  const others = await otherUnitAdmins(t);
  auth.otherUnit = others.otherUnit; // 县图书馆: same street as 县人民医院
  auth.farUnit = others.farUnit; // 县文化馆: 新城街道
}, 60_000);
afterAll(() => t.close());

/** Hands out free future slots of a resource, one after another, for fresh bookings. */
const cursors = new Map<string, { day: number; used: Set<string> }>();
async function nextSlot(resourceId: string): Promise<string> {
  const r = (await t.db.model(ResourceModel).findById(resourceId).lean<Resource>())!;
  const c = cursors.get(resourceId) ?? { day: 21, used: new Set<string>() };
  cursors.set(resourceId, c);
  for (;;) {
    const free = daySlots(r.hours, r.slotMinutes!, dayAhead(c.day)).find((s) => !c.used.has(s.start));
    if (free) {
      c.used.add(free.start);
      return free.start;
    }
    c.day++;
  }
}
async function freshBooking(resourceId: string): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/bookings')
    .set('Authorization', auth.resident)
    .send({ resourceId, start: await nextSlot(resourceId), purpose: '权限测试', attendees: 3 });
  if (res.status !== 200) throw new Error(`fresh booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
async function freshHospitalResource(): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', auth.unitAdmin)
    .send({
      kind: 'doctor',
      placeId: NANMEN,
      name: '临时坐诊医生',
      hours: [{ weekday: 6, open: '09:00', close: '11:00' }],
    });
  return res.body.id;
}

const placeFor: Partial<Record<Who, string>> = {
  unitAdmin: NANMEN,
  otherUnit: NANMEN,
  farUnit: XISHAN,
  countyAdmin: NANMEN,
};

interface Case {
  endpoint: Endpoint;
  target: string;
  expect: Partial<Record<Who, number>>;
  /** Builds the request for one caller; may create fresh records so successes do not affect other rows. */
  call: (who: Who) => Promise<{ path: string; body?: object }>;
}

const everyone = (status: number) => Object.fromEntries(ALL.map((w) => [w, status])) as Record<Who, number>;
const r = api.resources;
const CASES: Case[] = [
  { endpoint: r.listResources, target: '-', expect: everyone(200), call: async () => ({ path: '/api/v1/resources' }) },
  { endpoint: r.listUnits, target: '-', expect: everyone(200), call: async () => ({ path: '/api/v1/units' }) },
  {
    endpoint: r.listMyBookings,
    target: '-',
    expect: everyone(200),
    call: async () => ({ path: '/api/v1/me/bookings' }),
  },
  {
    endpoint: r.getResource,
    target: 'hospital room',
    expect: { ...everyone(200), staff2: 404, farUnit: 404 },
    call: async () => ({ path: `/api/v1/resources/${HEALTH}` }),
  },
  {
    endpoint: r.getFreeSlots,
    target: 'community room',
    expect: { ...everyone(200), staff2: 404, farUnit: 404 },
    call: async () => ({ path: `/api/v1/resources/${ROOM}/slots?date=${dayAhead(5)}` }),
  },
  {
    endpoint: r.getFreeSlots,
    target: '西山 room',
    expect: { ...everyone(404), staff2: 200, farUnit: 200, department: 200, countyAdmin: 200 },
    call: async () => ({ path: `/api/v1/resources/${XISHAN_ROOM}/slots?date=${dayAhead(5)}` }),
  },
  {
    endpoint: r.createResource,
    target: 'own unit / community',
    expect: {
      ...everyone(403),
      staff: 200,
      staff2: 200,
      unitAdmin: 200,
      otherUnit: 200,
      farUnit: 200,
      countyAdmin: 200,
    },
    call: async (who) => ({
      path: '/api/v1/resources',
      body: { kind: 'teacher', name: '周末书法老师', ...(placeFor[who] ? { placeId: placeFor[who] } : {}) },
    }),
  },
  {
    endpoint: r.updateResource,
    target: 'hospital room',
    expect: { ...everyone(403), unitAdmin: 200, countyAdmin: 200, staff2: 404, farUnit: 404 },
    call: async () => ({ path: `/api/v1/resources/${HEALTH}`, body: { capacity: '30 人' } }),
  },
  {
    endpoint: r.updateResource,
    target: 'community room',
    expect: { ...everyone(403), staff: 200, countyAdmin: 200, staff2: 404, farUnit: 404 },
    call: async () => ({ path: `/api/v1/resources/${ROOM}`, body: { capacity: '40 人' } }),
  },
  {
    endpoint: r.deactivateResource,
    target: 'hospital doctor',
    expect: { ...everyone(403), unitAdmin: 200, countyAdmin: 200, staff2: 404, farUnit: 404 },
    call: async () => ({ path: `/api/v1/resources/${await freshHospitalResource()}/deactivate` }),
  },
  {
    endpoint: r.listResourceBookings,
    target: 'hospital room',
    expect: { ...everyone(403), unitAdmin: 200, staff: 200, countyAdmin: 200, staff2: 404, farUnit: 404 },
    call: async () => ({ path: `/api/v1/resources/${HEALTH}/bookings` }),
  },
  {
    endpoint: r.listResourceBookings,
    target: 'community room',
    expect: { ...everyone(403), staff: 200, countyAdmin: 200, staff2: 404, farUnit: 404 },
    call: async () => ({ path: `/api/v1/resources/${ROOM}/bookings` }),
  },
  {
    endpoint: r.createBooking,
    target: 'community room',
    expect: { ...everyone(403), resident: 200, resident2: 200, volunteer: 200, partyMember: 200 },
    call: async () => ({
      path: '/api/v1/bookings',
      body: { resourceId: ROOM, start: await nextSlot(ROOM), purpose: '读书会', attendees: 8 },
    }),
  },
  {
    endpoint: r.createBooking,
    target: '西山 room (another street)',
    expect: { ...everyone(403), resident: 404, resident2: 404, volunteer: 404, partyMember: 404 },
    call: async () => ({
      path: '/api/v1/bookings',
      body: { resourceId: XISHAN_ROOM, start: await nextSlot(XISHAN_ROOM), purpose: '读书会', attendees: 8 },
    }),
  },
  {
    endpoint: r.getBooking,
    target: "resident's booking of the hospital room",
    expect: { ...everyone(404), resident: 200, unitAdmin: 200, staff: 200, countyAdmin: 200 },
    call: async () => ({ path: `/api/v1/bookings/${await freshBooking(HEALTH)}` }),
  },
  {
    endpoint: r.approveBooking,
    target: "resident's booking of the hospital room",
    expect: {
      ...everyone(403),
      unitAdmin: 200,
      staff: 200,
      countyAdmin: 200,
      staff2: 404,
      otherUnit: 404,
      farUnit: 404,
    },
    call: async () => ({ path: `/api/v1/bookings/${await freshBooking(HEALTH)}/approve`, body: {} }),
  },
  {
    endpoint: r.approveBooking,
    target: "resident's booking of the community room",
    expect: {
      ...everyone(403),
      staff: 200,
      countyAdmin: 200,
      staff2: 404,
      unitAdmin: 404,
      otherUnit: 404,
      farUnit: 404,
    },
    call: async () => ({ path: `/api/v1/bookings/${await freshBooking(ROOM)}/approve`, body: {} }),
  },
  {
    endpoint: r.rejectBooking,
    target: "resident's booking of the hospital room",
    expect: {
      ...everyone(403),
      unitAdmin: 200,
      staff: 200,
      countyAdmin: 200,
      staff2: 404,
      otherUnit: 404,
      farUnit: 404,
    },
    call: async () => ({
      path: `/api/v1/bookings/${await freshBooking(HEALTH)}/reject`,
      body: { reason: '当天有安排' },
    }),
  },
  {
    endpoint: r.cancelBooking,
    target: "resident's booking of the hospital room",
    expect: {
      ...everyone(404),
      resident: 200,
      unitAdmin: 200,
      staff: 200,
      countyAdmin: 200,
      gridWorker: 403,
      streetAdmin: 403,
      department: 403,
    },
    call: async () => ({ path: `/api/v1/bookings/${await freshBooking(HEALTH)}/cancel`, body: {} }),
  },
];

const rows = CASES.flatMap((c) => ALL.map((who) => [c.endpoint.id, c.target, who, c.expect[who]!, c] as const));

test.each(rows)('%s (%s) as %s → %i', async (_id, _target, who, status, c) => {
  const { path, body } = await c.call(who);
  const req = t.http()[c.endpoint.method](path).set('Authorization', auth[who]);
  const res = body ? await req.send(body) : await req;
  expect({ status: res.status, code: res.body.code }).toEqual({
    status,
    code: status === 200 ? undefined : expect.any(String),
  });
  if (status === 404) expect(res.body.code).toBe('NOT_FOUND');
  if (status === 403) expect(res.body.code).toBe('FORBIDDEN');
});

test('every endpoint of the area is in the table, and refuses callers without a token', async () => {
  const ids = Object.values(api.resources).map((e) => e.id);
  expect([...new Set(CASES.map((c) => c.endpoint.id))].sort()).toEqual([...ids].sort());
  for (const c of CASES) {
    const { path, body } = await c.call('countyAdmin');
    const req = t.http()[c.endpoint.method](path);
    const res = body ? await req.send(body) : await req;
    expect([c.endpoint.id, res.status]).toEqual([c.endpoint.id, 401]);
  }
});
