import { startApp, type TestApp } from '../support/app';
import { ResourceModel } from '../../cloud/src/resources/resource.model';
import {
  CHENGGUAN,
  DOCTOR,
  HOSPITAL,
  NANMEN,
  ROOM,
  XISHAN,
  XISHAN_ROOM,
  otherUnitAdmins,
  seedDemoResources,
} from './resources_support';
import { seedId } from '../../cloud/src/core/stable-id';

let t: TestApp;
let unitAdmin: string,
  otherUnit: string,
  farUnit: string,
  staff: string,
  staff2: string,
  resident: string,
  countyAdmin: string;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  [unitAdmin, staff, staff2, resident, countyAdmin] = await Promise.all(
    ['unitAdmin', 'staff', 'staff2', 'resident', 'countyAdmin'].map((a) => t.signIn(a)),
  );
  ({ otherUnit, farUnit } = await otherUnitAdmins(t));
});
afterAll(() => t.close());

const doctor = {
  kind: 'doctor',
  placeId: NANMEN,
  name: '陈卫东（中医师）',
  description: '中医针灸推拿，每月第一个周日上午到社区义诊。',
  categoryCodes: ['freeClinic', 'elderCare'],
  skills: ['针灸', '推拿'],
  hours: [{ weekday: 7, open: '08:30', close: '12:00' }],
  contact: { name: '陈卫东', phone: '13900009999' },
};

test("a unit admin publishes a resource for their own unit, in a community of the unit's street", async () => {
  const res = await t.http().post('/api/v1/resources').set('Authorization', unitAdmin).send(doctor);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    kind: 'doctor',
    name: '陈卫东（中医师）',
    unit: { id: HOSPITAL, name: '县人民医院' },
    community: { id: NANMEN, name: '南门社区' },
    place: { streetId: CHENGGUAN, communityId: NANMEN, gridId: null },
    bookable: false,
    slotMinutes: null,
    skills: ['针灸', '推拿'],
    active: true,
    canManage: true,
    contact: { name: '陈卫东', phone: '13900009999' }, // the owner sees the full number
  });
  const stored = await t.db.model(ResourceModel).findById(res.body.id).lean();
  expect(String(stored!.unitId)).toBe(HOSPITAL);

  const xishan = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', unitAdmin)
    .send({ ...doctor, placeId: XISHAN });
  expect(xishan.status).toBe(400);
  expect(xishan.body.fields).toEqual([{ path: 'body.placeId', message: '驻区单位的资源应在本单位所在的街道内' }]);
});

test("a unit admin cannot publish for another unit, nor as the community's own", async () => {
  const other = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', unitAdmin)
    .send({ ...doctor, unitId: String(seedId('unit:县图书馆')) });
  expect(other.status).toBe(403);
  const community = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', unitAdmin)
    .send({ ...doctor, unitId: null });
  expect(community.status).toBe(403);
});

test('a unit admin edits their own resource; kind and owner cannot be changed', async () => {
  const res = await t
    .http()
    .patch(`/api/v1/resources/${DOCTOR}`)
    .set('Authorization', unitAdmin)
    .send({ name: '王建华（全科副主任医师）', skills: ['全科', '高血压'] });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ name: '王建华（全科副主任医师）', skills: ['全科', '高血压'], kind: 'doctor' });
  expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.createdAt));

  const kind = await t
    .http()
    .patch(`/api/v1/resources/${DOCTOR}`)
    .set('Authorization', unitAdmin)
    .send({ kind: 'lawyer' });
  expect(kind.status).toBe(400);
  expect(kind.body.fields[0].message).toBe('不允许的字段：kind');
  const stored = await t.db.model(ResourceModel).findById(DOCTOR).lean();
  expect(stored!.kind).toBe('doctor');
});

test("another unit's admin cannot touch the resource: 403 in the same street, 404 in another street", async () => {
  for (const [who, status] of [
    [otherUnit, 403],
    [farUnit, 404],
  ] as const) {
    const edit = await t.http().patch(`/api/v1/resources/${DOCTOR}`).set('Authorization', who).send({ name: '改名' });
    expect(edit.status).toBe(status);
    const off = await t.http().post(`/api/v1/resources/${DOCTOR}/deactivate`).set('Authorization', who);
    expect(off.status).toBe(status);
  }
  const stored = await t.db.model(ResourceModel).findById(DOCTOR).lean();
  expect(stored!.name).not.toBe('改名');
  expect(stored!.active).toBe(true);
});

