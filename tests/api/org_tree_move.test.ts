import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { OrgModel } from '../../cloud/src/org/org.model';
import { FindingModel } from '../../cloud/src/grids/finding.model';
import { GridMemberModel } from '../../cloud/src/grids/grid-member.model';
import { PatrolModel } from '../../cloud/src/grids/patrol.model';
import { UserModel } from '../../cloud/src/people/user.model';
import { legalOrder, order } from './needs_support';
import { logPatrol, patrolBody } from './grids_support';
import {
  BEIJIE,
  BEIJIE_GRID1,
  CHENGGUAN,
  GRID1,
  GRID2,
  NANMEN,
  NANMEN_B1,
  NANMEN_COMPLEX,
  XISHAN,
  XISHAN_GRID1,
  api,
  events,
  user,
} from './org_support';

// 调整归属: a complex corrected to another grid (here: of another community) moves with its
// buildings, the people living there and every record placed there — counted once, seen by the
// staff of its new community; a grid moves with its team and patrols. A street administrator moves
// things inside their street only.
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['streetAdmin', 'countyAdmin', 'staff', 'resident', 'gridWorker']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

const overview = async (who: string) =>
  (await t.http().get('/api/v1/stats/overview').set('Authorization', auth[who])).body.complexes.total;

test('a complex moved to a grid of another community takes its buildings, residents and needs along', async () => {
  const need = await order(t, auth.resident, legalOrder({ placeId: NANMEN_B1 }));
  const home = new Types.ObjectId();
  await t.db.model(UserModel).create({
    _id: home,
    name: '王秀英',
    roles: ['resident'],
    phone: '13912345678',
    orgId: new Types.ObjectId(NANMEN_B1),
    communityId: new Types.ObjectId(NANMEN),
  });
  const patrol = await logPatrol(
    t,
    auth.gridWorker,
    await patrolBody(t, { findings: [{ category: 'facilities', description: '楼道灯坏了', placeId: NANMEN_B1 }] }),
  );
  const complexesBefore = [await overview('countyAdmin'), await overview('streetAdmin')];

  const impact = await api(t, auth.streetAdmin).get(`/nodes/${NANMEN_COMPLEX}/impact`);
  expect(impact.body.items.map((i: any) => i.text)).toEqual(
    expect.arrayContaining(['3 栋楼', '1 位居民', '1 条未办结的需求', '1 条未处理的巡查发现']),
  );

  const moved = await api(t, auth.streetAdmin).post(`/nodes/${NANMEN_COMPLEX}/move`, {
    parentId: BEIJIE_GRID1,
    reason: '小区实际属于北街第一网格',
  });
  expect(moved.status).toBe(200);
  expect(moved.body.node).toMatchObject({ id: NANMEN_COMPLEX, parentId: BEIJIE_GRID1, childCount: 3 });
  expect(moved.body.message).toContain('「南门小区」已调整到「北街第一网格」下');

  const orgs = t.db.model(OrgModel);
  const building = await orgs.findById(NANMEN_B1).lean();
  expect(building!.ancestors.map(String)).toEqual([
    String(building!.ancestors[0]),
    CHENGGUAN,
    BEIJIE,
    BEIJIE_GRID1,
    NANMEN_COMPLEX,
  ]);

  const stored = await t.db.model(NeedModel).findById(need.id).lean();
  expect(String(stored!.place.communityId)).toBe(BEIJIE);
  expect(String(stored!.place.gridId)).toBe(BEIJIE_GRID1);
  expect(stored!.placeKeys).toEqual([
    `street:${CHENGGUAN}`,
    `community:${BEIJIE}`,
    `grid:${BEIJIE_GRID1}`,
    `complex:${NANMEN_COMPLEX}`,
    `building:${NANMEN_B1}`,
  ]);
  // 南门's staff no longer handle it; the street still sees it, in 北街.
  expect((await t.http().get(`/api/v1/needs/${need.id}`).set('Authorization', auth.staff)).status).toBe(404);
  const inStreet = await t.http().get(`/api/v1/needs/${need.id}`).set('Authorization', auth.streetAdmin);
  expect(inStreet.status).toBe(200);
  expect(inStreet.body.place).toMatchObject({ communityId: BEIJIE, gridId: BEIJIE_GRID1, label: '南门小区 1号楼' });

  expect(String((await t.db.model(UserModel).findById(home).lean())!.communityId)).toBe(BEIJIE);
  const finding = await t.db.model(FindingModel).findOne({ patrolId: patrol.id }).lean();
  expect(String(finding!.place.communityId)).toBe(BEIJIE);
  // The patrol itself was of 南门第一网格: it stays that grid's.
  expect(String((await t.db.model(PatrolModel).findById(patrol.id).lean())!.place.gridId)).toBe(GRID1);

  // Counted once: the county and the street still have the same number of complexes.
  expect([await overview('countyAdmin'), await overview('streetAdmin')]).toEqual(complexesBefore);
  expect((await api(t, auth.streetAdmin).get('/children', { parentId: GRID1 })).body.total).toBe(0);
  expect(
    (await api(t, auth.streetAdmin).get('/children', { parentId: BEIJIE_GRID1 })).body.items.map((c: any) => c.name),
  ).toEqual(['北街老街坊', '南门小区']);

  const history = await events(t, auth.streetAdmin, NANMEN_COMPLEX);
  expect(history[0]).toMatchObject({
    action: 'move',
    before: { parentName: '南门第一网格' },
    after: { parentName: '北街第一网格' },
    reason: '小区实际属于北街第一网格',
    text: '周洋把小区「南门小区」从「南门第一网格」调整到「北街第一网格」',
  });
  // The new parent's history lists it too.
  expect((await events(t, auth.streetAdmin, BEIJIE_GRID1)).map((e) => e.action)).toContain('move');
});

