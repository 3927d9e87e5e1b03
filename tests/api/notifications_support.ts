import { Types } from 'mongoose';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { Notifier } from '../../cloud/src/notifications/notifier';
import { OutboxDispatcher } from '../../cloud/src/notifications/outbox.dispatcher';
import { WxIdentityModel } from '../../cloud/src/people/user.model';
import { uid } from './whistles_support';

export interface WechatApp {
  wx: FakeWechat;
  t: TestApp;
  clock: Clock;
  dispatcher: OutboxDispatcher;
  notifier: Notifier;
  close: () => Promise<void>;
}

/**
 * The API against the fake WeChat server, with whistle and need templates and the background sender
 * off (tests dispatch themselves); each account of `openids` signed in with WeChat under that openid.
 */
export async function startWithWechat(file: string, openids: Record<string, string>): Promise<WechatApp> {
  const wx = await startFakeWechat();
  const t = await startApp(file, {
    WX_API_BASE: wx.base,
    WX_APPID: FAKE_APPID,
    WX_SECRET: FAKE_SECRET,
    WX_TEMPLATE_WHISTLE: 'tpl-whistle',
    WX_TEMPLATE_NEED: 'tpl-need',
    OUTBOX_SENDER: 'off',
  });
  const ctx = t.app.getApplicationContext();
  for (const [account, openid] of Object.entries(openids)) {
    await t.db.model(WxIdentityModel).create({
      _id: openid,
      userId: new Types.ObjectId(uid(account)),
      unionId: null,
      sessionKey: 'sk',
      updatedAt: new Date(),
    });
  }
  return {
    wx,
    t,
    clock: await ctx.getAsync(Clock),
    dispatcher: await ctx.getAsync(OutboxDispatcher),
    notifier: await ctx.getAsync(Notifier),
    close: async () => {
      await t.close();
      await wx.close();
    },
  };
}
