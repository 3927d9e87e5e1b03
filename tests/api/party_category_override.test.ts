import { computeMemberCategory } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// Category: computed from age, health, post and the mobile flag; staff override it with a reason,
// kept as an event, and the computed value stays visible next to the one in force.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

test('the shared rule: mobile → C, retired/60+/frail → B, in work → A, otherwise D', () => {
  const base = { birthDate: '1990-05-01', health: 'good', employment: 'inService', mobile: false } as const;
  const day = '2026-11-26';
  expect(computeMemberCategory(base, day)).toBe('A');
  expect(computeMemberCategory({ ...base, mobile: true }, day)).toBe('C');
  expect(computeMemberCategory({ ...base, employment: 'retired' }, day)).toBe('B');
  expect(computeMemberCategory({ ...base, health: 'frail' }, day)).toBe('B');
  expect(computeMemberCategory({ ...base, birthDate: '1966-11-26' }, day)).toBe('B');
  expect(computeMemberCategory({ ...base, birthDate: '1966-11-27' }, day)).toBe('A');
  expect(computeMemberCategory({ ...base, employment: 'none' }, day)).toBe('D');
  expect(computeMemberCategory({ ...base, employment: 'student', mobile: true }, day)).toBe('C');
});

test('an override needs a reason, is kept as an event, and leaves the computed category visible', async () => {
  const staff = await t.signIn('staff');
  const id = String(seedId('partyMember:1'));
  const before = await t.http().get(`/api/v1/party/members/${id}`).set('Authorization', staff);
  expect(before.body.category).toBe(before.body.computedCategory);
  const to = before.body.category === 'B' ? 'D' : 'B';

  const noReason = await t
    .http()
    .post(`/api/v1/party/members/${id}/category`)
    .set('Authorization', staff)
    .send({ category: to, reason: '' });
  expect(noReason.status).toBe(400);
  expect(noReason.body.fields[0]).toMatchObject({ path: 'body.reason', message: '请写明调整理由（至少 4 个字）' });
  const bad = await t
    .http()
    .post(`/api/v1/party/members/${id}/category`)
    .set('Authorization', staff)
    .send({ category: 'E', reason: '长期患病卧床' });
  expect(bad.status).toBe(400);

  const res = await t
    .http()
    .post(`/api/v1/party/members/${id}/category`)
    .set('Authorization', staff)
    .send({ category: to, reason: '长期患病卧床，无法参加活动' });
  expect(res.status).toBe(200);
  expect(res.body.category).toBe(to);
  expect(res.body.computedCategory).toBe(before.body.computedCategory);
  expect(res.body.categoryEvents).toEqual([
    expect.objectContaining({
      from: before.body.category,
      to,
      reason: '长期患病卧床，无法参加活动',
      actorName: '陈静',
    }),
  ]);
  const again = await t.http().get(`/api/v1/party/members/${id}`).set('Authorization', staff);
  expect(again.body.category).toBe(to);
  const filtered = await t.http().get(`/api/v1/party/members?category=${to}&pageSize=100`).set('Authorization', staff);
  expect(filtered.body.items.map((m: { id: string }) => m.id)).toContain(id);

  // The county admin (who also holds the duty) sets it back: a second event, the history keeps both.
  const county = await t.signIn('countyAdmin');
  const back = await t
    .http()
    .post(`/api/v1/party/members/${id}/category`)
    .set('Authorization', county)
    .send({ category: before.body.computedCategory, reason: '病已痊愈，恢复原类别' });
  expect(back.body.categoryEvents).toHaveLength(2);
  expect(back.body.category).toBe(before.body.computedCategory);
});
