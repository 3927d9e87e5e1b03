import { startApp, type TestApp } from '../support/app';
import { AuditModel } from '../../cloud/src/audit/audit-log';
import { ServiceRecordModel } from '../../cloud/src/activities/attendance.model';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { SubscribeConsentModel } from '../../cloud/src/notifications/outbox.model';
import { seedId } from '../../cloud/src/core/stable-id';

// A person downloads everything held about them and deletes their account (PIPL). The export holds
// their own data and nothing of anyone else; after deletion no collection holds their name or phone,
// they cannot sign in, and statistics (hours, needs, 三率) do not move.

let t: TestApp;
const auth: Record<string, string> = {};
const uid = (account: string) => String(seedId(`user:${account}`));
const PEOPLE = {
  resident: { name: '张秀兰', phone: '13812340001' },
  resident2: { name: '李大海', phone: '13812340002' },
  volunteer: { name: '王志强', phone: '13812340003' },
};

beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  for (const who of ['resident', 'resident2', 'volunteer', 'staff', 'countyAdmin']) auth[who] = await t.signIn(who);
});
afterAll(() => t.close());

/** Every document of every collection, as text: what a scan of the raw database would find. */
async function rawDump(): Promise<string> {
  const db = t.db.connection.db!;
  const parts: string[] = [];
  for (const c of await db.listCollections().toArray()) {
    parts.push(JSON.stringify(await db.collection(c.name).find({}).toArray()));
  }
  return parts.join('\n');
}

async function statsSnapshot() {
  const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const kpis = await t
    .http()
    .get(`/api/v1/stats/responses?from=${from}&to=${to}&level=community`)
    .set('Authorization', auth.countyAdmin);
  expect(kpis.status).toBe(200);
  const records = await t.db.model(ServiceRecordModel).find({}).lean();
  const needs = await t.db.model(NeedModel).find({}, { status: 1, categoryCode: 1, 'place.communityId': 1 }).lean();
  return {
    kpis: kpis.body,
    minutes: records.reduce((s, r) => s + r.minutes, 0),
    records: records.length,
    needs: needs.map((n) => `${String(n._id)}:${n.status}:${n.categoryCode}:${String(n.place.communityId)}`).sort(),
  };
}

test('the export holds my profile, needs with their timeline, shifts and hours, teams — and nothing of others', async () => {
  const res = await t.http().get('/api/v1/me/data').set('Authorization', auth.resident);
  expect(res.status).toBe(200);
  expect(res.headers['content-disposition']).toContain('attachment');
  const data = res.body;
  expect(data.userId).toBe(uid('resident'));
  expect(data.areas.people.profile).toMatchObject({ name: '张秀兰', phone: '13812340001' });
  expect(Object.keys(data.areas)).toEqual(
    expect.arrayContaining(['people', 'needs', 'bookings', 'activities', 'notifications', 'teams']),
  );
  const myNeeds = await t.db.model(NeedModel).countDocuments({ owner: seedId('user:resident') });
  expect(myNeeds).toBeGreaterThan(0);
  expect(data.areas.needs.needs).toHaveLength(myNeeds);
  expect(data.areas.needs.needs[0].timeline.length).toBeGreaterThan(0);

  const text = JSON.stringify(data);
  const others = await t.db
    .model(NeedModel)
    .find({ owner: seedId('user:resident2') }, { _id: 1 })
    .lean();
  for (const n of others) expect(text).not.toContain(String(n._id));
  expect(text).not.toContain(PEOPLE.resident2.name);
  expect(text).not.toContain(PEOPLE.resident2.phone);
  expect(text).not.toContain(uid('resident2'));

  const vol = (await t.http().get('/api/v1/me/data').set('Authorization', auth.volunteer)).body;
  expect(vol.areas.activities.totalMinutes).toBeGreaterThan(0);
  expect(vol.areas.teams).toEqual([expect.objectContaining({ team: '搭把手', isLeader: true })]);
  expect(JSON.stringify(vol)).not.toContain(PEOPLE.resident.phone);
  // Areas added later plug in too: the volunteer's points ledger and redemptions, the party member's 双报到.
  expect(vol.areas.points.entries.length).toBeGreaterThan(0);
  expect(vol.areas.points.redemptions.length).toBeGreaterThan(0);
  expect(vol.areas.hours).toEqual({ certificates: [] });

  const audit = await t.db
    .model(AuditModel)
    .find({ subjectId: seedId('user:resident'), via: 'me:data' })
    .lean();
  expect(audit).toHaveLength(1);
});

