// Helpers shared by the resources_* and bookings_* API tests.
import { Types } from 'mongoose';
import { isGrantRole, type GrantRole, type Role } from '@gongzhi/shared';
import { GrantsService } from '../../cloud/src/grants/grants.service';
import { addDays, localDateOf } from '@gongzhi/shared';
import type { TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { UserModel } from '../../cloud/src/people/user.model';
import { seedResources } from '../../cloud/src/resources/resources.seed';

export const ROOM = String(seedId('resource:nanmen-activity-room')); // community-owned, daily 08:30–21:00, 60 min
export const SOUND = String(seedId('resource:nanmen-sound-system')); // community-owned, 120 min
export const HALL = String(seedId('resource:library-hall')); // 县图书馆, Tue–Sun, in 北街社区
export const HEALTH = String(seedId('resource:hospital-health-room')); // 县人民医院, workdays 08:30–12:00, 14:30–17:30
export const DOCTOR = String(seedId('resource:hospital-doctor-wang')); // a person: not bookable
export const XISHAN_ROOM = String(seedId('resource:xishan-meeting-room')); // 新城街道: outside the demo residents' street
export const NANMEN = String(seedId('org:community:nanmen'));
export const XISHAN = String(seedId('org:community:xishan'));
export const CHENGGUAN = String(seedId('org:street:chengguan'));
export const HOSPITAL = String(seedId('unit:县人民医院'));
export const LIBRARY = String(seedId('unit:县图书馆'));
export const CULTURE_CENTRE = String(seedId('unit:县文化馆')); // 新城街道

/** Loads the demo resources and bookings (idempotent, also when the demo seed already did). */
export async function seedDemoResources(t: TestApp): Promise<void> {
  await seedResources(t.db);
}

/** A local date some days ahead (Asia/Shanghai); the demo bookings use only the next three days. */
export function dayAhead(days: number): string {
  return addDays(localDateOf(new Date()), days);
}

/** A local date `days` or more ahead falling on one of the ISO weekdays. */
export function weekdayAhead(days: number, weekdays: number[]): string {
  for (let d = days; ; d++) {
    const date = dayAhead(d);
    const wd = new Date(`${date}T12:00:00+08:00`).getUTCDay() || 7;
    if (weekdays.includes(wd)) return date;
  }
}

/** A local time as the API takes it: `2026-11-05T19:00:00+08:00`. */
export function at(date: string, hhmm: string): string {
  return `${date}T${hhmm}:00+08:00`;
}

export interface ExtraUser {
  account: string;
  name?: string;
  roles: string[];
  community?: string;
  grid?: number;
  unit?: string;
  street?: string;
  phone?: string;
}

/** Adds a demo-style user (e.g. a second unit's admin, by grant) and signs them in. */
export async function addUser(t: TestApp, u: ExtraUser): Promise<string> {
  const communityId = u.community ? seedId(`org:community:${u.community}`) : null;
  const orgId =
    u.grid !== undefined && u.community
      ? seedId(`org:grid:${u.community}:${u.grid}`)
      : (communityId ?? (u.street ? seedId(`org:street:${u.street}`) : null));
  const _id = new Types.ObjectId();
  const posts = u.roles.filter((r) => isGrantRole(r as Role)) as GrantRole[];
  await t.db.model(UserModel).create({
    _id,
    name: u.name ?? u.account,
    roles: u.roles.filter((r) => !isGrantRole(r as Role)),
    phone: u.phone ?? null,
    orgId: posts.length ? null : orgId,
    communityId: posts.length ? null : communityId,
    demoAccount: u.account,
  });
  const grants = await t.app.getApplicationContext().getAsync(GrantsService);
  for (const role of posts) {
    const placeId = role === 'unitAdmin' || role === 'servicePerson' ? seedId(`unit:${u.unit}`) : orgId!;
    await grants.grantRole({ personId: _id, role, placeId, grantedBy: null });
  }
  return t.signIn(u.account);
}

/** The admin of the county library (same street as the hospital) and of the culture centre (another street). */
export async function otherUnitAdmins(t: TestApp): Promise<{ otherUnit: string; farUnit: string }> {
  const otherUnit = await addUser(t, {
    account: 'libraryAdmin',
    roles: ['unitAdmin'],
    unit: '县图书馆',
    street: 'chengguan',
  });
  const farUnit = await addUser(t, {
    account: 'cultureAdmin',
    roles: ['unitAdmin'],
    unit: '县文化馆',
    street: 'xincheng',
  });
  return { otherUnit, farUnit };
}
