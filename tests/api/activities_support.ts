import { Types } from 'mongoose';
import type { TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { Tokens } from '../../cloud/src/core/tokens';
import { UserModel } from '../../cloud/src/people/user.model';
import { seedId } from '../../cloud/src/core/stable-id';

// Shared by the activities_* test files: demo ids, time helpers and request helpers.

export const NANMEN = String(seedId('org:community:nanmen'));
export const XISHAN = String(seedId('org:community:xishan'));
export const NANMEN_COMPLEX = String(seedId('org:complex:nanmen:南门小区'));
export const XISHAN_COMPLEX = String(seedId('org:complex:xishan:西山营小区'));
export const HOSPITAL = String(seedId('unit:县人民医院'));
export const SCHOOL = String(seedId('unit:县第一中学'));
export const XINCHENG_SCHOOL = String(seedId('unit:县实验小学'));
export const uid = (account: string) => String(seedId(`user:${account}`));

const HOUR = 3_600_000;

/** An ISO time in China time, `days` from today (real time: the app's clock starts unshifted). */
export function chinaAt(days: number, hour: number, minute = 0): string {
  const c = new Date(Date.now() + 8 * HOUR);
  return new Date(Date.UTC(c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate() + days, hour - 8, minute)).toISOString();
}

export async function clockOf(t: TestApp): Promise<Clock> {
  return t.app.getApplicationContext().getAsync(Clock);
}

/** Sets the app's clock to a given instant (by offset from real time). */
export async function setNow(t: TestApp, iso: string): Promise<void> {
  (await clockOf(t)).offsetMs = Date.parse(iso) - Date.now();
}

export function activityBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '文明交通引导·测试路口',
    brand: 'trafficGuide',
    categoryCode: 'other',
    team: 'civilityGuard',
    placeId: NANMEN,
    address: '南门十字路口',
    description: '劝导行人遵守信号灯',
    ...extra,
  };
}

export async function newActivity(t: TestApp, auth: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.http().post('/api/v1/activities').set('Authorization', auth).send(activityBody(extra));
  if (res.status !== 200) throw new Error(`createActivity: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function newShift(
  t: TestApp,
  auth: string,
  activityId: string,
  shift: { start: string; end: string; seats: number; cutoffHours?: number },
): Promise<string> {
  const res = await t.http().post(`/api/v1/activities/${activityId}/shifts`).set('Authorization', auth).send(shift);
  if (res.status !== 200) throw new Error(`addShift: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export function claim(t: TestApp, auth: string, shiftId: string, body: Record<string, unknown> = {}) {
  return t.http().post(`/api/v1/shifts/${shiftId}/claim`).set('Authorization', auth).send(body);
}

export function unclaim(t: TestApp, auth: string, shiftId: string) {
  return t.http().delete(`/api/v1/shifts/${shiftId}/claim`).set('Authorization', auth);
}

/** Inserts `n` volunteers of 南门社区 directly and issues their tokens (no sign-in round trips). */
export async function manyVolunteers(t: TestApp, n: number, tag: string): Promise<{ id: string; auth: string }[]> {
  const tokens = await t.app.getApplicationContext().getAsync(Tokens);
  const community = seedId('org:community:nanmen');
  const docs = Array.from({ length: n }, (_, i) => ({
    _id: new Types.ObjectId(),
    name: `${tag}志愿者${i + 1}`,
    roles: ['volunteer' as const],
    phone: `139${String(i).padStart(8, '0')}`,
    orgId: community,
    communityId: community,
    createdAt: new Date(),
  }));
  await t.db.model(UserModel).insertMany(docs);
  return docs.map((d) => ({
    id: String(d._id),
    auth: `Bearer ${tokens.issue({ userId: String(d._id), sessionId: null }).token}`,
  }));
}
