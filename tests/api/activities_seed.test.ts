import { startApp, type TestApp } from '../support/app';
import { seedActivities } from '../../cloud/src/activities/activities.seed';
import { ActivityModel } from '../../cloud/src/activities/activity.model';
import { SeatModel } from '../../cloud/src/activities/claim.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { NANMEN, XISHAN, chinaAt, claim } from './activities_support';

let t: TestApp;
let volunteer: string;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedActivities(t.db);
  volunteer = await t.signIn('volunteer');
});
afterAll(() => t.close());

test('seeding twice writes nothing new', async () => {
  const before = [await t.db.model(ActivityModel).countDocuments(), await t.db.model(SeatModel).countDocuments()];
  await seedActivities(t.db);
  expect([await t.db.model(ActivityModel).countDocuments(), await t.db.model(SeatModel).countDocuments()]).toEqual(
    before,
  );
});

test('the 法律援助进社区 activity in 南门社区 has free seats tomorrow, and the demo volunteer can claim one', async () => {
  const id = String(seedId('activity:legal-aid-nanmen'));
  const res = await t.http().get(`/api/v1/activities/${id}`).set('Authorization', volunteer);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    brand: 'legalAid',
    brandName: '法律援助进社区',
    categoryCode: 'legalAid',
    community: { id: NANMEN },
  });
  expect(res.body.organiser).toMatchObject({ kind: 'unit', name: '县司法局' });
  expect(res.body.shifts[0]).toMatchObject({ start: chinaAt(1, 9), taken: 0, free: 4 });
  const claimed = await claim(t, volunteer, res.body.shifts[0].id);
  expect(claimed.body.status).toBe('seated');
});

test('the four brands appear across 南门 and 西山, with a full shift and shifts with free seats', async () => {
  const county = await t.signIn('countyAdmin');
  const all = await t.http().get('/api/v1/activities?pageSize=100').set('Authorization', county);
  const brands = new Set(all.body.items.map((a: { brand: string }) => a.brand));
  for (const b of ['studyAid', 'trafficGuide', 'legalAid', 'cleanHome']) expect(brands).toContain(b);
  const communities = new Set(all.body.items.map((a: { community: { id: string } }) => a.community.id));
  expect(communities).toEqual(new Set([NANMEN, XISHAN]));
  const shifts = all.body.items.flatMap((a: { shifts: { free: number }[] }) => a.shifts);
  expect(shifts.some((s: { free: number }) => s.free === 0)).toBe(true);
  expect(shifts.some((s: { free: number }) => s.free > 0)).toBe(true);
  expect(all.body.items.some((a: { format: string }) => a.format === 'meeting')).toBe(true);

  const traffic = await t
    .http()
    .get(`/api/v1/activities/${seedId('activity:traffic-nanmen')}`)
    .set('Authorization', await t.signIn('resident2'));
  expect(traffic.body.shifts[0]).toMatchObject({
    seats: 2,
    taken: 2,
    free: 0,
    waiting: 1,
    myWaitlist: { position: 1 },
  });
});

test('the demo volunteer has a past shift with attendance and confirmed hours', async () => {
  const past = await t.http().get('/api/v1/me/shifts?when=past').set('Authorization', volunteer);
  expect(past.body.items).toEqual([
    expect.objectContaining({
      shiftId: String(seedId('shift:clean-nanmen:1')),
      status: 'seated',
      confirmedMinutes: 120,
      checkInAt: chinaAt(-3, 7, 52),
      checkOutAt: chinaAt(-3, 10, 6),
    }),
  ]);
});

test('the draft is seen by its unit admin only', async () => {
  const id = seedId('activity:clinic-nanmen-draft');
  expect(
    (
      await t
        .http()
        .get(`/api/v1/activities/${id}`)
        .set('Authorization', await t.signIn('unitAdmin'))
    ).status,
  ).toBe(200);
  expect((await t.http().get(`/api/v1/activities/${id}`).set('Authorization', volunteer)).status).toBe(404);
});
