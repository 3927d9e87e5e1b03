import type { Types } from 'mongoose';
import type { Db, ModelDef } from '../core/db';
import { findByIds } from '../core/filters';
import { UserModel } from './user.model';

type Id = Types.ObjectId | string | null | undefined;

/**
 * Id → name of the records (users, orgs, units, stations…) with these ids, missing ids and repeats
 * skipped; one lookup per id (`findByIds`: FerretDB reads a whole collection for `$in`).
 */
export async function namesOf(
  db: Db,
  // Any model whose documents have a name.
  def: ModelDef<any>,
  ids: readonly Id[],
): Promise<Map<string, string>> {
  const wanted = ids.filter((id): id is Types.ObjectId | string => !!id);
  if (!wanted.length) return new Map();
  const docs = await findByIds<{ _id: Types.ObjectId; name: string }>(db.model(def), wanted, { name: 1 });
  return new Map(docs.map((d) => [String(d._id), d.name]));
}

/** Id → name of these users. */
export function userNames(db: Db, ids: readonly Id[]): Promise<Map<string, string>> {
  return namesOf(db, UserModel, ids);
}
