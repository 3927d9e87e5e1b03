import { OrgModel } from '../../cloud/src/org/org.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { startApp, type TestApp } from '../support/app';
import { seedDemoResources } from './resources_support';

// 邀请 → 选择地点: where the caller may grant a role, as createInvitation will judge it.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
});
afterAll(() => t.close());

const places = async (account: string | null, role: string) => {
  const req = t.http().get('/api/v1/grant-places').query({ role });
  const res = account ? await req.set('Authorization', await t.signIn(account)) : await req;
  return { status: res.status, body: res.body, names: (res.body.items ?? []).map((p: { name: string }) => p.name) };
};

test('the county administrator may grant every role anywhere in the county', async () => {
  const staff = await places('countyAdmin', 'staff');
  expect(staff.status).toBe(200);
  expect(staff.names).toHaveLength(6);
  const nanmen = staff.body.items.find((p: { name: string }) => p.name === '南门社区');
  expect(nanmen).toEqual({
    kind: 'community',
    id: String(seedId('org:community:nanmen')),
    name: '南门社区',
    path: '城关街道',
    resources: [],
  });
  expect((await places('countyAdmin', 'countyAdmin')).names).toEqual(['示范县']);
  expect((await places('countyAdmin', 'streetAdmin')).names.sort()).toEqual(['城关街道', '新城街道'].sort());
  expect((await places('countyAdmin', 'department')).names).toContain('县住房和城乡建设局');
  expect((await places('countyAdmin', 'unitAdmin')).names).toHaveLength(12);
  const grids = await places('countyAdmin', 'gridWorker');
  expect(grids.body.items.find((p: { name: string }) => p.name === '南门第一网格').path).toBe('城关街道 · 南门社区');
});

test('a street administrator sees the places of their own street only', async () => {
  expect((await places('streetAdmin', 'staff')).names.sort()).toEqual(['北街社区', '南门社区', '土桥社区'].sort());
  const units = (await places('streetAdmin', 'unitAdmin')).names;
  expect(units).toContain('县人民医院');
  expect(units).not.toContain('县实验小学'); // 新城街道's
  // Not theirs to grant: no place at all.
  expect((await places('streetAdmin', 'department')).body).toEqual({ items: [] });
  expect((await places('streetAdmin', 'streetAdmin')).body).toEqual({ items: [] });
});

test('community staff pick among their own grids; another community staff among theirs', async () => {
  expect((await places('staff', 'gridWorker')).names.sort()).toEqual(
    ['南门第一网格', '南门第二网格', '南门第三网格'].sort(),
  );
  expect((await places('staff2', 'gridWorker')).names.sort()).toEqual(['西山第一网格', '西山第二网格'].sort());
  expect((await places('staff', 'staff')).body.items).toEqual([]);
});

test("a unit administrator invites the unit's service people, offered with the unit's people", async () => {
  const res = await places('unitAdmin', 'servicePerson');
  expect(res.names).toEqual(['县人民医院']);
  const people = res.body.items[0].resources.map((r: { name: string }) => r.name);
  expect(people).toContain('王建华（全科主治医师）');
  expect(people).not.toContain('县人民医院健康教育室'); // a room is not a person
});

test('a deactivated community is not offered', async () => {
  await t.db.model(OrgModel).updateOne({ _id: seedId('org:community:tuqiao') }, { $set: { active: false } });
  expect((await places('streetAdmin', 'staff')).names).not.toContain('土桥社区');
  await t.db.model(OrgModel).updateOne({ _id: seedId('org:community:tuqiao') }, { $set: { active: true } });
});

test.each(['resident', 'gridWorker', 'department', 'servicePerson'])('%s may not list grant places', async (who) => {
  const res = await places(who, 'staff');
  expect(res.status).toBe(403);
  expect(res.body.code).toBe('FORBIDDEN');
});

test('without a sign-in the answer is 401; an unknown role is a 400 naming the field', async () => {
  expect((await places(null, 'staff')).status).toBe(401);
  const bad = await places('countyAdmin', 'mayor');
  expect(bad.status).toBe(400);
  expect(bad.body.fields[0].path).toBe('query.role');
});
