import Taro from '@tarojs/taro';
import type { SessionResponse, SessionUser } from '@gongzhi/shared';

const TOKEN_KEY = 'gongzhi.token';
const USER_KEY = 'gongzhi.user';
const EXPIRES_KEY = 'gongzhi.expiresAt';

export const LOGIN_URL = '/pages/login/index';
export const HOME_URL = '/pages/index/index';
export const JOIN_URL = '/packages/account/join/index';
const JOIN_SKIPPED_KEY = 'gongzhi.joinSkipped';

export function saveSession(session: SessionResponse): void {
  Taro.setStorageSync(TOKEN_KEY, session.token);
  Taro.setStorageSync(USER_KEY, session.user);
  Taro.setStorageSync(EXPIRES_KEY, session.expiresAt);
}

/** The token, or null when absent or past its expiry (the server would answer 401 anyway). */
export function getToken(): string | null {
  const token: unknown = Taro.getStorageSync(TOKEN_KEY);
  if (typeof token !== 'string' || token === '') return null;
  const expiresAt: unknown = Taro.getStorageSync(EXPIRES_KEY);
  if (typeof expiresAt === 'string' && Date.parse(expiresAt) <= Date.now()) return null;
  return token;
}

/** The user saved at sign-in; pages that need fresh data call getMe instead. */
export function getSavedUser(): SessionUser | null {
  const user: unknown = Taro.getStorageSync(USER_KEY);
  return user && typeof user === 'object' ? (user as SessionUser) : null;
}

/** Keeps the saved person current after they changed it (joined a community, bound a phone). */
export function saveUser(user: SessionUser): void {
  Taro.setStorageSync(USER_KEY, user);
}

/**
 * A person who lives nowhere yet and holds no post is asked to choose their community first, unless
 * they chose to look around (once per sign-in).
 */
export function shouldJoin(user: SessionUser | null): boolean {
  return !!user && !user.home && user.posts.length === 0 && !Taro.getStorageSync(JOIN_SKIPPED_KEY);
}

export function skipJoin(): void {
  Taro.setStorageSync(JOIN_SKIPPED_KEY, '1');
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_KEY);
  Taro.removeStorageSync(USER_KEY);
  Taro.removeStorageSync(EXPIRES_KEY);
  Taro.removeStorageSync(JOIN_SKIPPED_KEY);
}

let leaving = false;

/** Sends the person to the login page once, however many requests fail with 401 at the same time. */
export function goToLogin(): void {
  if (leaving) return;
  leaving = true;
  Taro.reLaunch({ url: LOGIN_URL }).finally(() => {
    leaving = false;
  });
}
