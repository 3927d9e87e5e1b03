import { ObjectId } from 'mongodb';
import { NEED_COUNT_CAP, needCountText } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { act, legalOrder, order } from './needs_support';

// A busy community: more submitted needs than a badge counts. The badges stop at the cap (shown
// as 99+), while the list and its total stay exact. Needs are ordered in April 2029 (China time).
let t: TestApp;
let staff: string;
const WINDOW = 'from=2029-04-01&to=2029-04-02';
const EXTRA = NEED_COUNT_CAP + 5;

beforeAll(async () => {
  t = await startApp(__filename);
  const clock = await t.app.getApplicationContext().getAsync(Clock);
  clock.setOffset(Date.parse('2029-04-01T09:00:00+08:00') - Date.now());
  const resident = await t.signIn('resident');
  staff = await t.signIn('staff');
  const first = (await order(t, resident, legalOrder())).id;
  const accepted = (await order(t, resident, legalOrder())).id;
  await act(t, staff, accepted, 'accept');
  // Copies of the first need, written straight to the database (ordering 105 through the API adds nothing here).
  const needs = t.db.connection.collection('needs');
  const template = (await needs.findOne({ _id: new ObjectId(first) }))!;
  await needs.insertMany(
    Array.from({ length: EXTRA }, (_, i) => ({
      ...template,
      _id: new ObjectId(),
      submittedAt: new Date(template.submittedAt.getTime() + (i + 1) * 1000),
    })),
  );
  // Two days later every submitted one is past its acceptance limit (24 h).
  clock.setOffset(Date.parse('2029-04-03T09:00:00+08:00') - Date.now());
});
afterAll(() => t.close());

const inbox = async (query: string) => {
  const res = await t.http().get(`/api/v1/needs?${query}`).set('Authorization', staff);
  expect(res.status).toBe(200);
  return res.body;
};

test('badges stop at the cap; the list total is exact', async () => {
  const res = await inbox(`${WINDOW}&status=submitted&pageSize=5`);
  expect(res.total).toBe(EXTRA + 1);
  expect(res.items).toHaveLength(5);
  expect(res.counts.submitted).toBe(NEED_COUNT_CAP);
  expect(res.counts.accepted).toBe(1);
  expect(res.overdueCount).toBe(NEED_COUNT_CAP);
  expect(needCountText(res.counts.submitted)).toBe('99+');
  expect(needCountText(res.counts.accepted)).toBe('1');
  expect(needCountText(NEED_COUNT_CAP - 1)).toBe('99');
});

test('under the cap the badges are exact; finished statuses are listed, not counted', async () => {
  const accepted = await inbox(`${WINDOW}&status=accepted`);
  expect(accepted.total).toBe(1);
  expect(accepted.counts.accepted).toBe(1);
  const closedTab = await inbox(`${WINDOW}&status=closed`);
  expect(closedTab.total).toBe(0);
  expect(closedTab.counts).toMatchObject({ closed: null, rejected: null, withdrawn: null, done: 0 });
});
