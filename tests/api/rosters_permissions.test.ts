import { api as contract } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { complex, grid, member, rosterApi, staffRow, user } from './rosters_support';

// Every rosters endpoint: who may call it (party rows need the 党务 duty as well), and the place
// scope — another community's staff get 404 and change nothing; residents and other roles are refused.
let t: TestApp;
let api: ReturnType<typeof rosterApi>;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  api = rosterApi(t);
});
afterAll(() => t.close());

const r = contract.rosters;
const P = '/api/v1/rosters';
const NOWHERE = '000000000000000000000000';
/** One call per endpoint on a 南门 row, with a body that would go through when allowed. */
const CALLS: { id: keyof typeof r; method: 'get' | 'post'; path: string; body?: object }[] = [
  {
    id: 'correctPartyMember',
    method: 'post',
    path: `${P}/party-members/${member(5)}/correct`,
    body: { mobile: true, reason: '核对' },
  },
  {
    id: 'movePartyMember',
    method: 'post',
    path: `${P}/party-members/${member(5)}/move`,
    body: { communityId: NOWHERE, reason: '调转' },
  },
  {
    id: 'deactivatePartyMember',
    method: 'post',
    path: `${P}/party-members/${member(6)}/deactivate`,
    body: { cause: 'other', reason: '停用' },
  },
  {
    id: 'reactivatePartyMember',
    method: 'post',
    path: `${P}/party-members/${member(6)}/reactivate`,
    body: { reason: '恢复' },
  },
  { id: 'listPartyMemberHistory', method: 'get', path: `${P}/party-members/${member(5)}/history` },
  { id: 'showStaffMember', method: 'get', path: `${P}/staff/${staffRow('nanmen', '张建伟')}` },
  {
    id: 'correctStaffMember',
    method: 'post',
    path: `${P}/staff/${staffRow('nanmen', '张建伟')}/correct`,
    body: { post: '副主任', reason: '换届' },
  },
  {
    id: 'moveStaffMember',
    method: 'post',
    path: `${P}/staff/${staffRow('nanmen', '张建伟')}/move`,
    body: { communityId: String(grid('nanmen', 0)), reason: '调转' },
  },
  {
    id: 'deactivateStaffMember',
    method: 'post',
    path: `${P}/staff/${staffRow('nanmen', '李春兰')}/deactivate`,
    body: { reason: '离任' },
  },
  {
    id: 'reactivateStaffMember',
    method: 'post',
    path: `${P}/staff/${staffRow('nanmen', '李春兰')}/reactivate`,
    body: { reason: '恢复' },
  },
  { id: 'listStaffMemberHistory', method: 'get', path: `${P}/staff/${staffRow('nanmen', '张建伟')}/history` },
  { id: 'listVolunteers', method: 'get', path: `${P}/volunteers` },
  { id: 'showVolunteer', method: 'get', path: `${P}/volunteers/${user('volunteer')}` },
  {
    id: 'correctVolunteer',
    method: 'post',
    path: `${P}/volunteers/${user('volunteer')}/correct`,
    body: { name: '王志强', phone: '13812349999', reason: '换号' },
  },
  {
    id: 'moveVolunteer',
    method: 'post',
    path: `${P}/volunteers/${user('volunteer')}/move`,
    body: { placeId: complex('nanmen', '南门小区'), reason: '搬家' },
  },
  {
    id: 'deactivateVolunteer',
    method: 'post',
    path: `${P}/volunteers/${user('volunteer')}/deactivate`,
    body: { reason: '退出' },
  },
  {
    id: 'reactivateVolunteer',
    method: 'post',
    path: `${P}/volunteers/${user('volunteer')}/reactivate`,
    body: { reason: '恢复' },
  },
  { id: 'listVolunteerHistory', method: 'get', path: `${P}/volunteers/${user('volunteer')}/history` },
  { id: 'listRosterComplexes', method: 'get', path: `${P}/complexes` },
  {
    id: 'correctComplex',
    method: 'post',
    path: `${P}/complexes/${complex('nanmen', '锦绣华庭')}/correct`,
    body: { hasProperty: false, reason: '物业撤场' },
  },
  {
    id: 'moveComplex',
    method: 'post',
    path: `${P}/complexes/${complex('nanmen', '锦绣华庭')}/move`,
    body: { gridId: grid('nanmen', 1), reason: '调整网格' },
  },
  {
    id: 'deactivateComplex',
    method: 'post',
    path: `${P}/complexes/${complex('nanmen', '粮站家属院')}/deactivate`,
    body: { reason: '拆除' },
  },
  {
    id: 'reactivateComplex',
    method: 'post',
    path: `${P}/complexes/${complex('nanmen', '粮站家属院')}/reactivate`,
    body: { reason: '恢复' },
  },
  { id: 'listComplexHistory', method: 'get', path: `${P}/complexes/${complex('nanmen', '锦绣华庭')}/history` },
];
const call = (account: string, c: (typeof CALLS)[number]) =>
  c.method === 'get' ? api.get(account, c.path) : api.post(account, c.path, c.body);
