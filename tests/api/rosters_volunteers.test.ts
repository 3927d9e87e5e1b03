import { startApp, type TestApp } from '../support/app';
import { complex, rosterApi, user } from './rosters_support';
import { seedId } from '../../cloud/src/core/stable-id';

// The volunteer roster: staff list their community's volunteers (phones masked, audited), correct a
// name or phone, record a move, and 退出志愿者 takes the role away (at the person's next request) while
// the service hours stay.
let t: TestApp;
let api: ReturnType<typeof rosterApi>;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  api = rosterApi(t);
});
afterAll(() => t.close());

const wang = user('volunteer');
const path = (what = '') => `/api/v1/rosters/volunteers/${wang}${what ? `/${what}` : ''}`;

test('staff see their volunteers with masked phones; another community does not; each row read is audited', async () => {
  const list = await api.get('staff', '/api/v1/rosters/volunteers?pageSize=100');
  expect(list.status).toBe(200);
  const row = list.body.items.find((v: { id: string }) => v.id === wang);
  expect(row).toMatchObject({ name: '王志强', phoneMasked: '138****0003', communityName: '南门社区', active: true });
  expect(JSON.stringify(list.body)).not.toContain('13812340003');
  const audited = await t.db.connection.collection('audit').countDocuments({ via: 'rosters:volunteers' });
  expect(audited).toBe(list.body.items.length);
  const other = await api.get('staff2', '/api/v1/rosters/volunteers?pageSize=100');
  expect(other.body.items.map((v: { id: string }) => v.id)).not.toContain(wang);
  expect((await api.get('staff2', path())).status).toBe(404);
  // A resident who never volunteered is not on this roster.
  expect((await api.get('staff', `/api/v1/rosters/volunteers/${user('resident')}`)).status).toBe(404);
});

test('a phone and a home are corrected; the person sees it at their next request', async () => {
  const res = await api.post('staff', path('correct'), { phone: '13600002222', reason: '本人换了手机号' });
  expect(res.status).toBe(200);
  expect(res.body.phoneMasked).toBe('136****2222');
  const building = String(seedId('org:building:nanmen:锦绣华庭:2'));
  const moved = await api.post('staff', path('move'), { placeId: building, reason: '搬到锦绣华庭' });
  expect(moved.status).toBe(200);
  expect(moved.body).toMatchObject({ homeId: building, homeName: '锦绣华庭 2号楼', communityName: '南门社区' });
  const notHome = await api.post('staff', path('move'), {
    placeId: String(seedId('org:street:chengguan')),
    reason: '搬家',
  });
  expect(notHome.status).toBe(400);
  const elsewhere = await api.post('staff', path('move'), { placeId: complex('xishan', '西山营小区'), reason: '搬家' });
  expect(elsewhere.status).toBe(404);
  const me = await t
    .http()
    .get('/api/v1/me')
    .set('Authorization', await t.signIn('volunteer'));
  expect(me.body.phone).toBe('136****2222');
  const history = await api.get('staff', path('history'));
  expect(history.body.items.map((e: { action: string; actionLabel: string }) => [e.action, e.actionLabel])).toEqual([
    ['correct', '修改'],
    ['move', '搬迁'],
  ]);
  expect(history.body.items[1].changes).toEqual([
    { field: 'home', label: '住址', from: '南门第二网格', to: '锦绣华庭 2号楼' },
  ]);
});

test('退出志愿者: the role goes at once, the hours stay, the row moves to the 已退出 list; 恢复 brings the role back', async () => {
  const before = (await api.get('staff', path())).body;
  const res = await api.post('staff', path('deactivate'), { reason: '本人申请退出' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ active: false, hours: before.hours });
  const me = await t
    .http()
    .get('/api/v1/me')
    .set('Authorization', await t.signIn('volunteer'));
  expect(me.body.roles).not.toContain('volunteer');
  expect(me.body.roles).toContain('resident');
  const active = await api.get('staff', '/api/v1/rosters/volunteers?pageSize=100');
  expect(active.body.items.map((v: { id: string }) => v.id)).not.toContain(wang);
  const left = await api.get('staff', '/api/v1/rosters/volunteers?active=false');
  expect(left.body.items).toEqual([expect.objectContaining({ id: wang, active: false })]);
  expect((await api.post('staff', path('correct'), { name: '王志', reason: '改名' })).status).toBe(409);
  expect((await api.get('staff', path('history'))).body.items.at(-1)).toMatchObject({
    action: 'deactivate',
    actionLabel: '退出志愿者',
    changes: [{ field: 'volunteer', label: '志愿者', from: '是', to: '否' }],
  });
  const back = await api.post('staff', path('reactivate'), { reason: '本人重新报名' });
  expect(back.body.active).toBe(true);
  const me2 = await t
    .http()
    .get('/api/v1/me')
    .set('Authorization', await t.signIn('volunteer'));
  expect(me2.body.roles).toContain('volunteer');
});

test('the person’s data export holds their roster history; deleting the account blanks its personal values', async () => {
  const token = await t.signIn('volunteer');
  const mine = await t.http().get('/api/v1/me/data').set('Authorization', token);
  expect(mine.status).toBe(200);
  const history = mine.body.areas.rosters as { action: string; reason: string; fields: string[] }[];
  expect(history.map((e) => e.action)).toEqual(['correct', 'move', 'deactivate', 'reactivate']);
  expect(history[0]).toMatchObject({ reason: '本人换了手机号', fields: ['phone'] });
  expect(JSON.stringify(history)).not.toContain('136');
  const erased = await t.http().delete('/api/v1/me').set('Authorization', token).send({ confirm: '注销账号' });
  expect(erased.status).toBe(200);
  const events = await t.db.connection.collection('rosterEvents').find({ rowKind: 'person' }).toArray();
  expect(events.length).toBeGreaterThan(0);
  for (const e of events)
    for (const c of e.changes) if (c.personal) expect([c.field, c.from, c.to]).toEqual([c.field, null, null]);
  // What happened stays: the 退出 event and its reason.
  expect(events.map((e) => e.reason)).toContain('本人申请退出');
});
