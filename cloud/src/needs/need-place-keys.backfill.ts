import { backfillOnce } from '../core/backfill';
import type { Db } from '../core/db';
import { placeKeysOf } from '../core/place-keys';
import { NeedModel } from './need.model';

/** Needs stored before `placeKeys` (the inbox's scope) get them, once per database. */
export function backfillNeedPlaceKeys(db: Db): Promise<number> {
  return backfillOnce(db, {
    marker: 'needPlaceKeys',
    model: db.model(NeedModel),
    field: 'placeKeys',
    reads: { place: 1 },
    valueOf: (n) => placeKeysOf(n.place),
  });
}