test('a grid moved to another community takes its team along', async () => {
  await t.db.model(GridMemberModel).create({
    gridId: new Types.ObjectId(GRID2),
    communityId: new Types.ObjectId(NANMEN),
    streetId: new Types.ObjectId(CHENGGUAN),
    position: 'security',
    slot: 'member:x',
    personKey: 'person:x',
    name: '孙建华',
    phone: '13912340022',
    duties: ['patroller'],
    addedBy: new Types.ObjectId(user('staff')),
    addedAt: new Date(),
  });
  const res = await api(t, auth.countyAdmin).post(`/nodes/${GRID2}/move`, { parentId: BEIJIE });
  expect(res.status).toBe(200);
  const member = await t.db.model(GridMemberModel).findOne({ gridId: GRID2 }).lean();
  expect(String(member!.communityId)).toBe(BEIJIE);
  // Moving to where it already is changes nothing and records nothing.
  const again = await api(t, auth.countyAdmin).post(`/nodes/${GRID2}/move`, { parentId: BEIJIE });
  expect(again.status).toBe(200);
  expect((await events(t, auth.countyAdmin, GRID2)).filter((e) => e.action === 'move')).toHaveLength(1);
});

test('moves stay inside the caller’s street, between the right kinds, and never for streets', async () => {
  const street = api(t, auth.streetAdmin);
  const outside = await street.post(`/nodes/${GRID1}/move`, { parentId: XISHAN });
  expect(outside.status).toBe(404);
  const fromOutside = await street.post(`/nodes/${XISHAN_GRID1}/move`, { parentId: NANMEN });
  expect(fromOutside.status).toBe(404);
  const wrongKind = await street.post(`/nodes/${GRID1}/move`, { parentId: CHENGGUAN });
  expect(wrongKind.status).toBe(400);
  expect(wrongKind.body.fields[0]).toEqual({
    path: 'body.parentId',
    message: '网格只能建在社区下（「城关街道」是街道）',
  });
  const county = api(t, auth.countyAdmin);
  const streetMove = await county.post(`/nodes/${CHENGGUAN}/move`, { parentId: CHENGGUAN });
  expect(streetMove.body.fields[0].message).toBe('街道直属于县，不能调整归属');
  // A community goes to another street only by the county.
  expect(
    (
      await street.post(`/nodes/${NANMEN}/move`, {
        parentId: String((await t.db.model(OrgModel).findById(XISHAN).lean())!.parentId),
      })
    ).status,
  ).toBe(404);
  expect((await t.db.model(OrgModel).findById(GRID1).lean())!.parentId!.toString()).toBe(NANMEN);
});
