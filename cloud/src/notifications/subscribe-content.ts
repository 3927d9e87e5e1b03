import { clockText, localDateOf, localMinutesOf, notificationPage } from '@gongzhi/shared';

/**
 * What a subscription message shows. The templates are chosen on the WeChat console with two
 * keywords: thing1 (事项, at most 20 characters) and time2 (时间). The page opens the matter itself.
 */

const THING_MAX = 20;

/** thing1: the message text cut to WeChat's 20 characters; time2: China time. */
export function messageData(text: string, at: Date): Record<string, { value: string }> {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  const thing = chars.length > THING_MAX ? `${chars.slice(0, THING_MAX - 1).join('')}…` : chars.join('');
  const time = `${localDateOf(at)} ${clockText(localMinutesOf(at))}`;
  return { thing1: { value: thing }, time2: { value: time } };
}

/** The mini-program page the message opens. */
export function messagePage(kind: string, refs: Record<string, string>): string {
  return notificationPage(kind, refs) ?? 'pages/index/index';
}
