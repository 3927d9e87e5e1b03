import type { Types } from 'mongoose';
import type { Settings } from '../config/settings';
import type { Db } from '../core/db';

/** What a provider gets: the database, the settings (e.g. the upload folder) and "now" from the Clock. */
export interface PersonalDataContext {
  db: Db;
  settings: Settings;
  now: Date;
}

/**
 * One area's share of a person's data (PIPL: a person can download and delete their own data).
 * `exportFor` returns what the area holds about the person, as plain JSON; `eraseFor` deletes or
 * anonymises it and must be safe to run twice (a failed deletion is retried from the start).
 * Records that feed statistics (service hours, need counts, 三率) stay, under the person's id,
 * whose user record no longer carries a name or phone: they are anonymous from then on.
 */
export interface PersonalDataProvider {
  area: string;
  exportFor(ctx: PersonalDataContext, userId: Types.ObjectId): Promise<unknown>;
  eraseFor(ctx: PersonalDataContext, userId: Types.ObjectId): Promise<void>;
}

const providers = new Map<string, PersonalDataProvider>();

/**
 * Registers an area's provider. Each area does it in its own `<area>.personal-data.ts`, which the
 * app loads with every other file under cloud/src (a new area plugs in with that one file).
 */
export function registerPersonalData(provider: PersonalDataProvider): void {
  providers.set(provider.area, provider);
}

/** Every provider, the person's own profile last: it is what signs them in, so it goes once the rest is done. */
export function personalDataProviders(): PersonalDataProvider[] {
  return [...providers.values()].sort((a, b) => Number(a.area === 'people') - Number(b.area === 'people'));
}

/** The name staff lists show for a deleted account. */
export const ERASED_NAME = '已注销用户';
