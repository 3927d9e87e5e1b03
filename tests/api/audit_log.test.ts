import ExcelJS from 'exceljs';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Types } from 'mongoose';
import { allEndpoints, localDateOf } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { AuditModel } from '../../cloud/src/audit/audit-log';
import { AUDIT_HEADERS } from '../../cloud/src/audit/audit-workbook';
import { seedId } from '../../cloud/src/core/stable-id';
import { XISHAN_BUILDING, act, legalOrder, order } from './needs_support';

// 管理 › 审计日志 and 隐私与数据 › 谁查看过我的信息. The log is filled the way the product fills it
// (staff handling needs), then searched: by county administrators (everything), by the street
// administrator of 城关街道 (only reads concerning that street), and by nobody else. Reads of a
// resident a grid worker ordered for name that resident. No route changes the log; erasure keeps it.

let t: TestApp;
const auth: Record<string, string> = {};
const uid = (account: string) => String(seedId(`user:${account}`));
const XISHAN = String(seedId('org:community:xishan'));
const XISHAN_COMPLEX = String(seedId('org:complex:xishan:西山营小区'));

/** Needs of the scenario: A (张秀兰 in 南门, handled by 陈静), C (李大海 moved to 西山, handled by 孙丽), D (张秀兰, by the county). */
let needA: string;
let needC: string;
let needD: string;
let onBehalfNoAccount: string;
let onBehalfAccount: string;

beforeAll(async () => {
  t = await startApp(__filename);
  for (const who of [
    'resident',
    'resident2',
    'gridWorker',
    'staff',
    'staff2',
    'streetAdmin',
    'department',
    'volunteer',
    'countyAdmin',
  ])
    auth[who] = await t.signIn(who);

  needA = (await order(t, auth.resident)).id;
  expect((await act(t, auth.staff, needA, 'accept')).status).toBe(200);
  // D: the county administrator (no street of their own) handles 张秀兰's order.
  needD = (await order(t, auth.resident)).id;
  expect((await act(t, auth.countyAdmin, needD, 'accept')).status).toBe(200);

  // 李大海 moves to 西山 (新城街道): what 孙丽 reads there concerns no one in 城关街道.
  const moved = await t
    .http()
    .post('/api/v1/me/home')
    .set('Authorization', auth.resident2)
    .send({ communityId: XISHAN, complexId: XISHAN_COMPLEX, buildingId: XISHAN_BUILDING });
  expect(moved.status).toBe(200);
  needC = (await order(t, auth.resident2, legalOrder({ placeId: XISHAN_BUILDING, contactPhone: '13812340002' }))).id;
  expect((await act(t, auth.staff2, needC, 'accept')).status).toBe(200);

  // The grid worker orders for 王奶奶 (no account) and for someone with an account (李大海's phone).
  onBehalfNoAccount = (
    await order(
      t,
      auth.gridWorker,
      legalOrder({ contactPhone: undefined, onBehalfOf: { name: '王桂芳', phone: '13900001111' } }),
    )
  ).id;
  expect((await act(t, auth.staff, onBehalfNoAccount, 'accept')).status).toBe(200);
  onBehalfAccount = (
    await order(
      t,
      auth.gridWorker,
      legalOrder({ contactPhone: undefined, onBehalfOf: { name: '李大海', phone: '13812340002' } }),
    )
  ).id;
  expect((await act(t, auth.staff, onBehalfAccount, 'accept')).status).toBe(200);
});
afterAll(() => t.close());

const search = (who: string, query: Record<string, string> = {}) =>
  t.http().get('/api/v1/audit').query(query).set('Authorization', auth[who]);

interface Row {
  id: string;
  actor: { id: string; name: string; role: string; place: string | null };
  subject: { id: string; name: string; kind: string };
  whatLabels: string[];
  via: string;
  viaLabel: string;
  needId: string | null;
}
const vias = (rows: Row[]) => rows.map((r) => r.via);

