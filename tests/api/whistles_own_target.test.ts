import { startApp, type TestApp } from '../support/app';
import { CHENGGUAN_DEPT, HOUR, ZHUJIAN, blow, clockOf, deptWhistle, step } from './whistles_support';

// A department's list shows ITS OWN target: once it reported, the whistle is not 待报到 or 超时 for it,
// even while another department on the same whistle has not reported and is past its limit.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

type Row = {
  id: string;
  status: string;
  overdue: boolean;
  own: { id: string; status: string; overdue: string | null } | null;
  targets: { id: string; mine: boolean; status: string }[];
};

const listOf = async (auth: string) => {
  const res = await t.http().get('/api/v1/whistles?pageSize=100').set('Authorization', auth);
  expect(res.status).toBe(200);
  return res.body.items as Row[];
};

test('after it reports, the department sees its own target reported, not the whistle pending or overdue', async () => {
  const staff = await t.signIn('staff');
  const department = await t.signIn('department');
  const w = await blow(
    t,
    staff,
    deptWhistle({
      title: '两个部门的吹哨：路面塌陷',
      targets: [
        { kind: 'department', orgId: ZHUJIAN },
        { kind: 'department', orgId: CHENGGUAN_DEPT },
      ],
    }),
  );
  // Before answering: its own target waits for 报到.
  let row = (await listOf(department)).find((x) => x.id === w.id)!;
  expect(row.own).toEqual({ id: ZHUJIAN, status: 'pending', overdue: null });
  expect(row.targets.find((x) => x.id === ZHUJIAN)!.mine).toBe(true);
  expect(row.targets.find((x) => x.id === CHENGGUAN_DEPT)!.mine).toBe(false);

  await step(t, department, w.id, ZHUJIAN, 'report');
  // Past the other department's report limit (较急: 2 hours), which has not reported.
  const clock = await clockOf(t);
  clock.advance(3 * HOUR);
  try {
    row = (await listOf(department)).find((x) => x.id === w.id)!;
    // The whistle as a whole still waits on the other department, and is overdue because of it…
    expect(row.status).toBe('pending');
    expect(row.overdue).toBe(true);
    // …but the department's own target is reported and within its resolution limit.
    expect(row.own).toEqual({ id: ZHUJIAN, status: 'reported', overdue: null });

    // The detail says the same.
    const detail = await t.http().get(`/api/v1/whistles/${w.id}`).set('Authorization', department);
    expect(detail.body.own).toEqual({ id: ZHUJIAN, status: 'reported', overdue: null });

    // The staff who blew it answer for no target: no own status.
    const staffRow = (await listOf(staff)).find((x) => x.id === w.id)!;
    expect(staffRow.own).toBeNull();
    expect(staffRow.targets.every((x) => !x.mine)).toBe(true);
  } finally {
    clock.reset();
  }
});
