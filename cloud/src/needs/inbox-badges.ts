import {
  NEED_COUNTED_STATUSES,
  NEED_COUNT_CAP,
  NEED_OPEN_STATUSES,
  NEED_STATUSES,
  type NeedStatus,
  type needInboxQuery,
  type z,
} from '@gongzhi/shared';
import { allOf } from '../core/filters';
import type { InboxFilters } from './inbox-filters';

type Filter = Record<string, unknown>;
type InboxQuery = z.output<typeof needInboxQuery>;

/** Reads at most `limit` needs matching `filter`, with their due date (the database's find, any driver). */
export type DueReader = (filter: Filter, limit: number) => Promise<{ dueAt: Date }[]>;

export interface InboxBadges {
  counts: Record<NeedStatus, number | null>;
  overdueCount: number;
}

/**
 * The inbox's badges with as few needs read as can be (on FerretDB each one read is decoded in Go,
 * docs/performance.md): one read per counted status, stopping at the cap, with each need's due date;
 * an open status read in full (under the cap) also tells its overdue needs, so only a capped one
 * needs a read of its own overdue needs. Every filter is flat equality plus at most a range.
 */
export async function inboxBadges(read: DueReader, filters: InboxFilters, now: Date): Promise<InboxBadges> {
  const byStatus = await Promise.all(
    NEED_COUNTED_STATUSES.map((status) => read(allOf(filters.counts, { status }), NEED_COUNT_CAP)),
  );
  const counts = Object.fromEntries(NEED_STATUSES.map((s) => [s, null])) as Record<NeedStatus, number | null>;
  NEED_COUNTED_STATUSES.forEach((s, i) => (counts[s] = byStatus[i].length));
  const overdue = await Promise.all(
    NEED_OPEN_STATUSES.map((status) => {
      const seen = byStatus[NEED_COUNTED_STATUSES.indexOf(status)];
      if (seen.length < NEED_COUNT_CAP) return seen.filter((n) => n.dueAt.getTime() < now.getTime()).length;
      return read(allOf(filters.overdue, { status }), NEED_COUNT_CAP).then((found) => found.length);
    }),
  );
  return {
    counts,
    overdueCount: Math.min(
      NEED_COUNT_CAP,
      overdue.reduce((a, b) => a + b, 0),
    ),
  };
}

/**
 * The list's total when a badge already holds it (the list is one counted status, no overdue filter,
 * under the cap), else null: the list then needs a count of its own.
 */
export function totalFromBadges(query: Pick<InboxQuery, 'status' | 'overdue'>, badges: InboxBadges): number | null {
  if (!query.status || query.overdue !== undefined) return null;
  const n = badges.counts[query.status];
  return n !== null && n < NEED_COUNT_CAP ? n : null;
}
