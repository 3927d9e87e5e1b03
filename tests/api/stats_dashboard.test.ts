import { Types } from 'mongoose';
import { BRANCH_RULE } from '@gongzhi/shared';
import { GrantsService } from '../../cloud/src/grants/grants.service';
import { startApp, type TestApp } from '../support/app';
import { SeatModel } from '../../cloud/src/activities/claim.model';
import { UserModel } from '../../cloud/src/people/user.model';
import {
  AS_OF,
  addActivities,
  addBranch,
  addMembers,
  addNeeds,
  addStaff,
  community,
  street,
  unit,
} from './stats_dashboard_support';

// The 数据看板 on a hand-built dataset (reference date 2026-06-30); every figure worked out by hand.
//
// Branches — 南门: 一支部 120, 二支部 50 active (+2 transferred out: still 50), 三支部 60, 四支部 50;
//   西山: 西山一支部 55, 西山二支部 20; 城关街道: 县人民医院支部 5 (unit branch, members live in 北街).
//   南门 4 branches, over 50: 一 and 三 → 2 → 50.00%; over 100: 1.
//   城关 street 5 branches, over 2 → 40.00%.  County 7, over 3 (120, 60, 55) → 42.86%.
// Members — 南门 280 (the report's 4 old communities): 102 aged 50+ (incl. one exactly 50 on the day;
//   one 50 the day after does not count) → 36.43%; 89 mobile → 31.79%.
//   西山 75: 30 aged 50+, 11 mobile. 北街 5: none. Street 285: 102 → 35.79%, 89 → 31.23%.
//   County 360: 132 → 36.67%, 100 → 27.78%.
// Complexes (demo county) — 南门 3: old 2 → 66.67%, no property 2 → 66.67%, old without 2/2 → 100.00%.
//   County 12: old 6 → 50.00%, no property 7 → 58.33%, old without 5/6 → 83.33%.
// Staff — 南门 24 committee members (plus a grid worker and a retired member, not counted): ages
//   35×10, 39 (40 the day after), 40 (40 on the day), 62×11, 63 → sum 1174 → average 48.9;
//   40+: 13 → 54.17%; education 初中 8, 高中 7, 大专 6, 本科 3 → 专科及以下 21 → 87.50%.
// Brands (published service activities) — 南门: cleanHome 3, studyAid 4, legalAid 1, trafficGuide 13
//   (one of them by 县人民医院) → 21: 14.29 / 19.05 / 4.76 / 61.90% → warning on 文明交通引导.
//   Not counted: a draft and a cancelled trafficGuide, and meetings. 西山: studyAid 2, elderCare 2.
//   County 25: trafficGuide 52.00% (warning), studyAid 24.00, cleanHome 12.00, elderCare 8.00, legalAid 4.00.
// Formats (published activities organised by a unit) — 南门: 9 meetings + 1 service by 县人民医院 → 90.00 / 10.00.
//   西山: 2 meetings by 县实验小学. County 12: 11 meetings → 91.67%, 1 service → 8.33%.
// Units — 南门 sees 城关街道's 6 units: 县人民医院 10 organised; 县第一中学 people hold 3 seats on 南门
//   activities (and 1 on a 西山 one, not counted for 南门) → ranks 1, 2, then 3 for the four at 0.
//   County: 12 units; 县人民医院 10, 县第一中学 4 seats, 县实验小学 2 meetings.
// Needs — 南门: legalAid submitted 1, done 1, closed 1; elderCare in_progress 2; other rejected 1 → 6.
//   西山: sanitation submitted 1.
let t: TestApp;
const auth: Record<string, string> = {};
const NANMEN = community('nanmen');
const XISHAN = community('xishan');
const BEIJIE = community('beijie');
const HOSPITAL = unit('县人民医院');
const SCHOOL = unit('县第一中学');
const PRIMARY = unit('县实验小学');

beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of [
    'countyAdmin',
    'streetAdmin',
    'staff',
    'staff2',
    'resident',
    'volunteer',
    'department',
    'gridWorker',
    'unitAdmin',
  ])
    auth[a] = await t.signIn(a);

  // 南门 branches: 280 active members, 102 aged 50+, 89 mobile.
  const b1 = await addBranch(t, '南门社区第一党支部', NANMEN);
  await addMembers(
    t,
    b1,
    { count: 1, placeId: NANMEN, age: 50 }, // 50 on the day: counts
    { count: 1, placeId: NANMEN, age: 50, dayAfter: true }, // 49 on the day
    { count: 60, placeId: NANMEN, age: 66, mobile: false },
    { count: 58, placeId: NANMEN, age: 32, mobile: true },
  );
  const b2 = await addBranch(t, '南门社区第二党支部', NANMEN);
  await addMembers(
    t,
    b2,
    { count: 41, placeId: NANMEN, age: 71 },
    { count: 9, placeId: NANMEN, age: 28, mobile: true },
    { count: 2, placeId: NANMEN, age: 80, mobile: true, active: false },
  );
  const b3 = await addBranch(t, '南门社区第三党支部', NANMEN);
  await addMembers(
    t,
    b3,
    { count: 38, placeId: NANMEN, age: 45 },
    { count: 22, placeId: NANMEN, age: 36, mobile: true },
  );
  const b4 = await addBranch(t, '南门社区第四党支部', NANMEN);
  await addMembers(t, b4, { count: 50, placeId: NANMEN, age: 44 });
  // 西山: 75 members, 30 aged 50+, 11 mobile.
  const x1 = await addBranch(t, '西山社区第一党支部', XISHAN);
  await addMembers(t, x1, { count: 30, placeId: XISHAN, age: 58 }, { count: 25, placeId: XISHAN, age: 40 });
  const x2 = await addBranch(t, '西山社区第二党支部', XISHAN);
  await addMembers(
    t,
    x2,
    { count: 9, placeId: XISHAN, age: 33 },
    { count: 11, placeId: XISHAN, age: 30, mobile: true },
  );
  // A unit branch under the street; its members live in 北街.
  const u1 = await addBranch(t, '县人民医院党支部', street('chengguan'), HOSPITAL);
  await addMembers(t, u1, { count: 5, placeId: BEIJIE, age: 35 });

  await addStaff(t, NANMEN, [
    ...Array.from({ length: 8 }, () => ({ age: 35, education: '初中及以下' as const })),
    { age: 35, education: '高中/中专' },
    { age: 35, education: '高中/中专' },
    { age: 40, dayAfter: true, education: '高中/中专' }, // 39 on the day
    { age: 40, education: '高中/中专' }, // 40 on the day
    ...Array.from({ length: 3 }, () => ({ age: 62, education: '高中/中专' as const })),
    ...Array.from({ length: 6 }, () => ({ age: 62, education: '大专' as const })),
    ...Array.from({ length: 2 }, () => ({ age: 62, education: '本科' as const })),
    { age: 63, education: '本科' },
    { age: 30, education: '研究生', committee: false }, // a grid worker: not 两委
    { age: 70, education: '初中及以下', active: false }, // retired
  ]);

  await addActivities(t, 3, { community: 'nanmen', brand: 'cleanHome' });
  const nanmenStudy = await addActivities(t, 4, { community: 'nanmen', brand: 'studyAid' });
  await addActivities(t, 1, { community: 'nanmen', brand: 'legalAid' });
  await addActivities(t, 12, { community: 'nanmen', brand: 'trafficGuide' });
  await addActivities(t, 1, { community: 'nanmen', brand: 'trafficGuide', unit: HOSPITAL });
  await addActivities(t, 1, { community: 'nanmen', brand: 'trafficGuide', status: 'draft' });
  await addActivities(t, 1, { community: 'nanmen', brand: 'trafficGuide', status: 'cancelled' });
  await addActivities(t, 9, { community: 'nanmen', brand: 'other', format: 'meeting', unit: HOSPITAL });
  const xishanStudy = await addActivities(t, 2, { community: 'xishan', brand: 'studyAid' });
  await addActivities(t, 2, { community: 'xishan', brand: 'elderCare' });
  await addActivities(t, 2, { community: 'xishan', brand: 'other', format: 'meeting', unit: PRIMARY });

  // Two teachers of 县第一中学 (the school's service people, by grant) claim seats: 3 on 南门 activities, 1 on a 西山 one.
  const teachers = [new Types.ObjectId(), new Types.ObjectId()];
  await t.db.model(UserModel).insertMany(
    teachers.map((_id, i) => ({
      _id,
      name: `一中教师${i + 1}`,
      roles: ['volunteer'],
      phone: null,
      orgId: null,
      communityId: null,
      createdAt: new Date(),
    })),
  );
  const grants = await t.get(GrantsService);
  for (const personId of teachers)
    await grants.grantRole({ personId, role: 'servicePerson', placeId: SCHOOL, grantedBy: null });
  const seat = (personId: Types.ObjectId, activityId: Types.ObjectId) => ({
    shiftId: new Types.ObjectId(),
    seatNo: 1,
    personId,
    activityId,
    createdAt: new Date(),
  });
  await t.db
    .model(SeatModel)
    .insertMany([
      seat(teachers[0], nanmenStudy[0]),
      seat(teachers[0], nanmenStudy[1]),
      seat(teachers[1], nanmenStudy[0]),
      seat(teachers[1], xishanStudy[0]),
    ]);

  await addNeeds(t, 'nanmen', [
    ['legalAid', 'submitted', 1],
    ['legalAid', 'done', 1],
    ['legalAid', 'closed', 1],
    ['elderCare', 'in_progress', 2],
    ['other', 'rejected', 1],
  ]);
  await addNeeds(t, 'xishan', [['sanitation', 'submitted', 1]]);
});
afterAll(() => t.close());

