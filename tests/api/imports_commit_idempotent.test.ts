import * as fs from 'node:fs';
import * as path from 'node:path';
import { startApp, type TestApp } from '../support/app';
import { commitAndWait, dryRun, idNumber, residentRows, xlsxOf } from './imports_support';

// The commit runs as a job with progress; the same file twice changes nothing; a changed row is updated.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

test('residents: commit once, then the same file again is "0 new" and no document is duplicated', async () => {
  const staff = await t.signIn('staff');
  const rows = residentRows(300);
  const file = await xlsxOf('residents', rows);
  const users = t.db.connection.collection('users');
  const before = await users.countDocuments();

  const dry = await dryRun(t, staff, 'residents', file);
  expect(dry.body.summary).toEqual({ total: 300, new: 300, changed: 0, unchanged: 0, invalid: 0 });
  expect(await users.countDocuments()).toBe(before);

  const first = await commitAndWait(t, staff, 'residents', dry.body.fileId);
  expect(first.started).toMatchObject({ status: 'running', total: 300 });
  expect(first.job).toMatchObject({ status: 'done', total: 300, processed: 300 });
  expect(first.job.result).toEqual({ total: 300, new: 300, changed: 0, unchanged: 0, invalid: 0 });
  expect(first.job.message).toBe('导入完成：新增 300 条，更新 0 条，未变 0 条');
  // Progress never goes backwards.
  expect(first.seen).toEqual([...first.seen].sort((a, b) => a - b));
  expect(await users.countDocuments()).toBe(before + 300);

  const again = await dryRun(t, staff, 'residents', file);
  expect(again.body.summary).toEqual({ total: 300, new: 0, changed: 0, unchanged: 300, invalid: 0 });
  const second = await commitAndWait(t, staff, 'residents', again.body.fileId);
  expect(second.job.result.new).toBe(0);
  expect(second.job.message).toBe('导入完成：新增 0 条，更新 0 条，未变 300 条');
  expect(await users.countDocuments()).toBe(before + 300);
  const dupes = await users
    .aggregate([
      { $match: { idNumberHash: { $exists: true } } },
      { $group: { _id: '$idNumberHash', n: { $sum: 1 } } },
      { $match: { n: { $gt: 1 } } },
    ])
    .toArray();
  expect(dupes).toEqual([]);

  // One phone changed, one person moved: two updates, nothing new.
  rows[0].手机号 = '13999990000';
  rows[1].社区 = '南门社区';
  rows[1].小区 = '粮站家属院';
  const edited = await dryRun(t, staff, 'residents', await xlsxOf('residents', rows));
  expect(edited.body.summary).toMatchObject({ new: 0, changed: 2, unchanged: 298 });
  const third = await commitAndWait(t, staff, 'residents', edited.body.fileId);
  expect(third.job.result).toMatchObject({ new: 0, changed: 2 });
  expect(await users.countDocuments({ phone: '13999990000' })).toBe(1);

  // Residents hold their ID number as ciphertext + blind index only.
  const raw = JSON.stringify(
    await users
      .find({ idNumberHash: { $exists: true } })
      .limit(50)
      .toArray(),
  );
  expect(raw).not.toContain(rows[0].身份证号);
  expect(raw).toContain('"idNumberEnc":"v1.');
  // So does the kept upload between dry run and commit: only the parsed rows, encrypted.
  const dir = path.join(process.env.DATA_DIR!, 'uploads', 'imports');
  const kept = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  expect(kept.length).toBeGreaterThan(0);
  for (const k of kept) {
    expect(k).toMatch(/^v1\./);
    expect(k).not.toContain(rows[5].身份证号);
  }
});

