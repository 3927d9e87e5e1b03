import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { BranchModel } from '../../cloud/src/party/branch.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { branch, branchMembers, community, member, rosterApi } from './rosters_support';

// 调转: a member moved to another branch (and community) is the same record: the old branch loses one,
// the new one gains one, and the totals of the place that holds both do not change.
let t: TestApp;
let api: ReturnType<typeof rosterApi>;
const split = new Types.ObjectId();
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  api = rosterApi(t);
  // A second branch in 南门, as splitting the over-large one would make.
  await t.db.model(BranchModel).create({
    _id: split,
    name: '南门社区第二党支部',
    placeId: seedId('org:community:nanmen'),
    unitId: null,
    streetId: seedId('org:street:chengguan'),
  });
});
afterAll(() => t.close());

const move = (account: string, g: number, body: object) =>
  api.post(account, `/api/v1/rosters/party-members/${member(g)}/move`, body);

test('to another branch of the community: counted once, in the new branch', async () => {
  const before = await api.overview('staff');
  const res = await move('staff', 0, { branchId: String(split), reason: '支部超过 50 人，拆分' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ branchId: String(split), branchName: '南门社区第二党支部', placeName: '南门社区' });
  const after = await api.overview('staff');
  expect(branchMembers(after, branch('nanmen'))).toBe(branchMembers(before, branch('nanmen')) - 1);
  expect(branchMembers(after, String(split))).toBe(1);
  expect(after.partyMembers.total).toBe(before.partyMembers.total);
  const list = await api.get('staff', `/api/v1/party/members?branchId=${split}`);
  expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([member(0)]);
  const history = await api.get('staff', `/api/v1/rosters/party-members/${member(0)}/history`);
  expect(history.body.items).toEqual([
    expect.objectContaining({
      action: 'move',
      actionLabel: '调转',
      changes: [{ field: 'branch', label: '所在支部', from: '南门社区党支部', to: '南门社区第二党支部' }],
    }),
  ]);
});

test('the street admin moves a member to another community of the street: it leaves one, joins the other', async () => {
  const [street0, nanmen0] = [await api.overview('streetAdmin'), await api.overview('staff')];
  const res = await move('streetAdmin', 1, { branchId: branch('beijie'), reason: '搬到北街居住，组织关系随迁' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ placeId: community('beijie'), placeName: '北街社区', branchName: '北街社区党支部' });
  const [street1, nanmen1] = [await api.overview('streetAdmin'), await api.overview('staff')];
  expect(street1.partyMembers.total).toBe(street0.partyMembers.total);
  expect(nanmen1.partyMembers.total).toBe(nanmen0.partyMembers.total - 1);
  expect(branchMembers(street1, branch('beijie'))).toBe(branchMembers(street0, branch('beijie')) + 1);
  const history = await api.get('streetAdmin', `/api/v1/rosters/party-members/${member(1)}/history`);
  expect(history.body.items[0].changes.map((c: { field: string }) => c.field)).toEqual(['branch', 'community']);
  // 南门's staff no longer see the member.
  expect((await api.get('staff', `/api/v1/party/members/${member(1)}`)).status).toBe(404);
});

test('community staff move only within their community; a place outside the scope answers 404', async () => {
  const toBeijie = await move('staff', 2, { branchId: branch('beijie'), reason: '调到北街' });
  expect(toBeijie.status).toBe(404);
  const toXishan = await move('staff', 2, { communityId: community('xishan'), reason: '调到西山' });
  expect(toXishan.status).toBe(404);
  const nowhere = await move('staff', 2, { reason: '没有选' });
  expect(nowhere.status).toBe(400);
  expect(nowhere.body.fields[0].message).toBe('请选择调转到的支部或社区');
  // The street admin may not reach 新城街道's 西山 either.
  const otherStreet = await move('streetAdmin', 2, { communityId: community('xishan'), reason: '调到西山' });
  expect(otherStreet.status).toBe(404);
  const doc = await t.db.connection.collection('partyMembers').findOne({ _id: seedId('partyMember:2') });
  expect(String(doc!.placeId)).toBe(community('nanmen'));
});
