import Taro from '@tarojs/taro';
import { api, type SubscribeTopic } from '@gongzhi/shared';
import { call } from './api';

/**
 * WeChat subscription messages (订阅消息): each one needs the person's consent, asked with
 * wx.requestSubscribeMessage at the moment it matters (after an order, after blowing a whistle).
 * WeChat only shows the dialog from a tap, so pages load the template ids first (`loadTemplates`)
 * and call `askToSubscribe` at the very start of the tap handler. H5 has no such messages.
 */
let templates: Partial<Record<SubscribeTopic, string | null>> | null = null;

export async function loadTemplates(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || templates) return;
  try {
    templates = (await call(api.notifications.getSubscribeTemplates)).templates;
  } catch {
    // Without template ids the in-app message still arrives.
  }
}

export function askToSubscribe(topic: SubscribeTopic): void {
  const id = templates?.[topic];
  if (process.env.TARO_ENV !== 'weapp' || !id) return;
  Taro.requestSubscribeMessage({ tmplIds: [id], entityIds: [] } as never)
    .then((res) => {
      const answer = (res as unknown as Record<string, string>)[id];
      if (answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter') {
        return call(api.notifications.recordSubscribeConsent, { body: { topic, answer } });
      }
      return undefined;
    })
    .catch(() => {
      // Refused by WeChat (e.g. the person turned messages off): the in-app message remains.
    });
}
