import { startApp, type TestApp } from '../support/app';
import { ActivityModel } from '../../cloud/src/activities/activity.model';
import { AttendanceModel, ServiceRecordModel } from '../../cloud/src/activities/attendance.model';
import { PersonTimeModel, SeatModel, WaitlistModel } from '../../cloud/src/activities/claim.model';
import { ShiftModel } from '../../cloud/src/activities/shift.model';
import { activityBody, chinaAt, newActivity, newShift, uid } from './activities_support';

let t: TestApp;
let staff: string;
let volunteer: string;
let activity: string;
let shift: string;
beforeAll(async () => {
  t = await startApp(__filename);
  staff = await t.signIn('staff');
  volunteer = await t.signIn('volunteer');
  activity = await newActivity(t, staff);
  shift = await newShift(t, staff, activity, { start: chinaAt(3, 9), end: chinaAt(3, 11), seats: 3 });
});
afterAll(() => t.close());

/** Counts of every activities collection: bad input must leave them all as they were. */
async function counts() {
  const models = [
    ActivityModel,
    ShiftModel,
    SeatModel,
    PersonTimeModel,
    WaitlistModel,
    AttendanceModel,
    ServiceRecordModel,
  ];
  return Promise.all(models.map((m) => t.db.model(m as typeof ActivityModel).countDocuments()));
}

async function expect400(
  req: Promise<{ status: number; body: { code: string; fields?: { path: string; message: string }[] } }>,
  path: string,
  message?: string | RegExp,
) {
  const res = await req;
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  const field = res.body.fields?.find((f) => f.path === path);
  expect({ path: field?.path, fields: res.body.fields }).toMatchObject({ path });
  if (message) expect(field!.message).toMatch(message);
  expect(field!.message).toMatch(/[\u4e00-\u9fa5]/);
}

const addShift = (body: unknown) =>
  t
    .http()
    .post(`/api/v1/activities/${activity}/shifts`)
    .set('Authorization', staff)
    .send(body as object);
const ok = () => ({ start: chinaAt(4, 9), end: chinaAt(4, 11), seats: 3 });

test('shift times must be zoned ISO times on quarter hours, end after start, at most 24 hours, in the future', async () => {
  const before = await counts();
  await expect400(addShift({ ...ok(), start: '明天上午' }), 'body.start');
  await expect400(addShift({ ...ok(), start: chinaAt(4, 9).replace('Z', '') }), 'body.start', /时区/);
  await expect400(
    addShift({ ...ok(), start: chinaAt(4, 9, 10) }),
    'body.start',
    '时间须为整刻钟（如 09:00、09:15、09:30）',
  );
  await expect400(addShift({ ...ok(), end: chinaAt(4, 11, 20) }), 'body.end', /整刻钟/);
  await expect400(addShift({ ...ok(), start: '2026-11-28T09:00:30+08:00' }), 'body.start', /整刻钟/);
  await expect400(addShift({ ...ok(), end: chinaAt(4, 8) }), 'body.end', '结束时间必须晚于开始时间');
  await expect400(addShift({ ...ok(), end: chinaAt(4, 9) }), 'body.end', '结束时间必须晚于开始时间');
  await expect400(addShift({ ...ok(), end: chinaAt(5, 9, 15) }), 'body.end', /24 小时/);
  await expect400(
    addShift({ start: chinaAt(-1, 9), end: chinaAt(-1, 11), seats: 3 }),
    'body.start',
    '开始时间必须晚于现在',
  );
  expect(await counts()).toEqual(before);
});

test('seats are a whole number of at least 1; cut-off hours are within a week', async () => {
  const before = await counts();
  await expect400(addShift({ ...ok(), seats: 0 }), 'body.seats', '名额至少为 1');
  await expect400(addShift({ ...ok(), seats: -3 }), 'body.seats', '名额至少为 1');
  await expect400(addShift({ ...ok(), seats: 2.5 }), 'body.seats');
  await expect400(addShift({ ...ok(), seats: '5' }), 'body.seats');
  await expect400(addShift({ ...ok(), seats: 501 }), 'body.seats');
  await expect400(addShift({ start: chinaAt(4, 9), end: chinaAt(4, 11) }), 'body.seats');
  await expect400(addShift({ ...ok(), cutoffHours: -1 }), 'body.cutoffHours');
  await expect400(addShift({ ...ok(), cutoffHours: 169 }), 'body.cutoffHours');
  await expect400(
    t.http().patch(`/api/v1/shifts/${shift}`).set('Authorization', staff).send({ seats: 0 }),
    'body.seats',
  );
  expect(await counts()).toEqual(before);
});

test('unknown fields and MongoDB operators are refused, naming the field', async () => {
  const before = await counts();
  await expect400(addShift({ ...ok(), color: 'red' }), 'body', '不允许的字段：color');
  await expect400(addShift({ ...ok(), seats: { $gt: 0 } }), 'body.seats.$gt', '字段名不合法');
  await expect400(addShift({ ...ok(), 'start.x': 1 }), 'body.start.x', '字段名不合法');
  await expect400(
    t
      .http()
      .post('/api/v1/activities')
      .set('Authorization', staff)
      .send(activityBody({ title: { $ne: null } })),
    'body.title.$ne',
  );
  await expect400(
    t
      .http()
      .post('/api/v1/activities')
      .set('Authorization', staff)
      .send(activityBody({ $where: 'sleep(1000)' })),
    'body.$where',
  );
  await expect400(
    t
      .http()
      .post('/api/v1/activities')
      .set('Authorization', staff)
      .send(activityBody({ createdBy: uid('staff') })),
    'body',
    /createdBy/,
  );
  await expect400(
    t.http().post(`/api/v1/shifts/${shift}/claim`).set('Authorization', volunteer).send({ wait: true, seatNo: 1 }),
    'body',
    /seatNo/,
  );
  await expect400(
    t
      .http()
      .post(`/api/v1/shifts/${shift}/claim`)
      .set('Authorization', volunteer)
      .send({ personId: { $ne: null } }),
    'body.personId.$ne',
  );
  await expect400(t.http().get('/api/v1/activities?communityId[$ne]=x').set('Authorization', volunteer), 'query');
  expect(await counts()).toEqual(before);
});