test('reads on behalf of a resident name the resident, never the grid worker who ordered', async () => {
  const plain = await t.db
    .model(AuditModel)
    .find({ via: `need:${onBehalfNoAccount}` })
    .lean();
  expect(plain.length).toBeGreaterThan(0);
  for (const e of plain) {
    expect(String(e.subjectId)).toBe(onBehalfNoAccount);
    expect(e.subjectKind).toBe('onBehalfOf');
    expect(String(e.subjectId)).not.toBe(uid('gridWorker'));
  }
  const linked = await t.db
    .model(AuditModel)
    .find({ via: `need:${onBehalfAccount}` })
    .lean();
  expect(linked.length).toBeGreaterThan(0);
  for (const e of linked) expect(String(e.subjectId)).toBe(uid('resident2'));

  const res = await search('countyAdmin', { subject: '王桂芳' });
  expect(res.status).toBe(200);
  expect(res.body.items.length).toBeGreaterThan(0);
  for (const r of res.body.items as Row[]) {
    expect(r.subject).toMatchObject({ name: '王*芳', kind: '代办居民' });
    expect(r.needId).toBe(onBehalfNoAccount);
  }
});

test('county administrators search everything, newest first, with names, roles and reasons in Chinese', async () => {
  const res = await search('countyAdmin', { what: 'phone', pageSize: '100' });
  expect(res.status).toBe(200);
  const rows = res.body.items as Row[];
  expect(vias(rows)).toEqual(expect.arrayContaining([`need:${needA}`, `need:${needC}`]));
  const a = rows.find((r) => r.via === `need:${needA}`)!;
  expect(a).toMatchObject({
    actor: { id: uid('staff'), name: '陈静', role: '社区工作者', place: '南门社区' },
    subject: { id: uid('resident'), name: '张*兰', kind: '居民' },
    whatLabels: ['手机号'],
    viaLabel: '办理需求',
    needId: needA,
  });
  const ats = rows.map((r) => (r as unknown as { at: string }).at);
  expect([...ats].sort().reverse()).toEqual(ats);
  // The full name of a resident never leaves in the search.
  expect(JSON.stringify(res.body)).not.toContain('张秀兰');
});

test('filters: actor, subject (name or id), what, date range; a bad range is refused in Chinese', async () => {
  const byActor = (await search('countyAdmin', { actor: '孙丽', pageSize: '100' })).body.items as Row[];
  expect(byActor.length).toBeGreaterThan(0);
  expect(new Set(byActor.map((r) => r.actor.id))).toEqual(new Set([uid('staff2')]));

  const bySubject = (await search('countyAdmin', { subject: '张秀兰', pageSize: '100' })).body.items as Row[];
  expect(vias(bySubject)).toContain(`need:${needA}`);
  expect(bySubject.every((r) => r.subject.id === uid('resident'))).toBe(true);
  const byId = (await search('countyAdmin', { subject: uid('resident'), pageSize: '100' })).body.items as Row[];
  expect(byId.map((r) => r.id).sort()).toEqual(bySubject.map((r) => r.id).sort());

  const party = (await search('countyAdmin', { what: 'partyMembership' })).body.items as Row[];
  expect(vias(party)).not.toContain(`need:${needA}`);

  const today = localDateOf(new Date());
  const tomorrow = localDateOf(new Date(Date.now() + 86_400_000));
  const yesterday = localDateOf(new Date(Date.now() - 86_400_000));
  expect(vias((await search('countyAdmin', { from: today, to: today, pageSize: '100' })).body.items)).toContain(
    `need:${needA}`,
  );
  expect((await search('countyAdmin', { from: tomorrow })).body.total).toBe(0);
  expect((await search('countyAdmin', { to: yesterday, what: 'phone' })).body.total).toBe(0);
  const bad = await search('countyAdmin', { from: today, to: yesterday });
  expect(bad.status).toBe(400);
  expect(bad.body.fields).toEqual([expect.objectContaining({ path: 'query.to', message: '结束日期不能早于开始日期' })]);
});

