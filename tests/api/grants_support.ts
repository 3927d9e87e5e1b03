// Helpers shared by the grants_* API tests: new WeChat people (through the fake WeChat server),
// invitations and their acceptance.
import type { TestApp } from '../support/app';
import type { FakeWechat } from '../support/fake-wechat';
import { seedId } from '../../cloud/src/core/stable-id';

export const COUNTY = String(seedId('org:county'));
export const CHENGGUAN = String(seedId('org:street:chengguan'));
export const XINCHENG = String(seedId('org:street:xincheng'));
export const NANMEN = String(seedId('org:community:nanmen'));
export const XISHAN = String(seedId('org:community:xishan'));
export const NANMEN_GRID1 = String(seedId('org:grid:nanmen:0'));
export const XISHAN_GRID1 = String(seedId('org:grid:xishan:0'));
export const ZHUJIAN = String(seedId('org:department:县住房和城乡建设局'));
export const HOSPITAL = String(seedId('unit:县人民医院'));
export const JUSTICE = String(seedId('unit:县司法局'));

/** A person signing in with WeChat for the first time (fake server): a bare resident, and their header. */
export async function wxPerson(t: TestApp, openid: string): Promise<{ id: string; auth: string }> {
  const res = await t
    .http()
    .post('/api/v1/auth/wx-login')
    .send({ code: `ok:${openid}` });
  if (res.status !== 200) throw new Error(`wx-login ${openid}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, auth: `Bearer ${res.body.token}` };
}

export function invite(t: TestApp, auth: string, body: Record<string, unknown>, key?: string) {
  const req = t.http().post('/api/v1/invitations').set('Authorization', auth);
  if (key) req.set('Idempotency-Key', key);
  return req.send(body);
}

/** Accepts as a new WeChat user would: still 微信用户, they give their name. */
export function accept(t: TestApp, auth: string, code: string, name = '新同事') {
  return t.http().post('/api/v1/invitations/accept').set('Authorization', auth).send({ code, name });
}

/** Invites and accepts in one go; returns the grant id. */
export async function granted(t: TestApp, by: string, to: string, body: Record<string, unknown>): Promise<string> {
  const inv = await invite(t, by, body);
  if (inv.status !== 200) throw new Error(`invite: ${inv.status} ${JSON.stringify(inv.body)}`);
  const res = await accept(t, to, inv.body.code);
  if (res.status !== 200) throw new Error(`accept: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.grant.id;
}

export const me = (t: TestApp, auth: string) => t.http().get('/api/v1/me').set('Authorization', auth);

export type { FakeWechat };
