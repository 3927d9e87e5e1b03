import type { Model, Types } from 'mongoose';
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
  /**
   * The collections whose personal data this provider exports and erases. A test fails when a
   * collection with a field that holds a person, their words or their photos is in none of them.
   */
  collections: string[];
  exportFor(ctx: PersonalDataContext, userId: Types.ObjectId): Promise<unknown>;
  eraseFor(ctx: PersonalDataContext, userId: Types.ObjectId): Promise<void>;
  /**
   * Moves the person's records from one account to another: a WeChat account linked to the person's
   * imported record (志愿者, 党员…) becomes that record, and what the bare account did goes with it.
   * Records keep their place and times; only whose they are changes. Must be safe to run twice.
   */
  mergeInto?(ctx: PersonalDataContext, from: Types.ObjectId, to: Types.ObjectId): Promise<void>;
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

/**
 * Moves documents whose `field` is `from` to `to`. With `sameKeys` (the other fields of a unique
 * index with `field`), a document of `from` whose twin `to` already has is dropped instead: the
 * imported person's own record stands (an update that breaks a unique index is not refused on FerretDB).
 */
export async function reassign(
  model: Model<any>,
  field: string,
  from: Types.ObjectId,
  to: Types.ObjectId,
  sameKeys: string[] = [],
): Promise<void> {
  if (!sameKeys.length) {
    await model.updateMany({ [field]: from }, { $set: { [field]: to } });
    return;
  }
  const docs = await model.find({ [field]: from }).lean<Record<string, unknown>[]>();
  for (const doc of docs) {
    const twin = await model.exists({ [field]: to, ...Object.fromEntries(sameKeys.map((k) => [k, doc[k]])) });
    if (twin) await model.deleteOne({ _id: doc._id });
    else await model.updateOne({ _id: doc._id }, { $set: { [field]: to } });
  }
}

/** The name staff lists show for a deleted account. */
export const ERASED_NAME = '已注销用户';
