import { createHash } from 'node:crypto';
import { Types, type Model } from 'mongoose';
import type { ImportKind, RosterRowKind } from '@gongzhi/shared';
import type { DataCipher } from '../core/cipher';
import type { Db } from '../core/db';
import type { Principal } from '../core/principal';
import type { Org } from '../org/org.model';
import { insertNew } from '../core/insert-new';

/** What every kind's planner may use: the database, the cipher, the caller and the places in their scope. */
export interface ImportContext {
  db: Db;
  cipher: DataCipher;
  user: Principal;
  now: Date;
  /** YYYY-MM-DD in China: the day ages are counted on. */
  today: string;
  /** Communities the caller may import into, by name; `allCommunities` tells "not yours" from "no such". */
  communities: Map<string, Org>;
  allCommunities: Set<string>;
  streets: Map<string, Org>;
  allStreets: Set<string>;
  /** A provider of the app (the org tree import moves complexes through the org area's use cases). */
  resolve<T>(cls: new (...args: any[]) => T): Promise<T>;
}

/** A valid row ready to write: its natural key, a plain view to compare with what is stored, and the data. */
export interface Planned<D = unknown> {
  key: string;
  view: Record<string, unknown>;
  data: D;
}
/** A row that cannot be imported; `column` is the row schema's key (null: the whole row). */
export interface RowProblem {
  column: string | null;
  message: string;
}

export interface ImportKindDef<R = unknown, D = unknown, E = unknown> {
  kind: ImportKind;
  /** Loads what plan() looks up (grids, branches…) once per file. */
  prepare?(ctx: ImportContext, rows: R[]): Promise<void>;
  plan(ctx: ImportContext, row: R): Planned<D> | RowProblem;
  /**
   * Stored records in the caller's scope, by key: one query per file. (FerretDB evaluates `$in` over
   * thousands of keys row by row; one scoped scan is far cheaper.) Records outside the scope are not
   * the caller's to change: such a row's insert meets the unique key and is left alone.
   */
  existing(ctx: ImportContext, plans: Planned<D>[]): Promise<Map<string, E>>;
  /** The stored record as the same plain view plan() builds (ciphertexts decrypted). */
  viewOf(ctx: ImportContext, doc: E): Record<string, unknown>;
  /** Writes one chunk: inserts for new keys (unique keys make a repeat a no-op), $set for changed ones. */
  write(ctx: ImportContext, fresh: Planned<D>[], changed: { plan: Planned<D>; doc: E }[]): Promise<void>;
  /** Rosters whose rows keep a change history (rosters/roster-events.ts): how a changed row reads. */
  history?: KindHistory<D, E>;
}

export interface KindHistory<D, E> {
  rowKind: RosterRowKind;
  /** A view as people read it, keyed by history field (names for ids, 是/否 for flags). */
  show(ctx: ImportContext, view: Record<string, unknown>): Record<string, string | null>;
  /** The stored record's id and community, for its history. */
  rowOf(ctx: ImportContext, doc: E, plan: Planned<D>): { rowId: Types.ObjectId; communityId: Types.ObjectId | null };
}

/** 是/否 of a view's flag. */
export const shownFlag = (v: unknown) => (v ? '是' : '否');
/** A view's text value, or null. */
export const shownText = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

export const isProblem = <T extends object>(p: T | RowProblem): p is RowProblem => 'message' in p;

/** A stable ObjectId from a natural key (keyed by kind), so an insert of the same row twice collides. */
export function keyId(kind: string, key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`gongzhi:import:${kind}:${key}`).digest('hex').slice(0, 24));
}

/** The community a row names, or the problem: unknown, or outside the caller's scope. */
export function communityOf(ctx: ImportContext, name: string): Org | RowProblem {
  const hit = ctx.communities.get(name);
  if (hit) return hit;
  return {
    column: 'community',
    message: ctx.allCommunities.has(name) ? `不能导入到「${name}」：不在您管辖的范围内` : `没有名为「${name}」的社区`,
  };
}

/** The street of a community (the last ancestor before it). */
export const streetIdOf = (community: Org): Types.ObjectId => community.ancestors[community.ancestors.length - 1];

/** Inserts that tolerate a key already there (a concurrent or repeated import): the unique key holds the race. */
export const insertIgnoringDuplicates = insertNew;

/** Runs $set updates, one per changed record, in one bulk write. */
export async function setEach(
  model: Model<any>,
  sets: { filter: Record<string, unknown>; set: Record<string, unknown> }[],
) {
  if (!sets.length) return;
  await model.bulkWrite(sets.map((s) => ({ updateOne: { filter: s.filter, update: { $set: s.set } } })) as never[], {
    ordered: false,
  });
}

/** The name of a community of the caller's scope, by id (a view holds ids). */
export function communityNameOf(ctx: ImportContext, id: unknown): string | null {
  for (const c of ctx.communities.values()) if (String(c._id) === String(id)) return c.name;
  return null;
}