test('a street administrator sees only reads concerning their street', async () => {
  const res = await search('streetAdmin', { pageSize: '100' });
  expect(res.status).toBe(200);
  const rows = res.body.items as Row[];
  expect(vias(rows)).toContain(`need:${needA}`);
  expect(vias(rows)).toContain(`need:${onBehalfNoAccount}`);
  // A reader from outside the street (the county) reading someone who lives in it.
  expect(rows.find((r) => r.via === `need:${needD}`)).toMatchObject({
    actor: { name: '冯刚', role: '县级管理员', place: '示范县' },
    subject: { name: '张*兰' },
  });
  // 孙丽 (西山, 新城街道) reading 李大海 who now lives in 西山: nothing of 城关街道.
  expect(vias(rows)).not.toContain(`need:${needC}`);
  expect((await search('streetAdmin', { actor: '孙丽' })).body.total).toBe(0);
  // The county sees it.
  expect(vias((await search('countyAdmin', { actor: '孙丽', pageSize: '100' })).body.items)).toContain(`need:${needC}`);
});

test('only county and street administrators may search or export; every search is itself logged', async () => {
  for (const who of ['resident', 'volunteer', 'gridWorker', 'staff', 'department']) {
    expect((await search(who)).status).toBe(403);
    expect((await t.http().get('/api/v1/audit.xlsx').set('Authorization', auth[who])).status).toBe(403);
  }
  expect((await t.http().get('/api/v1/audit')).status).toBe(401);
  expect((await t.http().get('/api/v1/audit.xlsx')).status).toBe(401);

  const before = await t.db.model(AuditModel).countDocuments({ actorId: seedId('user:streetAdmin'), what: 'auditLog' });
  expect((await search('streetAdmin', { actor: '陈静' })).status).toBe(200);
  const logged = await t.db
    .model(AuditModel)
    .find({ actorId: seedId('user:streetAdmin'), what: 'auditLog' })
    .lean();
  expect(logged).toHaveLength(before + 1);
  expect(logged.at(-1)).toMatchObject({ via: 'audit:search' });
  // County administrators see who searched, as 查询审计日志.
  const searches = (await search('countyAdmin', { what: 'auditLog', actor: '周洋' })).body.items as Row[];
  expect(searches[0]).toMatchObject({ actor: { name: '周洋', role: '街道管理员' }, viaLabel: '查询审计日志' });
});

function download(who: string, query: Record<string, string> = {}) {
  return t
    .http()
    .get('/api/v1/audit.xlsx')
    .query(query)
    .set('Authorization', auth[who])
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

async function sheetRows(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('审计日志')!;
  return Array.from({ length: sheet.rowCount }, (_, i) => (sheet.getRow(i + 1).values as unknown[]).slice(1));
}

test('the Excel export holds the same rows as the search, Chinese headers, scoped like it', async () => {
  const res = await download('countyAdmin', { what: 'phone' });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(res.headers['content-disposition']).toContain(encodeURIComponent('审计日志_'));
  const rows = await sheetRows(res.body as Buffer);
  expect(rows[0]).toEqual(AUDIT_HEADERS);
  const body = rows.slice(1);
  const searched = (await search('countyAdmin', { what: 'phone', pageSize: '100' })).body;
  expect(body).toHaveLength(searched.total);
  const a = body.find((r) => r[8] === `need:${needA}`)!;
  expect(a.slice(1, 8)).toEqual(['陈静', '社区工作者', '南门社区', '张*兰', '居民', '手机号', '办理需求']);
  expect(String(a[0])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  expect(body.find((r) => r[8] === `need:${onBehalfNoAccount}`)!.slice(4, 6)).toEqual(['王*芳', '代办居民']);

  const street = await sheetRows((await download('streetAdmin')).body as Buffer);
  const streetVias = street.slice(1).map((r) => r[8]);
  expect(streetVias).toContain(`need:${needA}`);
  expect(streetVias).not.toContain(`need:${needC}`);
  // Exporting is logged too.
  expect(await t.db.model(AuditModel).countDocuments({ via: 'audit:export' })).toBe(2);
});

test('GET /me/data and /me/data/readers list who read my data: role, place, masked name, what, why', async () => {
  const data = await t.http().get('/api/v1/me/data').set('Authorization', auth.resident);
  expect(data.status).toBe(200);
  expect(data.body.readers).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        role: '社区工作者',
        place: '南门社区',
        name: '陈*',
        what: ['手机号'],
        why: '办理需求',
      }),
    ]),
  );
  // My own download is not "someone read my data".
  expect(data.body.readers.some((r: { why: string }) => r.why === '下载本人数据')).toBe(false);

  // 李大海: read by 孙丽 (his own need) and by 陈静 (the grid worker's order for his phone), newest first.
  const page1 = await t.http().get('/api/v1/me/data/readers?pageSize=1').set('Authorization', auth.resident2);
  expect(page1.status).toBe(200);
  expect(page1.body.total).toBeGreaterThanOrEqual(2);
  expect(page1.body.items).toHaveLength(1);
  const all = await t.http().get('/api/v1/me/data/readers?pageSize=100').set('Authorization', auth.resident2);
  const names = all.body.items.map((r: { name: string; place: string }) => `${r.name}@${r.place}`);
  expect(names).toEqual(expect.arrayContaining(['孙*@西山社区', '陈*@南门社区']));
  expect(all.body.items[0]).toEqual(page1.body.items[0]);
  const ats = all.body.items.map((r: { at: string }) => r.at);
  expect([...ats].sort().reverse()).toEqual(ats);
  expect(JSON.stringify(all.body)).not.toMatch(/孙丽|陈静/);

  // Someone nobody read gets an empty list.
  const none = await t.http().get('/api/v1/me/data/readers').set('Authorization', auth.department);
  expect(none.body).toMatchObject({ items: [], total: 0 });
});

