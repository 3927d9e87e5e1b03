import { chinaMonthOf } from '@gongzhi/shared';
import type { Backfill } from '../core/backfill';
import { WhistleModel, type Whistle } from './whistle.model';

/** Whistles stored before `blownMonth` (the statistics read a date range month by month, so whistles without one would be missed). */
export const whistleBlownMonth: Backfill<Whistle> = {
  marker: 'whistleBlownMonth',
  model: WhistleModel,
  field: 'blownMonth',
  reads: { blownAt: 1 },
  valueOf: (w) => chinaMonthOf(w.blownAt),
};
