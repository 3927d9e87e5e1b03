import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// 社区公告: residents read their community's board; staff post and withdraw on theirs only.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((n) => n.title);

test("a resident reads their community's notices, pinned first then newest, and never another community's", async () => {
  const resident = await t.signIn('resident');
  const res = await t.http().get('/api/v1/notices').set('Authorization', resident);
  expect(res.status).toBe(200);
  expect(titles(res)).toEqual(['南门小区周六停水通知', '每周三下午律师坐班', '楼道照明改造项目开工']);
  expect(res.body.items[0]).toMatchObject({ pinned: true, communityName: '南门社区', authorName: '陈静' });
  const other = await t
    .http()
    .get(`/api/v1/notices?communityId=${seedId('org:community:xishan')}`)
    .set('Authorization', resident);
  expect(titles(other)).not.toContain('西山营小区环境整治志愿者招募');
});

test('staff post to their own board; a retry with the same key posts once; withdrawn notices leave the board', async () => {
  const staff = await t.signIn('staff');
  const post = () =>
    t
      .http()
      .post('/api/v1/notices')
      .set('Authorization', staff)
      .set('Idempotency-Key', 'notice-test-0001')
      .send({ title: '核酸采样点调整', body: '采样点改到党群服务中心一楼。' });
  const first = await post();
  const again = await post();
  expect(first.status).toBe(200);
  expect(again.body.id).toBe(first.body.id);
  const resident = await t.signIn('resident');
  const board = await t.http().get('/api/v1/notices').set('Authorization', resident);
  expect(titles(board).filter((x) => x === '核酸采样点调整')).toHaveLength(1);

  const withdrawn = await t
    .http()
    .post(`/api/v1/notices/${first.body.id}/withdraw`)
    .set('Authorization', staff)
    .send({});
  expect(withdrawn.status).toBe(200);
  const after = await t.http().get('/api/v1/notices').set('Authorization', resident);
  expect(titles(after)).not.toContain('核酸采样点调整');
});

test('nobody posts or withdraws on a board outside their scope; residents cannot post; bad input names the field', async () => {
  const staff2 = await t.signIn('staff2');
  const pinned = String(seedId('notice:nanmen-water'));
  expect((await t.http().post(`/api/v1/notices/${pinned}/withdraw`).set('Authorization', staff2).send({})).status).toBe(
    404,
  );
  const nanmen = String(seedId('org:community:nanmen'));
  const foreign = await t
    .http()
    .post('/api/v1/notices')
    .set('Authorization', staff2)
    .send({ title: '越权公告', body: '不应出现', communityId: nanmen });
  expect(foreign.status).toBe(404);
  const resident = await t.signIn('resident');
  expect(
    (await t.http().post('/api/v1/notices').set('Authorization', resident).send({ title: '居民', body: 'x' })).status,
  ).toBe(403);
  const street = await t.signIn('streetAdmin');
  const byStreet = await t
    .http()
    .post('/api/v1/notices')
    .set('Authorization', street)
    .send({ title: '街道通知', body: '城关街道各社区请注意防火。', communityId: nanmen });
  expect(byStreet.status).toBe(200);
  const bad = await t
    .http()
    .post('/api/v1/notices')
    .set('Authorization', await t.signIn('staff'))
    .send({ title: '一', body: '' });
  expect(bad.status).toBe(400);
  expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.body', 'body.title']);
});
