import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { Tokens } from '../../cloud/src/core/tokens';
import { Principals } from '../../cloud/src/grants/principals';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { WhistlesService } from '../../cloud/src/whistles/whistles.service';
import { PNG, upload } from './needs_support';
import { ZHUJIAN, act, blow, deptWhistle, show, step, uid } from './whistles_support';

// 退回: the originator sends a resolution back with a reason; the responder resolves again.
let t: TestApp;
const auth: Record<string, string> = {};

beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['staff', 'staff2', 'gridWorker', 'department', 'countyAdmin']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

async function resolvedWhistle(by = 'staff') {
  const w = await blow(t, auth[by], deptWhistle());
  await step(t, auth.department, w.id, ZHUJIAN, 'report');
  await step(t, auth.department, w.id, ZHUJIAN, 'resolve', { result: '已电话回复居民' });
  return w.id;
}

test('send back with a reason, resolve again, then confirm: every step on the timeline', async () => {
  const id = await resolvedWhistle();
  const sent = await step(t, auth.staff, id, ZHUJIAN, 'send-back', { reason: '只电话回复，没有到现场' });
  expect(sent.status).toBe('inProgress');
  expect(sent.targets[0]).toMatchObject({
    status: 'sentBack',
    sendBacks: 1,
    lastSendBackReason: '只电话回复，没有到现场',
    actions: [],
  });
  const told = await t.db
    .model(NotificationModel)
    .findOne({ userId: new Types.ObjectId(uid('department')), kind: 'whistleSentBack', 'refs.whistleId': id })
    .lean();
  expect(told!.text).toContain('只电话回复，没有到现场');

  // The department sees what it can do again.
  expect((await show(t, auth.department, id)).body.targets[0].actions).toEqual(['resolve']);
  const again = await step(t, auth.department, id, ZHUJIAN, 'resolve', { result: '已到现场疏通，污水清理完毕' });
  expect(again.status).toBe('resolved');
  expect(again.targets[0]).toMatchObject({ status: 'resolved', result: '已到现场疏通，污水清理完毕', sendBacks: 1 });

  // Sent back a second time, resolved a third time, confirmed.
  await step(t, auth.staff, id, ZHUJIAN, 'send-back', { reason: '单元门口还有淤泥' });
  await step(t, auth.department, id, ZHUJIAN, 'resolve', { result: '淤泥已清运' });
  const done = await step(t, auth.staff, id, ZHUJIAN, 'confirm', { satisfaction: 3, comment: '反复了两次' });
  expect(done.status).toBe('closed');
  expect(done.targets[0]).toMatchObject({ status: 'confirmed', sendBacks: 2, satisfaction: 3, result: '淤泥已清运' });
  expect(done.timeline.map((e: any) => [e.action, e.to])).toEqual([
    ['blow', 'pending'],
    ['report', 'reported'],
    ['resolve', 'resolved'],
    ['sendBack', 'sentBack'],
    ['resolve', 'resolved'],
    ['sendBack', 'sentBack'],
    ['resolve', 'resolved'],
    ['confirm', 'confirmed'],
  ]);
  expect(done.timeline[3].note).toBe('只电话回复，没有到现场');
  expect(done.timeline[7]).toMatchObject({ satisfaction: 3, note: '反复了两次' });
});

test('send back needs a reason and a resolved target; only the originator side sends back', async () => {
  const w = await blow(t, auth.staff, deptWhistle());
  const early = await act(t, auth.staff, w.id, ZHUJIAN, 'send-back', { reason: '还没办' });
  expect(early.status).toBe(409);
  expect(early.body.code).toBe('INVALID_TRANSITION');

  const id = await resolvedWhistle();
  const noReason = await t
    .http()
    .post(`/api/v1/whistles/${id}/targets/${ZHUJIAN}/send-back`)
    .set('Authorization', auth.staff)
    .send({});
  expect(noReason.status).toBe(400);
  expect(noReason.body.fields).toEqual([{ path: 'body.reason', message: '请填写退回原因' }]);
  // A department does not send back its own work; staff of another community cannot see it.
  expect((await act(t, auth.department, id, ZHUJIAN, 'send-back')).status).toBe(403);
  expect((await act(t, auth.staff2, id, ZHUJIAN, 'send-back')).status).toBe(404);
  // The county sees it but is not the originator.
  const county = await act(t, auth.countyAdmin, id, ZHUJIAN, 'send-back');
  expect([county.status, county.body.code]).toEqual([403, 'FORBIDDEN']);
  // A grid worker blower is the originator of their own whistle.
  const fromGrid = await resolvedWhistle('gridWorker');
  expect((await act(t, auth.gridWorker, fromGrid, ZHUJIAN, 'send-back')).status).toBe(200);
});

test('a resolution carries the responder’s own photos only', async () => {
  const w = await blow(t, auth.staff, deptWhistle());
  await step(t, auth.department, w.id, ZHUJIAN, 'report');
  const mine = (await upload(t, auth.department, PNG)).body.id;
  const theirs = (await upload(t, auth.staff, PNG)).body.id;
  const bad = await act(t, auth.department, w.id, ZHUJIAN, 'resolve', { photos: [mine, theirs] });
  expect(bad.status).toBe(400);
  expect(bad.body.fields).toEqual([{ path: 'body.photos.1', message: '没有找到这张照片，请重新上传' }]);
  const ok = await step(t, auth.department, w.id, ZHUJIAN, 'resolve', { photos: [mine] });
  expect(ok.targets[0].resultPhotos).toEqual([{ id: mine, url: `/api/v1/uploads/${mine}` }]);

  // For the uploads area: who may open the photo (those who see the whistle).
  const ctx = t.app.getApplicationContext();
  const [whistles, tokens, principals] = [
    await ctx.getAsync(WhistlesService),
    await ctx.getAsync(Tokens),
    await ctx.getAsync(Principals),
  ];
  const caller = (who: string) => principals.resolve(tokens.verify(auth[who].slice('Bearer '.length)));
  const may = async (who: string) => whistles.photoVisible(await caller(who), new Types.ObjectId(mine));
  expect([await may('staff'), await may('countyAdmin'), await may('staff2')]).toEqual([true, true, false]);
  expect(await whistles.photoVisible(await caller('staff'), new Types.ObjectId(theirs))).toBe(false);
});