async function overview(who: string) {
  const res = await t.http().get(`/api/v1/stats/overview?asOf=${AS_OF}`).set('Authorization', auth[who]);
  expect(res.status).toBe(200);
  return res.body;
}

const pick = (items: { label: string; count: number; share: number | null }[]) =>
  Object.fromEntries(items.map((i) => [i.label, [i.count, i.share]]));

test('community staff see their community: the report’s figures to two decimals', async () => {
  const d = await overview('staff');
  expect(d.scope).toEqual({ id: NANMEN, name: '南门社区', kind: 'community' });
  expect(d.asOf).toBe(AS_OF);

  expect(d.branches).toMatchObject({
    limit: 50,
    rule: BRANCH_RULE,
    total: 4,
    overLimit: 2,
    overLimitShare: 50,
    over100: 1,
  });
  expect(d.branches.rule).toContain('党支部党员人数一般不超过50人');
  expect(d.branches.items.map((b: any) => [b.name, b.members, b.overLimit])).toEqual([
    ['南门社区第一党支部', 120, true],
    ['南门社区第三党支部', 60, true],
    ['南门社区第二党支部', 50, false],
    ['南门社区第四党支部', 50, false],
  ]);
  expect(d.branches.items[0].placeName).toBe('南门社区');

  expect(d.partyMembers).toMatchObject({
    total: 280,
    aged50Plus: 102,
    aged50PlusShare: 36.43,
    mobile: 89,
    mobileShare: 31.79,
  });
  expect(pick(d.partyMembers.ageBands)).toEqual({
    '30岁以下': [9, 3.21],
    '30–39岁': [80, 28.57],
    '40–49岁': [89, 31.79],
    '50–59岁': [1, 0.36],
    '60岁及以上': [101, 36.07],
  });

  expect(d.complexes).toEqual({
    total: 3,
    old: 2,
    oldShare: 66.67,
    noProperty: 2,
    noPropertyShare: 66.67,
    oldNoProperty: 2,
    oldNoPropertyShare: 100,
  });

  expect(d.staff).toMatchObject({
    total: 24,
    averageAge: 48.9,
    aged40Plus: 13,
    aged40PlusShare: 54.17,
    collegeOrBelow: 21,
    collegeOrBelowShare: 87.5,
  });
  expect(pick(d.staff.education)).toEqual({
    初中及以下: [8, 33.33],
    '高中/中专': [7, 29.17],
    大专: [6, 25],
    本科: [3, 12.5],
    研究生: [0, 0],
  });

  expect(d.brands.total).toBe(21);
  expect(pick(d.brands.items)).toEqual({
    文明交通引导: [13, 61.9],
    爱心助学行: [4, 19.05],
    美丽家园创卫行: [3, 14.29],
    法律援助进社区: [1, 4.76],
  });
  expect(d.brands.warning).toMatchObject({ code: 'trafficGuide', label: '文明交通引导', share: 61.9 });
  expect(d.brands.warning.message).toContain('61.90%');

  expect(d.formats).toEqual({ total: 10, meeting: 9, meetingShare: 90, service: 1, serviceShare: 10 });

  expect(d.units.items).toHaveLength(6);
  expect(d.units.items.slice(0, 3).map((u: any) => [u.rank, u.name, u.organised, u.seats, u.participation])).toEqual([
    [1, '县人民医院', 10, 0, 10],
    [2, '县第一中学', 0, 3, 3],
    [3, '城关派出所', 0, 0, 0],
  ]);
  expect(d.units.items.slice(2).every((u: any) => u.rank === 3)).toBe(true);

  expect(d.needs.total).toBe(6);
  expect(pick(d.needs.byCategory)).toMatchObject({
    法律援助: [3, 50],
    助老: [2, 33.33],
    其他: [1, 16.67],
    环境卫生: [0, 0],
  });
  expect(pick(d.needs.byStatus)).toMatchObject({
    待受理: [1, 16.67],
    办理中: [2, 33.33],
    已办结: [1, 16.67],
    已关闭: [1, 16.67],
    已驳回: [1, 16.67],
    已撤回: [0, 0],
  });
});

