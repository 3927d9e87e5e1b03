import Taro from '@tarojs/taro';
import type { SessionResponse, SessionUser } from '@gongzhi/shared';

const TOKEN_KEY = 'gongzhi.token';
const USER_KEY = 'gongzhi.user';
const EXPIRES_KEY = 'gongzhi.expiresAt';
/** 'scan': a browser signed in by scanning with the mini-program (it may not confirm other browsers). */
const VIA_KEY = 'gongzhi.via';
/** Why the person was sent to the login page (a stopped account, an ended sign-in), shown there once. */
const NOTICE_KEY = 'gongzhi.loginNotice';

export const LOGIN_URL = '/pages/login/index';
export const HOME_URL = '/pages/index/index';
export const JOIN_URL = '/packages/account/join/index';
const JOIN_SKIPPED_KEY = 'gongzhi.joinSkipped';
export const ADMIN_URL = '/pages/admin/index';
export const MINE_URL = '/pages/mine/index';

/** Fired with the new SessionUser whenever the saved one changes (sign-in, a refresh after a grant changed). */
export const USER_CHANGED = 'gongzhi:user-changed';

export function saveSession(session: SessionResponse, via: 'app' | 'scan' = 'app'): void {
  Taro.setStorageSync(TOKEN_KEY, session.token);
  Taro.setStorageSync(EXPIRES_KEY, session.expiresAt);
  Taro.setStorageSync(VIA_KEY, via);
  saveUser(session.user);
}

/**
 * Replaces the saved user (roles, posts, home: after a grant changed, a move, a bound phone) and tells
 * whoever shows them: tab bar, admin tab, 我的.
 */
export function saveUser(user: SessionUser): void {
  const same = JSON.stringify(getSavedUser()) === JSON.stringify(user);
  Taro.setStorageSync(USER_KEY, user);
  if (!same) Taro.eventCenter.trigger(USER_CHANGED, user);
}

/** The token, or null when absent or past its expiry (the server would answer 401 anyway). */
export function getToken(): string | null {
  const token: unknown = Taro.getStorageSync(TOKEN_KEY);
  if (typeof token !== 'string' || token === '') return null;
  const expiresAt: unknown = Taro.getStorageSync(EXPIRES_KEY);
  if (typeof expiresAt === 'string' && Date.parse(expiresAt) <= Date.now()) return null;
  return token;
}

/** Whether this is a browser signed in by scanning (H5), not the mini-program itself. */
export function signedInByScan(): boolean {
  return Taro.getStorageSync(VIA_KEY) === 'scan';
}

/** The user saved at sign-in (refreshed on coming to the foreground); pages that need fresh data call getMe. */
export function getSavedUser(): SessionUser | null {
  const user: unknown = Taro.getStorageSync(USER_KEY);
  return user && typeof user === 'object' ? (user as SessionUser) : null;
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
  Taro.removeStorageSync(VIA_KEY);
}

/** The notice left for the login page, once. */
export function takeLoginNotice(): string | null {
  const notice: unknown = Taro.getStorageSync(NOTICE_KEY);
  Taro.removeStorageSync(NOTICE_KEY);
  return typeof notice === 'string' && notice ? notice : null;
}

/** The page shown now, as a URL to come back to (`/packages/account/invite/index?code=…`); null on tab pages and login. */
export function currentUrl(): string | null {
  const router = Taro.getCurrentInstance().router;
  if (!router?.path) return null;
  const path = '/' + router.path.split('?')[0].replace(/^\/+/, '');
  if (!path.startsWith('/packages/')) return null;
  const query = Object.entries(router.params ?? {})
    .filter(([k, v]) => !k.startsWith('$') && typeof v === 'string' && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

/** Only our own subpackage pages may be a place to come back to after signing in. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next) return null;
  const url = decodeURIComponent(next);
  return /^\/packages\/[\w-]+\/[\w-]+\/index(\?[^#]*)?$/.test(url) ? url : null;
}

let leaving = false;

/**
 * Sends the person to the login page once, however many requests fail with 401 at the same time.
 * `notice` is said there (why they have to sign in again); `next` is where to come back to.
 */
export function goToLogin({ notice, next }: { notice?: string; next?: string | null } = {}): void {
  // Requests that were under way answer 401 after the login page showed: it has said why already.
  const here = '/' + (Taro.getCurrentInstance().router?.path ?? '').split('?')[0].replace(/^\/+/, '');
  if (leaving || here === LOGIN_URL) return;
  if (notice) Taro.setStorageSync(NOTICE_KEY, notice);
  leaving = true;
  const url = next ? `${LOGIN_URL}?next=${encodeURIComponent(next)}` : LOGIN_URL;
  Taro.reLaunch({ url }).finally(() => {
    leaving = false;
  });
}
