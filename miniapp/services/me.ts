import Taro from '@tarojs/taro';
import { api, type Endpoint, type SessionUser } from '@gongzhi/shared';
import { ACCESS_REFUSED, call } from './api';
import { canCall } from './access';
import { MINE_URL, getToken, saveUser } from './session';

/** Who I am now, from the API, saved for the tab bar and the admin tab. Throws like any call. */
export async function loadMe(): Promise<SessionUser> {
  const user = await call(api.auth.getMe);
  saveUser(user);
  return user;
}

let running: Promise<SessionUser | null> | null = null;

/**
 * Reads the signed-in person again (roles are grants read per request: one made or revoked since
 * sign-in shows here without signing in again). One request at a time; null when signed out or failed.
 */
export function refreshMe(): Promise<SessionUser | null> {
  if (!getToken()) return Promise.resolve(null);
  running ??= loadMe()
    .catch(() => null)
    .finally(() => {
      running = null;
    });
  return running;
}

let telling = false;

/**
 * A role-gated call was refused (403): when the person's roles no longer allow it, a post was revoked
 * or ended meanwhile. Say so plainly and take them to 我的 (their posts as they are now) instead of
 * leaving a page that can only fail.
 */
async function accessRefused(endpoint: Endpoint): Promise<void> {
  const user = await refreshMe();
  if (!user || canCall(endpoint, user.roles) || telling) return;
  telling = true;
  await Taro.showModal({
    title: '您的权限已变更',
    content: '您的工作岗位授权已被撤销或已到期，这项管理功能不能再使用了。您现在的身份可以在「我的」里查看。',
    showCancel: false,
    confirmText: '知道了',
    confirmColor: '#D42A1F',
  });
  telling = false;
  void Taro.reLaunch({ url: MINE_URL });
}

let watching = false;

/** Once, from the app entry: read the person again whenever the app comes to the foreground. */
export function watchSession(): void {
  if (watching) return;
  watching = true;
  Taro.onAppShow(() => void refreshMe());
  Taro.eventCenter.on(ACCESS_REFUSED, (endpoint: Endpoint) => void accessRefused(endpoint));
}
