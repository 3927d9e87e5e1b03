import * as fs from 'node:fs';
import * as path from 'node:path';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import type { Settings } from '../../cloud/src/config/settings';
import { Cipher } from '../../cloud/src/core/cipher';
import { commitAndWait, dryRun, idNumber, xlsxOf } from './imports_support';
import { NANMEN, NANMEN_BUILDING1, NANMEN_COMPLEX, setHome, wxSignIn } from './people_join_support';
import { PNG, legalOrder, upload } from './needs_support';
import { ROOM, at, dayAhead, seedDemoResources } from './resources_support';
import { ZHUJIAN } from './whistles_support';

// A resident who touched every area deletes their account; then the whole database — every
// document of every collection, encrypted values decrypted, and every file kept on disk — is
// searched for their name, phone number and ID number (and the blind indexes that would find
// them again). None is found. What others need (the whistle, the need's statistics) stays.
let wx: FakeWechat;
let t: TestApp;
let cipher: Cipher;
let settings: Settings;
const auth: Record<string, string> = {};

const NAME = '欧阳明珠';
const PHONE = '13955501234';
const ID = idNumber('19880315', 27);

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, { WX_API_BASE: wx.base, WX_APPID: FAKE_APPID, WX_SECRET: FAKE_SECRET });
  await seedDemoResources(t);
  cipher = await t.get(Cipher);
  settings = t.app.getConfig('gongzhi') as Settings;
  for (const a of ['staff', 'department', 'countyAdmin']) auth[a] = await t.signIn(a);
});
afterAll(async () => {
  await t.close();
  await wx.close();
});

/**
 * Every string the database and the data folder hold, encrypted ones decrypted (what a thief with
 * the key would read), each with where it was found.
 */
async function everything(): Promise<{ where: string; text: string }[]> {
  const parts: { where: string; text: string }[] = [];
  const visit = (where: string, v: unknown): void => {
    if (typeof v === 'string') {
      parts.push({ where, text: v });
      if (/^v1\.[\w-]+\.[\w-]+\.[\w-]*$/.test(v))
        parts.push({ where: `${where} (decrypted)`, text: cipher.decrypt(v) });
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(`${where}.${i}`, x));
    else if (v && typeof v === 'object' && !('_bsontype' in v) && !(v instanceof Date))
      for (const [k, x] of Object.entries(v)) visit(`${where}.${k}`, x);
  };
  const db = t.db.connection.db!;
  for (const c of await db.listCollections().toArray())
    for (const doc of await db.collection(c.name).find({}).toArray()) visit(c.name, doc);
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else visit(`file ${path.relative(settings.uploadDir, p)}`, fs.readFileSync(p, 'utf8'));
    }
  };
  walk(settings.uploadDir);
  return parts;
}

/** Where each of the person's identifiers occurs. */
const hits = (parts: { where: string; text: string }[]) =>
  targets().flatMap((s) => parts.filter((p) => p.text.includes(s)).map((p) => `${s} in ${p.where}`));

const targets = () => [NAME, PHONE, ID, cipher.blindIndex('idNumber', ID)];

test('an account that touched every area is erased everywhere: no name, phone or ID number left', async () => {
  // Imported by the community with name, phone and ID number; a second roster waits for its commit.
  const row = { 姓名: NAME, 身份证号: ID, 手机号: PHONE, 社区: '南门社区', 小区: '南门小区', 楼栋: '1号楼' };
  const roster = await dryRun(t, auth.staff, 'residents', await xlsxOf('residents', [row]));
  expect(roster.status).toBe(200);
  expect((await commitAndWait(t, auth.staff, 'residents', roster.body.fileId)).job.status).toBe('done');
  const waiting = await dryRun(t, auth.staff, 'residents', await xlsxOf('residents', [{ ...row, 楼栋: '2号楼' }]));
  expect(waiting.status).toBe(200);

  // Signs in with WeChat and links the account to the imported record by name and ID number.
  const me = await wxSignIn(t, 'erase-everywhere');
  let a = me.auth;
  expect(
    (await setHome(t, a, { communityId: NANMEN, complexId: NANMEN_COMPLEX, buildingId: NANMEN_BUILDING1 })).status,
  ).toBe(200);
  const linked = await t
    .http()
    .post('/api/v1/me/link-record')
    .set('Authorization', a)
    .send({ name: NAME, idNumber: ID });
  expect(linked.status).toBe(200);
  if (linked.body.token) a = `Bearer ${linked.body.token}`;
  auth.me = a;

  // Orders with a photo, writing who and where they are, as people do; retried with a key.
  const photo = await upload(t, a, PNG, 'image/png');
  expect(photo.status).toBe(200);
  const words = `我是${NAME}，电话${PHONE}，身份证${ID}，住南门小区1号楼302，顶楼漏水`;
  const need = await t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', a)
    .set('Idempotency-Key', 'erase-everywhere-need')
    .send(legalOrder({ description: words, contactPhone: PHONE, photos: [photo.body.id] }));
  expect(need.status).toBe(200);

  // Staff send it on to a department as a whistle: the words and photo travel with it.
  expect(
    (await t.http().post(`/api/v1/needs/${need.body.id}/accept`).set('Authorization', auth.staff).send({})).status,
  ).toBe(200);
  const sent = await t
    .http()
    .post(`/api/v1/needs/${need.body.id}/dispatch`)
    .set('Authorization', auth.staff)
    .send({ kind: 'whistle', targetId: ZHUJIAN });
  expect(sent.status).toBe(200);
  const list = await t.http().get('/api/v1/whistles').set('Authorization', auth.department);
  const whistle = list.body.items.find((w: { title: string }) => w.title === '法律咨询');
  expect(whistle).toBeDefined();
  const before = await t.http().get(`/api/v1/whistles/${whistle.id}`).set('Authorization', auth.department);
  expect(before.body.description).toContain(NAME);

  // Books the community room, with a purpose naming them.
  const booked = await t
    .http()
    .post('/api/v1/bookings')
    .set('Authorization', a)
    .send({ resourceId: ROOM, start: at(dayAhead(3), '19:00'), slots: 1, purpose: `${NAME}家庭聚会`, attendees: 8 });
  expect(booked.status).toBe(200);

  const found = hits(await everything());
  for (const s of targets()) expect(found.some((h) => h.startsWith(`${s} in`))).toBe(true);

  const erased = await t.http().delete('/api/v1/me').set('Authorization', a).send({ confirm: '注销账号' });
  expect(erased.status).toBe(200);
  expect(erased.body.areas).toEqual(expect.arrayContaining(['needs', 'whistles', 'imports', 'grants', 'people']));

  expect(hits(await everything())).toEqual([]);

  // The whistle stays the department's record, without the resident's words or photo.
  const kept = await t.http().get(`/api/v1/whistles/${whistle.id}`).set('Authorization', auth.department);
  expect(kept.status).toBe(200);
  expect(kept.body.title).toBe('法律咨询');
  expect(kept.body.photos).toEqual([]);
  expect(JSON.stringify(kept.body)).not.toContain('302');
  // The order stays for the statistics, anonymous.
  const order = await t.http().get(`/api/v1/needs/${need.body.id}`).set('Authorization', auth.staff);
  expect(order.status).toBe(200);
  expect(order.body.status).toBe('routed');
});
