import { startApp, type TestApp } from '../support/app';
import { JINXIU, act, legalOrder, order, target, upload } from './needs_support';
import { DEMO_ACCOUNTS_BUT_SERVICE } from '../support/accounts';

// Every needs endpoint × every demo role × own/other place, against a need of `resident` at
// 南门小区 (南门社区, 南门第一网格, 城关街道) unless said otherwise.
let t: TestApp;
const auth: Record<string, string> = {};
const ACCOUNTS = DEMO_ACCOUNTS_BUT_SERVICE;

beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ACCOUNTS) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

type Expect = Record<string, number>;
const HANDLERS: Expect = {
  resident: 403,
  resident2: 403,
  volunteer: 403,
  partyMember: 403,
  gridWorker: 200,
  staff: 200,
  staff2: 404,
  streetAdmin: 200,
  department: 403,
  unitAdmin: 403,
  countyAdmin: 200,
};
const OWNER_ONLY: Expect = {
  resident: 200,
  resident2: 404,
  volunteer: 404,
  partyMember: 404,
  gridWorker: 403,
  staff: 403,
  staff2: 403,
  streetAdmin: 403,
  department: 403,
  unitAdmin: 403,
  countyAdmin: 403,
};
const READERS: Expect = { ...HANDLERS, resident: 200, resident2: 404, volunteer: 404, partyMember: 404 };

/** Steps that bring a fresh need to the status each action starts from. */
async function needFor(action: string): Promise<string> {
  const { id } = await order(t, auth.resident);
  const go = async (who: string, a: string, body: object = {}) => {
    const res = await act(t, auth[who], id, a, body);
    if (res.status !== 200) throw new Error(`${a}: ${JSON.stringify(res.body)}`);
  };
  const chain: Record<string, string[]> = {
    accept: [],
    reject: [],
    withdraw: [],
    dispatch: ['accept'],
    start: ['accept', 'dispatch'],
    complete: ['accept', 'dispatch', 'start'],
    rate: ['accept', 'dispatch', 'start', 'complete'],
    reopen: ['accept', 'dispatch', 'start', 'complete', 'rate'],
  };
  for (const step of chain[action]) {
    if (step === 'dispatch') await go('staff', step, { kind: 'resource', targetId: await target(t, 'resources') });
    else if (step === 'rate') await go('resident', step, { stars: 1 });
    else await go('staff', step);
  }
  return id;
}

const bodies: Record<string, () => Promise<object>> = {
  reject: async () => ({ reason: '不属于服务范围' }),
  dispatch: async () => ({ kind: 'resource', targetId: await target(t, 'resources') }),
  rate: async () => ({ stars: 4 }),
};

test.each([
  ['accept', HANDLERS],
  ['reject', HANDLERS],
  ['dispatch', HANDLERS],
  ['start', HANDLERS],
  ['complete', HANDLERS],
  ['withdraw', OWNER_ONLY],
  ['rate', OWNER_ONLY],
  ['reopen', { ...HANDLERS, resident: 200, resident2: 404, volunteer: 404, partyMember: 404 }],
])('POST /needs/:id/%s by every role', async (action, expected) => {
  const got: Expect = {};
  let id = await needFor(action);
  for (const who of ACCOUNTS) {
    const res = await act(t, auth[who], id, action, (await bodies[action]?.()) ?? {});
    got[who] = res.status;
    if (res.status === 200) id = await needFor(action); // it moved on: the next role gets a fresh one
  }
  expect(got).toEqual(expected);
});

test('GET /needs/:id: the owner and in-scope staff; everyone else 404 (or 403 by role)', async () => {
  const { id } = await order(t, auth.resident);
  const got: Expect = {};
  for (const who of ACCOUNTS)
    got[who] = (await t.http().get(`/api/v1/needs/${id}`).set('Authorization', auth[who])).status;
  expect(got).toEqual(READERS);
});

test('a grid worker cannot read or act on a need in another grid of the same community', async () => {
  const { id } = await order(t, auth.resident2, legalOrder({ placeId: JINXIU, contactPhone: '13812340002' }));
  expect((await t.http().get(`/api/v1/needs/${id}`).set('Authorization', auth.gridWorker)).status).toBe(404);
  expect((await act(t, auth.gridWorker, id, 'accept')).status).toBe(404);
  expect((await t.http().get(`/api/v1/needs/${id}`).set('Authorization', auth.staff)).status).toBe(200);
  expect((await t.http().get(`/api/v1/needs/${id}`).set('Authorization', auth.resident)).status).toBe(404);
});

