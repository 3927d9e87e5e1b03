import { startApp, type TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { Notifier } from '../../cloud/src/notifications/notifier';
import { seedId } from '../../cloud/src/core/stable-id';

let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

test('a user lists their own messages newest first with an unread count, and marks one read', async () => {
  const notifier = await t.app.getApplicationContext().getAsync(Notifier);
  const clock = await t.app.getApplicationContext().getAsync(Clock);
  await notifier.notify([seedId('user:resident')], 'test', '第一条', { needId: 'x' }, 'first');
  clock.advance(1000);
  await notifier.notify([seedId('user:resident'), seedId('user:resident2')], 'test', '第二条', {}, 'second');
  clock.reset();
  const resident = await t.signIn('resident');

  const list = await t.http().get('/api/v1/me/notifications').set('Authorization', resident);
  expect(list.status).toBe(200);
  expect(list.body.items.map((n: { text: string }) => n.text)).toEqual(['第二条', '第一条']);
  expect(list.body).toMatchObject({ total: 2, unread: 2, page: 1 });

  const id = list.body.items[1].id;
  const read = await t.http().post(`/api/v1/me/notifications/${id}/read`).set('Authorization', resident).send({});
  expect(read.status).toBe(200);
  expect(read.body.readAt).not.toBeNull();
  const again = await t.http().post(`/api/v1/me/notifications/${id}/read`).set('Authorization', resident).send({});
  expect(again.body.readAt).toBe(read.body.readAt);

  const unread = await t.http().get('/api/v1/me/notifications?unread=true').set('Authorization', resident);
  expect(unread.body).toMatchObject({ total: 1, unread: 1 });
});

test("nobody reads or marks another person's message", async () => {
  const resident2 = await t.signIn('resident2');
  const mine = await t.http().get('/api/v1/me/notifications').set('Authorization', resident2);
  expect(mine.body.items.map((n: { text: string }) => n.text)).toEqual(['第二条']);

  const resident = await t.signIn('resident');
  const theirs = (await t.http().get('/api/v1/me/notifications').set('Authorization', resident)).body.items[0].id;
  const res = await t.http().post(`/api/v1/me/notifications/${theirs}/read`).set('Authorization', resident2).send({});
  expect(res.status).toBe(404);
  expect((await t.http().get('/api/v1/me/notifications')).status).toBe(401);
});
