import { startApp, type TestApp } from '../support/app';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { UploadModel } from '../../cloud/src/uploads/upload.model';
import { Clock } from '../../cloud/src/core/clock';
import { RATE_LIMIT_RULES, READ_CONCURRENCY, RateLimits } from '../../cloud/src/core/rate-limits';
import { legalOrder, PNG, upload } from './needs_support';
import { uid } from './activities_support';

// 限流 with the production limits (RATE_LIMIT_SCALE=1): every burst below is what an attacker sent.
// Each refusal is 429 in the error shape with a Retry-After header.
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename, { RATE_LIMIT_SCALE: '1', UPLOAD_QUOTA_MB: '3' });
  for (const a of ['resident', 'resident2', 'volunteer', 'partyMember', 'staff', 'gridWorker'])
    auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

type Res = { status: number; body: Record<string, unknown>; headers: Record<string, string> };

/** The refusal: 429, RATE_LIMITED, a Chinese message saying how long to wait, and Retry-After in seconds. */
function expectLimited(res: Res, atLeastSeconds = 1, atMostSeconds = 86_400 * 30) {
  expect([res.status, res.body.code]).toEqual([429, 'RATE_LIMITED']);
  expect(res.body.message).toMatch(/，请 \d+ (秒|分钟|小时|天)后再试$/);
  expect(typeof res.body.requestId).toBe('string');
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(atLeastSeconds);
  expect(retryAfter).toBeLessThanOrEqual(atMostSeconds);
}

const split = (all: Res[]) => ({
  ok: all.filter((r) => r.status !== 429),
  limited: all.filter((r) => r.status === 429),
});

test('sign-in: an account signs in at most 10 times in 10 minutes; others still can', async () => {
  const tries: Res[] = [];
  for (let i = 0; i < 11; i++) tries.push(await t.http().post('/api/v1/auth/dev-login').send({ account: 'staff2' }));
  expect(tries.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(200));
  expectLimited(tries[10], 1, RATE_LIMIT_RULES.signInAccount.seconds);
  expect((await t.http().post('/api/v1/auth/dev-login').send({ account: 'streetAdmin' })).status).toBe(200);
});

test('sign-in: one address signs in at most 30 times a minute (40 at once)', async () => {
  const burst = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      t
        .http()
        .post('/api/v1/auth/dev-login')
        .send({ account: ['department', 'unitAdmin', 'servicePerson', 'countyAdmin'][i % 4] }),
    ),
  );
  const { ok, limited } = split(burst);
  expect(ok.length).toBeLessThanOrEqual(RATE_LIMIT_RULES.signInIp.points);
  expect(ok.every((r) => r.status === 200)).toBe(true);
  expect(limited.length).toBe(40 - ok.length);
  for (const r of limited) expectLimited(r, 1, 60);
});

test('writes: one account creates at most 20 needs in 10 seconds (30 at once); another account is not held up', async () => {
  const burst = await Promise.all(
    Array.from({ length: 30 }, () =>
      t.http().post('/api/v1/needs').set('Authorization', auth.resident).send(legalOrder()),
    ),
  );
  const { ok, limited } = split(burst);
  expect(ok.map((r) => r.status)).toEqual(Array(RATE_LIMIT_RULES.writeAccount.points).fill(200));
  expect(limited).toHaveLength(30 - RATE_LIMIT_RULES.writeAccount.points);
  for (const r of limited) expectLimited(r, 1, 10);
  expect(await t.db.model(NeedModel).countDocuments({ owner: uid('resident') })).toBe(ok.length);
  // Validation failures count too: a prober does not get more tries by sending nonsense.
  const nonsense = await t.http().post('/api/v1/needs').set('Authorization', auth.resident).send({});
  expectLimited(nonsense as Res, 1, 10);

  const other = await t.http().post('/api/v1/needs').set('Authorization', auth.resident2).send(legalOrder());
  expect(other.status).toBe(200);
});

test('uploads: at most 15 a minute per person (20 at once)', async () => {
  const burst = await Promise.all(Array.from({ length: 20 }, () => upload(t, auth.volunteer)));
  const { ok, limited } = split(burst);
  expect(ok.map((r) => r.status)).toEqual(Array(RATE_LIMIT_RULES.uploadAccount.points).fill(200));
  expect(limited).toHaveLength(20 - RATE_LIMIT_RULES.uploadAccount.points);
  for (const r of limited) expectLimited(r, 1, 60);
  expect(await t.db.model(UploadModel).countDocuments({ owner: uid('volunteer') })).toBe(ok.length);
});

