import { startApp, type TestApp } from '../support/app';
import { activityBody } from './activities_support';
import { HELPING_HAND, NANMEN, NANMEN_STATION, XISHAN } from './teams_support';

// Stations (list/detail for everyone, managed by staff in scope) and brand pages (counts and teams
// from the activities), plus who may call each teams endpoint.

let t: TestApp;
const auth: Record<string, string> = {};

beforeAll(async () => {
  t = await startApp(__filename);
  for (const who of ['resident', 'volunteer', 'staff', 'staff2', 'streetAdmin', 'countyAdmin', 'department'])
    auth[who] = await t.signIn(who);
});
afterAll(() => t.close());

const station = {
  name: '西山社区志愿服务站',
  placeId: XISHAN,
  address: '西山社区居委会二楼',
  openHours: '周一至周五 9:00–17:00',
  contactName: '孙丽',
  contactPhone: '13912345678',
};

test('residents see stations with hours, masked contact and the teams based there', async () => {
  const res = await t.http().get('/api/v1/stations').set('Authorization', auth.resident);
  expect(res.status).toBe(200);
  expect(res.body.items).toEqual([
    expect.objectContaining({ id: NANMEN_STATION, name: '南门社区新时代文明实践站', contactPhone: '073****1234' }),
  ]);
  expect(res.body.items[0].teams.map((x: { name: string }) => x.name).sort()).toEqual(
    ['和事佬', '搭把手', '红色巡逻'].sort(),
  );
  const staffView = await t.http().get(`/api/v1/stations/${NANMEN_STATION}`).set('Authorization', auth.staff);
  expect(staffView.body).toMatchObject({ contactPhone: '0731-84561234', canManage: true });
  const residentView = await t.http().get(`/api/v1/stations/${NANMEN_STATION}`).set('Authorization', auth.resident);
  expect(residentView.body.canManage).toBe(false);
});

test('staff create and edit stations in their own community only', async () => {
  expect((await t.http().post('/api/v1/stations').set('Authorization', auth.staff).send(station)).status).toBe(403);
  const created = await t.http().post('/api/v1/stations').set('Authorization', auth.staff2).send(station);
  expect(created.status).toBe(200);
  expect(created.body).toMatchObject({ name: '西山社区志愿服务站', community: { id: XISHAN }, canManage: true });
  const id = created.body.id;
  expect(
    (await t.http().patch(`/api/v1/stations/${id}`).set('Authorization', auth.staff).send({ openHours: '全天' }))
      .status,
  ).toBe(403);
  const edited = await t
    .http()
    .patch(`/api/v1/stations/${id}`)
    .set('Authorization', auth.staff2)
    .send({ openHours: '周一至周日 8:00–20:00' });
  expect(edited.body.openHours).toBe('周一至周日 8:00–20:00');
  const moved = await t
    .http()
    .patch(`/api/v1/stations/${id}`)
    .set('Authorization', auth.countyAdmin)
    .send({ placeId: NANMEN });
  expect(moved.status).toBe(400);
  const bad = await t
    .http()
    .post('/api/v1/stations')
    .set('Authorization', auth.staff2)
    .send({ ...station, contactPhone: '123' });
  expect(bad.status).toBe(400);
  expect(bad.body.fields[0]).toEqual({ path: 'body.contactPhone', message: '请填写手机号或固定电话' });
  // A team is based only at a station of its own community.
  const wrong = await t
    .http()
    .patch(`/api/v1/teams/${HELPING_HAND}`)
    .set('Authorization', auth.staff)
    .send({ stationId: id });
  expect(wrong.status).toBe(400);
});

test("a brand page counts the community's published activities and names the teams that ran them", async () => {
  const before = await t.http().get('/api/v1/brands').set('Authorization', auth.resident);
  expect(before.status).toBe(200);
  expect(before.body.community).toEqual({ id: NANMEN, name: '南门社区' });
  expect(before.body.items.map((b: { code: string }) => b.code)).toEqual([
    'studyAid',
    'trafficGuide',
    'legalAid',
    'cleanHome',
    'elderCare',
    'freeClinic',
    'culture',
    'other',
  ]);
  const count = (body: { items: { code: string; activityCount: number }[] }) =>
    body.items.find((b) => b.code === 'trafficGuide')!.activityCount;

  for (const extra of [{}, {}, { status: 'draft' }, { team: null }]) {
    const res = await t.http().post('/api/v1/activities').set('Authorization', auth.staff).send(activityBody(extra));
    expect(res.status).toBe(200);
  }
  const after = await t.http().get('/api/v1/brands').set('Authorization', auth.resident);
  expect(count(after.body)).toBe(count(before.body) + 3);
  const page = await t.http().get('/api/v1/brands/trafficGuide').set('Authorization', auth.resident);
  expect(page.body).toMatchObject({ name: '文明交通引导', activityCount: count(after.body) });
  expect(page.body.teams.map((x: { name: string }) => x.name)).toEqual(['文明卫士']);
  expect(page.body.description).toContain('路口');

  const team = page.body.teams[0].id;
  const detail = await t.http().get(`/api/v1/teams/${team}`).set('Authorization', auth.resident);
  expect(detail.body.activityCount).toBe(2);
  const list = await t.http().get(`/api/v1/teams/${team}/activities?when=all`).set('Authorization', auth.resident);
  expect(list.body.total).toBe(2);

  const unknown = await t.http().get('/api/v1/brands/nope').set('Authorization', auth.resident);
  expect(unknown.status).toBe(400);
});

test('who may call the teams endpoints', async () => {
  const status = async (who: string, method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object) => {
    const req = t.http()[method](path).set('Authorization', auth[who]);
    return (await (body ? req.send(body) : req)).status;
  };
  // Joining is for residents, volunteers and party members; staff-type roles are refused.
  expect(await status('staff', 'post', `/api/v1/teams/${HELPING_HAND}/join`, {})).toBe(403);
  expect(await status('department', 'get', '/api/v1/me/teams')).toBe(403);
  expect(await status('resident', 'get', '/api/v1/me/teams')).toBe(200);
  // Members lists: the leader and staff in scope; a resident who is not the leader is refused.
  expect(await status('resident', 'get', `/api/v1/teams/${HELPING_HAND}/members`)).toBe(403);
  expect(await status('streetAdmin', 'get', `/api/v1/teams/${HELPING_HAND}/members`)).toBe(200);
  expect(await status('staff2', 'get', `/api/v1/teams/${HELPING_HAND}/members`)).toBe(403);
  // Editing a team and stations: staff-type roles only.
  expect(await status('volunteer', 'patch', `/api/v1/teams/${HELPING_HAND}`, { description: '队长自己改' })).toBe(403);
  expect(await status('resident', 'post', '/api/v1/stations', station)).toBe(403);
  expect(await status('department', 'post', '/api/v1/stations', station)).toBe(403);
  // Reading is open to any signed-in user.
  for (const who of ['resident', 'department', 'countyAdmin'])
    expect(await status(who, 'get', `/api/v1/teams?communityId=${NANMEN}`)).toBe(200);
});