test('a volunteer already imported as a resident becomes one user with both roles', async () => {
  const staff = await t.signIn('staff');
  const [person] = residentRows(1, '南门社区', 7000);
  await commitAndWait(
    t,
    staff,
    'residents',
    (await dryRun(t, staff, 'residents', await xlsxOf('residents', [person]))).body.fileId,
  );
  const dry = await dryRun(t, staff, 'volunteers', await xlsxOf('volunteers', [person]));
  expect(dry.body.summary).toMatchObject({ new: 0, changed: 1 });
  await commitAndWait(t, staff, 'volunteers', dry.body.fileId);
  const users = await t.db.connection.collection('users').find({ name: person.姓名 }).toArray();
  expect(users).toHaveLength(1);
  expect(users[0].roles).toEqual(['resident', 'volunteer']);
});

test('party members: idempotent, branch created once, category computed; staff override survives a re-import', async () => {
  const staff = await t.signIn('staff');
  const rows = [
    {
      姓名: '党员甲',
      身份证号: idNumber('19900101', 11),
      社区: '南门社区',
      所在支部: '南门社区第二党支部',
      工作状态: '在职',
    },
    {
      姓名: '党员乙',
      身份证号: idNumber('19500101', 12),
      社区: '南门社区',
      所在支部: '南门社区第二党支部',
      工作状态: '离退休',
      身体状况: '年老体弱',
    },
    {
      姓名: '党员丙',
      身份证号: idNumber('19880101', 13),
      社区: '南门社区',
      所在支部: '南门社区第二党支部',
      工作状态: '在职',
      流动党员: '是',
    },
    {
      姓名: '党员丁',
      身份证号: idNumber('19990101', 14),
      社区: '南门社区',
      所在支部: '南门社区第二党支部',
      工作状态: '无固定职业',
    },
    {
      姓名: '党员戊',
      身份证号: idNumber('19990101', 15),
      社区: '南门社区',
      所在支部: '南门社区第二党支部',
      工作状态: '打零工',
    },
  ];
  const file = await xlsxOf('partyMembers', rows);
  const dry = await dryRun(t, staff, 'partyMembers', file);
  expect(dry.body.errors).toEqual([
    { row: 6, column: '工作状态', value: '打零工', message: '工作状态只能是：在职、离退休、无固定职业、学生' },
  ]);
  const first = await commitAndWait(t, staff, 'partyMembers', dry.body.fileId);
  expect(first.job.result).toEqual({ total: 5, new: 4, changed: 0, unchanged: 0, invalid: 1 });
  const members = t.db.connection.collection('partyMembers');
  expect((await members.find({}).sort({ birthDate: 1 }).toArray()).map((m) => m.category)).toEqual([
    'B',
    'C',
    'A',
    'D',
  ]);
  expect(await t.db.connection.collection('branches').countDocuments({ name: '南门社区第二党支部' })).toBe(1);

  const list = await t.http().get('/api/v1/party/members').set('Authorization', staff);
  const jia = list.body.items.find((m: { category: string }) => m.category === 'A');
  await t
    .http()
    .post(`/api/v1/party/members/${jia.id}/category`)
    .set('Authorization', staff)
    .send({ category: 'D', reason: '已长期不在岗' });

  const second = await commitAndWait(
    t,
    staff,
    'partyMembers',
    (await dryRun(t, staff, 'partyMembers', file)).body.fileId,
  );
  expect(second.job.result).toEqual({ total: 5, new: 0, changed: 0, unchanged: 4, invalid: 1 });
  expect(await members.countDocuments()).toBe(4);
  expect(await t.db.connection.collection('branches').countDocuments()).toBe(1);
  const raw = JSON.stringify(await members.find({}).toArray());
  for (const r of rows) {
    expect(raw).not.toContain(r.身份证号);
    expect(raw).not.toContain(r.姓名);
  }
  // A changed row recomputes the category but keeps the staff override in force.
  rows[0].社区 = '南门社区';
  (rows[0] as Record<string, string>).流动党员 = '是';
  await commitAndWait(
    t,
    staff,
    'partyMembers',
    (await dryRun(t, staff, 'partyMembers', await xlsxOf('partyMembers', rows))).body.fileId,
  );
  const detail = await t.http().get(`/api/v1/party/members/${jia.id}`).set('Authorization', staff);
  expect(detail.body).toMatchObject({ category: 'D', computedCategory: 'C', mobile: true });
});
