import Taro from '@tarojs/taro';
import { api } from '@gongzhi/shared';
import { call } from './api';
import { getToken } from './session';

/** Fired with the new count whenever the number of unread messages changes. */
export const UNREAD_CHANGED = 'gongzhi:unread-changed';

/** A count fetched this recently is fresh enough (tab switches come quickly one after another). */
const FRESH_MS = 5000;

let count = 0;
let fetchedAt = 0;
let inflight: Promise<void> | null = null;

export function unreadCount(): number {
  return count;
}

/** The count as a page learned it (the 我的 page's list, a message read): the tab bar follows. */
export function publishUnread(n: number, fresh = true): void {
  if (fresh) fetchedAt = Date.now();
  if (n === count) return;
  count = Math.max(0, n);
  Taro.eventCenter.trigger(UNREAD_CHANGED, count);
}

/** Asks the server again (at most every few seconds); signed out, there is nothing unread. */
export function refreshUnread(force = false): Promise<void> {
  if (!getToken()) {
    // Signed out: nothing to show, and nothing fetched (the sign-in that follows asks at once).
    publishUnread(0, false);
    return Promise.resolve();
  }
  if (inflight) return inflight;
  if (!force && Date.now() - fetchedAt < FRESH_MS) return Promise.resolve();
  inflight = call(api.notifications.listMyNotifications, { query: { page: 1, pageSize: 1 } })
    .then((page) => publishUnread(page.unread))
    .catch(() => undefined)
    .finally(() => {
      inflight = null;
    });
  return inflight;
}
