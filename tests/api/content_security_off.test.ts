import { RISKY_WORD, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { WxIdentityModel } from '../../cloud/src/people/user.model';
import { legalOrder, upload } from './needs_support';
import { uid } from './whistles_support';

// 内容安全 is skipped without a WeChat app (WX_APPID unset: development), even for an account with an openid.

let wx: FakeWechat;
let t: TestApp;
beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, { WX_API_BASE: wx.base });
});
afterAll(async () => {
  await t.close();
  await wx.close();
});

test('without WX_APPID nothing is sent to WeChat and the text is stored unmarked', async () => {
  const resident = await t.signIn('resident');
  await t.db
    .model(WxIdentityModel)
    .create({ _id: 'cs-off', userId: uid('resident'), unionId: null, sessionKey: 'sk', updatedAt: new Date() });
  const res = await t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', resident)
    .send(legalOrder({ description: `咨询 ${RISKY_WORD}` }));
  expect(res.status).toBe(200);
  expect((await t.db.model(NeedModel).findById(res.body.id).lean())?.contentReview).toBeUndefined();
  expect((await upload(t, resident)).status).toBe(200);
  expect(wx.requests.map((u) => u.pathname)).toEqual([]);
});
