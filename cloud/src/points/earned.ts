import type { Types } from 'mongoose';
import { POINTS_EARN_KINDS } from '@gongzhi/shared';
import type { Db } from '../core/db';
import { PointsEntryModel } from './points-entry.model';

/**
 * Points earned in a year (spending does not count against a ranking), summed per `key` over the
 * entries that also match `match`. One $sum per $group: FerretDB-safe.
 */
export function yearlyEarned(
  db: Db,
  year: number,
  match: Record<string, unknown>,
  key: '$personId' | '$communityId',
): Promise<{ _id: Types.ObjectId; total: number }[]> {
  return db
    .model(PointsEntryModel)
    .aggregate<{ _id: Types.ObjectId; total: number }>([
      { $match: { ...match, year, kind: { $in: [...POINTS_EARN_KINDS] } } },
      { $group: { _id: key, total: { $sum: '$delta' } } },
    ])
    .exec();
}
