import { startApp, type TestApp } from '../support/app';
import { BookingEventModel } from '../../cloud/src/resources/booking-event.model';
import { BookingSlotModel } from '../../cloud/src/resources/booking-slot.model';
import { BookingModel } from '../../cloud/src/resources/booking.model';
import { ResourceModel } from '../../cloud/src/resources/resource.model';
import { DOCTOR, HEALTH, ROOM, XISHAN_ROOM, at, dayAhead, seedDemoResources, weekdayAhead } from './resources_support';

let t: TestApp;
let resident: string, staff: string, unitAdmin: string;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  [resident, staff, unitAdmin] = await Promise.all(['resident', 'staff', 'unitAdmin'].map((a) => t.signIn(a)));
});
afterAll(() => t.close());

const date = dayAhead(20);
const valid = { resourceId: ROOM, start: at(date, '19:00'), slots: 1, purpose: '书法兴趣小组', attendees: 12 };
const post = (body: unknown, who = resident) =>
  t
    .http()
    .post('/api/v1/bookings')
    .set('Authorization', who)
    .send(body as object);

const counts = async () => ({
  bookings: await t.db.model(BookingModel).countDocuments({}),
  slots: await t.db.model(BookingSlotModel).countDocuments({}),
  events: await t.db.model(BookingEventModel).countDocuments({}),
  resources: await t.db.model(ResourceModel).countDocuments({}),
});
let before: Awaited<ReturnType<typeof counts>>;
beforeEach(async () => {
  before = await counts();
});
afterEach(async () => {
  // Every case here is refused: nothing may have been written.
  expect(await counts()).toEqual(before);
});

test.each([
  ['before opening', { start: at(date, '07:00') }, 'body.start', '所选时间不在开放时间内，或不是一个时段的开始'],
  ['after closing', { start: at(date, '21:00') }, 'body.start', '所选时间不在开放时间内，或不是一个时段的开始'],
  [
    'not the start of a slot',
    { start: at(date, '19:30') },
    'body.start',
    '所选时间不在开放时间内，或不是一个时段的开始',
  ],
  ['a run past closing', { start: at(date, '19:00'), slots: 3 }, 'body.slots', null],
  ['in the past', { start: at(dayAhead(-1), '19:00') }, 'body.start', '不能预约已经开始或过去的时段'],
  ['too far ahead', { start: at(dayAhead(90), '19:00') }, 'body.start', '只能预约 60 天以内的时段'],
])('a booking %s is refused with the field named', async (_, change, path, message) => {
  const res = await post({ ...valid, ...change });
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(res.body.fields).toHaveLength(1);
  expect(res.body.fields[0].path).toBe(path);
  if (message) expect(res.body.fields[0].message).toBe(message);
  else expect(res.body.fields[0].message).toMatch(/没有 3 个相连的开放时段/);
});

test('a run across the lunch break is refused', async () => {
  const monday = weekdayAhead(20, [1]);
  const res = await post({ ...valid, resourceId: HEALTH, start: at(monday, '11:00'), slots: 2 });
  expect(res.status).toBe(400);
  expect(res.body.fields[0].path).toBe('body.slots');
});

test('an unknown, inactive or out-of-street resource is not found; a person is not bookable', async () => {
  const unknown = await post({ ...valid, resourceId: 'aaaaaaaaaaaaaaaaaaaaaaaa' });
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', message: '没有找到这个资源' });
  expect((await post({ ...valid, resourceId: XISHAN_ROOM })).status).toBe(404);

  const person = await post({ ...valid, resourceId: DOCTOR });
  expect(person.status).toBe(400);
  expect(person.body.fields).toEqual([{ path: 'body.resourceId', message: '该资源不接受预约' }]);

  await t.db.model(ResourceModel).updateOne({ _id: HEALTH }, { $set: { active: false } });
  try {
    const inactive = await post({ ...valid, resourceId: HEALTH, start: at(weekdayAhead(20, [1]), '09:00') });
    expect(inactive.status).toBe(404);
  } finally {
    await t.db.model(ResourceModel).updateOne({ _id: HEALTH }, { $set: { active: true } });
  }
});

test.each([
  ['an operator in a value', { resourceId: { $gt: '' } }, 'body.resourceId.$gt'],
  ['$where at the top', { $where: 'sleep(1000)' }, 'body.$where'],
  ['a dotted key', { 'purpose.x': 1 }, 'body.purpose.x'],
  ['an operator in a nested value', { purpose: { $ne: null } }, 'body.purpose.$ne'],
])('%s is refused', async (_, change, path) => {
  const res = await post({ ...valid, ...change });
  expect(res.status).toBe(400);
  expect(res.body.fields).toEqual([{ path, message: '字段名不合法' }]);
});

test.each([
  ['an unknown field', { status: 'approved' }, 'body', '不允许的字段：status'],
  ['a malformed id', { resourceId: 'room-1' }, 'body.resourceId', '编号格式不正确'],
  [
    'a time without offset',
    { start: `${date}T19:00:00` },
    'body.start',
    '请填写带时区的开始时间，例如 2026-11-05T19:00:00+08:00',
  ],
  ['attendees as text', { attendees: '12' }, 'body.attendees', null],
  ['zero slots', { slots: 0 }, 'body.slots', null],
  ['too many slots', { slots: 9 }, 'body.slots', '一次最多预约 8 个连续时段'],
  ['no purpose', { purpose: ' ' }, 'body.purpose', '请简要说明用途'],
])('%s is refused', async (_, change, path, message) => {
  const res = await post({ ...valid, ...change });
  expect(res.status).toBe(400);
  const field = res.body.fields.find((f: { path: string }) => f.path === path);
  expect(field).toBeDefined();
  if (message) expect(field.message).toBe(message);
  else expect(field.message).toMatch(/[\u4e00-\u9fa5]/);
});

