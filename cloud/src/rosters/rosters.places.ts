import { moveFlat, registerPlaceRecords } from '../org/place-records';
import { RosterEventModel } from './roster-event.model';

/**
 * How roster history follows the tree: each change event names the community of its row, which is
 * how staff find a row's history; a merged community's events go with its rows. Nothing here is open
 * work, so closing a community never waits on its history.
 */
registerPlaceRecords({
  area: 'rosters',
  collections: ['rosterEvents'],
  async move(ctx, change) {
    await moveFlat(ctx, RosterEventModel, change, 'communityId');
  },
});
