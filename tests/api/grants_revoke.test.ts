import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { localDateOf, addDays } from '@gongzhi/shared';
import { CHENGGUAN, COUNTY, NANMEN, NANMEN_GRID1, XISHAN, granted, me, wxPerson } from './grants_support';

// A revoked or expired grant, or a disabled account, stops working on the very next request: the
// token names the person only, and what they may do is read per request.
let wx: FakeWechat;
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, { WX_API_BASE: wx.base, WX_APPID: FAKE_APPID, WX_SECRET: FAKE_SECRET });
  for (const a of ['countyAdmin', 'streetAdmin', 'staff', 'staff2']) auth[a] = await t.signIn(a);
});
afterEach(async () => (await t.get(Clock)).reset());
afterAll(async () => {
  await t.close();
  await wx.close();
});

const inbox = (who: string) => t.http().get('/api/v1/needs').set('Authorization', who);
const revoke = (who: string, id: string, reason = '已调离本社区') =>
  t.http().post(`/api/v1/grants/${id}/revoke`).set('Authorization', who).send({ reason });

test('revoking a staff grant refuses the very next request made with the same token', async () => {
  const person = await wxPerson(t, 'staff-to-revoke');
  const grantId = await granted(t, auth.streetAdmin, person.auth, { role: 'staff', placeId: NANMEN });
  expect((await inbox(person.auth)).status).toBe(200);
  expect((await inbox(person.auth)).status).toBe(200); // cached now

  const res = await revoke(auth.streetAdmin, grantId);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    status: 'revoked',
    revokedBy: { name: '周洋' },
    revokeReason: '已调离本社区',
    canRevoke: false,
  });
  const next = await inbox(person.auth);
  expect([next.status, next.body.code]).toEqual([403, 'FORBIDDEN']);
  expect((await me(t, person.auth)).body.roles).toEqual(['resident']);
  // Revoked is final: revoking again says so.
  expect((await revoke(auth.streetAdmin, grantId)).status).toBe(409);
  const listed = await t.http().get('/api/v1/grants?status=revoked').set('Authorization', auth.streetAdmin);
  expect(listed.body.items.map((g: { id: string }) => g.id)).toContain(grantId);
});

test('a grant with an end date stops working after that day (China time), at the next request', async () => {
  const person = await wxPerson(t, 'temporary-grid-worker');
  const until = localDateOf(new Date());
  await granted(t, auth.staff, person.auth, { role: 'gridWorker', placeId: NANMEN_GRID1, until });
  expect((await inbox(person.auth)).status).toBe(200);
  const clock = await t.get(Clock);
  clock.advance(new Date(`${addDays(until, 1)}T00:00:00+08:00`).getTime() - Date.now() + 1000);
  expect((await inbox(person.auth)).status).toBe(403);
  const expired = await t.http().get('/api/v1/grants?status=expired').set('Authorization', auth.staff);
  expect(expired.body.items).toEqual([
    expect.objectContaining({ person: expect.objectContaining({ id: person.id }), status: 'expired' }),
  ]);
});

test('only overseers revoke: another street or community does not see the grant; a grant it may not make, it may not revoke', async () => {
  const person = await wxPerson(t, 'nanmen-staff-scope');
  const grantId = await granted(t, auth.countyAdmin, person.auth, { role: 'staff', placeId: NANMEN });
  expect((await revoke(auth.staff2, grantId)).status).toBe(404);
  // 陈静 (staff of 南门) sees her colleague's grant but cannot revoke a staff grant.
  const seen = await t.http().get('/api/v1/grants?role=staff').set('Authorization', auth.staff);
  expect(seen.body.items.find((g: { id: string }) => g.id === grantId)).toMatchObject({ canRevoke: false });
  const refused = await revoke(auth.staff, grantId);
  expect([refused.status, refused.body.message]).toEqual([403, '这条授权不是您可以撤销的']);
  expect((await inbox(person.auth)).status).toBe(200);
  const other = await t.http().get('/api/v1/grants').set('Authorization', auth.staff2);
  expect(other.body.items.map((g: { id: string }) => g.id)).not.toContain(grantId);
});

