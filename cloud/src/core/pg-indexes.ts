import * as fs from 'node:fs';
import * as path from 'node:path';
import mongoose from 'mongoose';
import { modelDefs, type ModelDef } from './db';

/**
 * Which GIN indexes FerretDB-on-PostgreSQL needs, derived from the models' own indexes.
 *
 * FerretDB 1.24 sends a top-level equality `{ f: v }` to PostgreSQL as `_jsonb->'f' @> v`, and its
 * `createIndex` makes btree indexes on `(_jsonb->'f')`, which `@>` cannot use: every lookup, even by
 * `_id`, is a sequential scan. A GIN `jsonb_path_ops` index on the same expression serves `@>`
 * (docs/performance.md). So for every collection: `_id`, plus the first key of each model index —
 * the field the model meant to look documents up by. Dates and dotted keys are left out: FerretDB evaluates
 * them in Go after reading the collection (nested pushdown is off), so no index could help them.
 * scripts/lib/pg-indexes.mjs creates them (`npm run db:pg-indexes`).
 */
export interface GinIndexPlan {
  collection: string;
  fields: string[];
}

export function ginIndexPlan(defs: readonly ModelDef<unknown>[] = modelDefs()): GinIndexPlan[] {
  const byCollection = new Map<string, Set<string>>();
  for (const def of defs) {
    const collection = collectionOf(def);
    const fields = byCollection.get(collection) ?? new Set(['_id']);
    for (const [keys] of def.schema.indexes()) {
      const first = Object.keys(keys)[0];
      // Text/hashed/2dsphere indexes are not equality lookups; FerretDB has none of them anyway.
      if (!first || first.includes('.') || (keys[first] !== 1 && keys[first] !== -1)) continue;
      // Dates are read by range, which FerretDB never sends to PostgreSQL: an index would only cost writes.
      if (def.schema.path(first)?.instance === 'Date') continue;
      fields.add(first);
    }
    byCollection.set(collection, fields);
  }
  return [...byCollection]
    .map(([collection, fields]) => ({ collection, fields: [...fields].sort() }))
    .sort((a, b) => a.collection.localeCompare(b.collection));
}

function collectionOf(def: ModelDef<unknown>): string {
  const explicit = def.schema.get('collection') as string | undefined;
  return explicit ?? mongoose.pluralize()!(def.name);
}

/** Loads every `*.model` module under cloud/src (or cloud/dist), so that the registry is complete. */
export function loadAllModels(root = path.resolve(__dirname, '..')): void {
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded for defineModel's side effect
      else if (/\.model\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) require(file);
    }
  };
  walk(root);
}
