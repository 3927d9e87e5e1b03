import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

test("a resident's address picker lists their community's complexes and buildings", async () => {
  const res = await t
    .http()
    .get('/api/v1/places')
    .set('Authorization', await t.signIn('resident'));
  expect(res.status).toBe(200);
  expect(res.body.community.name).toBe('南门社区');
  expect(res.body.complexes.map((c: { name: string }) => c.name).sort()).toEqual(
    ['南门小区', '粮站家属院', '锦绣华庭'].sort(),
  );
  const old = res.body.complexes.find((c: { name: string }) => c.name === '南门小区');
  expect(old).toMatchObject({ old: true, hasProperty: false, parentId: String(seedId('org:grid:nanmen:0')) });
  const buildings = res.body.buildings.filter((b: { parentId: string }) => b.parentId === old.id);
  expect(buildings.map((b: { name: string }) => b.name)).toEqual(['1号楼', '2号楼', '3号楼']);
  expect(res.body.grids).toHaveLength(3);
});

test('another community can be named; a non-community id is a 404; signing in is required', async () => {
  const auth = await t.signIn('resident');
  const xishan = await t
    .http()
    .get(`/api/v1/places?communityId=${seedId('org:community:xishan')}`)
    .set('Authorization', auth);
  expect(xishan.body.community.name).toBe('西山社区');
  const street = await t
    .http()
    .get(`/api/v1/places?communityId=${seedId('org:street:chengguan')}`)
    .set('Authorization', auth);
  expect(street.status).toBe(404);
  expect((await t.http().get('/api/v1/places')).status).toBe(401);
  const county = await t
    .http()
    .get('/api/v1/places')
    .set('Authorization', await t.signIn('countyAdmin'));
  expect(county.status).toBe(404);
});

test('the county list has both streets and all six communities', async () => {
  const res = await t
    .http()
    .get('/api/v1/communities')
    .set('Authorization', await t.signIn('volunteer'));
  expect(res.body.streets.map((s: { name: string }) => s.name).sort()).toEqual(['城关街道', '新城街道'].sort());
  expect(res.body.communities).toHaveLength(6);
});
