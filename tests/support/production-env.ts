import { randomBytes } from 'node:crypto';
import { FAKE_APPID, FAKE_SECRET, type FakeWechat } from './fake-wechat';

/** What a production start needs: its own secrets and WeChat (the local fake when given), no demo data. */
export function productionEnv(wx?: FakeWechat): Record<string, string> {
  return {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(24).toString('base64'),
    GONGZHI_DATA_KEY: randomBytes(32).toString('base64'),
    ...(wx
      ? { WX_APPID: FAKE_APPID, WX_SECRET: FAKE_SECRET, WX_API_BASE: wx.base }
      : { WX_APPID: 'wx-prod', WX_SECRET: 'prod-secret' }),
  };
}
