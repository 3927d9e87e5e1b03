import { startApp, type TestApp } from '../support/app';
import { PersonTimeModel, SeatModel } from '../../cloud/src/activities/claim.model';
import { chinaAt, claim, clockOf, newActivity, newShift } from './activities_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// A seat claim whose process died before answering (simulated: see idempotency_support.ts): the
// retry with the same Idempotency-Key gets the seat the first attempt took, and takes no second one.

let t: TestApp;
let staff: string, volunteer: string;
beforeAll(async () => {
  t = await startApp(__filename);
  [staff, volunteer] = await Promise.all(['staff', 'volunteer'].map((a) => t.signIn(a)));
});
afterEach(async () => {
  (await clockOf(t)).offsetMs = 0;
});
afterAll(() => t.close());

const keyedClaim = (key: string, shift: string) =>
  claim(t, volunteer, shift, { wait: false }).set('Idempotency-Key', key);

test('the retry after the lease returns the seat taken by the dead attempt; one seat, one set of time records', async () => {
  const activity = await newActivity(t, staff);
  const shift = await newShift(t, staff, activity, { start: chinaAt(3, 9), end: chinaAt(3, 11), seats: 2 });
  const first = await keyedClaim('crash-claim-0001', shift);
  expect(first.status).toBe(200);
  expect(first.body.status).toBe('seated');
  await dieBeforeAnswer(t, 'claimSeat', 'crash-claim-0001');

  const during = await keyedClaim('crash-claim-0001', shift);
  expect(during.status).toBe(409);
  expect(during.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');

  await leaseRunsOut(t);
  const retry = await keyedClaim('crash-claim-0001', shift);
  expect(retry.status).toBe(200);
  expect(retry.body).toEqual(first.body);
  expect(await t.db.model(SeatModel).countDocuments({ shiftId: shift })).toBe(1);
  expect(await t.db.model(PersonTimeModel).countDocuments({ shiftId: shift })).toBe(8);
});
