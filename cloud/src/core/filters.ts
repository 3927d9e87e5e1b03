import type { Model, Types } from 'mongoose';

type Filter = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Filter =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const isOperators = (v: unknown): v is Filter =>
  isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'));

/**
 * The conjunction of filters as one flat filter: matches exactly what `{ $and: parts }` matches.
 * Why: FerretDB 1.24 (PostgreSQL backend) hands only top-level equality to PostgreSQL and never
 * looks inside `$and`, so a `$and` filter makes it read and decode every document of the
 * collection (docs/performance.md). Keys that collide stay in a residual `$and`; two operator
 * objects on one field (e.g. `$gte` and `$lt`) are merged when their operators differ.
 */
export function allOf(...parts: Filter[]): Filter {
  const out: Filter = {};
  const rest: Filter[] = [];
  for (const part of parts) {
    const leftover: Filter = {};
    for (const [key, value] of Object.entries(part)) {
      const held = out[key];
      if (!(key in out)) out[key] = value;
      else if (isOperators(held) && isOperators(value) && !Object.keys(value).some((op) => op in held)) {
        out[key] = { ...held, ...value };
      } else leftover[key] = value;
    }
    if (Object.keys(leftover).length) rest.push(leftover);
  }
  if (rest.length) out.$and = [...((out.$and as Filter[] | undefined) ?? []), ...rest];
  return out;
}

/**
 * Documents by id, one `_id` equality each (in parallel), in no particular order; missing ids are
 * skipped. Why not `{ _id: { $in } }`: FerretDB 1.24 does not push `$in` down, so that reads the
 * whole collection (about a minute for 100,000 users on the bench machine, against under a
 * second for 20 single lookups). Meant for small sets (a page of rows).
 */
export async function findByIds<T>(
  model: Model<T>,
  ids: readonly (Types.ObjectId | string)[],
  projection?: Record<string, 0 | 1>,
): Promise<T[]> {
  const unique = [...new Set(ids.map(String))];
  const found = await Promise.all(unique.map((id) => model.findOne({ _id: id }, projection).lean<T>()));
  return found.filter((d): d is NonNullable<typeof d> => d !== null) as T[];
}
