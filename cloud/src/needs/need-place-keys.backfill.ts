import type { Backfill } from '../core/backfill';
import { placeKeysOf } from '../core/place-keys';
import { NeedModel, type Need } from './need.model';

/** Needs stored before `placeKeys` (the inbox's scope, so needs without them would be missed). */
export const needPlaceKeys: Backfill<Need> = {
  marker: 'needPlaceKeys',
  model: NeedModel,
  field: 'placeKeys',
  reads: { place: 1 },
  valueOf: (n) => placeKeysOf(n.place),
};
