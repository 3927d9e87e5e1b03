import { startApp, type TestApp } from '../support/app';
import { AuditModel } from '../../cloud/src/audit/audit-log';
import {
  HOSPITAL,
  NANMEN,
  XISHAN,
  activityBody,
  chinaAt,
  claim,
  newActivity,
  newShift,
  uid,
} from './activities_support';

// Every activities endpoint × role × own/other scope. Records of another community or unit answer
// 404 to those who may not manage them (existence is never revealed); roles outside an endpoint's
// list get 403.

const ROLES = ['volunteer', 'resident', 'staff', 'staff2', 'unitAdmin', 'department', 'countyAdmin'] as const;
type Who = (typeof ROLES)[number];

let t: TestApp;
const auth = {} as Record<Who, string>;
const ids = {} as Record<
  'nanmen' | 'nanmenShift' | 'hospital' | 'hospitalShift' | 'xishan' | 'xishanShift' | 'draft' | 'draftShift',
  string
>;

beforeAll(async () => {
  t = await startApp(__filename);
  for (const who of ROLES) auth[who] = await t.signIn(who);
  ids.nanmen = await newActivity(t, auth.staff, { title: '南门活动' });
  ids.nanmenShift = await newShift(t, auth.staff, ids.nanmen, { start: chinaAt(3, 9), end: chinaAt(3, 11), seats: 5 });
  ids.hospital = await newActivity(t, auth.staff, { title: '医院组织的活动', organiserUnitId: HOSPITAL });
  ids.hospitalShift = await newShift(t, auth.staff, ids.hospital, {
    start: chinaAt(4, 9),
    end: chinaAt(4, 11),
    seats: 5,
  });
  ids.xishan = await newActivity(t, auth.staff2, { title: '西山活动', placeId: XISHAN });
  ids.xishanShift = await newShift(t, auth.staff2, ids.xishan, { start: chinaAt(5, 9), end: chinaAt(5, 11), seats: 5 });
  ids.draft = await newActivity(t, auth.staff, { title: '南门草稿', status: 'draft' });
  ids.draftShift = await newShift(t, auth.staff, ids.draft, { start: chinaAt(6, 9), end: chinaAt(6, 11), seats: 5 });
  for (const s of [ids.nanmenShift, ids.hospitalShift]) expect((await claim(t, auth.volunteer, s)).status).toBe(200);
});
afterAll(() => t.close());

type Method = 'get' | 'post' | 'patch' | 'delete';
/** A request whose path is built when it runs (ids exist only after beforeAll). */
type Req = [Method, () => string, object?];

function table(name: string, [method, path, body]: Req, expected: Record<Who, number>) {
  test(name, async () => {
    const got = {} as Record<Who, number>;
    for (const who of ROLES) {
      const req = t.http()[method](path()).set('Authorization', auth[who]);
      got[who] = (await (body ? req.send(body) : req)).status;
    }
    expect(got).toEqual(expected);
  });
}

const all = (status: number) => Object.fromEntries(ROLES.map((r) => [r, status])) as Record<Who, number>;
const managers = (own: Partial<Record<Who, number>>) =>
  ({ volunteer: 403, resident: 403, department: 403, ...own }) as Record<Who, number>;
const participants = (own: Partial<Record<Who, number>>) =>
  ({ staff: 403, staff2: 403, unitAdmin: 403, department: 403, countyAdmin: 403, ...own }) as Record<Who, number>;