const isParty = (id: string) => id.includes('PartyMember');
const isList = (id: string) => id === 'listVolunteers' || id === 'listRosterComplexes';

test('the list covers every rosters endpoint, with the documented access', () => {
  expect(CALLS.map((c) => c.id).sort()).toEqual(Object.keys(r).sort());
  for (const c of CALLS) expect(r[c.id].access).toEqual(['staff', 'streetAdmin', 'countyAdmin']);
});

test.each(['resident', 'volunteer', 'partyMember', 'gridWorker', 'department', 'unitAdmin', 'servicePerson'])(
  '%s is refused every rosters endpoint (403) and changes nothing',
  async (account) => {
    const before = await t.db.connection.collection('rosterEvents').countDocuments();
    for (const c of CALLS) {
      const res = await call(account, c);
      expect([c.id, res.status, res.body.code]).toEqual([c.id, 403, 'FORBIDDEN']);
    }
    expect(await t.db.connection.collection('rosterEvents').countDocuments()).toBe(before);
  },
);

test('another community’s staff (西山) get 404 on 南门 rows, or 403 without the 党务 duty; lists leave 南门 out', async () => {
  for (const c of CALLS) {
    const res = await call('staff2', c);
    if (isList(c.id)) {
      expect(res.status).toBe(200);
      expect(res.body.items.map((x: { communityName: string }) => x.communityName)).not.toContain('南门社区');
    } else expect([c.id, res.status]).toEqual([c.id, isParty(c.id) ? 403 : 404]);
  }
  expect(await t.db.connection.collection('rosterEvents').countDocuments()).toBe(0);
});

test('南门 staff, the street admin and the county reach the rows of their scope', async () => {
  // Reached, and refused on the merits: a complex with buildings and residents is not stopped (409),
  // so neither is it restored (409, it is in use).
  const expected: Record<string, number> = {
    movePartyMember: 404,
    moveStaffMember: 400,
    deactivateComplex: 409,
    reactivateComplex: 409,
  };
  for (const [i, c] of CALLS.entries()) {
    const account = ['staff', 'streetAdmin', 'countyAdmin'][i % 3];
    const res = await call(account, c);
    expect([c.id, account, res.status]).toEqual([c.id, account, expected[c.id] ?? 200]);
  }
  // 新城街道's street is not 城关's: 西山's rows answer 404 to 城关's street admin.
  const xishan = await api.get('streetAdmin', `${P}/staff/${staffRow('xishan', '孙丽')}`);
  expect(xishan.status).toBe(404);
  expect((await api.get('countyAdmin', `${P}/staff/${staffRow('xishan', '孙丽')}`)).status).toBe(200);
  // A 西山 party member (index 170), for 城关's street admin who holds the 党务 duty: 404 as well.
  expect((await api.get('streetAdmin', `${P}/party-members/${member(170)}/history`)).status).toBe(404);
  expect((await api.get('countyAdmin', `${P}/party-members/${member(170)}/history`)).status).toBe(200);
});
