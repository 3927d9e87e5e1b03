import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { PointsEntryModel } from '../../cloud/src/points/points-entry.model';
import { UserModel } from '../../cloud/src/people/user.model';
import { chinaAt, claim, clockOf, newActivity, newShift, setNow, uid } from './activities_support';

// An activity that took place (hours confirmed) earns its organiser activityOrganised points once,
// however many shifts and volunteers it had and however the confirmations race; only an account
// that holds points earns them (a staff-only account has no points page).
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename);
  // 陈静 is also a party member: her account holds points.
  await t.db.model(UserModel).updateOne({ _id: seedId('user:staff') }, { $set: { roles: ['partyMember'] } });
  for (const a of ['staff', 'volunteer', 'partyMember', 'resident', 'countyAdmin']) auth[a] = await t.signIn(a);
});
afterEach(async () => {
  (await clockOf(t)).offsetMs = 0;
});
afterAll(() => t.close());

async function shiftWith(activity: string, manager: string, day: number, who: string[]) {
  const shift = await newShift(t, manager, activity, { start: chinaAt(day, 9), end: chinaAt(day, 11), seats: 5 });
  for (const w of who) expect((await claim(t, auth[w], shift)).status).toBe(200);
  return shift;
}
const confirm = (manager: string, shift: string, account: string) =>
  t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', manager)
    .send({ personId: uid(account), minutes: 60 });
const organised = (activity: string) =>
  t.db
    .model(PointsEntryModel)
    .find({ sourceKey: `organised:${activity}` })
    .lean();

test('the organiser earns once per activity when its hours are confirmed, never before', async () => {
  const activity = await newActivity(t, auth.staff, { title: '敬老院陪伴·组织积分' });
  const a = await shiftWith(activity, auth.staff, 2, ['volunteer', 'partyMember', 'resident']);
  const b = await shiftWith(activity, auth.staff, 3, ['volunteer']);
  expect(await organised(activity)).toHaveLength(0); // published and claimed is not yet held
  await setNow(t, chinaAt(3, 12));
  // Confirmations of one shift race each other: still one grant.
  const results = await Promise.all(['volunteer', 'partyMember', 'resident'].map((w) => confirm(auth.staff, a, w)));
  expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
  expect((await confirm(auth.staff, b, 'volunteer')).status).toBe(200);
  const entries = await organised(activity);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ kind: 'activityOrganised', delta: 20, note: '组织活动 · 敬老院陪伴·组织积分' });
  expect(String(entries[0].personId)).toBe(uid('staff'));
  const mine = await t.http().get('/api/v1/me/points').set('Authorization', auth.staff);
  expect(mine.status).toBe(200);
  expect(mine.body.byKind.find((k: { kind: string }) => k.kind === 'activityOrganised').earned).toBe(20);
});

test('the yearly cap of activityOrganised holds', async () => {
  const rule = (await t.http().get('/api/v1/points/rules').set('Authorization', auth.staff)).body.items.find(
    (r: { kind: string }) => r.kind === 'activityOrganised',
  );
  const n = Math.ceil(rule.yearlyCap / rule.points) + 1;
  for (let i = 0; i < n; i++) {
    const activity = await newActivity(t, auth.staff, { title: `组织积分上限·${i}` });
    const shift = await shiftWith(activity, auth.staff, 6 + i, ['volunteer']); // one a day: no overlap
    await setNow(t, chinaAt(6 + i, 12));
    expect((await confirm(auth.staff, shift, 'volunteer')).status).toBe(200);
    (await clockOf(t)).offsetMs = 0;
  }
  const mine = await t.http().get('/api/v1/me/points').set('Authorization', auth.staff);
  expect(mine.body.byKind.find((k: { kind: string }) => k.kind === 'activityOrganised').earned).toBe(rule.yearlyCap);
});

test('a staff-only organiser (no points account) earns nothing; the volunteers still earn their hours', async () => {
  const activity = await newActivity(t, auth.countyAdmin, { title: '县级组织的活动' });
  const shift = await shiftWith(activity, auth.countyAdmin, 5, ['partyMember']);
  await setNow(t, chinaAt(5, 12));
  expect((await confirm(auth.countyAdmin, shift, 'partyMember')).status).toBe(200);
  expect(await organised(activity)).toHaveLength(0);
  expect(
    await t.db.model(PointsEntryModel).countDocuments({ personId: seedId('user:partyMember'), kind: 'hoursServed' }),
  ).toBeGreaterThan(0);
});
