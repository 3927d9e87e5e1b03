import { reassign, registerPersonalData } from '../people/personal-data';
import { TeamMembershipModel, TeamModel, type Team, type TeamMembership } from './team.model';

// Team memberships: exported with the team's name; deleted on erasure (a team lists living people).
registerPersonalData({
  area: 'teams',
  collections: ['teamMemberships', 'teams'],
  async exportFor({ db }, userId) {
    const mine = await db.model(TeamMembershipModel).find({ personId: userId }).lean<TeamMembership[]>();
    const teams = await db
      .model(TeamModel)
      .find({ _id: { $in: mine.map((m) => m.teamId) } })
      .lean<Team[]>();
    return mine.map((m) => {
      const team = teams.find((t) => t._id.equals(m.teamId));
      return {
        team: team?.name ?? null,
        status: m.status,
        isLeader: !!team?.leaderId?.equals(userId),
        note: m.note,
        appliedAt: m.appliedAt,
        approvedAt: m.approvedAt,
      };
    });
  },
  async eraseFor({ db }, userId) {
    await db.model(TeamModel).updateMany({ leaderId: userId }, { $set: { leaderId: null } });
    await db.model(TeamMembershipModel).deleteMany({ personId: userId });
  },
  async mergeInto({ db }, from, to) {
    await reassign(db.model(TeamModel), 'leaderId', from, to);
    await reassign(db.model(TeamMembershipModel), 'personId', from, to, ['teamId']);
  },
});