test('activity fields are checked against the shared lists and the org tree', async () => {
  const before = await counts();
  const create = (extra: Record<string, unknown>) =>
    t.http().post('/api/v1/activities').set('Authorization', staff).send(activityBody(extra));
  await expect400(create({ title: '' }), 'body.title');
  await expect400(create({ brand: 'unknownBrand' }), 'body.brand');
  await expect400(create({ categoryCode: 'cooking' }), 'body.categoryCode');
  await expect400(create({ team: '不存在的队' }), 'body.team');
  await expect400(create({ format: 'party' }), 'body.format');
  await expect400(create({ status: 'cancelled' }), 'body.status');
  await expect400(create({ placeId: 'nanmen' }), 'body.placeId', '编号格式不正确');
  await expect400(create({ placeId: '0'.repeat(24) }), 'body.placeId');
  await expect400(create({ organiserUnitId: '0'.repeat(24) }), 'body.organiserUnitId', '没有这个驻区单位');
  await expect400(create({ address: 'x' }), 'body.address');
  await expect400(t.http().post('/api/v1/activities').set('Authorization', staff).send([activityBody()]), 'body');

  const update = (body: unknown) =>
    t
      .http()
      .patch(`/api/v1/activities/${activity}`)
      .set('Authorization', staff)
      .send(body as object);
  await expect400(update({}), 'body', '请至少修改一项');
  await expect400(update({ status: 'draft' }), 'body.status');
  await expect400(update({ status: 'cancelled' }), 'body.status');
  await expect400(
    t.http().post(`/api/v1/activities/${activity}/cancel`).set('Authorization', staff).send({}),
    'body.reason',
  );
  expect(await counts()).toEqual(before);
  expect((await t.http().get(`/api/v1/activities/${activity}`).set('Authorization', staff)).body.status).toBe(
    'published',
  );
});

test('shift updates are checked against the stored times too', async () => {
  const before = await counts();
  const patch = (body: unknown) =>
    t
      .http()
      .patch(`/api/v1/shifts/${shift}`)
      .set('Authorization', staff)
      .send(body as object);
  await expect400(patch({}), 'body', '请至少修改一项');
  await expect400(patch({ start: chinaAt(3, 9, 5) }), 'body.start', /整刻钟/);
  // Only the end is given: it is compared with the stored start (09:00).
  await expect400(patch({ end: chinaAt(3, 8, 45) }), 'body.end', '结束时间必须晚于开始时间');
  await expect400(patch({ start: chinaAt(3, 12) }), 'body.end', '结束时间必须晚于开始时间');
  expect(await counts()).toEqual(before);
  const stored = await t.db.model(ShiftModel).findById(shift).lean();
  expect(stored?.start.toISOString()).toBe(chinaAt(3, 9));
});

test('check-in codes, hours and list filters are validated', async () => {
  const before = await counts();
  const checkIn = (body: unknown) =>
    t
      .http()
      .post(`/api/v1/shifts/${shift}/check-in`)
      .set('Authorization', volunteer)
      .send(body as object);
  await expect400(checkIn({}), 'body.code');
  await expect400(checkIn({ code: '12345' }), 'body.code', '签到码应为 6 位数字');
  await expect400(checkIn({ code: 'gz:checkin:xyz:123456' }), 'body.code');
  await expect400(checkIn({ code: 123456 }), 'body.code');
  await expect400(checkIn({ token: 'gz:checkin:xyz:123456' }), 'body.token', '这不是共治通的签到二维码');
  const both = { code: '123456', token: `gzqd1.${'A'.repeat(43)}` };
  await expect400(checkIn(both), 'body.code', '请输入 6 位签到码，或扫描签到二维码');

  const confirm = (body: unknown) =>
    t
      .http()
      .post(`/api/v1/shifts/${shift}/confirm-hours`)
      .set('Authorization', staff)
      .send(body as object);
  await expect400(confirm({ minutes: 60 }), 'body.personId');
  await expect400(confirm({ personId: 'volunteer', minutes: 60 }), 'body.personId');
  await expect400(confirm({ personId: uid('volunteer'), minutes: 0 }), 'body.minutes', '服务时长至少 1 分钟');
  await expect400(confirm({ personId: uid('volunteer'), minutes: 'sixty' }), 'body.minutes');

  const list = (q: string) => t.http().get(`/api/v1/activities?${q}`).set('Authorization', volunteer);
  await expect400(list('date=2026-13-45'), 'query.date', '日期格式应为 YYYY-MM-DD');
  await expect400(list('brand=foo'), 'query.brand');
  await expect400(list('page=0'), 'query.page');
  await expect400(list('when=tomorrow'), 'query.when');
  await expect400(list('sort=title'), 'query');
  await expect400(t.http().get('/api/v1/me/shifts?pageSize=1000').set('Authorization', volunteer), 'query.pageSize');
  await expect400(
    t.http().get('/api/v1/activities/not-an-id').set('Authorization', volunteer),
    'params.id',
    '编号格式不正确',
  );
  await expect400(t.http().delete('/api/v1/shifts/123/claim').set('Authorization', volunteer), 'params.id');
  expect(await counts()).toEqual(before);
});
