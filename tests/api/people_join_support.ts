import type { TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// Shared by the people_join*, people_phone* and people_link_record* test files.

export const NANMEN = String(seedId('org:community:nanmen'));
export const NANMEN_COMPLEX = String(seedId('org:complex:nanmen:南门小区'));
export const NANMEN_BUILDING1 = String(seedId('org:building:nanmen:南门小区:1'));
export const XISHAN = String(seedId('org:community:xishan'));
export const XISHAN_COMPLEX = String(seedId('org:complex:xishan:西山营小区'));
export const XISHAN_BUILDING1 = String(seedId('org:building:xishan:西山营小区:1'));

/** A first (or later) WeChat sign-in through the fake code2Session: `ok:<openid>`. */
export async function wxSignIn(t: TestApp, openid: string) {
  const res = await t
    .http()
    .post('/api/v1/auth/wx-login')
    .send({ code: `ok:${openid}` });
  if (res.status !== 200) throw new Error(`wx-login ${openid}: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    auth: `Bearer ${res.body.token}`,
    user: res.body.user as { id: string; name: string } & Record<string, any>,
  };
}

export function setHome(t: TestApp, auth: string, body: Record<string, unknown>) {
  return t.http().post('/api/v1/me/home').set('Authorization', auth).send(body);
}

export function get(t: TestApp, auth: string | null, url: string) {
  const req = t.http().get(url);
  return auth ? req.set('Authorization', auth) : req;
}
