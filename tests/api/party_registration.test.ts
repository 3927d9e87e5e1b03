import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// 双报到: an in-service party member registers at their home community choosing a post; once only
// (registering again changes the post); 党务 staff of that community see the registration.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const year = new Date().getFullYear();

test("刘建国 sees his community's posts, registers, and a second registration changes the post", async () => {
  const member = await t.signIn('partyMember');
  const mine = await t.http().get('/api/v1/party/registration').set('Authorization', member);
  expect(mine.status).toBe(200);
  expect(mine.body.registration).toBeNull();
  expect(mine.body.communityName).toBe('南门社区');
  expect(mine.body.posts.map((p: { name: string }) => p.name)).toContain('文明交通引导岗');
  const post = mine.body.posts[1].id;
  const unit = mine.body.units.find((u: { name: string }) => u.name === '县司法局').id;

  const send = (postId: string, key: string) =>
    t
      .http()
      .post('/api/v1/party/registration')
      .set('Authorization', member)
      .set('Idempotency-Key', key)
      .send({ postId, unitId: unit });
  const first = await send(post, 'register-0001');
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({
    name: '刘建国',
    communityName: '南门社区',
    postName: '文明交通引导岗',
    unitName: '县司法局',
  });
  const retry = await send(post, 'register-0001');
  expect(retry.body.id).toBe(first.body.id);
  const change = await send(mine.body.posts[2].id, 'register-0002');
  expect(change.body.id).toBe(first.body.id);
  expect(change.body.postName).toBe('环境卫生岗');
  expect(await t.db.connection.collection('registrations').countDocuments({ userId: seedId('user:partyMember') })).toBe(
    1,
  );

  const staff = await t.signIn('staff');
  const list = await t.http().get(`/api/v1/party/registrations?year=${year}&pageSize=50`).set('Authorization', staff);
  expect(list.status).toBe(200);
  const row = list.body.items.find((r: { id: string }) => r.id === first.body.id);
  expect(row).toMatchObject({ name: '刘建国', postName: '环境卫生岗', evaluation: null });
  expect(list.body.items.every((r: { communityName: string }) => r.communityName === '南门社区')).toBe(true);
  const audited = await t.db.connection
    .collection('audit')
    .countDocuments({ via: 'party:registrations', subjectId: seedId('user:partyMember') });
  expect(audited).toBe(1);
  const other = await t.signIn('countyAdmin');
  const xishan = await t
    .http()
    .get(`/api/v1/party/registrations?year=${year}&communityId=${seedId('org:community:xishan')}`)
    .set('Authorization', other);
  expect(xishan.body.items.map((r: { name: string }) => r.name).sort()).toEqual(['曹明亮', '邓丽君'].sort());
});

test('a post of another community or an unknown unit is refused, naming the field', async () => {
  const member = await t.signIn('partyMember');
  const foreign = await t
    .http()
    .post('/api/v1/party/registration')
    .set('Authorization', member)
    .send({ postId: String(seedId('post:xishan:0')), unitId: String(seedId('unit:县人民医院')) });
  expect(foreign.status).toBe(400);
  expect(foreign.body.fields).toEqual([{ path: 'body.postId', message: '请选择本社区的岗位' }]);
  const noUnit = await t
    .http()
    .post('/api/v1/party/registration')
    .set('Authorization', member)
    .send({ postId: String(seedId('post:nanmen:0')), unitId: String(seedId('unit:不存在')) });
  expect(noUnit.status).toBe(400);
  expect(noUnit.body.fields[0].path).toBe('body.unitId');
});
