import { startApp, type TestApp } from '../support/app';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import {
  CHENGGUAN,
  CHENGGUAN_DEPT,
  GRID1,
  NANMEN,
  NANMEN_COMPLEX,
  ZHUJIAN,
  act,
  blow,
  deptWhistle,
  official,
  show,
  step,
  uid,
} from './whistles_support';
import { Types } from 'mongoose';

// Each of the four whistle types, end to end: blow → report → resolve → confirm.
let t: TestApp;
const auth: Record<string, string> = {};

beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['staff', 'staff2', 'gridWorker', 'streetAdmin', 'department', 'partyMember', 'volunteer']) {
    auth[a] = await t.signIn(a);
  }
});
afterAll(() => t.close());

const noticesOf = (account: string, kind: string) =>
  t.db.model(NotificationModel).countDocuments({ userId: new Types.ObjectId(uid(account)), kind });

test('社区吹哨街道报到: a grid worker blows to the street; the street reports and resolves; the grid worker confirms', async () => {
  const before = await noticesOf('streetAdmin', 'whistleBlown');
  const w = await blow(t, auth.gridWorker, {
    type: 'communityToStreet',
    title: '南门小区主干道路灯不亮',
    description: '6 盏路灯不亮一周，产权不清，社区协调不动',
    category: 'facilities',
    placeId: NANMEN_COMPLEX,
  });
  expect(w).toMatchObject({
    type: 'communityToStreet',
    status: 'pending',
    urgency: 'normal',
    origin: { kind: 'grid', id: GRID1, name: '南门第一网格' },
    place: { communityId: NANMEN, gridId: GRID1, complexId: NANMEN_COMPLEX, label: '南门社区 南门小区' },
    blownBy: { id: uid('gridWorker'), name: '赵敏' },
  });
  expect(w.targets).toHaveLength(1);
  expect(w.targets[0]).toMatchObject({
    id: CHENGGUAN,
    kind: 'street',
    name: '城关街道',
    status: 'pending',
    limits: { reportMinutes: 24 * 60, resolveMinutes: 7 * 24 * 60 },
    actions: [],
  });
  expect(Date.parse(w.targets[0].reportDueAt) - Date.parse(w.blownAt)).toBe(24 * 3600 * 1000);
  expect(await noticesOf('streetAdmin', 'whistleBlown')).toBe(before + 1);

  const seen = await show(t, auth.streetAdmin, w.id);
  expect(seen.body.targets[0].actions).toEqual(['report']);
  const reported = await step(t, auth.streetAdmin, w.id, CHENGGUAN, 'report', { note: '已安排城建办' });
  expect(reported.status).toBe('inProgress');
  expect(reported.targets[0]).toMatchObject({ status: 'reported', reportedBy: { name: '周洋' }, reportedLate: false });
  const resolved = await step(t, auth.streetAdmin, w.id, CHENGGUAN, 'resolve', { result: '协调供电公司更换灯具' });
  expect(resolved).toMatchObject({ status: 'resolved' });
  expect(resolved.targets[0]).toMatchObject({ status: 'resolved', result: '协调供电公司更换灯具' });
  const confirmed = await step(t, auth.gridWorker, w.id, CHENGGUAN, 'confirm', { satisfaction: 4, comment: '好' });
  expect(confirmed.status).toBe('closed');
  expect(confirmed.targets[0]).toMatchObject({ status: 'confirmed', satisfaction: 4 });
  expect(confirmed.timeline.map((e: any) => [e.action, e.from, e.to, e.actor.role])).toEqual([
    ['blow', null, 'pending', 'gridWorker'],
    ['report', 'pending', 'reported', 'streetAdmin'],
    ['resolve', 'reported', 'resolved', 'streetAdmin'],
    ['confirm', 'resolved', 'confirmed', 'gridWorker'],
  ]);
  expect(confirmed.timeline[1].note).toBe('已安排城建办');
});

test('政务吹哨部门报到: staff blows to two departments; each answers for its own target only', async () => {
  const other = await official(t, 'department', CHENGGUAN_DEPT, '城管局李科长');
  const w = await blow(
    t,
    auth.staff,
    deptWhistle({
      targets: [
        { kind: 'department', orgId: ZHUJIAN },
        { kind: 'department', orgId: CHENGGUAN_DEPT },
      ],
    }),
  );
  expect(w.origin).toEqual({ kind: 'community', id: NANMEN, name: '南门社区' });
  expect(w.targets.map((x: any) => [x.name, x.limits.reportMinutes])).toEqual([
    ['县住房和城乡建设局', 120],
    ['县城市管理局', 120],
  ]);
  // The department answers for its own target, not for the other department's.
  expect((await act(t, auth.department, w.id, CHENGGUAN_DEPT, 'report')).status).toBe(403);
  await step(t, auth.department, w.id, ZHUJIAN, 'report');
  await step(t, other.auth, w.id, CHENGGUAN_DEPT, 'report');
  const one = await step(t, auth.department, w.id, ZHUJIAN, 'resolve');
  expect(one.status).toBe('inProgress');
  await step(t, other.auth, w.id, CHENGGUAN_DEPT, 'resolve');
  await step(t, auth.staff, w.id, ZHUJIAN, 'confirm', { satisfaction: 5 });
  const done = await step(t, auth.staff, w.id, CHENGGUAN_DEPT, 'confirm', { satisfaction: 3 });
  expect(done.status).toBe('closed');
  expect(done.targets.map((x: any) => x.satisfaction)).toEqual([5, 3]);
  expect(done.timeline).toHaveLength(8);
});

