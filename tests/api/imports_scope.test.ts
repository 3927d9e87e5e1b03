import { startApp, type TestApp } from '../support/app';
import { XLSX, commitAndWait, dryRun, residentRows, xlsxOf } from './imports_support';

// Who may import what, where: community staff into their own community (units: their street),
// street admins their street, the county everywhere; party members only with the 党务 duty.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

test('community staff cannot import into another community; the row says why', async () => {
  const staff = await t.signIn('staff');
  const rows = [
    ...residentRows(1, '南门社区'),
    ...residentRows(1, '北街社区', 100),
    ...residentRows(1, '西山社区', 200),
  ];
  rows[1].小区 = '';
  rows[2].小区 = '';
  rows[1].楼栋 = '';
  rows[2].楼栋 = '';
  const res = await dryRun(t, staff, 'residents', await xlsxOf('residents', rows));
  expect(res.body.summary).toMatchObject({ new: 1, invalid: 2 });
  expect(res.body.errors.map((e: { message: string }) => e.message)).toEqual([
    '不能导入到「北街社区」：不在您管辖的范围内',
    '不能导入到「西山社区」：不在您管辖的范围内',
  ]);
  const street = await t.signIn('streetAdmin'); // 城关街道: 南门, 北街, 土桥
  const byStreet = await dryRun(t, street, 'residents', await xlsxOf('residents', rows));
  expect(byStreet.body.summary).toMatchObject({ new: 2, invalid: 1 });
  const county = await t.signIn('countyAdmin');
  expect((await dryRun(t, county, 'residents', await xlsxOf('residents', rows))).body.summary).toMatchObject({
    new: 3,
    invalid: 0,
  });

  const units = await xlsxOf('units', [
    { 单位名称: '城关小学', 单位类别: '教育', 所属街道: '城关街道' },
    { 单位名称: '新城小学', 单位类别: '教育', 所属街道: '新城街道' },
  ]);
  const u = await dryRun(t, staff, 'units', units);
  expect(u.body.errors).toEqual([
    { row: 3, column: '所属街道', value: '新城街道', message: '不能导入到「新城街道」：不在您管辖的范围内' },
  ]);
});

test('party members need the 党务 duty; other roles are refused every import endpoint', async () => {
  const file = await xlsxOf('partyMembers', []);
  const noDuty = await t.signIn('staff2');
  const refused = await dryRun(t, noDuty, 'partyMembers', file);
  expect(refused.status).toBe(403);
  expect((await dryRun(t, noDuty, 'residents', await xlsxOf('residents', []))).status).toBe(200);
  expect((await dryRun(t, await t.signIn('staff'), 'partyMembers', file)).status).toBe(200);

  for (const account of ['resident', 'volunteer', 'partyMember', 'gridWorker', 'department', 'unitAdmin']) {
    const auth = await t.signIn(account);
    const calls = [
      t.http().get('/api/v1/imports/kinds').set('Authorization', auth),
      t.http().get('/api/v1/imports/residents/template').set('Authorization', auth),
      dryRun(t, auth, 'residents', file),
      t
        .http()
        .post('/api/v1/imports/residents/commit')
        .set('Authorization', auth)
        .send({ fileId: '0'.repeat(24) }),
      t
        .http()
        .get(`/api/v1/imports/jobs/${'0'.repeat(24)}`)
        .set('Authorization', auth),
    ];
    for (const res of await Promise.all(calls)) expect([account, res.status]).toEqual([account, 403]);
  }
  for (const account of ['staff', 'streetAdmin', 'countyAdmin']) {
    const auth = await t.signIn(account);
    expect((await t.http().get('/api/v1/imports/kinds').set('Authorization', auth)).status).toBe(200);
    expect((await t.http().get('/api/v1/imports/staff/template').set('Authorization', auth)).status).toBe(200);
  }
  expect((await t.http().get('/api/v1/imports/kinds')).status).toBe(401);
});

test("nobody commits or watches another person's file or job", async () => {
  const staff = await t.signIn('staff');
  const dry = await dryRun(t, staff, 'residents', await xlsxOf('residents', residentRows(2, '南门社区', 500)));
  const other = await t.signIn('streetAdmin');
  const steal = await t
    .http()
    .post('/api/v1/imports/residents/commit')
    .set('Authorization', other)
    .send({ fileId: dry.body.fileId });
  expect(steal.status).toBe(404);
  const wrongKind = await t
    .http()
    .post('/api/v1/imports/volunteers/commit')
    .set('Authorization', staff)
    .send({ fileId: dry.body.fileId });
  expect(wrongKind.status).toBe(404);
  const { started } = await commitAndWait(t, staff, 'residents', dry.body.fileId);
  expect((await t.http().get(`/api/v1/imports/jobs/${started.id}`).set('Authorization', other)).status).toBe(404);
  const big = await t
    .http()
    .post('/api/v1/imports/residents/dry-run')
    .set('Authorization', staff)
    .set('Content-Type', XLSX)
    .send(Buffer.alloc(9 * 1024 * 1024, 1));
  expect(big.status).toBe(413);
});