test('the county admin sees the whole county', async () => {
  const d = await overview('countyAdmin');
  expect(d.scope).toMatchObject({ name: '示范县', kind: 'county' });
  expect(d.branches).toMatchObject({ total: 7, overLimit: 3, overLimitShare: 42.86, over100: 1 });
  expect(d.partyMembers).toMatchObject({
    total: 360,
    aged50Plus: 132,
    aged50PlusShare: 36.67,
    mobile: 100,
    mobileShare: 27.78,
  });
  expect(d.complexes).toEqual({
    total: 12,
    old: 6,
    oldShare: 50,
    noProperty: 7,
    noPropertyShare: 58.33,
    oldNoProperty: 5,
    oldNoPropertyShare: 83.33,
  });
  expect(d.brands.total).toBe(25);
  expect(pick(d.brands.items)).toEqual({
    文明交通引导: [13, 52],
    爱心助学行: [6, 24],
    美丽家园创卫行: [3, 12],
    敬老爱老暖夕阳: [2, 8],
    法律援助进社区: [1, 4],
  });
  expect(d.brands.warning).toMatchObject({ code: 'trafficGuide', share: 52 });
  expect(d.formats).toEqual({ total: 12, meeting: 11, meetingShare: 91.67, service: 1, serviceShare: 8.33 });
  expect(d.units.items).toHaveLength(12);
  // The 西山 seat counts at county level: 4 seats for 县第一中学.
  expect(d.units.items.slice(0, 3).map((u: any) => [u.rank, u.name, u.organised, u.seats])).toEqual([
    [1, '县人民医院', 10, 0],
    [2, '县第一中学', 0, 4],
    [3, '县实验小学', 2, 0],
  ]);
  expect(d.needs.total).toBe(7);
  expect(pick(d.needs.byCategory)).toMatchObject({ 法律援助: [3, 42.86], 环境卫生: [1, 14.29] });
});

test('a street admin sees the street’s communities and the branches under the street', async () => {
  const d = await overview('streetAdmin');
  expect(d.scope).toMatchObject({ id: street('chengguan'), name: '城关街道', kind: 'street' });
  expect(d.branches).toMatchObject({ total: 5, overLimit: 2, overLimitShare: 40 });
  expect(d.branches.items.find((b: any) => b.name === '县人民医院党支部')).toMatchObject({
    members: 5,
    placeName: '城关街道',
  });
  expect(d.partyMembers).toMatchObject({
    total: 285,
    aged50Plus: 102,
    aged50PlusShare: 35.79,
    mobile: 89,
    mobileShare: 31.23,
  });
  expect(d.complexes).toMatchObject({ total: 7, old: 4, oldShare: 57.14, noProperty: 5, noPropertyShare: 71.43 });
  expect(d.units.items).toHaveLength(6);
});

test('another community’s staff see only theirs: no brand warning when the mix is balanced', async () => {
  const d = await overview('staff2');
  expect(d.scope).toMatchObject({ id: XISHAN, name: '西山社区' });
  expect(d.branches).toMatchObject({ total: 2, overLimit: 1, overLimitShare: 50 });
  expect(d.partyMembers).toMatchObject({
    total: 75,
    aged50Plus: 30,
    aged50PlusShare: 40,
    mobile: 11,
    mobileShare: 14.67,
  });
  expect(d.staff).toMatchObject({ total: 0, averageAge: null, aged40PlusShare: null });
  expect(pick(d.brands.items)).toEqual({ 爱心助学行: [2, 50], 敬老爱老暖夕阳: [2, 50] });
  expect(d.brands.warning).toBeNull();
  expect(d.formats).toMatchObject({ total: 2, meeting: 2, meetingShare: 100 });
  expect(d.needs.total).toBe(1);
});

test('the reference date moves ages: a year later the member born a day late counts too', async () => {
  const res = await t.http().get('/api/v1/stats/overview?asOf=2027-07-01').set('Authorization', auth.staff);
  expect(res.status).toBe(200);
  // Everyone is a year older: the one born 1976-07-01 is 51 (→ 103 of 280); the 45s are 46, still under 50.
  expect(res.body.partyMembers).toMatchObject({ aged50Plus: 103, aged50PlusShare: 36.79 });
});

test.each(['resident', 'volunteer', 'department', 'gridWorker', 'unitAdmin'])('%s is refused', async (who) => {
  for (const path of ['/api/v1/stats/overview', '/api/v1/stats/overview.xlsx']) {
    const res = await t.http().get(path).set('Authorization', auth[who]);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  }
});

test('signed-out callers and bad dates are refused', async () => {
  expect((await t.http().get('/api/v1/stats/overview')).status).toBe(401);
  const res = await t.http().get('/api/v1/stats/overview?asOf=2026-13-40').set('Authorization', auth.staff);
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('VALIDATION_FAILED');
});