test('政务吹哨部门报到 from a need: dispatching a need with route whistle blows a whistle to the department', async () => {
  const need = await t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', await t.signIn('resident'))
    .send({
      menuItemId: null,
      otherText: '楼顶漏水',
      description: '顶楼漏水三个月，物业不管',
      placeId: NANMEN_COMPLEX,
      contactPhone: '13812340001',
    });
  expect(need.status).toBe(200);
  expect(
    (await t.http().post(`/api/v1/needs/${need.body.id}/accept`).set('Authorization', auth.staff).send({})).status,
  ).toBe(200);
  const dispatched = await t
    .http()
    .post(`/api/v1/needs/${need.body.id}/dispatch`)
    .set('Authorization', auth.staff)
    .send({ kind: 'whistle', targetId: ZHUJIAN });
  expect(dispatched.status).toBe(200);

  const list = await t.http().get('/api/v1/whistles').set('Authorization', auth.department);
  const item = list.body.items.find((x: any) => x.title === '楼顶漏水');
  expect(item).toMatchObject({ type: 'govToDepartment', category: 'other', origin: { kind: 'community', id: NANMEN } });
  const detail = await show(t, auth.department, item.id);
  expect(detail.body.subject).toEqual({ kind: 'need', id: need.body.id });
  expect(detail.body.blownBy.id).toBe(uid('staff'));
});

test('项目吹哨部门报到: a project editor blows from the project; other staff cannot blow for it', async () => {
  const { insertedId } = await t.db.connection.collection('projects').insertOne({
    title: '老旧小区楼道照明改造',
    place: {
      streetId: new Types.ObjectId(CHENGGUAN),
      communityId: new Types.ObjectId(NANMEN),
      gridId: null,
      complexId: null,
      buildingId: null,
    },
    status: 'open',
    level: 'community',
    categoryCode: 'sanitation',
    responsibleUnitIds: [],
    createdBy: new Types.ObjectId(uid('staff')),
  });
  const body = deptWhistle({
    type: 'projectToDepartment',
    origin: { kind: 'project', id: String(insertedId) },
    title: '照明改造需要线路审批',
    category: 'facilities',
  });
  expect((await t.http().post('/api/v1/whistles').set('Authorization', auth.staff2).send(body)).status).toBe(404);
  expect((await t.http().post('/api/v1/whistles').set('Authorization', auth.gridWorker).send(body)).status).toBe(403);
  const w = await blow(t, auth.staff, body);
  expect(w).toMatchObject({
    type: 'projectToDepartment',
    origin: { kind: 'project', id: String(insertedId), name: '老旧小区楼道照明改造' },
    place: { communityId: NANMEN },
  });
  await step(t, auth.department, w.id, ZHUJIAN, 'report');
  await step(t, auth.department, w.id, ZHUJIAN, 'resolve', { result: '线路方案已审批' });
  const done = await step(t, auth.staff, w.id, ZHUJIAN, 'confirm', { satisfaction: 5 });
  expect(done.status).toBe('closed');
});

test('社区吹哨党员报到: staff opens a volunteer call (an activity with a shift); a party member of the community reports and resolves', async () => {
  const start = new Date(Math.ceil((Date.now() + 2 * 24 * 3600 * 1000) / (15 * 60_000)) * 15 * 60_000);
  const end = new Date(start.getTime() + 3 * 3600 * 1000);
  const before = await noticesOf('partyMember', 'whistleBlown');
  const w = await blow(t, auth.staff, {
    type: 'communityToPartyMembers',
    title: '暴雨后小区积水清淤',
    urgency: 'urgent',
    category: 'sanitation',
    description: '低洼处积水淤泥多，召集在职党员清淤',
    volunteerCall: {
      address: '南门小区东门',
      shift: { start: start.toISOString(), end: end.toISOString(), seats: 10 },
    },
  });
  expect(w.targets).toEqual([
    expect.objectContaining({ id: NANMEN, kind: 'partyMembers', name: '南门社区在职党员', status: 'pending' }),
  ]);
  expect(await noticesOf('partyMember', 'whistleBlown')).toBe(before + 1);

  // The call is a real activity of the activities list, with its shift.
  const activity = await t
    .http()
    .get(`/api/v1/activities/${w.volunteerCall.activityId}`)
    .set('Authorization', auth.partyMember);
  expect(activity.status).toBe(200);
  expect(activity.body).toMatchObject({
    title: '党员报到：暴雨后小区积水清淤',
    brand: 'cleanHome',
    status: 'published',
  });
  expect(activity.body.shifts.map((s: any) => [s.id, s.seats])).toEqual([[w.volunteerCall.shiftId, 10]]);

  // Party members see the call; a volunteer does not answer for it; staff of another community cannot see it.
  const list = await t.http().get('/api/v1/whistles').set('Authorization', auth.partyMember);
  expect(list.body.items.map((x: any) => x.id)).toContain(w.id);
  expect((await act(t, auth.volunteer, w.id, NANMEN, 'report')).status).toBe(403);
  expect((await show(t, auth.staff2, w.id)).status).toBe(404);

  await step(t, auth.partyMember, w.id, NANMEN, 'report');
  await step(t, auth.partyMember, w.id, NANMEN, 'resolve', { result: '12 名党员参加清淤' });
  const done = await step(t, auth.staff, w.id, NANMEN, 'confirm', { satisfaction: 5 });
  expect(done.status).toBe('closed');

  // Only staff blow this type; a call needs its shift.
  const noCall = await t
    .http()
    .post('/api/v1/whistles')
    .set('Authorization', auth.staff)
    .send({ type: 'communityToPartyMembers', title: '清淤', description: '召集党员' });
  expect(noCall.status).toBe(400);
  expect(noCall.body.fields.map((f: any) => f.path)).toContain('body.volunteerCall');
});