test('GET /needs (inbox): staff-type roles only, each seeing their own place', async () => {
  const { id } = await order(t, auth.resident);
  const got: Record<string, number | boolean> = {};
  for (const who of ACCOUNTS) {
    const res = await t.http().get('/api/v1/needs?pageSize=100').set('Authorization', auth[who]);
    got[who] = res.status === 200 ? res.body.items.some((n: { id: string }) => n.id === id) : res.status;
  }
  expect(got).toEqual({
    resident: 403,
    resident2: 403,
    volunteer: 403,
    partyMember: 403,
    gridWorker: true,
    staff: true,
    staff2: false,
    streetAdmin: true,
    department: 403,
    unitAdmin: 403,
    countyAdmin: true,
  });
  const grid = await t.http().get('/api/v1/needs?pageSize=100').set('Authorization', auth.gridWorker);
  const gridIds = new Set(grid.body.items.map((n: { place: { gridId: string } }) => n.place.gridId));
  expect([...gridIds]).toHaveLength(1);
});

test('POST /needs and GET /needs/mine: people who live in a community; staff-type roles 403', async () => {
  const got: Record<string, number> = {};
  for (const who of ACCOUNTS) {
    const created = await t.http().post('/api/v1/needs').set('Authorization', auth[who]).send(legalOrder());
    const mine = await t.http().get('/api/v1/needs/mine').set('Authorization', auth[who]);
    got[who] = created.status * 1000 + mine.status;
  }
  expect(got).toEqual({
    resident: 200200,
    resident2: 200200,
    volunteer: 200200,
    partyMember: 200200,
    gridWorker: 200200,
    staff: 403403,
    staff2: 403403,
    streetAdmin: 403403,
    department: 403403,
    unitAdmin: 403403,
    countyAdmin: 403403,
  });
  // Each sees only their own orders.
  const mine = await t.http().get('/api/v1/needs/mine?pageSize=100').set('Authorization', auth.resident2);
  expect(mine.body.items.every((n: { owner: { name: string } }) => n.owner.name === '李大海')).toBe(true);
});

test('a grid worker may order on behalf of a resident (their phone kept with the order)', async () => {
  const res = await t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', auth.gridWorker)
    .send(legalOrder({ contactPhone: undefined, onBehalfOf: { name: '王奶奶', phone: '13900001111' } }));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ onBehalfOf: { name: '王奶奶', phone: '13900001111' }, contactPhone: '13900001111' });
  const staffView = await t.http().get(`/api/v1/needs/${res.body.id}`).set('Authorization', auth.staff);
  expect(staffView.body.onBehalfOf).toEqual({ name: '王奶奶', phone: '139****1111' });
});

test('POST /uploads: any signed-in user; GET /uploads/:id: the uploader and staff whose place covers a need showing it', async () => {
  const photo = await upload(t, auth.resident);
  expect(photo.status).toBe(200);
  const loose = await upload(t, auth.resident);
  await order(t, auth.resident, legalOrder({ photos: [photo.body.id] }));

  const got: Record<string, number> = {};
  const looseGot: Record<string, number> = {};
  for (const who of ACCOUNTS) {
    expect((await upload(t, auth[who])).status).toBe(200);
    got[who] = (await t.http().get(`/api/v1/uploads/${photo.body.id}`).set('Authorization', auth[who])).status;
    looseGot[who] = (await t.http().get(`/api/v1/uploads/${loose.body.id}`).set('Authorization', auth[who])).status;
  }
  expect(got).toEqual({
    resident: 200,
    resident2: 404,
    volunteer: 404,
    partyMember: 404,
    gridWorker: 200,
    staff: 200,
    staff2: 404,
    streetAdmin: 200,
    department: 404,
    unitAdmin: 404,
    countyAdmin: 200,
  });
  expect(
    Object.entries(looseGot)
      .filter(([, s]) => s === 200)
      .map(([w]) => w),
  ).toEqual(['resident']);
});
