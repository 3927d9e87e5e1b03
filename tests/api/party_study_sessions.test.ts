import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { PointsEntryModel } from '../../cloud/src/points/points-entry.model';

// A 党务 staff member records a branch's study session; each attending member with an account earns
// studySession points once per session (a retry of the request grants nothing more), within the
// yearly cap of the points rules.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const nanmen = String(seedId('branch:nanmen'));
const liu = String(seedId('partyMember:10')); // 刘建国, linked to the demo partyMember account
const he = String(seedId('partyMember:11')); // 何志远, linked by the seed
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function record(auth: string, body: Record<string, unknown>, key?: string) {
  const req = t.http().post('/api/v1/party/study-sessions').set('Authorization', auth);
  if (key) req.set('Idempotency-Key', key);
  return req.send({ branchId: nanmen, date: today, topic: '学习新修订的《条例》', memberIds: [liu, he], ...body });
}

async function studyPoints(account: string) {
  const res = await t
    .http()
    .get('/api/v1/me/points')
    .set('Authorization', await t.signIn(account));
  return res.body.byKind.find((k: { kind: string }) => k.kind === 'studySession').earned as number;
}

test('the attendee picker lists the branch members who have an account, names masked', async () => {
  const staff = await t.signIn('staff');
  const res = await t.http().get(`/api/v1/party/branches/${nanmen}/linked-members`).set('Authorization', staff);
  expect(res.status).toBe(200);
  expect(res.body.items.map((m: { memberId: string }) => m.memberId).sort()).toEqual(
    [10, 11, 12, 13, 14].map((g) => String(seedId(`partyMember:${g}`))).sort(),
  );
  expect(res.body.items.find((m: { memberId: string }) => m.memberId === liu).nameMasked).toBe('刘*国');
});

test('each attendee earns once per session; a retried request records and grants nothing more', async () => {
  const staff = await t.signIn('staff');
  const before = await studyPoints('partyMember');
  const first = await record(staff, {}, 'study-retry-0001');
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ branchName: '南门社区党支部', attendeeCount: 2, recordedByName: '陈静' });
  expect(first.body.attendees.map((a: { nameMasked: string }) => a.nameMasked)).toEqual(['刘*国', '何*远']);
  const again = await record(staff, {}, 'study-retry-0001');
  expect(again.body.id).toBe(first.body.id);
  expect(await studyPoints('partyMember')).toBe(before + 5);
  const keyed = await t.db
    .model(PointsEntryModel)
    .countDocuments({ sourceKey: { $regex: `^study:${first.body.id}:` } });
  expect(keyed).toBe(2);
  const list = await t.http().get(`/api/v1/party/study-sessions?branchId=${nanmen}`).set('Authorization', staff);
  expect(list.body.total).toBe(1);
  expect(list.body.items[0].topic).toBe('学习新修订的《条例》');
});

test('the yearly cap of studySession points holds however many sessions are recorded', async () => {
  const staff = await t.signIn('staff');
  const cap = (await t.http().get('/api/v1/points/rules').set('Authorization', staff)).body.items.find(
    (r: { kind: string }) => r.kind === 'studySession',
  );
  const sessions = Math.ceil(cap.yearlyCap / cap.points) + 2;
  for (let i = 0; i < sessions; i++) {
    const res = await record(staff, { topic: `第${i + 1}次学习`, memberIds: [liu] });
    expect(res.status).toBe(200);
  }
  expect(await studyPoints('partyMember')).toBe(cap.yearlyCap);
});

test('bad input is a field error: unlinked or foreign members, future dates, no attendees', async () => {
  const staff = await t.signIn('staff');
  const unlinked = await record(staff, { memberIds: [String(seedId('partyMember:0'))] });
  expect(unlinked.status).toBe(400);
  expect(unlinked.body.fields[0].path).toBe('body.memberIds');
  const foreign = await record(staff, { memberIds: [String(seedId('partyMember:110'))] }); // 北街, linked
  expect(foreign.status).toBe(400);
  const future = await record(staff, { date: '2100-01-01' });
  expect(future.body.fields).toEqual([{ path: 'body.date', message: '学习日期不能晚于今天' }]);
  expect((await record(staff, { memberIds: [] })).status).toBe(400);
  // Another community's branch is not found for 南门 staff.
  const xishan = await record(staff, { branchId: String(seedId('branch:xishan')), memberIds: [liu] });
  expect(xishan.status).toBe(404);
});

test.each(['resident', 'volunteer', 'partyMember', 'gridWorker', 'unitAdmin', 'staff2'])(
  '%s may not record or list study sessions',
  async (account) => {
    const auth = await t.signIn(account);
    const a = await record(auth, {});
    const b = await t.http().get('/api/v1/party/study-sessions').set('Authorization', auth);
    const c = await t.http().get(`/api/v1/party/branches/${nanmen}/linked-members`).set('Authorization', auth);
    expect([a.status, b.status, c.status]).toEqual([403, 403, 403]);
  },
);

test('a street admin with the duty records for a branch of the street and lists the street', async () => {
  const street = await t.signIn('streetAdmin');
  const res = await record(street, { memberIds: [he] });
  expect(res.status).toBe(200);
  const list = await t.http().get('/api/v1/party/study-sessions').set('Authorization', street);
  expect(list.body.total).toBeGreaterThan(1);
  const county = await t.signIn('countyAdmin');
  expect((await t.http().get('/api/v1/party/study-sessions').set('Authorization', county)).body.total).toBe(
    list.body.total,
  );
});