test("no one can export or delete someone else's data: there is no way to name another person", async () => {
  const q = await t
    .http()
    .get(`/api/v1/me/data?userId=${uid('resident2')}`)
    .set('Authorization', auth.staff);
  expect(q.status).toBe(400);
  const d = await t
    .http()
    .delete('/api/v1/me')
    .set('Authorization', auth.staff)
    .send({ confirm: '注销账号', userId: uid('resident2') });
  expect(d.status).toBe(400);
  expect((await t.http().get('/api/v1/me/data')).status).toBe(401);
  expect((await t.http().delete('/api/v1/me').send({ confirm: '注销账号' })).status).toBe(401);
});

test('deleting needs the confirmation phrase', async () => {
  const res = await t.http().delete('/api/v1/me').set('Authorization', auth.resident).send({ confirm: '确认' });
  expect(res.status).toBe(400);
  expect(res.body.fields[0].message).toBe('请输入“注销账号”以确认');
  expect((await t.http().get('/api/v1/me').set('Authorization', auth.resident)).status).toBe(200);
});

test('after deletion: no name or phone anywhere, no sign-in, statistics unchanged, staff see 已注销用户', async () => {
  const consent = await t
    .http()
    .post('/api/v1/me/subscribe-consents')
    .set('Authorization', auth.resident)
    .send({ topic: 'need', answer: 'accept' });
  expect(consent.status).toBe(200);
  const before = await statsSnapshot();
  const dumpBefore = await rawDump();
  for (const who of ['resident', 'volunteer'] as const) {
    expect(dumpBefore).toContain(PEOPLE[who].name);
    expect(dumpBefore).toContain(PEOPLE[who].phone);
  }

  for (const who of ['resident', 'volunteer'] as const) {
    const res = await t.http().delete('/api/v1/me').set('Authorization', auth[who]).send({ confirm: '注销账号' });
    expect(res.status).toBe(200);
    expect(res.body.areas).toEqual(expect.arrayContaining(['needs', 'activities', 'people']));
    expect(res.body.areas.at(-1)).toBe('people');
  }

  const dump = await rawDump();
  for (const who of ['resident', 'volunteer'] as const) {
    expect(dump).not.toContain(PEOPLE[who].name);
    expect(dump).not.toContain(PEOPLE[who].phone);
  }
  // Their WeChat subscription consents go with them.
  expect(await t.db.model(SubscribeConsentModel).countDocuments({ userId: seedId('user:resident') })).toBe(0);
  // Someone else's data is untouched.
  expect(dump).toContain(PEOPLE.resident2.name);
  expect(dump).toContain(PEOPLE.resident2.phone);

  // The old tokens stop working and the account cannot be signed into again.
  expect((await t.http().get('/api/v1/me').set('Authorization', auth.resident)).status).toBe(401);
  expect((await t.http().get('/api/v1/me/data').set('Authorization', auth.volunteer)).status).toBe(401);
  const again = await t.http().post('/api/v1/auth/dev-login').send({ account: 'resident' });
  expect(again.status).toBe(404);

  expect(await statsSnapshot()).toEqual(before);

  // The volunteer's confirmed hours stay, under a name that says nothing.
  const record = await t.db
    .model(ServiceRecordModel)
    .findOne({ personId: seedId('user:volunteer') })
    .lean();
  expect(record).not.toBeNull();
  const roster = await t
    .http()
    .get(`/api/v1/shifts/${String(record!.shiftId)}/roster`)
    .set('Authorization', auth.staff);
  expect(roster.status).toBe(200);
  expect(roster.body.items).toEqual([
    expect.objectContaining({ name: '已注销用户', phone: null, confirmedMinutes: record!.minutes }),
  ]);
  // 搭把手 lost its leader and still lists its other members.
  const team = await t
    .http()
    .get(`/api/v1/teams/${String(seedId(`team:${String(seedId('org:community:nanmen'))}:helpingHand`))}`)
    .set('Authorization', auth.staff);
  expect(team.body.leader).toBeNull();

  const audit = await t.db.model(AuditModel).find({ via: 'me:erase' }).lean();
  expect(audit.map((a) => String(a.subjectId)).sort()).toEqual([uid('resident'), uid('volunteer')].sort());
});
