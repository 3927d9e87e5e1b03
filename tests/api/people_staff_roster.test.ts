import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// The 两委 and staff roster page: community staff see their community, street admins their street,
// the county everything; no ID numbers or phones leave the server; other roles are refused.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const get = async (account: string, path = '/api/v1/people/staff') =>
  t
    .http()
    .get(path)
    .set('Authorization', await t.signIn(account));

test('南门 staff see their six, with post, age and education, and nothing sensitive', async () => {
  const res = await get('staff');
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(6);
  const wang = res.body.items.find((r: { name: string }) => r.name === '王德明');
  expect(wang).toMatchObject({ post: '书记', age: 58, education: '高中/中专', committee: true, placeName: '南门社区' });
  expect(Object.keys(wang).sort()).toEqual(
    ['active', 'age', 'committee', 'education', 'id', 'name', 'placeId', 'placeName', 'post'].sort(),
  );
  expect(JSON.stringify(res.body)).not.toMatch(/idNumber|phone|510123/);
});

test('pages hold, and scope follows the org tree (a named community only narrows it)', async () => {
  const p1 = await get('streetAdmin', '/api/v1/people/staff?pageSize=10');
  const p2 = await get('streetAdmin', '/api/v1/people/staff?pageSize=10&page=2');
  expect(p1.body.total).toBe(18); // 城关: 南门, 北街, 土桥
  expect(p1.body.items).toHaveLength(10);
  expect(p2.body.items).toHaveLength(8);
  const ids = [...p1.body.items, ...p2.body.items].map((r: { id: string }) => r.id);
  expect(new Set(ids).size).toBe(18);
  expect((await get('countyAdmin')).body.total).toBe(31);
  expect((await get('staff2')).body.total).toBe(6); // 西山
  const xishan = String(seedId('org:community:xishan'));
  expect((await get('staff', `/api/v1/people/staff?communityId=${xishan}`)).body.total).toBe(0);
  expect((await get('countyAdmin', `/api/v1/people/staff?communityId=${xishan}`)).body.total).toBe(6);
  expect((await get('staff', '/api/v1/people/staff?pageSize=0')).status).toBe(400);
});

test.each(['resident', 'volunteer', 'partyMember', 'gridWorker', 'department', 'unitAdmin'])(
  '%s may not see the staff roster',
  async (account) => {
    const res = await get(account);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  },
);
