import type { BrowserContext } from 'playwright-core';

// Helpers for the account scenarios: a WeChat user signed in as the mini-program would be.

export interface WxSession {
  token: string;
  expiresAt: string;
  user: { id: string; name: string; roles: string[] };
}

/** A WeChat sign-in (wx.login's code answered by the fake WeChat server): a new user on first use. */
export async function wxSignIn(base: string, openid: string): Promise<WxSession> {
  const res = await fetch(`${base}/api/v1/auth/wx-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `ok:${openid}` }),
  });
  if (!res.ok) throw new Error(`wx-login ${openid}: ${res.status} ${await res.text()}`);
  return (await res.json()) as WxSession;
}

/**
 * Puts a session where the app keeps it (Taro's H5 storage: localStorage, each value as `{"data": …}`)
 * before any page of the context loads: the phone is signed in as after 微信一键登录.
 */
export async function storeSession(context: BrowserContext, session: WxSession): Promise<void> {
  const entries = {
    'gongzhi.token': session.token,
    'gongzhi.expiresAt': session.expiresAt,
    'gongzhi.user': session.user,
    'gongzhi.via': 'app',
  };
  await context.addInitScript((items: Record<string, unknown>) => {
    // Only once: later reloads keep whatever the app itself stored or cleared since.
    if (sessionStorage.getItem('e2e-session-stored')) return;
    sessionStorage.setItem('e2e-session-stored', '1');
    for (const [key, value] of Object.entries(items)) localStorage.setItem(key, JSON.stringify({ data: value }));
  }, entries);
}
