import { Types } from 'mongoose';
import type { needInboxQuery, z } from '@gongzhi/shared';
import { allOf } from '../core/filters';
import { placeKeyScope } from '../core/place-keys';
import type { Principal } from '../core/principal';

type InboxQuery = z.output<typeof needInboxQuery>;
type Filter = Record<string, unknown>;

/** The staff inbox's filters: the page and its total, the per-status counts, the overdue count. */
export interface InboxFilters {
  list: Filter;
  counts: Filter;
  overdue: Filter;
}

/**
 * The inbox's filters for a caller, or null when the caller has no place to see. The scope is a
 * top-level equality on `placeKeys` and every part is flat (allOf), so FerretDB 1.24 hands scope
 * and status to PostgreSQL (GIN `@>`) instead of decoding every need in Go.
 */
export function inboxFilters(user: Principal, query: InboxQuery, now: Date): InboxFilters | null {
  const scope = placeKeyScope(user);
  if (!scope) return null;
  const base: Filter[] = [scope];
  if (query.categoryCode) base.push({ categoryCode: query.categoryCode });
  if (query.gridId) base.push({ 'place.gridId': new Types.ObjectId(query.gridId) });
  if (query.from) base.push({ submittedAt: { $gte: query.from } });
  if (query.to) base.push({ submittedAt: { $lt: query.to } });
  const overdue = { dueAt: { $lt: now } };
  const list = [...base];
  if (query.status) list.push({ status: query.status });
  if (query.overdue === true) list.push(overdue);
  if (query.overdue === false) list.push({ dueAt: { $gte: now } });
  return { list: allOf(...list), counts: allOf(...base), overdue: allOf(...base, overdue) };
}
