import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import { OrgModel } from '../../cloud/src/org/org.model';
import { HomeMoveModel } from '../../cloud/src/people/join.model';
import { UserModel } from '../../cloud/src/people/user.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { legalOrder } from './needs_support';
import {
  NANMEN,
  NANMEN_BUILDING1,
  NANMEN_COMPLEX,
  XISHAN,
  XISHAN_BUILDING1,
  XISHAN_COMPLEX,
  get,
  setHome,
  wxSignIn,
} from './people_join_support';

let wx: FakeWechat;
let t: TestApp;

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, { WX_API_BASE: wx.base, WX_APPID: FAKE_APPID, WX_SECRET: FAKE_SECRET });
});
afterAll(async () => {
  await t.close();
  await wx.close();
});

test('a first WeChat sign-in has no home; the list offers every community by name with its street', async () => {
  const { auth, user } = await wxSignIn(t, 'join-list');
  expect(user.home).toBeNull();
  const res = await get(t, auth, '/api/v1/join/communities');
  expect(res.status).toBe(200);
  expect(res.body.byDistance).toBe(false);
  const names = res.body.items.map((c: { name: string }) => c.name);
  expect(names).toHaveLength(6);
  expect(names).toEqual([...names].sort(new Intl.Collator('zh-Hans-CN').compare));
  const nanmen = res.body.items.find((c: { id: string }) => c.id === NANMEN);
  expect(nanmen).toMatchObject({ name: '南门社区', street: { name: '城关街道' }, distanceM: null });
});

test('with a location the nearest community comes first, with its distance; search narrows by name', async () => {
  const { auth } = await wxSignIn(t, 'join-near');
  // A few hundred metres from 西山社区's office in the demo county.
  const near = await get(t, auth, '/api/v1/join/communities?lng=104.0230&lat=30.6700');
  expect(near.status).toBe(200);
  expect(near.body.byDistance).toBe(true);
  expect(near.body.items[0]).toMatchObject({ id: XISHAN, name: '西山社区' });
  const distances = near.body.items.map((c: { distanceM: number }) => c.distanceM);
  expect(distances[0]).toBeLessThan(1000);
  expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));

  const search = await get(t, auth, `/api/v1/join/communities?q=${encodeURIComponent('南门')}`);
  expect(search.body.items.map((c: { name: string }) => c.name)).toEqual(['南门社区']);
  // By the street's name too.
  const street = await get(t, auth, `/api/v1/join/communities?q=${encodeURIComponent('新城')}`);
  expect(street.body.items).toHaveLength(3);

  const half = await get(t, auth, '/api/v1/join/communities?lng=104.02');
  expect(half.status).toBe(400);
  expect(half.body.fields[0].path).toBe('query.lat');
});

test('a community’s complexes come with their buildings, in order', async () => {
  const { auth } = await wxSignIn(t, 'join-places');
  const res = await get(t, auth, `/api/v1/join/communities/${NANMEN}/places`);
  expect(res.status).toBe(200);
  expect(res.body.community.name).toBe('南门社区');
  const complex = res.body.complexes.find((c: { id: string }) => c.id === NANMEN_COMPLEX);
  expect(complex.buildings.map((b: { name: string }) => b.name)).toEqual(['1号楼', '2号楼', '3号楼']);
  expect(res.body.complexes).toHaveLength(3);
  expect((await get(t, auth, `/api/v1/join/communities/${NANMEN_COMPLEX}/places`)).status).toBe(404);
});