test('posts along one line of the tree only; another line is refused with a clear message', async () => {
  const person = await wxPerson(t, 'two-posts');
  await granted(t, auth.countyAdmin, person.auth, { role: 'streetAdmin', placeId: CHENGGUAN });
  // A grid of the same street nests under it; a community of another street does not.
  await granted(t, auth.countyAdmin, person.auth, { role: 'gridWorker', placeId: NANMEN_GRID1 });
  const inv = await t
    .http()
    .post('/api/v1/invitations')
    .set('Authorization', auth.countyAdmin)
    .send({ role: 'staff', placeId: XISHAN });
  const res = await t
    .http()
    .post('/api/v1/invitations/accept')
    .set('Authorization', person.auth)
    .send({ code: inv.body.code, name: '王五' });
  expect(res.status).toBe(409);
  expect(res.body.message).toContain('同一条上下级线上');
  // The invitation stays open for the right person.
  const right = await wxPerson(t, 'xishan-staff');
  expect(
    (
      await t
        .http()
        .post('/api/v1/invitations/accept')
        .set('Authorization', right.auth)
        .send({ code: inv.body.code, name: '孙七' })
    ).status,
  ).toBe(200);
  expect((await me(t, person.auth)).body.posts.map((p: { role: string }) => p.role)).toEqual([
    'streetAdmin',
    'gridWorker',
  ]);
});

test('a disabled account is refused at the next request and cannot sign in again; enabling restores it', async () => {
  const person = await wxPerson(t, 'to-disable');
  await granted(t, auth.countyAdmin, person.auth, { role: 'staff', placeId: XISHAN });
  expect((await inbox(person.auth)).status).toBe(200);
  const off = await t
    .http()
    .post(`/api/v1/accounts/${person.id}/disable`)
    .set('Authorization', auth.countyAdmin)
    .send({ reason: '已离职' });
  expect(off.body).toEqual({ id: person.id, disabled: true, roles: ['resident'] });
  const next = await inbox(person.auth);
  expect([next.status, next.body.code]).toEqual([401, 'ACCOUNT_DISABLED']);
  const again = await t.http().post('/api/v1/auth/wx-login').send({ code: 'ok:to-disable' });
  expect([again.status, again.body.code]).toEqual([401, 'ACCOUNT_DISABLED']);
  expect(
    (await t.http().post(`/api/v1/accounts/${person.id}/enable`).set('Authorization', auth.countyAdmin)).status,
  ).toBe(200);
  expect((await inbox(person.auth)).status).toBe(200);
  // Only the county disables, and never itself.
  expect(
    (
      await t
        .http()
        .post(`/api/v1/accounts/${person.id}/disable`)
        .set('Authorization', auth.streetAdmin)
        .send({ reason: '试试看' })
    ).status,
  ).toBe(403);
  const self = await me(t, auth.countyAdmin);
  const own = await t
    .http()
    .post(`/api/v1/accounts/${self.body.id}/disable`)
    .set('Authorization', auth.countyAdmin)
    .send({ reason: '试试看' });
  expect(own.status).toBe(409);
});

// Last: it revokes the demo county administrator.
test('the last county administrator cannot be revoked', async () => {
  const county = await t.http().get('/api/v1/grants?role=countyAdmin').set('Authorization', auth.countyAdmin);
  expect(county.body.items).toHaveLength(1);
  const res = await revoke(auth.countyAdmin, county.body.items[0].id, '测试撤销');
  expect([res.status, res.body.message]).toEqual([409, '至少要保留一位县级管理员，请先邀请另一位县级管理员']);
  // With a second one, it can.
  const second = await wxPerson(t, 'second-county-admin');
  await granted(t, auth.countyAdmin, second.auth, { role: 'countyAdmin', placeId: COUNTY });
  expect((await revoke(second.auth, county.body.items[0].id, '换届')).status).toBe(200);
  expect((await inbox(auth.countyAdmin)).status).toBe(403);
});
