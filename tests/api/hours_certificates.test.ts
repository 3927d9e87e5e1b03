import * as zlib from 'node:zlib';
import { startApp, type TestApp } from '../support/app';
import { chinaAt, claim, clockOf, newActivity, newShift, setNow, uid } from './activities_support';
import { id } from './grids_support';

// Service records: star levels by region, and the certificate anyone can check by its code.
let t: TestApp;
const auth: Record<string, string> = {};
const CHENGGUAN = id('org:street:chengguan');
const NANMEN = id('org:community:nanmen');
const COUNTY = id('org:county');
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['staff', 'staff2', 'volunteer', 'resident', 'streetAdmin', 'countyAdmin'])
    auth[a] = await t.signIn(a);
  const activity = await newActivity(t, auth.staff, { title: '文明交通引导·证明测试' });
  for (const day of [2, 3]) {
    const shift = await newShift(t, auth.staff, activity, { start: chinaAt(day, 8), end: chinaAt(day, 20), seats: 3 });
    expect((await claim(t, auth.volunteer, shift)).status).toBe(200);
    await setNow(t, chinaAt(day, 21));
    const res = await t
      .http()
      .post(`/api/v1/shifts/${shift}/confirm-hours`)
      .set('Authorization', auth.staff)
      .send({ personId: uid('volunteer'), minutes: 720 });
    expect(res.status).toBe(200);
  }
  (await clockOf(t)).offsetMs = 0;
});
afterAll(() => t.close());

const thresholdsAt = async (who: string, orgId?: string) =>
  (
    await t
      .http()
      .get(`/api/v1/star-thresholds${orgId ? `?orgId=${orgId}` : ''}`)
      .set('Authorization', auth[who])
  ).body;
const setAt = (who: string, orgId: string, thresholds: number[]) =>
  t.http().put(`/api/v1/star-thresholds/${orgId}`).set('Authorization', auth[who]).send({ thresholds });

test('star level: county default 100/300/600/1000/1500 h; the nearest region with a setting wins', async () => {
  const mine = await t.http().get('/api/v1/me/hours').set('Authorization', auth.volunteer);
  expect(mine.body).toMatchObject({
    totalMinutes: 1440,
    total: 2,
    thresholds: [100, 300, 600, 1000, 1500],
    star: { level: 0, name: '未评星', nextAtHours: 100 },
  });
  expect(await thresholdsAt('volunteer')).toMatchObject({ source: { orgId: null, name: '全县默认' } });

  expect((await setAt('streetAdmin', CHENGGUAN, [20, 40, 60, 80, 100])).status).toBe(200);
  const street = await t.http().get('/api/v1/me/hours').set('Authorization', auth.volunteer);
  expect(street.body.star).toEqual({ level: 1, name: '一星志愿者', nextAtHours: 40 });
  expect(await thresholdsAt('volunteer')).toMatchObject({ source: { orgId: CHENGGUAN, name: '城关街道' } });

  expect((await setAt('staff', NANMEN, [5, 10, 15, 20, 24])).status).toBe(200);
  const community = await t.http().get('/api/v1/me/hours').set('Authorization', auth.volunteer);
  expect(community.body.star).toEqual({ level: 5, name: '五星志愿者', nextAtHours: null });

  // Out of scope, or not rising: refused.
  expect((await setAt('staff2', NANMEN, [1, 2, 3, 4, 5])).status).toBe(403);
  expect((await setAt('streetAdmin', COUNTY, [1, 2, 3, 4, 5])).status).toBe(403);
  const flat = await setAt('countyAdmin', COUNTY, [100, 100, 600, 1000, 1500]);
  expect(flat.status).toBe(400);
  expect(flat.body.fields[0].message).toBe('五个星级的小时数须依次增大');
  expect((await setAt('countyAdmin', COUNTY, [100, 300, 600, 1000, 1500])).status).toBe(200);
});

test('a certificate is a PDF issued by the community, carrying its code; anyone can check it', async () => {
  const issued = await t.http().post('/api/v1/me/certificates').set('Authorization', auth.volunteer).send({});
  expect(issued.status).toBe(200);
  const { code, pdfPath, verifyPath } = issued.body;
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
  expect(verifyPath).toBe(`/api/v1/certificates/${code}`);

  const pdf = await t
    .http()
    .get(pdfPath)
    .set('Authorization', auth.volunteer)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(pdf.status).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  const bytes = pdf.body as Buffer;
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const raw = bytes.toString('latin1');
  expect(raw).toContain(`(${code})`); // the document's Keywords
  expect(raw).toMatch(/\/FontFile2|\/FontFile3/); // the Chinese font is embedded
  // The page text: inflate the content streams and find the code, drawn in Courier (hex-encoded).
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
    try {
      return zlib.inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
    } catch {
      return '';
    }
  });
  const hex = Buffer.from(code).toString('hex');
  expect(streams.some((s) => s.toLowerCase().includes(hex))).toBe(true);

  const other = await t.http().get(pdfPath).set('Authorization', auth.resident);
  expect(other.status).toBe(404);

  const check = await t.http().get(verifyPath); // no sign-in
  expect(check.status).toBe(200);
  expect(check.body).toEqual({
    valid: true,
    code,
    certifies: {
      volunteerName: '王*强',
      issuer: '南门社区',
      totalMinutes: 1440,
      recordCount: 2,
      star: '五星志愿者', // 南门社区's own thresholds (5/10/15/20/24 h) still apply
      issuedAt: expect.any(String),
    },
  });
  const lower = await t.http().get(`/api/v1/certificates/${code.toLowerCase()}`);
  expect(lower.body.valid).toBe(true);
  const forged = `${code.slice(0, 11)}${code[11] === '0' ? '1' : '0'}`;
  const fake = await t.http().get(`/api/v1/certificates/${forged}`);
  expect(fake.status).toBe(200);
  expect(fake.body).toEqual({ valid: false, code: forged, certifies: null });
  const garbage = await t.http().get('/api/v1/certificates/not-a-code');
  expect(garbage.status).toBe(400);
});

test('the QR code on the certificate opens a page a person reads: valid or not, the name masked, no JSON', async () => {
  const issued = await t.http().post('/api/v1/me/certificates').set('Authorization', auth.volunteer).send({});
  const { code } = issued.body;
  const page = await t.http().get(`/api/v1/certificates/${code}/page`); // no sign-in
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(page.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
  for (const words of ['✓ 证明有效', '王*强', '24 小时', '南门社区', '五星志愿者', code])
    expect(page.text).toContain(words);
  expect(page.text).not.toContain('王志强');

  const forged = `${code.slice(0, 11)}${code[11] === '0' ? '1' : '0'}`;
  const fake = await t.http().get(`/api/v1/certificates/${forged}/page`);
  expect(fake.status).toBe(200);
  expect(fake.text).toContain('✗ 没有查到这份证明');
  expect(fake.text).not.toContain('南门社区');
});