test('an empty or non-JSON body is refused', async () => {
  const empty = await post({});
  expect(empty.status).toBe(400);
  expect(empty.body.fields.map((f: { path: string }) => f.path)).toEqual(
    expect.arrayContaining(['body.resourceId', 'body.start', 'body.purpose', 'body.attendees']),
  );
  const text = await t
    .http()
    .post('/api/v1/bookings')
    .set('Authorization', resident)
    .set('Content-Type', 'application/json')
    .send('{"resourceId":');
  expect(text.status).toBe(400);
  expect(text.body.code).toBe('BAD_JSON');
});

test('transitions refuse bad ids, unknown fields and operators', async () => {
  const id = 'bbbbbbbbbbbbbbbbbbbbbbbb';
  expect(
    (await t.http().post('/api/v1/bookings/not-an-id/approve').set('Authorization', staff).send({})).body.fields,
  ).toEqual([{ path: 'params.id', message: '编号格式不正确' }]);
  expect((await t.http().post(`/api/v1/bookings/${id}/approve`).set('Authorization', staff).send({})).status).toBe(404);
  const extra = await t
    .http()
    .post(`/api/v1/bookings/${id}/reject`)
    .set('Authorization', staff)
    .send({ reason: '场地维修', status: 'x' });
  expect(extra.status).toBe(400);
  expect(extra.body.fields).toEqual([{ path: 'body', message: '不允许的字段：status' }]);
  const op = await t
    .http()
    .post(`/api/v1/bookings/${id}/cancel`)
    .set('Authorization', resident)
    .send({ reason: { $gt: '' } });
  expect(op.status).toBe(400);
  const query = await t.http().get(`/api/v1/me/bookings?status=done`).set('Authorization', resident);
  expect(query.status).toBe(400);
  expect(query.body.fields[0].path).toBe('query.status');
  const unknownQuery = await t.http().get(`/api/v1/me/bookings?bookerId[$ne]=x`).set('Authorization', resident);
  expect(unknownQuery.status).toBe(400);
});

test('resources refuse bad hours, operators and unknown fields, writing nothing', async () => {
  const base = {
    kind: 'venue',
    name: '南门社区会议室',
    slotMinutes: 60,
    hours: [{ weekday: 1, open: '09:00', close: '17:00' }],
  };
  const cases: [object, string, string | RegExp][] = [
    [{ hours: [{ weekday: 1, open: '17:00', close: '09:00' }] }, 'body.hours.0.close', '结束时间应晚于开始时间'],
    [{ hours: [{ weekday: 1, open: '08:15', close: '17:00' }] }, 'body.hours.0.open', /整点或半点/],
    [{ hours: [{ weekday: 8, open: '08:00', close: '17:00' }] }, 'body.hours.0.weekday', '星期应为 1–7'],
    [
      {
        hours: [
          { weekday: 1, open: '08:00', close: '12:00' },
          { weekday: 1, open: '11:00', close: '17:00' },
        ],
      },
      'body.hours.1',
      '与第 1 个时间段重叠',
    ],
    [{ slotMinutes: 45 }, 'body.slotMinutes', '时段长度只能是 30、60 或 120 分钟'],
    [{ kind: 'spaceship' }, 'body.kind', /[\u4e00-\u9fa5]/],
    [{ categoryCodes: ['culture', 'culture'] }, 'body.categoryCodes', '服务类别不能重复'],
    [{ contact: { name: '陈静', phone: '12345' } }, 'body.contact.phone', '请输入手机号或带区号的固定电话'],
    [{ owner: 'me' }, 'body', '不允许的字段：owner'],
    [{ name: { $gt: '' } }, 'body.name.$gt', '字段名不合法'],
    [{ hours: [{ weekday: 1, open: '09:00', close: '17:00', note: 'x' }] }, 'body.hours.0', '不允许的字段：note'],
    [{ placeId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }, 'body.placeId', '请选择社区内的小区或楼栋'],
  ];
  for (const [change, path, message] of cases) {
    const res = await t
      .http()
      .post('/api/v1/resources')
      .set('Authorization', staff)
      .send({ ...base, ...change });
    expect(res.status).toBe(400);
    const field = res.body.fields.find((f: { path: string }) => f.path === path);
    expect({ change, field }).toEqual({
      change,
      field: expect.objectContaining({ message: expect.stringMatching(message) }),
    });
  }
  const emptyPatch = await t.http().patch(`/api/v1/resources/${ROOM}`).set('Authorization', staff).send({});
  expect(emptyPatch.status).toBe(400);
  expect(emptyPatch.body.fields[0].message).toBe('请至少修改一项');
  const badPatch = await t
    .http()
    .patch(`/api/v1/resources/${HEALTH}`)
    .set('Authorization', unitAdmin)
    .send({ unitId: null });
  expect(badPatch.status).toBe(400);
  const list = await t.http().get('/api/v1/resources?kind=spaceship&page=0').set('Authorization', resident);
  expect(list.status).toBe(400);
  expect(list.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['query.kind', 'query.page']);
});
