import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { ActivityModel } from '../../cloud/src/activities/activity.model';
import { GrantModel } from '../../cloud/src/grants/grant.model';
import { MenuItemModel } from '../../cloud/src/menu/menu-item.model';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { NoticeModel } from '../../cloud/src/notices/notice.model';
import { OrgModel } from '../../cloud/src/org/org.model';
import { PartyMemberModel } from '../../cloud/src/party/party-member.model';
import { ResourceModel } from '../../cloud/src/resources/resource.model';
import { TeamModel } from '../../cloud/src/teams/team.model';
import { UserModel } from '../../cloud/src/people/user.model';
import { WhistleModel } from '../../cloud/src/whistles/whistle.model';
import { BEIJIE, CHENGGUAN, DEPARTMENT, NANMEN, api, create, events, id, user } from './org_support';

// 合并: 南门社区 merges into 北街社区 on the full demo data. Everything under and at 南门 goes to
// 北街 — grids, residents, needs, whistles, activities, resources, notices, party rosters, the menu,
// the staff's grant — and 南门 is closed, its name free again. Nothing is left pointing at it.
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  for (const a of ['countyAdmin', 'streetAdmin', 'staff', 'resident', 'department']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

const nanmen = new Types.ObjectId(NANMEN);

test('the impact says in plain words what is at 南门 and where it goes', async () => {
  const res = await api(t, auth.streetAdmin).get(`/nodes/${NANMEN}/impact`, { targetId: BEIJIE });
  expect(res.status).toBe(200);
  const kinds = res.body.items.map((i: any) => i.kind);
  for (const k of ['grids', 'complexes', 'buildings', 'residents', 'openNeeds', 'grants', 'partyMembers', 'notices'])
    expect(kinds).toContain(k);
  expect(res.body.blocking).toBe(true);
  expect(res.body.target).toEqual({ id: BEIJIE, kind: 'community', name: '北街社区' });
  expect(res.body.sentence).toMatch(
    /^还有 3 个网格、\d+ 个小区、\d+ 栋楼、\d+ 位居民、\d+ 条未办结的需求.*在这里，将转到「北街社区」$/,
  );
  const without = await api(t, auth.streetAdmin).get(`/nodes/${NANMEN}/impact`);
  expect(without.body.sentence).toMatch(/请先选择转到哪里$/);
});

test('merging 南门 into 北街 moves everything there and closes 南门', async () => {
  const openNeeds = await t.db.model(NeedModel).countDocuments({ placeKeys: `community:${NANMEN}` });
  expect(openNeeds).toBeGreaterThan(0);
  const res = await api(t, auth.streetAdmin).post(`/nodes/${NANMEN}/merge`, { targetId: BEIJIE, reason: '两社区合并' });
  expect(res.status).toBe(200);
  expect(res.body.message).toBe('「南门社区」已并入「北街社区」');
  expect(res.body.node).toMatchObject({ id: NANMEN, active: false });

  const orgs = t.db.model(OrgModel);
  expect(await orgs.findById(NANMEN).lean()).toMatchObject({ active: false, mergedInto: new Types.ObjectId(BEIJIE) });
  expect(await orgs.countDocuments({ parentId: nanmen })).toBe(0);
  expect(await orgs.countDocuments({ ancestors: nanmen })).toBe(0);
  expect(await orgs.countDocuments({ parentId: new Types.ObjectId(BEIJIE), kind: 'grid' })).toBe(5);

  // Nothing points at 南门 any more.
  const left = {
    needs: await t.db.model(NeedModel).countDocuments({ placeKeys: `community:${NANMEN}` }),
    needPlaces: await t.db.model(NeedModel).countDocuments({ 'place.communityId': nanmen }),
    whistles: await t.db.model(WhistleModel).countDocuments({ 'place.communityId': nanmen }),
    whistleTargets: await t.db.model(WhistleModel).countDocuments({ targetKeys: `partyMembers:${NANMEN}` }),
    activities: await t.db.model(ActivityModel).countDocuments({ 'place.communityId': nanmen }),
    resources: await t.db.model(ResourceModel).countDocuments({ 'place.communityId': nanmen }),
    residents: await t.db.model(UserModel).countDocuments({ communityId: nanmen }),
    grants: await t.db.model(GrantModel).countDocuments({ placeKeys: `community:${NANMEN}` }),
    notices: await t.db.model(NoticeModel).countDocuments({ communityId: nanmen }),
    party: await t.db.model(PartyMemberModel).countDocuments({ placeId: nanmen }),
    menu: await t.db.model(MenuItemModel).countDocuments({ communityId: nanmen }),
    teams: await t.db.model(TeamModel).countDocuments({ communityId: nanmen }),
  };
  expect(left).toEqual(Object.fromEntries(Object.keys(left).map((k) => [k, 0])));
  expect(await t.db.model(NeedModel).countDocuments({ placeKeys: `community:${BEIJIE}` })).toBeGreaterThanOrEqual(
    openNeeds,
  );

  // The staff's post moved with the community: 陈静 now works for 北街 and handles its needs.
  const grant = await t.db
    .model(GrantModel)
    .findOne({ personId: new Types.ObjectId(user('staff')), revokedAt: null })
    .lean();
  expect(String(grant!.placeId)).toBe(BEIJIE);
  expect(grant!.placeKeys).toContain(`street:${CHENGGUAN}`);
  const me = await t.http().get('/api/v1/me').set('Authorization', auth.staff);
  expect(me.body.community).toEqual({ id: BEIJIE, name: '北街社区' });
  const inbox = await t.http().get('/api/v1/needs').set('Authorization', auth.staff);
  expect(inbox.status).toBe(200);
  expect(inbox.body.total).toBeGreaterThanOrEqual(openNeeds);
  // The resident lives in 北街 now; the grid worker's grid is still theirs.
  const resident = await t.http().get('/api/v1/me').set('Authorization', auth.resident);
  expect(resident.body.community.name).toBe('北街社区');

  // Closed: not offered any more, and its name is free.
  const communities = await t.http().get('/api/v1/communities').set('Authorization', auth.resident);
  expect(communities.body.communities.map((c: any) => c.name)).not.toContain('南门社区');
  const reused = await create(t, auth.streetAdmin, { kind: 'community', parentId: CHENGGUAN, name: '南门社区' });
  expect(reused.id).not.toBe(NANMEN);

  // Both histories tell it; the grids record that they went along.
  const mine = await events(t, auth.streetAdmin, NANMEN);
  expect(mine[0]).toMatchObject({
    action: 'merge',
    after: { active: false, targetId: BEIJIE, targetName: '北街社区' },
    reason: '两社区合并',
    text: '周洋把社区「南门社区」合并到「北街社区」',
  });
  const theirs = await events(t, auth.streetAdmin, BEIJIE);
  expect(theirs.filter((e) => e.action === 'merge')).toHaveLength(1);
  expect(theirs.filter((e) => e.action === 'move')).toHaveLength(3);

  // Asking again completes (nothing left to move) and says so; a closed node cannot be edited.
  const again = await api(t, auth.streetAdmin).post(`/nodes/${NANMEN}/merge`, { targetId: BEIJIE });
  expect(again.status).toBe(200);
  const edit = await api(t, auth.streetAdmin).patch(`/nodes/${NANMEN}`, { name: '南门老社区' });
  expect(edit.status).toBe(409);
});

test('children whose name is taken under the target keep their records under a new name', async () => {
  const a = await create(t, auth.countyAdmin, { kind: 'complex', parentId: id('org:grid:xishan:0'), name: '电厂宿舍' });
  const b = await create(t, auth.countyAdmin, {
    kind: 'complex',
    parentId: id('org:grid:xishan:0'),
    name: '电厂宿舍二期',
  });
  const a1 = await create(t, auth.countyAdmin, { kind: 'building', parentId: a.id, name: '1号楼' });
  await create(t, auth.countyAdmin, { kind: 'building', parentId: b.id, name: '1号楼' });
  const impact = await api(t, auth.countyAdmin).get(`/nodes/${a.id}/impact`, { targetId: b.id });
  expect(impact.body.renames).toEqual([{ id: a1.id, kind: 'building', from: '1号楼', to: '1号楼（原电厂宿舍）' }]);
  const res = await api(t, auth.countyAdmin).post(`/nodes/${a.id}/merge`, { targetId: b.id });
  expect(res.status).toBe(200);
  const names = (await api(t, auth.countyAdmin).get('/children', { parentId: b.id })).body.items.map(
    (x: any) => x.name,
  );
  expect(names).toEqual(['1号楼', '1号楼（原电厂宿舍）']);
  expect((await events(t, auth.countyAdmin, a1.id))[0]).toMatchObject({
    action: 'move',
    before: { name: '1号楼', parentName: '电厂宿舍' },
    after: { name: '1号楼（原电厂宿舍）', parentName: '电厂宿舍二期' },
  });
});

test('a department merged into another hands over its whistles, needs and officials', async () => {
  const target = await create(t, auth.countyAdmin, {
    kind: 'department',
    parentId: id('org:county'),
    name: '县城乡建设服务中心',
  });
  const addressed = await t.db
    .model(WhistleModel)
    .countDocuments({ targetKeys: `department:${DEPARTMENT}`, status: { $ne: 'closed' } });
  const res = await api(t, auth.countyAdmin).post(`/nodes/${DEPARTMENT}/merge`, {
    targetId: target.id,
    reason: '机构改革',
  });
  expect(res.status).toBe(200);
  expect(await t.db.model(WhistleModel).countDocuments({ targetKeys: `department:${DEPARTMENT}` })).toBe(0);
  expect(
    await t.db.model(WhistleModel).countDocuments({ targetKeys: `department:${target.id}` }),
  ).toBeGreaterThanOrEqual(addressed);
  const list = await t.http().get('/api/v1/whistles').set('Authorization', auth.department);
  expect(list.status).toBe(200);
  expect(list.body.total).toBeGreaterThanOrEqual(addressed);
  // The timeline went along: the department's officials report on the moved target as before.
  const moved = await t.db
    .model(WhistleModel)
    .find({ targetKeys: `department:${target.id}` })
    .lean();
  const pending = moved.find((w) => w.targets.some((x) => String(x.orgId) === target.id && x.status === 'pending'));
  expect(pending).not.toBeNull();
  const reported = await t
    .http()
    .post(`/api/v1/whistles/${pending!._id}/targets/${target.id}/report`)
    .set('Authorization', auth.department)
    .send({ note: '已安排人员' });
  expect(reported.status).toBe(200);
  expect(reported.body.targets.find((x: any) => x.orgId === target.id || x.id === target.id)).toMatchObject({
    name: '县城乡建设服务中心',
    status: 'reported',
  });
  const departments = await t.http().get('/api/v1/whistle-departments').set('Authorization', auth.staff);
  expect(departments.body.items.map((d: any) => d.name)).not.toContain('县住房和城乡建设局');
});

test('targets must be of the same kind, active, and the caller’s', async () => {
  const street = api(t, auth.streetAdmin);
  const wrong = await street.post(`/nodes/${BEIJIE}/merge`, { targetId: CHENGGUAN });
  expect(wrong.status).toBe(400);
  expect(wrong.body.fields[0]).toEqual({ path: 'body.targetId', message: '只能转到另一个社区（「城关街道」是街道）' });
  expect((await street.post(`/nodes/${BEIJIE}/merge`, { targetId: BEIJIE })).status).toBe(400);
  expect((await street.post(`/nodes/${BEIJIE}/merge`, { targetId: id('org:community:xishan') })).status).toBe(404);
  expect((await street.post(`/nodes/${BEIJIE}/merge`, { targetId: NANMEN })).body.fields[0].message).toBe(
    '「南门社区」已经停用',
  );
});