test("staff manage their community's own venue, not a unit's resource nor another community's", async () => {
  const created = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', staff)
    .send({
      kind: 'venue',
      name: '南门社区四点半课堂教室',
      categoryCodes: ['studyAid'],
      hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '16:30', close: '18:30' })),
      slotMinutes: 120,
      capacity: '25 人',
    });
  expect(created.status).toBe(200);
  expect(created.body).toMatchObject({
    unit: null,
    community: { id: NANMEN },
    bookable: true,
    slotMinutes: 120,
    canManage: true,
  });

  const edit = await t
    .http()
    .patch(`/api/v1/resources/${created.body.id}`)
    .set('Authorization', staff)
    .send({ slotMinutes: 60 });
  expect(edit.status).toBe(200);
  expect(edit.body.slotMinutes).toBe(60);

  expect(
    (await t.http().patch(`/api/v1/resources/${DOCTOR}`).set('Authorization', staff).send({ name: '改个名字' })).status,
  ).toBe(403);
  expect(
    (await t.http().patch(`/api/v1/resources/${ROOM}`).set('Authorization', staff2).send({ name: 'xx' })).status,
  ).toBe(404);
  const ownUnit = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', staff)
    .send({ ...doctor, unitId: HOSPITAL });
  expect(ownUnit.status).toBe(403);
  const elsewhere = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', staff)
    .send({ ...doctor, placeId: XISHAN });
  expect(elsewhere.status).toBe(400);
  expect(elsewhere.body.fields[0]).toEqual({ path: 'body.placeId', message: '只能选择本社区内的地点' });

  // staff2 manages 西山社区's own room
  const xishan = await t
    .http()
    .patch(`/api/v1/resources/${XISHAN_ROOM}`)
    .set('Authorization', staff2)
    .send({ capacity: '24 人' });
  expect(xishan.status).toBe(200);
});

test('the kind decides what a resource needs: only venues and equipment are bookable, with a slot length and opening hours', async () => {
  const bookableDoctor = await t
    .http()
    .patch(`/api/v1/resources/${DOCTOR}`)
    .set('Authorization', unitAdmin)
    .send({ bookable: true });
  expect(bookableDoctor.status).toBe(400);
  expect(bookableDoctor.body.fields.map((f: { path: string }) => f.path)).toContain('body.bookable');

  const noSlot = await t
    .http()
    .patch(`/api/v1/resources/${ROOM}`)
    .set('Authorization', staff)
    .send({ slotMinutes: null });
  expect(noSlot.status).toBe(400);
  expect(noSlot.body.fields).toEqual([{ path: 'body.slotMinutes', message: '可预约的资源需要选择每个时段的长度' }]);

  const noHours = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', staff)
    .send({ kind: 'equipment', name: '折叠帐篷', slotMinutes: 60 });
  expect(noHours.status).toBe(400);
  expect(noHours.body.fields).toEqual([{ path: 'body.hours', message: '可预约的资源需要填写开放时间' }]);

  const tooShort = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', staff)
    .send({
      kind: 'equipment',
      name: '折叠帐篷',
      slotMinutes: 120,
      hours: [{ weekday: 1, open: '08:30', close: '10:00' }],
    });
  expect(tooShort.status).toBe(400);
  expect(tooShort.body.fields[0].path).toBe('body.hours.0');

  const off = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', staff)
    .send({ kind: 'equipment', name: '折叠帐篷', bookable: false });
  expect(off.status).toBe(200);
  expect(off.body.bookable).toBe(false);
});

test('a deactivated resource leaves the list for residents; its owner still finds it under managed=true', async () => {
  const created = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', unitAdmin)
    .send({ ...doctor, name: '临时义诊医生' });
  const id = created.body.id;
  const off = await t.http().post(`/api/v1/resources/${id}/deactivate`).set('Authorization', unitAdmin);
  expect(off.status).toBe(200);
  expect(off.body.active).toBe(false);

  expect((await t.http().get(`/api/v1/resources/${id}`).set('Authorization', resident)).status).toBe(404);
  const list = await t.http().get('/api/v1/resources?kind=doctor&pageSize=100').set('Authorization', resident);
  expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(id);

  const mine = await t.http().get('/api/v1/resources?managed=true&pageSize=100').set('Authorization', unitAdmin);
  const own = mine.body.items.find((r: { id: string }) => r.id === id);
  expect(own).toMatchObject({ active: false, canManage: true });
  expect(mine.body.items.every((r: { unit: { id: string } | null }) => r.unit?.id === HOSPITAL)).toBe(true);

  const back = await t.http().patch(`/api/v1/resources/${id}`).set('Authorization', unitAdmin).send({ active: true });
  expect(back.body.active).toBe(true);
  expect((await t.http().get(`/api/v1/resources/${id}`).set('Authorization', resident)).status).toBe(200);
});