table('listActivities: any signed-in user', ['get', () => '/api/v1/activities'], all(200));
table(
  'getActivity: a published activity, to any signed-in user',
  ['get', () => `/api/v1/activities/${ids.nanmen}`],
  all(200),
);
table('getActivity: a draft, to its organisers only', ['get', () => `/api/v1/activities/${ids.draft}`], {
  volunteer: 404,
  resident: 404,
  staff: 200,
  staff2: 404,
  unitAdmin: 404,
  department: 404,
  countyAdmin: 200,
});
table(
  'createActivity in 南门: its staff, a unit of its street, the county',
  ['post', () => '/api/v1/activities', activityBody()],
  managers({ staff: 200, staff2: 400, unitAdmin: 200, countyAdmin: 200 }),
);
table(
  'updateActivity of 南门社区',
  ['patch', () => `/api/v1/activities/${ids.nanmen}`, { description: '更新说明' }],
  managers({ staff: 200, staff2: 404, unitAdmin: 404, countyAdmin: 200 }),
);
table(
  'updateActivity organised by 县人民医院',
  ['patch', () => `/api/v1/activities/${ids.hospital}`, { description: '医院更新' }],
  managers({ staff: 200, staff2: 404, unitAdmin: 200, countyAdmin: 200 }),
);
table(
  'updateActivity of 西山社区',
  ['patch', () => `/api/v1/activities/${ids.xishan}`, { description: '西山更新' }],
  managers({ staff: 404, staff2: 200, unitAdmin: 404, countyAdmin: 200 }),
);
table(
  'addShift to 南门社区',
  ['post', () => `/api/v1/activities/${ids.nanmen}/shifts`, { start: chinaAt(9, 9), end: chinaAt(9, 10), seats: 2 }],
  managers({ staff: 200, staff2: 404, unitAdmin: 404, countyAdmin: 200 }),
);
table(
  'addShift to 县人民医院’s',
  ['post', () => `/api/v1/activities/${ids.hospital}/shifts`, { start: chinaAt(9, 14), end: chinaAt(9, 15), seats: 2 }],
  managers({ staff: 200, staff2: 404, unitAdmin: 200, countyAdmin: 200 }),
);
table(
  'updateShift of 南门社区',
  ['patch', () => `/api/v1/shifts/${ids.nanmenShift}`, { seats: 6 }],
  managers({ staff: 200, staff2: 404, unitAdmin: 404, countyAdmin: 200 }),
);
table(
  'updateShift of 西山社区',
  ['patch', () => `/api/v1/shifts/${ids.xishanShift}`, { seats: 6 }],
  managers({ staff: 404, staff2: 200, unitAdmin: 404, countyAdmin: 200 }),
);
table(
  'getShiftCode of 南门社区',
  ['get', () => `/api/v1/shifts/${ids.nanmenShift}/code`],
  managers({ staff: 200, staff2: 404, unitAdmin: 404, countyAdmin: 200 }),
);
table(
  'getShiftCode of 县人民医院’s',
  ['get', () => `/api/v1/shifts/${ids.hospitalShift}/code`],
  managers({ staff: 200, staff2: 404, unitAdmin: 200, countyAdmin: 200 }),
);
table(
  'listShiftRoster of 南门社区',
  ['get', () => `/api/v1/shifts/${ids.nanmenShift}/roster`],
  managers({ staff: 200, staff2: 404, unitAdmin: 404, countyAdmin: 200 }),
);
table(
  'listShiftRoster of 西山社区',
  ['get', () => `/api/v1/shifts/${ids.xishanShift}/roster`],
  managers({ staff: 404, staff2: 200, unitAdmin: 404, countyAdmin: 200 }),
);
// The volunteer holds a seat but the shift has not started: organisers get past scope to the rule (409).
table(
  'confirmHours of 南门社区',
  ['post', () => `/api/v1/shifts/${ids.nanmenShift}/confirm-hours`, { personId: uid('volunteer'), minutes: 60 }],
  managers({ staff: 409, staff2: 404, unitAdmin: 404, countyAdmin: 409 }),
);
table(
  'confirmHours of 县人民医院’s',
  ['post', () => `/api/v1/shifts/${ids.hospitalShift}/confirm-hours`, { personId: uid('volunteer'), minutes: 60 }],
  managers({ staff: 409, staff2: 404, unitAdmin: 409, countyAdmin: 409 }),
);
table(
  'listMyShifts: participants',
  ['get', () => '/api/v1/me/shifts'],
  participants({ volunteer: 200, resident: 200 }),
);
table(
  'claimSeat: participants, in any community',
  ['post', () => `/api/v1/shifts/${ids.xishanShift}/claim`, {}],
  participants({ volunteer: 200, resident: 200 }),
);
table(
  'cancelClaim: participants (both hold a seat from the row above)',
  ['delete', () => `/api/v1/shifts/${ids.xishanShift}/claim`],
  participants({ volunteer: 200, resident: 200 }),
);
// Check-in is closed days before the shift: participants get past the role check to the rule.
table(
  'checkIn: participants',
  ['post', () => `/api/v1/shifts/${ids.nanmenShift}/check-in`, { code: '123456' }],
  participants({ volunteer: 409, resident: 409 }),
);
table(
  'checkOut: participants',
  ['post', () => `/api/v1/shifts/${ids.nanmenShift}/check-out`, { code: '123456' }],
  participants({ volunteer: 409, resident: 409 }),
);
table(
  'claimSeat on a draft’s shift is 404 to participants',
  ['post', () => `/api/v1/shifts/${ids.draftShift}/claim`, {}],
  participants({ volunteer: 404, resident: 404 }),
);

