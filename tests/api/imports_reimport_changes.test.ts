import { startApp, type TestApp } from '../support/app';
import { commitAndWait, dryRun, idNumber, xlsxOf } from './imports_support';
import { rosterApi } from './rosters_support';

// A re-imported party member, staff row or volunteer with changed fields updates the same record:
// the dry run says what will change (personal values masked), the commit writes it once and records
// each change in the row's history as an import.
let t: TestApp;
let api: ReturnType<typeof rosterApi>;
beforeAll(async () => {
  t = await startApp(__filename);
  api = rosterApi(t);
});
afterAll(() => t.close());

const ID = {
  a: idNumber('19600101', 1),
  b: idNumber('19900202', 2),
  s: idNumber('19800303', 3),
  v: idNumber('19950404', 4),
};

async function importRows(kind: 'partyMembers' | 'staff' | 'volunteers', rows: Record<string, string>[]) {
  const staff = await t.signIn('staff');
  const dry = await dryRun(t, staff, kind, await xlsxOf(kind, rows));
  expect(dry.status).toBe(200);
  const job = await commitAndWait(t, staff, kind, dry.body.fileId);
  return { dry: dry.body, job: job.job };
}

const party = (over: Record<string, string> = {}) => [
  {
    姓名: '赵德厚',
    身份证号: ID.a,
    手机号: '13900000001',
    社区: '南门社区',
    所在支部: '南门第一支部',
    工作状态: '在职',
    ...over,
  },
  { 姓名: '钱小芳', 身份证号: ID.b, 手机号: '', 社区: '南门社区', 所在支部: '南门第一支部', 工作状态: '在职' },
];

test('party members: a changed branch, status and phone update the same member, counted once', async () => {
  const first = await importRows('partyMembers', party());
  expect(first.job.result).toMatchObject({ new: 2 });
  const before = await api.overview('staff');
  expect(before.partyMembers.total).toBe(2);

  const changed = party({ 所在支部: '南门第二支部', 工作状态: '离退休', 手机号: '13900000009' });
  const staff = await t.signIn('staff');
  const dry = await dryRun(t, staff, 'partyMembers', await xlsxOf('partyMembers', changed));
  expect(dry.body.summary).toMatchObject({ changed: 1, unchanged: 1, new: 0 });
  expect(dry.body.changes).toEqual([
    {
      row: 2,
      name: '赵德厚',
      fields: [
        { label: '手机号', from: '139****0001', to: '139****0009' },
        { label: '工作状态', from: '在职', to: '离退休' },
        { label: '所在支部', from: '南门第一支部', to: '南门第二支部' },
      ],
    },
  ]);
  expect(JSON.stringify(dry.body)).not.toContain('13900000009');
  await commitAndWait(t, staff, 'partyMembers', dry.body.fileId);

  const after = await api.overview('staff');
  expect(after.partyMembers.total).toBe(2);
  const byName = new Map(after.branches.items.map((b: { name: string; members: number }) => [b.name, b.members]));
  expect(byName.get('南门第一支部')).toBe(1);
  expect(byName.get('南门第二支部')).toBe(1);
  const list = await api.get('staff', '/api/v1/party/members');
  const zhao = list.body.items.find((m: { nameMasked: string }) => m.nameMasked === '赵*厚');
  expect(zhao).toMatchObject({ employment: 'retired', category: 'B', branchName: '南门第二支部' });
  const history = await api.get('staff', `/api/v1/rosters/party-members/${zhao.id}/history`);
  expect(history.body.items).toEqual([
    expect.objectContaining({ action: 'move', actionLabel: '调转', via: 'import', reason: '重新导入党员名册' }),
  ]);
});

test('a staff row with a new post and a volunteer with a new phone: updated, with their history', async () => {
  const staffRow = {
    姓名: '孟凡',
    身份证号: ID.s,
    手机号: '',
    社区: '南门社区',
    学历: '大专',
    职务: '委员',
    是否两委成员: '是',
  };
  await importRows('staff', [staffRow]);
  const again = await importRows('staff', [{ ...staffRow, 职务: '副主任', 学历: '本科' }]);
  expect(again.dry.changes).toEqual([
    {
      row: 2,
      name: '孟凡',
      fields: [
        { label: '职务', from: '委员', to: '副主任' },
        { label: '学历', from: '大专', to: '本科' },
      ],
    },
  ]);
  expect(again.job.result).toMatchObject({ changed: 1 });
  const roster = await api.get('staff', '/api/v1/people/staff?pageSize=50');
  const meng = roster.body.items.find((r: { name: string }) => r.name === '孟凡');
  expect(meng).toMatchObject({ post: '副主任', education: '本科' });
  const staffHistory = await api.get('staff', `/api/v1/rosters/staff/${meng.id}/history`);
  expect(staffHistory.body.items[0]).toMatchObject({ action: 'correct', via: 'import' });

  const volunteer = { 姓名: '周晓东', 身份证号: ID.v, 手机号: '13500000001', 社区: '南门社区', 小区: '', 楼栋: '' };
  await importRows('volunteers', [volunteer]);
  const v2 = await importRows('volunteers', [{ ...volunteer, 手机号: '13500000002', 小区: '南门小区' }]);
  expect(v2.dry.changes[0].fields).toEqual([
    { label: '手机号', from: '135****0001', to: '135****0002' },
    { label: '住址', from: '南门社区', to: '南门社区 南门小区' },
  ]);
  const list = await api.get('staff', '/api/v1/rosters/volunteers?pageSize=100');
  const zhou = list.body.items.find((r: { name: string }) => r.name === '周晓东');
  expect(zhou).toMatchObject({ phoneMasked: '135****0002', homeName: '南门小区' });
  const history = await api.get('staff', `/api/v1/rosters/volunteers/${zhou.id}/history`);
  expect(history.body.items).toEqual([expect.objectContaining({ action: 'move', via: 'import', actionLabel: '搬迁' })]);
});
