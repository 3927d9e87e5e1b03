import { registerPersonalData } from '../people/personal-data';
import { GridMemberModel, type GridMember } from './grid-member.model';
import { PatrolModel } from './patrol.model';

// A grid worker's or member's place on grid teams, and how many patrols they logged. On erasure the
// person leaves the teams; patrols stay (coverage statistics) under the anonymous id.
registerPersonalData({
  area: 'grids',
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
});
