import { startApp, type TestApp } from '../support/app';
import { ActivityModel } from '../../cloud/src/activities/activity.model';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { PersonTimeModel, SeatModel } from '../../cloud/src/activities/claim.model';
import {
  HOSPITAL,
  NANMEN,
  NANMEN_COMPLEX,
  SCHOOL,
  XISHAN,
  activityBody,
  chinaAt,
  claim,
  newActivity,
  newShift,
  uid,
} from './activities_support';

let t: TestApp;
let staff: string;
let resident: string;
let volunteer: string;
let unitAdmin: string;
beforeAll(async () => {
  t = await startApp(__filename);
  [staff, resident, volunteer, unitAdmin] = await Promise.all(
    ['staff', 'resident', 'volunteer', 'unitAdmin'].map((a) => t.signIn(a)),
  );
});
afterAll(() => t.close());

test('staff publish an activity with shifts; residents of the community see it with free seats', async () => {
  const res = await t
    .http()
    .post('/api/v1/activities')
    .set('Authorization', staff)
    .send(activityBody({ placeId: NANMEN_COMPLEX }));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    title: '文明交通引导·测试路口',
    brand: 'trafficGuide',
    brandName: '文明交通引导',
    team: 'civilityGuard',
    teamName: '文明卫士',
    organiser: { kind: 'community', id: NANMEN, name: '南门社区' },
    community: { id: NANMEN, name: '南门社区' },
    format: 'service',
    status: 'published',
    canManage: true,
    shifts: [],
    startsAt: null,
  });
  const id = res.body.id;
  const start = chinaAt(3, 7);
  await newShift(t, staff, id, { start, end: chinaAt(3, 9), seats: 3 });
  await newShift(t, staff, id, { start: chinaAt(4, 7), end: chinaAt(4, 9), seats: 2 });

  const detail = await t.http().get(`/api/v1/activities/${id}`).set('Authorization', resident);
  expect(detail.status).toBe(200);
  expect(detail.body.canManage).toBe(false);
  expect(detail.body.startsAt).toBe(start);
  expect(detail.body.endsAt).toBe(chinaAt(4, 9));
  expect(detail.body.freeSeats).toBe(5);
  expect(detail.body.shifts[0]).toMatchObject({
    start,
    seats: 3,
    taken: 0,
    free: 3,
    cutoffHours: 2,
    waiting: 0,
    myClaim: null,
    myWaitlist: null,
  });
  expect(detail.body.shifts[0].claimDeadline).toBe(chinaAt(3, 5));

  const list = await t.http().get('/api/v1/activities').set('Authorization', resident);
  expect(list.status).toBe(200);
  const item = list.body.items.find((a: { id: string }) => a.id === id);
  expect(item.shifts.map((s: { free: number }) => s.free)).toEqual([3, 2]);
});

test('the list filters by brand, day, category and community, and pages', async () => {
  const legal = await newActivity(t, staff, {
    title: '法律援助进社区·筛选',
    brand: 'legalAid',
    categoryCode: 'legalAid',
  });
  await newShift(t, staff, legal, { start: chinaAt(6, 9), end: chinaAt(6, 11), seats: 2 });
  const other = await newActivity(t, staff, { title: '爱卫行·筛选', brand: 'cleanHome', categoryCode: 'sanitation' });
  await newShift(t, staff, other, { start: chinaAt(7, 9), end: chinaAt(7, 11), seats: 2 });
  const staff2 = await t.signIn('staff2');
  const xishan = await newActivity(t, staff2, {
    title: '西山·筛选',
    brand: 'legalAid',
    categoryCode: 'legalAid',
    placeId: XISHAN,
  });
  await newShift(t, staff2, xishan, { start: chinaAt(6, 14), end: chinaAt(6, 16), seats: 2 });

  const ids = async (query: string, who = resident) => {
    const res = await t.http().get(`/api/v1/activities${query}`).set('Authorization', who);
    expect(res.status).toBe(200);
    return res.body.items.map((a: { id: string }) => a.id) as string[];
  };
  expect(await ids('?brand=legalAid')).toEqual([legal]);
  expect(await ids('?categoryCode=sanitation')).toEqual([other]);
  expect(await ids(`?date=${chinaAt(6, 9).slice(0, 10)}`)).toEqual([legal]);
  // Another community's activities are public to signed-in users when asked for by name.
  expect(await ids(`?communityId=${XISHAN}&brand=legalAid`)).toEqual([xishan]);
  const county = await t.signIn('countyAdmin');
  expect((await ids('?brand=legalAid', county)).sort()).toEqual([legal, xishan].sort());

  const page1 = await t.http().get('/api/v1/activities?pageSize=1').set('Authorization', resident);
  expect(page1.body.items).toHaveLength(1);
  expect(page1.body.total).toBeGreaterThanOrEqual(3);
  const page2 = await t.http().get('/api/v1/activities?pageSize=1&page=2').set('Authorization', resident);
  expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
});