test('cancelActivity: only the organisers; others get 404 or 403 and nothing changes', async () => {
  const target = await newActivity(t, auth.unitAdmin, { title: '医院自办活动' });
  const got: Record<string, number> = {};
  for (const who of ['volunteer', 'resident', 'department', 'staff2', 'staff'] as const) {
    got[who] = (
      await t
        .http()
        .post(`/api/v1/activities/${target}/cancel`)
        .set('Authorization', auth[who])
        .send({ reason: '测试取消' })
    ).status;
  }
  // 南门 staff manage every activity in their community, whoever organises it.
  expect(got).toEqual({ volunteer: 403, resident: 403, department: 403, staff2: 404, staff: 200 });
  const other = await newActivity(t, auth.staff2, { title: '西山自办活动', placeId: XISHAN });
  expect(
    (
      await t
        .http()
        .post(`/api/v1/activities/${other}/cancel`)
        .set('Authorization', auth.unitAdmin)
        .send({ reason: '测试取消' })
    ).status,
  ).toBe(404);
  expect((await t.http().get(`/api/v1/activities/${other}`).set('Authorization', auth.resident)).body.status).toBe(
    'published',
  );
  expect(
    (
      await t
        .http()
        .post(`/api/v1/activities/${other}/cancel`)
        .set('Authorization', auth.countyAdmin)
        .send({ reason: '测试取消' })
    ).status,
  ).toBe(200);
});

test('roster phones are full only for the community’s own staff, and each such read is audit-logged', async () => {
  const path = () => `/api/v1/shifts/${ids.nanmenShift}/roster`;
  const before = await t.db.model(AuditModel).countDocuments({ subjectId: uid('volunteer') });
  const own = await t.http().get(path()).set('Authorization', auth.staff);
  expect(own.body.items).toEqual([
    expect.objectContaining({ personId: uid('volunteer'), name: '王志强', phone: '13812340003', status: 'seated' }),
  ]);
  const audit = await t.db
    .model(AuditModel)
    .find({ subjectId: uid('volunteer') })
    .lean();
  expect(audit).toHaveLength(before + 1);
  expect(audit[audit.length - 1]).toMatchObject({ what: ['phone'], via: `shift:${ids.nanmenShift}` });
  expect(String(audit[audit.length - 1].actorId)).toBe(uid('staff'));

  const county = await t.http().get(path()).set('Authorization', auth.countyAdmin);
  expect(county.body.items[0].phone).toBe('138****0003');
  const unit = await t.http().get(`/api/v1/shifts/${ids.hospitalShift}/roster`).set('Authorization', auth.unitAdmin);
  expect(unit.body.items[0].phone).toBe('138****0003');
  expect(await t.db.model(AuditModel).countDocuments({ subjectId: uid('volunteer') })).toBe(before + 1);
});

test('a unit admin lists their unit’s drafts; staff2 see no 南门 drafts, even when naming 南门', async () => {
  const unitDraft = await newActivity(t, auth.unitAdmin, { title: '医院草稿', status: 'draft' });
  const mine = await t.http().get('/api/v1/activities?status=draft').set('Authorization', auth.unitAdmin);
  expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([unitDraft]);
  const staff2 = await t
    .http()
    .get(`/api/v1/activities?status=draft&communityId=${NANMEN}`)
    .set('Authorization', auth.staff2);
  expect(staff2.body.items).toEqual([]);
  const staff = await t.http().get('/api/v1/activities?status=draft').set('Authorization', auth.staff);
  expect(staff.body.items.map((a: { id: string }) => a.id).sort()).toEqual([ids.draft, unitDraft].sort());
});

test('unknown ids answer 404 and anonymous callers 401', async () => {
  const none = '0'.repeat(24);
  expect((await t.http().get(`/api/v1/activities/${none}`).set('Authorization', auth.staff)).status).toBe(404);
  expect(
    (await t.http().patch(`/api/v1/shifts/${none}`).set('Authorization', auth.staff).send({ seats: 3 })).status,
  ).toBe(404);
  expect((await t.http().get('/api/v1/activities')).status).toBe(401);
  expect((await t.http().post(`/api/v1/shifts/${none}/claim`).send({})).status).toBe(401);
});