test('uploads: a person stores at most UPLOAD_QUOTA_MB in 30 days (3 MB here); the oldest leaving the window frees room', async () => {
  const megabyte = Buffer.concat([PNG, Buffer.alloc(1_000_000 - PNG.length)]);
  for (let i = 0; i < 3; i++) expect((await upload(t, auth.partyMember, megabyte)).status).toBe(200);
  const over = await upload(t, auth.partyMember, megabyte);
  expectLimited(over as Res, 29 * 86_400, 30 * 86_400);
  expect(over.body.message).toMatch(/^30 天内上传的照片已达 3 MB/);
  expect(await t.db.model(UploadModel).countDocuments({ owner: uid('partyMember') })).toBe(3);
  // A small photo still fits under the quota; someone else's quota is their own.
  expect((await upload(t, auth.partyMember)).status).toBe(200);
  expect((await upload(t, auth.gridWorker, megabyte)).status).toBe(200);

  const clock = await t.get(Clock);
  clock.advance(30 * 86_400_000 + 60_000);
  try {
    expect((await upload(t, auth.partyMember, megabyte)).status).toBe(200);
  } finally {
    clock.reset();
  }
});

test('certificates: at most 5 a day per person', async () => {
  const issue = () => t.http().post('/api/v1/me/certificates').set('Authorization', auth.volunteer).send({});
  const answers: Res[] = [];
  for (let i = 0; i < 6; i++) answers.push(await issue());
  expect(answers.slice(0, 5).every((r) => r.status !== 429)).toBe(true);
  expectLimited(answers[5], 3600, 86_400);
});

test('imports: at most 30 dry runs and commits an hour per person, failed ones included', async () => {
  const answers: Res[] = [];
  for (let i = 0; i < 31; i++)
    answers.push(
      await t
        .http()
        .post('/api/v1/imports/volunteers/dry-run')
        .set('Authorization', auth.staff)
        .set('Content-Type', 'text/csv')
        .send('not,a,roster'),
    );
  expect(answers.slice(0, 30).every((r) => r.status !== 429)).toBe(true);
  expectLimited(answers[30], 60, 3600);
  const commit = await t
    .http()
    .post('/api/v1/imports/volunteers/commit')
    .set('Authorization', auth.staff)
    .send({ fileId: '000000000000000000000000' });
  expectLimited(commit as Res, 60, 3600);
});

test(`expensive reads: an account runs at most ${READ_CONCURRENCY} big pages at once; small pages and other accounts go on`, async () => {
  const limits = await t.get(RateLimits);
  const me = `u:${uid('gridWorker')}`;
  const held = Array.from({ length: READ_CONCURRENCY }, () => limits.enterRead(me));
  try {
    const big = await t.http().get('/api/v1/activities?pageSize=100').set('Authorization', auth.gridWorker);
    expectLimited(big as Res, 1, 1);
    expect(big.body.message).toBe('同时打开的列表太多，请 1 秒后再试');
    expect((await t.http().get('/api/v1/activities?pageSize=20').set('Authorization', auth.gridWorker)).status).toBe(
      200,
    );
    expect((await t.http().get('/api/v1/activities?pageSize=100').set('Authorization', auth.staff)).status).toBe(200);
    // An export is an expensive read too.
    expectLimited((await t.http().get('/api/v1/me/data').set('Authorization', auth.gridWorker)) as Res, 1, 1);
  } finally {
    for (const leave of held) leave();
  }
  // 16 at once: whatever is refused is a 429, and every slot is given back afterwards.
  const burst = await Promise.all(
    Array.from({ length: 16 }, () =>
      t.http().get('/api/v1/activities?pageSize=100').set('Authorization', auth.gridWorker),
    ),
  );
  expect(burst.every((r) => r.status === 200 || (r.status === 429 && r.body.code === 'RATE_LIMITED'))).toBe(true);
  const again = Array.from({ length: READ_CONCURRENCY }, () => limits.enterRead(me));
  again.forEach((leave) => leave());
});
