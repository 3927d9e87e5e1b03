import { seedId } from '../../cloud/src/core/stable-id';
import { startApp, type TestApp } from '../support/app';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';

// 分享邀请: the mini-program code comes from WeChat's getwxacodeunlimit (here the local fake), the link QR from us.
let wx: FakeWechat;
let t: TestApp;
beforeAll(async () => {
  wx = await startFakeWechat();
  // The released version (formal): WeChat checks that the page exists in it.
  t = await startApp(__filename, {
    WX_API_BASE: wx.base,
    WX_APPID: FAKE_APPID,
    WX_SECRET: FAKE_SECRET,
    WX_MINIPROGRAM_STATE: 'formal',
  });
});
afterAll(async () => {
  await t.close();
  await wx.close();
});

test('before the page is released WeChat makes no code: the share still works by link and says why', async () => {
  const auth = await t.signIn('countyAdmin');
  const made = await t
    .http()
    .post('/api/v1/invitations')
    .set('Authorization', auth)
    .send({ role: 'staff', placeId: String(seedId('org:community:beijie')) });
  const share = await t.http().get(`/api/v1/invitations/${made.body.id}/share`).set('Authorization', auth);
  expect(share.status).toBe(200);
  expect(share.body.wxacode).toBeNull();
  expect(share.body.wxacodeError).toBe('小程序还没有发布这个页面，暂时无法生成小程序码，请先用链接分享');
  expect(share.body.link).toContain('/#/packages/account/invite/index?code=');
});

test('sharing an open invitation gives the mini-program code for its page and scene, and the link QR', async () => {
  wx.publish('packages/account/invite/index');
  const auth = await t.signIn('countyAdmin');
  const made = await t
    .http()
    .post('/api/v1/invitations')
    .set('Authorization', auth)
    .send({ role: 'staff', placeId: String(seedId('org:community:nanmen')), note: '给李华' });
  expect(made.status).toBe(200);
  const share = await t.http().get(`/api/v1/invitations/${made.body.id}/share`).set('Authorization', auth);
  expect(share.status).toBe(200);
  expect(share.body.wxacode).toMatch(/^data:image\/png;base64,iVBOR/);
  expect(share.body.wxacodeError).toBeNull();
  expect(share.body.linkQr).toMatch(/^data:image\/svg\+xml;base64,/);
  expect(share.body.link).toBe(made.body.link);
  expect(wx.wxacodes.at(-1)).toEqual({
    scene: made.body.code,
    page: 'packages/account/invite/index',
    check_path: true,
    env_version: 'release',
    width: 430,
  });
});

test('an expired access token is refreshed once; a cancelled invitation can no longer be shared', async () => {
  const auth = await t.signIn('staff');
  const made = await t
    .http()
    .post('/api/v1/invitations')
    .set('Authorization', auth)
    .send({ role: 'gridWorker', placeId: String(seedId('org:grid:nanmen:0')) });
  expect(made.status).toBe(200);
  wx.expireTokens();
  const ok = await t.http().get(`/api/v1/invitations/${made.body.id}/share`).set('Authorization', auth);
  expect(ok.body.wxacode).toMatch(/^data:image\/png;base64,/);
  const cancelled = await t.http().post(`/api/v1/invitations/${made.body.id}/cancel`).set('Authorization', auth);
  expect(cancelled.body.status).toBe('cancelled');
  const gone = await t.http().get(`/api/v1/invitations/${made.body.id}/share`).set('Authorization', auth);
  expect(gone.status).toBe(409);
});