test("a resident sees their street's active resources, filtered and paged, with contact phones masked", async () => {
  const all = await t.http().get('/api/v1/resources?pageSize=100').set('Authorization', resident);
  expect(all.status).toBe(200);
  const names = all.body.items.map((r: { name: string }) => r.name);
  expect(names).toEqual(
    expect.arrayContaining(['南门社区党群服务中心活动室', '县图书馆报告厅', '刘明（法律援助律师）']),
  );
  expect(names).not.toContain('西山社区议事室'); // 新城街道
  expect(all.body.items.every((r: { place: { streetId: string } }) => r.place.streetId === CHENGGUAN)).toBe(true);
  const room = all.body.items.find((r: { id: string }) => r.id === ROOM);
  expect(room.contact).toEqual({ name: '陈静', phone: '085****1234' });
  expect(room.canManage).toBe(false);

  const lawyers = await t.http().get('/api/v1/resources?kind=lawyer').set('Authorization', resident);
  expect(lawyers.body.items.length).toBeGreaterThan(0);
  expect(lawyers.body.items.every((r: { kind: string }) => r.kind === 'lawyer')).toBe(true);

  const bookable = await t
    .http()
    .get('/api/v1/resources?bookable=true&categoryCode=culture')
    .set('Authorization', resident);
  expect(bookable.body.items.length).toBeGreaterThan(0);
  for (const r of bookable.body.items) {
    expect(r.bookable).toBe(true);
    expect(r.categoryCodes).toContain('culture');
  }

  const page1 = await t.http().get('/api/v1/resources?pageSize=2&page=1').set('Authorization', resident);
  const page2 = await t.http().get('/api/v1/resources?pageSize=2&page=2').set('Authorization', resident);
  expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: all.body.total });
  expect(page1.body.items).toHaveLength(2);
  expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);

  const staffView = await t.http().get(`/api/v1/resources/${ROOM}`).set('Authorization', staff);
  expect(staffView.body.contact.phone).toBe('0851-88881234');
  const xishanStaff = await t.http().get('/api/v1/resources?pageSize=100').set('Authorization', staff2);
  expect(xishanStaff.body.items.map((r: { id: string }) => r.id)).toContain(XISHAN_ROOM);
  expect(xishanStaff.body.items.map((r: { id: string }) => r.id)).not.toContain(ROOM);
});

test("a county admin publishes for any unit, within that unit's street", async () => {
  const ok = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', countyAdmin)
    .send({ ...doctor, unitId: HOSPITAL });
  expect(ok.status).toBe(200);
  expect(ok.body.unit.id).toBe(HOSPITAL);
  const wrongStreet = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', countyAdmin)
    .send({ ...doctor, unitId: HOSPITAL, placeId: XISHAN });
  expect(wrongStreet.status).toBe(400);
  const community = await t
    .http()
    .post('/api/v1/resources')
    .set('Authorization', countyAdmin)
    .send({ ...doctor, placeId: XISHAN });
  expect(community.status).toBe(200);
  expect(community.body).toMatchObject({ unit: null, community: { id: XISHAN, name: '西山社区' } });
});

test('units are listed by street for street-level callers, all for the county', async () => {
  const own = await t.http().get('/api/v1/units?pageSize=100').set('Authorization', unitAdmin);
  expect(own.status).toBe(200);
  expect(own.body.total).toBe(6);
  expect(own.body.items.every((u: { street: { id: string; name: string } }) => u.street.name === '城关街道')).toBe(
    true,
  );
  expect(own.body.items.map((u: { name: string }) => u.name)).toContain('县人民医院');

  const xincheng = await t.http().get('/api/v1/units?pageSize=100').set('Authorization', staff2);
  expect(xincheng.body.items.map((u: { name: string }) => u.name)).toContain('县文化馆');
  expect(xincheng.body.items.map((u: { name: string }) => u.name)).not.toContain('县人民医院');

  const county = await t.http().get('/api/v1/units?pageSize=5').set('Authorization', countyAdmin);
  expect(county.body).toMatchObject({ total: 12, pageSize: 5 });
  expect(county.body.items).toHaveLength(5);
  const filtered = await t
    .http()
    .get(`/api/v1/units?streetId=${CHENGGUAN}&pageSize=100`)
    .set('Authorization', countyAdmin);
  expect(filtered.body.total).toBe(6);
});