test('a draft is seen only by its organisers until it is published', async () => {
  const id = await newActivity(t, staff, { title: '草稿活动', status: 'draft' });
  expect((await t.http().get(`/api/v1/activities/${id}`).set('Authorization', resident)).status).toBe(404);
  const visible = await t.http().get('/api/v1/activities').set('Authorization', resident);
  expect(visible.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
  const drafts = await t.http().get('/api/v1/activities?status=draft').set('Authorization', staff);
  expect(drafts.body.items.map((a: { id: string }) => a.id)).toContain(id);
  expect((await t.http().get('/api/v1/activities?status=draft').set('Authorization', resident)).body.items).toEqual([]);
  const staff2Drafts = await t
    .http()
    .get(`/api/v1/activities?status=draft&communityId=${NANMEN}`)
    .set('Authorization', await t.signIn('staff2'));
  expect(staff2Drafts.body.items).toEqual([]);

  const published = await t
    .http()
    .patch(`/api/v1/activities/${id}`)
    .set('Authorization', staff)
    .send({ status: 'published', title: '已发布活动' });
  expect(published.status).toBe(200);
  expect(published.body).toMatchObject({ status: 'published', title: '已发布活动' });
  expect((await t.http().get(`/api/v1/activities/${id}`).set('Authorization', resident)).status).toBe(200);
});

test('a unit admin organises in their own unit’s name, in their unit’s street only', async () => {
  const ok = await t
    .http()
    .post('/api/v1/activities')
    .set('Authorization', unitAdmin)
    .send(activityBody({ format: 'meeting' }));
  expect(ok.status).toBe(200);
  expect(ok.body.organiser).toEqual({ kind: 'unit', id: HOSPITAL, name: '县人民医院' });
  expect(ok.body.format).toBe('meeting');
  expect(ok.body.canManage).toBe(true);

  const before = await t.db.model(ActivityModel).countDocuments();
  const otherUnit = await t
    .http()
    .post('/api/v1/activities')
    .set('Authorization', unitAdmin)
    .send(activityBody({ organiserUnitId: SCHOOL }));
  expect(otherUnit.status).toBe(400);
  expect(otherUnit.body.fields).toEqual([{ path: 'body.organiserUnitId', message: '只能以本单位名义组织活动' }]);
  const otherStreet = await t
    .http()
    .post('/api/v1/activities')
    .set('Authorization', unitAdmin)
    .send(activityBody({ placeId: XISHAN }));
  expect(otherStreet.status).toBe(400);
  expect(otherStreet.body.fields[0].path).toBe('body.placeId');
  const staffElsewhere = await t
    .http()
    .post('/api/v1/activities')
    .set('Authorization', staff)
    .send(activityBody({ placeId: XISHAN }));
  expect(staffElsewhere.status).toBe(400);
  expect(staffElsewhere.body.fields).toEqual([{ path: 'body.placeId', message: '只能在本社区内组织活动' }]);
  expect(await t.db.model(ActivityModel).countDocuments()).toBe(before);

  // Staff may name an alliance unit as organiser: its admin then manages the activity too.
  const hosted = await newActivity(t, staff, { organiserUnitId: HOSPITAL });
  const edit = await t
    .http()
    .patch(`/api/v1/activities/${hosted}`)
    .set('Authorization', unitAdmin)
    .send({ address: '医院门诊楼前' });
  expect(edit.status).toBe(200);
  expect(edit.body.address).toBe('医院门诊楼前');
});

test('seats never drop below those taken; times move only while no seat is taken', async () => {
  const id = await newActivity(t, staff);
  const shift = await newShift(t, staff, id, { start: chinaAt(5, 9), end: chinaAt(5, 11), seats: 3 });
  const moved = await t
    .http()
    .patch(`/api/v1/shifts/${shift}`)
    .set('Authorization', staff)
    .send({ start: chinaAt(5, 8), end: chinaAt(5, 10) });
  expect(moved.status).toBe(200);
  expect(moved.body).toMatchObject({ start: chinaAt(5, 8), end: chinaAt(5, 10) });

  expect((await claim(t, volunteer, shift)).body.status).toBe('seated');
  expect((await claim(t, resident, shift)).body.status).toBe('seated');
  const tooFew = await t.http().patch(`/api/v1/shifts/${shift}`).set('Authorization', staff).send({ seats: 1 });
  expect(tooFew.status).toBe(409);
  expect(tooFew.body.message).toContain('名额不能少于 2');
  const noMove = await t
    .http()
    .patch(`/api/v1/shifts/${shift}`)
    .set('Authorization', staff)
    .send({ start: chinaAt(5, 9), end: chinaAt(5, 11) });
  expect(noMove.status).toBe(409);
  expect(noMove.body.message).toContain('不能修改时间');

  const more = await t
    .http()
    .patch(`/api/v1/shifts/${shift}`)
    .set('Authorization', staff)
    .send({ seats: 5, cutoffHours: 4 });
  expect(more.status).toBe(200);
  expect(more.body).toMatchObject({ seats: 5, taken: 2, free: 3, cutoffHours: 4, start: chinaAt(5, 8) });
});

test('cancelling an activity frees the seats and time of shifts not yet started, and tells the holders', async () => {
  const id = await newActivity(t, staff, { title: '将被取消的活动' });
  const shift = await newShift(t, staff, id, { start: chinaAt(8, 9), end: chinaAt(8, 11), seats: 2 });
  expect((await claim(t, volunteer, shift)).status).toBe(200);

  const res = await t
    .http()
    .post(`/api/v1/activities/${id}/cancel`)
    .set('Authorization', staff)
    .send({ reason: '暴雨预警' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '暴雨预警', freeSeats: 0 });
  expect(await t.db.model(SeatModel).countDocuments({ shiftId: shift })).toBe(0);
  expect(await t.db.model(PersonTimeModel).countDocuments({ shiftId: shift })).toBe(0);
  const note = await t.db
    .model(NotificationModel)
    .findOne({ userId: uid('volunteer'), kind: 'activityCancelled' })
    .lean();
  expect(note?.text).toContain('暴雨预警');
  expect(note?.readAt).toBeNull();

  const again = await t
    .http()
    .post(`/api/v1/activities/${id}/cancel`)
    .set('Authorization', staff)
    .send({ reason: '再次取消' });
  expect(again.status).toBe(409);
  expect(again.body.code).toBe('INVALID_TRANSITION');
  const reclaim = await claim(t, volunteer, shift);
  expect(reclaim.status).toBe(409);
  const edit = await t.http().patch(`/api/v1/activities/${id}`).set('Authorization', staff).send({ title: '改个名字' });
  expect(edit.status).toBe(409);
  const cancelled = await t.http().get('/api/v1/activities?status=cancelled').set('Authorization', staff);
  expect(cancelled.body.items.map((a: { id: string }) => a.id)).toEqual([id]);
});

test('a retried create with the same Idempotency-Key makes one activity', async () => {
  const before = await t.db.model(ActivityModel).countDocuments();
  const send = () =>
    t
      .http()
      .post('/api/v1/activities')
      .set('Authorization', staff)
      .set('Idempotency-Key', 'activity-create-0001')
      .send(activityBody({ title: '幂等测试' }));
  const first = await send();
  const second = await send();
  expect(first.status).toBe(200);
  expect(second.body.id).toBe(first.body.id);
  expect(await t.db.model(ActivityModel).countDocuments()).toBe(before + 1);
});
