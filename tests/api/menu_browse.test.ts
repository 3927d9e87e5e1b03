import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

let t: TestApp;
let resident: string;
beforeAll(async () => {
  t = await startApp(__filename);
  resident = await t.signIn('resident');
});
afterAll(() => t.close());

const names = (body: { categories: { items: { name: string }[] }[] }) =>
  body.categories.flatMap((c) => c.items.map((i) => i.name));

test("a resident sees the county's default items plus their own community's, grouped by category", async () => {
  const res = await t.http().get('/api/v1/menu').set('Authorization', resident);
  expect(res.status).toBe(200);
  expect(res.body.community).toEqual({ id: String(seedId('org:community:nanmen')), name: '南门社区' });
  expect(res.body.categories.map((c: { name: string }) => c.name)).toEqual([
    '法律援助',
    '助老',
    '助学',
    '义诊',
    '家电维修',
    '环境卫生',
    '文化活动',
    '其他',
  ]);
  expect(names(res.body)).toContain('老年助餐'); // 南门社区's own item
  expect(names(res.body)).not.toContain('老旧线路检查'); // 西山社区's own item
  const own = res.body.categories[1].items.find((i: { name: string }) => i.name === '老年助餐');
  expect(own.communityId).toBe(String(seedId('org:community:nanmen')));
});

test('a menu item opens with its description, time limits and form fields in order', async () => {
  const id = String(seedId('menu:legal-consult'));
  const res = await t.http().get(`/api/v1/menu/items/${id}`).set('Authorization', resident);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    id,
    name: '法律咨询',
    categoryCode: 'legalAid',
    resourceKinds: ['lawyer'],
    timeLimits: { acceptHours: 24, completeHours: 72 },
    communityId: null,
    communityName: null,
  });
  expect(res.body.fields.map((f: { code: string }) => f.code)).toEqual(['topic', 'way']);
  expect(res.body.fields[0].options).toHaveLength(4);
});

test("another community's own item cannot be opened by id", async () => {
  const id = String(seedId('menu:repair-circuit'));
  const res = await t.http().get(`/api/v1/menu/items/${id}`).set('Authorization', resident);
  expect(res.status).toBe(404);
  expect(res.body.code).toBe('NOT_FOUND');
});

test('a malformed id or an unknown query parameter is a 400 naming it', async () => {
  const bad = await t.http().get('/api/v1/menu/items/not-an-id').set('Authorization', resident);
  expect(bad.status).toBe(400);
  expect(bad.body.fields).toEqual([{ path: 'params.id', message: '编号格式不正确' }]);

  const extra = await t.http().get('/api/v1/menu?sort=name').set('Authorization', resident);
  expect(extra.status).toBe(400);
  expect(extra.body.fields[0].path).toBe('query');
});

test('a county admin sees the defaults, or a community they name', async () => {
  const admin = await t.signIn('countyAdmin');
  const county = await t.http().get('/api/v1/menu').set('Authorization', admin);
  expect(county.body.community).toBeNull();
  expect(names(county.body)).not.toContain('老年助餐');

  const xishan = String(seedId('org:community:xishan'));
  const named = await t.http().get(`/api/v1/menu?communityId=${xishan}`).set('Authorization', admin);
  expect(named.body.community.name).toBe('西山社区');
  expect(names(named.body)).toContain('老旧线路检查');
});

test('a resident naming another community still gets their own', async () => {
  const xishan = String(seedId('org:community:xishan'));
  const res = await t.http().get(`/api/v1/menu?communityId=${xishan}`).set('Authorization', resident);
  expect(res.body.community.name).toBe('南门社区');
});

test('the menu needs a signed-in user', async () => {
  const res = await t.http().get('/api/v1/menu');
  expect(res.status).toBe(401);
});
