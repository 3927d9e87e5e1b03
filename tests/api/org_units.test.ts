import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { ActivityModel } from '../../cloud/src/activities/activity.model';
import { GrantModel } from '../../cloud/src/grants/grant.model';
import { ResourceModel } from '../../cloud/src/resources/resource.model';
import { UnitModel } from '../../cloud/src/org/unit.model';
import { CHENGGUAN, HOSPITAL, XINCHENG, api, events, id, user } from './org_support';

// 驻区单位 in 组织架构: a street administrator adds, renames and closes their street's units; the
// county moves a unit to another street and merges units. A unit's resources, activities and posts
// (unit administrator, service people) follow it; nothing is left with a closed unit.
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  for (const a of ['streetAdmin', 'countyAdmin', 'unitAdmin']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

test('a street administrator adds and renames a unit of their street; names are unique in the street', async () => {
  const street = api(t, auth.streetAdmin);
  const made = await street.post('/units', { name: '县第二中学', kind: '教育', streetId: CHENGGUAN });
  expect(made.status).toBe(200);
  expect(made.body).toMatchObject({
    name: '县第二中学',
    kind: '教育',
    street: { id: CHENGGUAN, name: '城关街道' },
    active: true,
  });
  const twin = await street.post('/units', { name: '县第二中学', kind: '教育', streetId: CHENGGUAN });
  expect(twin.status).toBe(409);
  expect(twin.body.message).toBe('「城关街道」已经有名为「县第二中学」的驻区单位，请换一个名称');
  expect((await street.post('/units', { name: '县第三中学', kind: '教育', streetId: XINCHENG })).status).toBe(404);
  const renamed = await street.patch(`/units/${made.body.id}`, { name: '县第二高级中学', kind: '教育' });
  expect(renamed.body.name).toBe('县第二高级中学');
  expect((await events(t, auth.streetAdmin, made.body.id)).map((e) => e.text)).toEqual([
    '周洋把驻区单位「县第二中学」改名为「县第二高级中学」',
    '周洋新建了驻区单位「县第二中学」，属于「城关街道」',
  ]);
  // Closing an empty unit needs no target.
  const closed = await street.post(`/units/${made.body.id}/deactivate`, { reason: '录重了' });
  expect(closed.body).toMatchObject({ unit: { active: false }, message: '「县第二高级中学」已停用' });
  expect((await street.get('/units')).body.items.map((u: any) => u.id)).not.toContain(made.body.id);
  expect((await street.get('/units', { includeInactive: 'true' })).body.items.map((u: any) => u.id)).toContain(
    made.body.id,
  );
});

test('the county moves a unit to another street: its posts follow, its venues stay where they are', async () => {
  const street = api(t, auth.streetAdmin);
  expect((await street.post(`/units/${HOSPITAL}/move`, { streetId: XINCHENG })).status).toBe(403);
  const res = await api(t, auth.countyAdmin).post(`/units/${HOSPITAL}/move`, {
    streetId: XINCHENG,
    reason: '院区搬迁',
  });
  expect(res.status).toBe(200);
  expect(res.body.unit.street).toMatchObject({ id: XINCHENG, name: '新城街道' });
  const grant = await t.db
    .model(GrantModel)
    .findOne({ personId: new Types.ObjectId(user('unitAdmin')), revokedAt: null })
    .lean();
  expect(String(grant!.streetId)).toBe(XINCHENG);
  expect(grant!.placeKeys).toEqual([`county:${id('org:county')}`, `street:${XINCHENG}`, `unit:${HOSPITAL}`]);
  const venues = await t.db
    .model(ResourceModel)
    .find({ unitId: new Types.ObjectId(HOSPITAL) })
    .lean();
  expect(venues.length).toBeGreaterThan(0);
  expect(venues.every((r) => String(r.place.streetId) === CHENGGUAN)).toBe(true);
  // The street administrator of 城关 no longer reaches it.
  expect((await street.get(`/units/${HOSPITAL}`)).status).toBe(404);
  // Its administrator still works for it.
  const me = await t.http().get('/api/v1/me').set('Authorization', auth.unitAdmin);
  expect(me.body.posts[0].place).toMatchObject({
    kind: 'unit',
    id: HOSPITAL,
    path: expect.stringContaining('新城街道'),
  });
});

test('a unit closed into another hands over its resources, activities and posts; without a target it is refused', async () => {
  const justice = id('unit:县司法局');
  const resources = await t.db.model(ResourceModel).countDocuments({ unitId: new Types.ObjectId(justice) });
  expect(resources).toBeGreaterThan(0);
  const county = api(t, auth.countyAdmin);
  const refused = await county.post(`/units/${justice}/deactivate`, {});
  expect(refused.status).toBe(409);
  expect(refused.body.message).toBe(
    '「县司法局」还有 1 个还没结束的活动、2 项在用的资源、1 个岗位授权，不能直接停用：请选择把这些转到哪个单位',
  );

  const into = id('unit:城关派出所');
  const impact = await county.get(`/units/${justice}/impact`, { targetId: into });
  expect(impact.body.sentence).toMatch(/^还有 .*个岗位授权.*在这里，将转到「城关派出所」$/);
  const res = await county.post(`/units/${justice}/merge`, { targetId: into, reason: '职能划转' });
  expect(res.status).toBe(200);
  expect(await t.db.model(ResourceModel).countDocuments({ unitId: new Types.ObjectId(justice) })).toBe(0);
  expect(await t.db.model(ResourceModel).countDocuments({ unitId: new Types.ObjectId(into) })).toBeGreaterThanOrEqual(
    resources,
  );
  expect(await t.db.model(ActivityModel).countDocuments({ organiserUnitId: new Types.ObjectId(justice) })).toBe(0);
  // 刘明 (service person of 县司法局) now serves 城关派出所.
  const lawyer = await t.db
    .model(GrantModel)
    .findOne({ personId: new Types.ObjectId(user('servicePerson')), revokedAt: null })
    .lean();
  expect(String(lawyer!.placeId)).toBe(into);
  expect(lawyer!.placeKeys).toContain(`unit:${into}`);
  expect(await t.db.model(UnitModel).findById(justice).lean()).toMatchObject({
    active: false,
    mergedInto: new Types.ObjectId(into),
  });
  expect((await events(t, auth.countyAdmin, into))[0].text).toBe('冯刚把驻区单位「县司法局」合并到「城关派出所」');
});