/** Source files of the API, with their text. */
function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return name.endsWith('.ts') ? [{ file, text: readFileSync(file, 'utf8') }] : [];
  });
}

test('the log cannot be changed through the API: only AuditLog inserts; no route updates or deletes it', () => {
  const root = path.join(__dirname, '..', '..', 'cloud', 'src');
  const writes =
    /model\(\s*AuditModel\s*\)\s*\.\s*(create|insertMany|update\w*|delete\w*|replace\w*|findOneAnd\w*|findByIdAnd\w*|bulkWrite|remove)/;
  const offenders = sources(root)
    .filter(
      ({ file, text }) =>
        file !== path.join(root, 'audit', 'audit-log.ts') &&
        (writes.test(text) || /collection\(\s*['"]audit['"]/.test(text)),
    )
    .map(({ file }) => path.relative(root, file));
  expect(offenders).toEqual([]);
  // Inside AuditLog: inserts only.
  const core = readFileSync(path.join(root, 'audit', 'audit-log.ts'), 'utf8');
  expect(core).not.toMatch(/\.(update\w*|delete\w*|replace\w*|findOneAnd\w*|bulkWrite)\(/);
  // No TTL index expires entries.
  expect(core).not.toMatch(/expires|expireAfterSeconds/);
  // The audit area's endpoints only read.
  const auditRoutes = allEndpoints.filter(
    (e) => e.path.startsWith('/api/v1/audit') || e.path.startsWith('/api/v1/me/data'),
  );
  expect(auditRoutes.map((e) => e.method)).toEqual(auditRoutes.map(() => 'get'));
});

test('erasing my account keeps the audit entries about me (ids only)', async () => {
  const about = { $or: [{ subjectId: seedId('user:resident') }, { subjectUserId: seedId('user:resident') }] };
  const before = await t.db.model(AuditModel).find(about).lean();
  expect(before.length).toBeGreaterThan(0);
  const res = await t.http().delete('/api/v1/me').set('Authorization', auth.resident).send({ confirm: '注销账号' });
  expect(res.status).toBe(200);
  const after = await t.db.model(AuditModel).find(about).lean();
  expect(after.map((e) => String(e._id))).toEqual(expect.arrayContaining(before.map((e) => String(e._id))));
  expect(after.find((e) => e.via === 'me:erase')).toBeTruthy();
  // Still found by id in the county's search, now under the erased name (masked).
  const rows = (await search('countyAdmin', { subject: uid('resident'), what: 'phone' })).body.items as Row[];
  expect(rows.length).toBeGreaterThan(0);
  expect(rows[0].subject.name).not.toContain('秀');
  expect(new Types.ObjectId(rows[0].subject.id).equals(seedId('user:resident'))).toBe(true);
});
