import { api as contract } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { OrgModel } from '../../cloud/src/org/org.model';
import { UnitModel } from '../../cloud/src/org/unit.model';
import {
  CHENGGUAN,
  COUNTY,
  DEPARTMENT,
  HOSPITAL,
  NANMEN,
  XINCHENG,
  XISHAN,
  XISHAN_GRID1,
  api,
  id,
} from './org_support';
import { DEMO_ACCOUNTS } from '../support/accounts';

// Who may administer the tree: county administrators everywhere, street administrators inside
// their street (another street's nodes and units answer 404; the street itself and county-level
// kinds 403); every other role is refused by the role gate, and nobody signed out gets in.
let t: TestApp;
const auth: Record<string, string> = {};
const ACCOUNTS = DEMO_ACCOUNTS.filter((a) => a !== 'resident2' && a !== 'staff2');
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ACCOUNTS) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

const XIAOXUE = id('unit:县实验小学'); // a 新城街道 unit

/** One call (made when invoked) of every endpoint of the area, on ids of 新城街道 (out of the street admin's reach). */
function everyCall(who: string | null, nodeId = XISHAN_GRID1, unitId = XIAOXUE) {
  const q = (r: any) => (who ? r.set('Authorization', auth[who]) : r);
  const h = {
    get: (u: string) => t.http().get(u),
    post: (u: string) => t.http().post(u),
    patch: (u: string) => t.http().patch(u),
  };
  const o = '/api/v1/org';
  return {
    listOrgChildren: () => q(h.get(`${o}/children`).query({ parentId: XISHAN })),
    getOrgNode: () => q(h.get(`${o}/nodes/${nodeId}`)),
    createOrgNode: () => q(h.post(`${o}/nodes`).send({ kind: 'complex', parentId: nodeId, name: '权限测试小区' })),
    updateOrgNode: () => q(h.patch(`${o}/nodes/${nodeId}`).send({ name: '权限测试网格' })),
    moveOrgNode: () => q(h.post(`${o}/nodes/${nodeId}/move`).send({ parentId: NANMEN })),
    getOrgNodeImpact: () => q(h.get(`${o}/nodes/${nodeId}/impact`)),
    mergeOrgNode: () => q(h.post(`${o}/nodes/${nodeId}/merge`).send({ targetId: id('org:grid:xishan:1') })),
    deactivateOrgNode: () => q(h.post(`${o}/nodes/${nodeId}/deactivate`).send({})),
    listOrgEvents: () => q(h.get(`${o}/events`).query({ nodeId })),
    listOrgUnits: () => q(h.get(`${o}/units`).query({ streetId: XINCHENG })),
    getOrgUnit: () => q(h.get(`${o}/units/${unitId}`)),
    createOrgUnit: () => q(h.post(`${o}/units`).send({ name: '权限测试单位', kind: '教育', streetId: XINCHENG })),
    updateOrgUnit: () => q(h.patch(`${o}/units/${unitId}`).send({ kind: '机关' })),
    moveOrgUnit: () => q(h.post(`${o}/units/${unitId}/move`).send({ streetId: CHENGGUAN })),
    getOrgUnitImpact: () => q(h.get(`${o}/units/${unitId}/impact`)),
    mergeOrgUnit: () => q(h.post(`${o}/units/${unitId}/merge`).send({ targetId: id('unit:县税务局') })),
    deactivateOrgUnit: () => q(h.post(`${o}/units/${unitId}/deactivate`).send({})),
  };
}

async function statuses(who: string | null, nodeId?: string, unitId?: string) {
  const calls = everyCall(who, nodeId, unitId);
  const out: Record<string, number> = {};
  for (const [k, call] of Object.entries(calls)) out[k] = (await call()).status;
  return out;
}

test('the calls above cover every endpoint of the area', () => {
  expect(Object.keys(everyCall(null)).sort()).toEqual(Object.keys(contract.org).sort());
});

test('only county and street administrators pass the role gate; signed out is 401', async () => {
  const all = (status: number) => Object.fromEntries(Object.keys(contract.org).map((k) => [k, status]));
  expect(await statuses(null)).toEqual(all(401));
  for (const who of ACCOUNTS.filter((a) => a !== 'countyAdmin' && a !== 'streetAdmin'))
    expect([who, await statuses(who)]).toEqual([who, all(403)]);
  const before = await t.db.model(OrgModel).countDocuments();
  expect(before).toBeGreaterThan(0);
  expect(await t.db.model(OrgModel).findById(XISHAN_GRID1).lean()).toMatchObject({ name: '西山第一网格' });
});

test('a street administrator of 城关街道 gets 404 for everything of 新城街道 and changes nothing', async () => {
  const res = await statuses('streetAdmin');
  expect(res).toEqual(Object.fromEntries(Object.keys(contract.org).map((k) => [k, k === 'moveOrgUnit' ? 403 : 404])));
  expect(await t.db.model(OrgModel).findById(XISHAN_GRID1).lean()).toMatchObject({ name: '西山第一网格' });
  expect(await t.db.model(UnitModel).findById(XIAOXUE).lean()).toMatchObject({ kind: '教育' });
  expect(await t.db.model(UnitModel).countDocuments({ name: '权限测试单位' })).toBe(0);
});

test('a street administrator sees their street but leaves the street itself and county kinds to the county', async () => {
  const street = api(t, auth.streetAdmin);
  const top = await street.get('/children');
  expect(top.status).toBe(200);
  expect(top.body.parent).toMatchObject({ id: CHENGGUAN, name: '城关街道' });
  expect(top.body.items.map((c: any) => c.name)).toEqual(['北街社区', '南门社区', '土桥社区']);
  expect(top.body.canEdit).toBe(true);
  const self = await street.get(`/nodes/${CHENGGUAN}`);
  expect(self.body).toMatchObject({ canEdit: false });
  const rename = await street.patch(`/nodes/${CHENGGUAN}`, { name: '城关新街道' });
  expect(rename.status).toBe(403);
  expect(rename.body.message).toBe('街道「城关街道」由县级管理员调整');
  expect((await street.get(`/nodes/${COUNTY}`)).status).toBe(404);
  expect((await street.get(`/nodes/${DEPARTMENT}`)).status).toBe(404);
  expect((await street.post('/nodes', { kind: 'street', parentId: COUNTY, name: '西关街道' })).status).toBe(404);
  expect((await street.post(`/nodes/${CHENGGUAN}/deactivate`, {})).status).toBe(403);
  // Inside the street: allowed.
  expect((await street.post('/nodes', { kind: 'community', parentId: CHENGGUAN, name: '文庙社区' })).status).toBe(200);
  expect((await street.get(`/nodes/${NANMEN}`)).body.canEdit).toBe(true);
  expect((await street.get(`/units/${HOSPITAL}`)).status).toBe(200);
  const units = await street.get('/units');
  expect(units.body.items.every((u: any) => u.street.id === CHENGGUAN)).toBe(true);
  expect((await street.get('/units', { streetId: XINCHENG })).status).toBe(404);
  // The county reaches everything, including the other street's units.
  const county = api(t, auth.countyAdmin);
  expect((await county.get(`/nodes/${XISHAN_GRID1}`)).status).toBe(200);
  expect((await county.get('/units', { streetId: XINCHENG })).body.total).toBe(6);
});
