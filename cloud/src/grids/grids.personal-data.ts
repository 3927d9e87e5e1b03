import { reassign, registerPersonalData } from '../people/personal-data';
import { GridMemberModel, type GridMember } from './grid-member.model';
import { PatrolModel } from './patrol.model';

// A grid worker's or member's place on grid teams, and how many patrols they logged. On erasure the
// person leaves the teams; patrols stay (coverage statistics) under the anonymous id.
registerPersonalData({
  area: 'grids',
  collections: ['gridMembers', 'patrols'],
  async exportFor({ db }, userId) {
    const seats = await db.model(GridMemberModel).find({ userId }).lean<GridMember[]>();
    const patrols = await db.model(PatrolModel).countDocuments({ patrollerId: userId });
    return {
      gridTeams: seats.map((m) => ({
        gridId: String(m.gridId),
        position: m.position,
        duties: m.duties,
        since: m.addedAt,
      })),
      patrols,
    };
  },
  async eraseFor({ db }, userId) {
    await db.model(GridMemberModel).deleteMany({ userId });
  },
  async mergeInto({ db }, from, to) {
    await reassign(db.model(PatrolModel), 'patrollerId', from, to);
    // A team seat is keyed by the person too (personKey): one seat per person and grid.
    const members = db.model(GridMemberModel);
    for (const seat of await members.find({ userId: from }).lean<GridMember[]>()) {
      if (await members.exists({ gridId: seat.gridId, userId: to })) await members.deleteOne({ _id: seat._id });
      else await members.updateOne({ _id: seat._id }, { $set: { userId: to, personKey: String(to) } });
    }
  },
});