test('join → the home is set, the menu is the community’s and an order there works; moving keeps history and old orders', async () => {
  const { auth, user } = await wxSignIn(t, 'join-order');
  const joined = await setHome(t, auth, {
    communityId: NANMEN,
    complexId: NANMEN_COMPLEX,
    buildingId: NANMEN_BUILDING1,
  });
  expect(joined.status).toBe(200);
  expect(joined.body.home).toEqual({
    community: { id: NANMEN, name: '南门社区' },
    complex: { id: NANMEN_COMPLEX, name: '南门小区' },
    building: { id: NANMEN_BUILDING1, name: '1号楼' },
  });
  expect(joined.body.roles).toEqual(['resident']);
  const menu = await get(t, auth, '/api/v1/menu');
  expect(menu.body.community.name).toBe('南门社区');
  const need = await t.http().post('/api/v1/needs').set('Authorization', auth).send(legalOrder());
  expect(need.status).toBe(200);

  // Moving to 西山社区: the new home answers at once, the old order keeps its place.
  const moved = await setHome(t, auth, {
    communityId: XISHAN,
    complexId: XISHAN_COMPLEX,
    buildingId: XISHAN_BUILDING1,
  });
  expect(moved.status).toBe(200);
  expect(moved.body.home.community.name).toBe('西山社区');
  expect((await get(t, auth, '/api/v1/me')).body.community.name).toBe('西山社区');
  expect((await get(t, auth, '/api/v1/menu')).body.community.name).toBe('西山社区');
  const old = await get(t, auth, `/api/v1/needs/${need.body.id}`);
  expect(old.status).toBe(200);
  expect(old.body.place).toMatchObject({ communityId: NANMEN, buildingId: NANMEN_BUILDING1 });
  const mine = await get(t, auth, '/api/v1/needs/mine');
  expect(mine.body.items.map((n: { id: string }) => n.id)).toContain(need.body.id);

  const moves = await t.db.model(HomeMoveModel).find({ userId: user.id }).sort({ at: 1 }).lean();
  expect(moves.map((m) => [m.from ? String(m.from.orgId) : null, String(m.to.orgId)])).toEqual([
    [null, NANMEN_BUILDING1],
    [NANMEN_BUILDING1, XISHAN_BUILDING1],
  ]);
  // The same home again is no move.
  expect(
    (await setHome(t, auth, { communityId: XISHAN, complexId: XISHAN_COMPLEX, buildingId: XISHAN_BUILDING1 })).status,
  ).toBe(200);
  expect(await t.db.model(HomeMoveModel).countDocuments({ userId: user.id })).toBe(2);
});

test('a community alone is enough; places that do not fit together, or are closed, are refused by field', async () => {
  const { auth } = await wxSignIn(t, 'join-errors');
  const only = await setHome(t, auth, { communityId: NANMEN });
  expect(only.status).toBe(200);
  expect(only.body.home).toEqual({ community: { id: NANMEN, name: '南门社区' }, complex: null, building: null });

  const cases: [Record<string, unknown>, string][] = [
    [{ communityId: XISHAN, complexId: NANMEN_COMPLEX }, 'body.complexId'],
    [{ communityId: NANMEN, complexId: NANMEN_COMPLEX, buildingId: XISHAN_BUILDING1 }, 'body.buildingId'],
    [{ communityId: NANMEN, buildingId: NANMEN_BUILDING1 }, 'body.complexId'],
    [{ communityId: NANMEN_COMPLEX }, 'body.communityId'],
    [{ communityId: 'ffffffffffffffffffffffff' }, 'body.communityId'],
    [{}, 'body.communityId'],
  ];
  for (const [body, path] of cases) {
    const res = await setHome(t, auth, body);
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.fields[0].path).toBe(path);
    expect(res.body.fields[0].message).toMatch(/[\u4e00-\u9fa5]/);
  }

  // A closed community is neither offered nor joinable.
  const closed = seedId('org:community:qichun');
  await t.db.model(OrgModel).updateOne({ _id: closed }, { $set: { active: false } });
  const list = await get(t, auth, '/api/v1/join/communities');
  expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(String(closed));
  expect((await setHome(t, auth, { communityId: String(closed) })).status).toBe(400);
  expect((await get(t, auth, `/api/v1/join/communities/${closed}/places`)).status).toBe(404);
  await t.db.model(OrgModel).updateOne({ _id: closed }, { $set: { active: true } });
  expect((await get(t, auth, '/api/v1/me')).body.home.community.id).toBe(NANMEN);
});

test('staff who join a community keep their post and where they work', async () => {
  const auth = await t.signIn('staff2'); // 西山社区's staff
  const before = (await get(t, auth, '/api/v1/me')).body;
  const res = await setHome(t, auth, { communityId: NANMEN, complexId: NANMEN_COMPLEX });
  expect(res.status).toBe(200);
  expect(res.body.posts).toEqual(before.posts);
  expect(res.body.community.name).toBe('西山社区');
  expect(res.body.home.community.name).toBe('南门社区');
  expect(res.body.roles).toEqual(expect.arrayContaining(['staff', 'resident']));
  const stored = await t.db.model(UserModel).findById(seedId('user:staff2')).lean();
  expect(String(stored?.communityId)).toBe(NANMEN);
});

test('every join endpoint needs a sign-in', async () => {
  const calls = [
    t.http().get('/api/v1/join/communities'),
    t.http().get(`/api/v1/join/communities/${NANMEN}/places`),
    t.http().post('/api/v1/me/home').send({ communityId: NANMEN }),
  ];
  for (const res of await Promise.all(calls)) expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
});
