import { chinaMonthOf } from '@gongzhi/shared';
import { backfillOnce } from '../core/backfill';
import type { Db } from '../core/db';
import { WhistleModel } from './whistle.model';

/** Whistles stored before `blownMonth` (the statistics read a date range month by month) get it, once per database. */
export function backfillWhistleMonths(db: Db): Promise<number> {
  return backfillOnce(db, {
    marker: 'whistleBlownMonth',
    model: db.model(WhistleModel),
    field: 'blownMonth',
    reads: { blownAt: 1 },
    valueOf: (w) => chinaMonthOf(w.blownAt),
  });
}
