import { startApp, type TestApp } from '../support/app';
import { community, rosterApi, staffRow } from './rosters_support';

// The 两委 roster: a corrected row changes the dashboard's staff figures (age ≥ 40, education ≤ 大专),
// 离任 takes it out of them and keeps it for history, and a row moves only within the caller's scope.
let t: TestApp;
let api: ReturnType<typeof rosterApi>;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  api = rosterApi(t);
});
afterAll(() => t.close());

const path = (key: string, name: string, what = '') =>
  `/api/v1/rosters/staff/${staffRow(key, name)}${what ? `/${what}` : ''}`;

test('陈静 (38, 大专) corrected to 41 and 本科: one more aged 40+, one fewer 专科及以下', async () => {
  const before = (await api.overview('staff')).staff;
  const shown = await api.get('staff', path('nanmen', '陈静'));
  expect(shown.status).toBe(200);
  expect(shown.body).toMatchObject({ name: '陈静', post: '主任', age: 38, education: '大专', active: true });
  const year = Number(new Date().toISOString().slice(0, 4));
  const res = await api.post('staff', path('nanmen', '陈静', 'correct'), {
    birthDate: `${year - 42}-01-01`,
    education: '本科',
    phone: '13700001111',
    reason: '核对档案：出生年份、学历有误',
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ education: '本科', phoneMasked: '137****1111' });
  expect(res.body.age).toBeGreaterThanOrEqual(41);
  const after = (await api.overview('staff')).staff;
  expect(after.total).toBe(before.total);
  expect(after.aged40Plus).toBe(before.aged40Plus + 1);
  expect(after.collegeOrBelow).toBe(before.collegeOrBelow - 1);
  const history = await api.get('staff', path('nanmen', '陈静', 'history'));
  expect(history.body.items[0]).toMatchObject({
    action: 'correct',
    actorName: '陈静',
    reason: '核对档案：出生年份、学历有误',
  });
  expect(history.body.items[0].changes).toEqual(
    expect.arrayContaining([
      { field: 'phone', label: '手机号', from: null, to: '137****1111' },
      { field: 'education', label: '学历', from: '大专', to: '本科' },
    ]),
  );
  const bad = await api.post('staff', path('nanmen', '陈静', 'correct'), { education: '博士', reason: '学历' });
  expect(bad.status).toBe(400);
  expect(bad.body.fields[0]).toMatchObject({ path: 'body.education' });
});

test('离任: out of the figures and the roster, kept in the 离任 list with its history; 恢复在任 brings it back', async () => {
  const before = (await api.overview('staff')).staff;
  const res = await api.post('staff', path('nanmen', '赵国平', 'deactivate'), { reason: '换届离任' });
  expect(res.status).toBe(200);
  expect(res.body.active).toBe(false);
  const after = (await api.overview('staff')).staff;
  expect(after.total).toBe(before.total - 1);
  expect(after.aged40Plus).toBe(before.aged40Plus - 1); // 63
  const roster = await api.get('staff', '/api/v1/people/staff?pageSize=50');
  expect(roster.body.items.map((r: { name: string }) => r.name)).not.toContain('赵国平');
  const left = await api.get('staff', '/api/v1/people/staff?active=false');
  expect(left.body.items).toEqual([expect.objectContaining({ name: '赵国平', active: false })]);
  expect((await api.post('staff', path('nanmen', '赵国平', 'deactivate'), { reason: '再次' })).status).toBe(409);
  const history = await api.get('staff', path('nanmen', '赵国平', 'history'));
  expect(history.body.items[0]).toMatchObject({
    action: 'deactivate',
    actionLabel: '离任',
    changes: [{ field: 'active', label: '状态', from: '在任', to: '离任' }],
  });
  const back = await api.post('staff', path('nanmen', '赵国平', 'reactivate'), { reason: '误操作' });
  expect(back.body.active).toBe(true);
  expect((await api.overview('staff')).staff.total).toBe(before.total);
});

test('the street admin moves a worker to another community of the street; staff may not', async () => {
  const denied = await api.post('staff', path('nanmen', '刘晓燕', 'move'), {
    communityId: community('beijie'),
    reason: '调往北街',
  });
  expect(denied.status).toBe(404);
  const nanmen0 = (await api.overview('staff')).staff.total;
  const street0 = (await api.overview('streetAdmin')).staff.total;
  const res = await api.post('streetAdmin', path('nanmen', '刘晓燕', 'move'), {
    communityId: community('beijie'),
    reason: '街道调整岗位',
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ placeName: '北街社区' });
  expect((await api.overview('staff')).staff.total).toBe(nanmen0 - 1);
  expect((await api.overview('streetAdmin')).staff.total).toBe(street0);
  expect((await api.get('staff', path('nanmen', '刘晓燕'))).status).toBe(404);
  const notCommunity = await api.post('streetAdmin', path('nanmen', '刘晓燕', 'move'), {
    communityId: String(res.body.placeId).replace(/./, 'f'),
    reason: '调往',
  });
  expect(notCommunity.status).toBe(404);
});
