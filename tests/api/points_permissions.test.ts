import { startApp, type TestApp } from '../support/app';
import { NANMEN, chinaAt, claim, clockOf, newActivity, newShift, setNow, uid } from './activities_support';
import { grant, newItem, redeem } from './points_support';
import { DEMO_ACCOUNTS, type DemoAccount } from '../support/accounts';

// Every points, 积分超市 and service-record endpoint × role. Roles outside an endpoint's list get 403;
// another community's records answer 404.

// Every demo account but these three (the points area does not concern them).
const LEFT_OUT = ['resident2', 'unitAdmin', 'servicePerson'] as const;
type Who = Exclude<DemoAccount, (typeof LEFT_OUT)[number]>;
const ROLES = DEMO_ACCOUNTS.filter((a): a is Who => !(LEFT_OUT as readonly string[]).includes(a));

let t: TestApp;
const auth = {} as Record<Who, string>;
const ids = {} as Record<'item' | 'dearItem' | 'redemption' | 'record' | 'certificate', string>;

beforeAll(async () => {
  t = await startApp(__filename);
  for (const who of ROLES) auth[who] = await t.signIn(who);
  ids.item = (await newItem(t, auth.staff, { price: 10, stock: 50 })).id;
  ids.dearItem = (await newItem(t, auth.staff, { name: '电饭煲', price: 100_000, stock: 1 })).id;
  await grant(t, uid('volunteer'), 10);
  ids.redemption = (await redeem(t, auth.volunteer, ids.item)).body.id;

  const activity = await newActivity(t, auth.staff, { title: '权限测试活动' });
  const shift = await newShift(t, auth.staff, activity, { start: chinaAt(2, 9), end: chinaAt(2, 11), seats: 3 });
  expect((await claim(t, auth.volunteer, shift)).status).toBe(200);
  await setNow(t, chinaAt(2, 12));
  await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', auth.staff)
    .send({ personId: uid('volunteer'), minutes: 60 });
  (await clockOf(t)).offsetMs = 0;
  ids.record = (await t.http().get('/api/v1/me/hours').set('Authorization', auth.volunteer)).body.items[0].id;
  ids.certificate = (
    await t.http().post('/api/v1/me/certificates').set('Authorization', auth.volunteer).send({})
  ).body.code;
});
afterAll(() => t.close());

type Method = 'get' | 'post' | 'put' | 'patch';
type Req = [Method, () => string, object?];

function table(name: string, [method, path, body]: Req, expected: Record<Who, number>) {
  test(name, async () => {
    const got = {} as Record<Who, number>;
    for (const who of ROLES) {
      const req = t.http()[method](path()).set('Authorization', auth[who]);
      got[who] = (await (body ? req.send(body) : req)).status;
    }
    expect(got).toEqual(expected);
  });
}

const all = (status: number) => Object.fromEntries(ROLES.map((r) => [r, status])) as Record<Who, number>;
const only = (own: Partial<Record<Who, number>>) => ({ ...all(403), ...own }) as Record<Who, number>;
const holders = (status: number, more: Partial<Record<Who, number>> = {}) =>
  only({ volunteer: status, resident: status, partyMember: status, ...more });

table('getMyPoints: points holders', ['get', () => '/api/v1/me/points'], holders(200));
table('listMyPointsEntries: points holders', ['get', () => '/api/v1/me/points/entries'], holders(200));
table('listPointsRules: anyone signed in', ['get', () => '/api/v1/points/rules'], all(200));
table(
  'updatePointsRule: the county only',
  ['put', () => '/api/v1/points/rules/patrol', { points: 5, yearlyExpectation: 100, yearlyCap: 300 }],
  only({ countyAdmin: 200 }),
);
table(
  'getPointsRanking: holders, community staff, street and county',
  ['get', () => '/api/v1/points/ranking?by=community'],
  holders(200, { staff: 200, staff2: 200, streetAdmin: 200, countyAdmin: 200 }),
);
table('listShopItems: anyone signed in (own community)', ['get', () => '/api/v1/shop/items'], all(200));
table(
  'createShopItem: the community’s staff and the county',
  ['post', () => '/api/v1/shop/items', { name: '毛巾', price: 5, stock: 1, communityId: NANMEN }],
  only({ staff: 200, staff2: 404, countyAdmin: 200 }),
);
table(
  'updateShopItem: the community’s staff and the county',
  ['patch', () => `/api/v1/shop/items/${ids.item}`, { description: '加厚款' }],
  only({ staff: 200, staff2: 404, countyAdmin: 200 }),
);
table(
  'redeemShopItem: holders (here without enough points)',
  ['post', () => `/api/v1/shop/items/${ids.dearItem}/redeem`, {}],
  holders(409),
);
table('listMyRedemptions: holders', ['get', () => '/api/v1/me/redemptions'], holders(200));
table(
  'listRedemptions: shop keepers',
  ['get', () => '/api/v1/shop/redemptions'],
  only({ staff: 200, staff2: 200, countyAdmin: 200 }),
);
table(
  'handOverRedemption: the community’s staff and the county (a wrong code here)',
  ['post', () => `/api/v1/shop/redemptions/${ids.redemption}/hand-over`, { pickupCode: '100000' }],
  only({ staff: 400, staff2: 404, countyAdmin: 400 }),
);
table('getMyHours: holders', ['get', () => '/api/v1/me/hours'], holders(200));
table(
  'correctServiceRecord: organisers of the activity (too long here)',
  ['post', () => `/api/v1/service-records/${ids.record}/corrections`, { minutes: 600, reason: '权限测试' }],
  only({ staff: 400, staff2: 404, countyAdmin: 400 }),
);
table('getStarThresholds: anyone signed in', ['get', () => '/api/v1/star-thresholds'], all(200));
table(
  'setStarThresholds: 南门社区 by its staff, its street and the county',
  ['put', () => `/api/v1/star-thresholds/${NANMEN}`, { thresholds: [100, 300, 600, 1000, 1500] }],
  only({ staff: 200, staff2: 403, streetAdmin: 200, countyAdmin: 200 }),
);
table('issueCertificate: holders', ['post', () => '/api/v1/me/certificates', {}], holders(200));
table(
  'downloadCertificate: its holder only',
  ['get', () => `/api/v1/me/certificates/${ids.certificate}/pdf`],
  holders(404, { volunteer: 200 }),
);
table('checkCertificate: anyone', ['get', () => `/api/v1/certificates/${ids.certificate}`], all(200));

test('without signing in: only the certificate check answers', async () => {
  expect((await t.http().get(`/api/v1/certificates/${ids.certificate}`)).status).toBe(200);
  for (const path of ['/api/v1/me/points', '/api/v1/shop/items', '/api/v1/me/hours', '/api/v1/star-thresholds'])
    expect((await t.http().get(path)).status).toBe(401);
});
