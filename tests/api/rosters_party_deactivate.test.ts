import { startApp, type TestApp } from '../support/app';
import { branch, branchMembers, member, rosterApi } from './rosters_support';

// 停用 (转出, 去世): the member stays for history, drops out of every count and list, and comes back
// when reactivated; each step is an event.
let t: TestApp;
let api: ReturnType<typeof rosterApi>;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  api = rosterApi(t);
});
afterAll(() => t.close());

const path = (g: number, what: string) => `/api/v1/rosters/party-members/${member(g)}/${what}`;

test('a member who died is out of the counts, kept with the cause, and can be restored', async () => {
  const g = 3;
  const m = (await api.get('staff', `/api/v1/party/members/${member(g)}`)).body;
  const before = await api.overview('staff');

  const bad = await api.post('staff', path(g, 'deactivate'), { cause: 'moved', reason: '去世' });
  expect(bad.status).toBe(400);
  const res = await api.post('staff', path(g, 'deactivate'), { cause: 'deceased', reason: '2026 年 10 月病故' });
  expect(res.status).toBe(200);
  expect(res.body.active).toBe(false);

  const after = await api.overview('staff');
  expect(after.partyMembers.total).toBe(before.partyMembers.total - 1);
  expect(after.partyMembers.aged50Plus).toBe(before.partyMembers.aged50Plus - (m.age >= 50 ? 1 : 0));
  expect(after.partyMembers.mobile).toBe(before.partyMembers.mobile - (m.mobile ? 1 : 0));
  expect(branchMembers(after, branch('nanmen'))).toBe(branchMembers(before, branch('nanmen')) - 1);
  const branches = await api.get('staff', '/api/v1/party/branches');
  expect(branches.body.items[0].memberCount).toBe(branchMembers(after, branch('nanmen')));

  const active = await api.get('staff', '/api/v1/party/members?pageSize=100&page=1');
  const more = await api.get('staff', '/api/v1/party/members?pageSize=100&page=2');
  const ids = [...active.body.items, ...more.body.items].map((x: { id: string }) => x.id);
  expect(ids).not.toContain(member(g));
  const stopped = await api.get('staff', '/api/v1/party/members?active=false');
  expect(stopped.body.items.map((x: { id: string; active: boolean }) => [x.id, x.active])).toEqual([
    [member(g), false],
  ]);
  // Still readable, with its history.
  expect((await api.get('staff', `/api/v1/party/members/${member(g)}`)).body.active).toBe(false);

  const twice = await api.post('staff', path(g, 'deactivate'), { cause: 'deceased', reason: '再次提交' });
  expect(twice.status).toBe(409);
  expect(twice.body.code).toBe('INVALID_TRANSITION');

  const back = await api.post('staff', path(g, 'reactivate'), { reason: '误操作，恢复' });
  expect(back.body.active).toBe(true);
  expect((await api.overview('staff')).partyMembers.total).toBe(before.partyMembers.total);
  const again = await api.post('staff', path(g, 'reactivate'), { reason: '再次恢复' });
  expect(again.status).toBe(409);

  const history = await api.get('staff', path(g, 'history'));
  expect(history.body.items).toEqual([
    expect.objectContaining({
      action: 'deactivate',
      actionLabel: '停用',
      reason: '2026 年 10 月病故',
      changes: [{ field: 'active', label: '状态', from: '在册', to: '停用（去世）' }],
    }),
    expect.objectContaining({ action: 'reactivate', actionLabel: '恢复', reason: '误操作，恢复' }),
  ]);
});

test('a member transferred out by the street admin leaves the street figures too', async () => {
  const before = await api.overview('streetAdmin');
  const res = await api.post('streetAdmin', path(110, 'deactivate'), {
    cause: 'transferredOut',
    reason: '组织关系转至外县',
  });
  expect(res.status).toBe(200);
  expect((await api.overview('streetAdmin')).partyMembers.total).toBe(before.partyMembers.total - 1);
  const county = await api.get('countyAdmin', path(110, 'history'));
  expect(county.body.items[0].changes[0].to).toBe('停用（组织关系转出）');
});
