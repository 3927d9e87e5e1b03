import { VOLUNTEER_TEAMS } from '@gongzhi/shared';
import type { Db } from '../core/db';
import { OrgModel, type Org } from '../org/org.model';
import { insertNew } from '../core/insert-new';
import { seedId } from '../core/stable-id';
import { StationModel, type Station } from './station.model';
import { TeamMembershipModel, TeamModel, type Team, type TeamMembership } from './team.model';

const DESCRIPTIONS: Record<string, string> = {
  peacemaker: '老党员、老教师、律师组成，调解邻里纠纷、家庭矛盾，把矛盾化解在楼栋里。',
  helpingHand: '水电维修、家电修理、搬运帮忙，居民家里有难事，搭把手就来。',
  culturePioneer: '组织文艺演出、书画培训、读书会，丰富社区文化生活。',
  povertyRelief: '结对帮扶困难家庭、残疾人和大病家庭，送政策、送温暖。',
  elderAndChild: '探访独居老人，照看留守儿童，开展敬老爱幼志愿服务。',
  civilityGuard: '文明劝导、交通引导、垃圾分类宣传，守护社区文明。',
  redPatrol: '党员巡逻队，夜间治安巡逻、防火防盗、安全隐患排查。',
};

/** Leaders of the demo: 王志强 leads 南门's 搭把手, 刘建国 its 红色巡逻. */
const LEADERS: Record<string, string> = { helpingHand: 'volunteer', redPatrol: 'partyMember' };

/**
 * Every community gets the seven teams of the seed report (the county part of the demo: teams are
 * part of a community's make-up, like its grids); 南门 also gets a station and two leaders.
 */
export async function seedTeams(db: Db): Promise<void> {
  const communities = await db.model(OrgModel).find({ kind: 'community' }).lean<Org[]>();
  const at = new Date();
  const nanmen = seedId('org:community:nanmen');
  const station: Station = {
    _id: seedId('station:nanmen'),
    name: '南门社区新时代文明实践站',
    placeId: nanmen,
    place: {
      streetId: seedId('org:street:chengguan'),
      communityId: nanmen,
      gridId: null,
      complexId: null,
      buildingId: null,
    },
    address: '南门社区党群服务中心一楼',
    openHours: '周一至周六 8:30–17:30',
    contactName: '陈静',
    contactPhone: '0731-84561234',
    description: '志愿者登记、志愿队招募、政策咨询和便民服务都在这里。',
    createdBy: seedId('user:staff'),
    createdAt: at,
    updatedAt: at,
  };
  await insertNew(db.model(StationModel), [station]);

  const teams: Team[] = [];
  const members: TeamMembership[] = [];
  for (const c of communities) {
    for (const t of VOLUNTEER_TEAMS) {
      const isNanmen = c._id.equals(nanmen);
      const leader = isNanmen && LEADERS[t.code] ? seedId(`user:${LEADERS[t.code]}`) : null;
      const team: Team = {
        _id: seedId(`team:${String(c._id)}:${t.code}`),
        code: t.code,
        name: t.name,
        description: DESCRIPTIONS[t.code] ?? '',
        communityId: c._id,
        place: { streetId: c.parentId!, communityId: c._id, gridId: null, complexId: null, buildingId: null },
        leaderId: leader,
        stationId: isNanmen && ['helpingHand', 'redPatrol', 'peacemaker'].includes(t.code) ? station._id : null,
        createdAt: at,
        updatedAt: at,
      };
      teams.push(team);
      if (leader)
        members.push({
          _id: seedId(`teamMember:${String(team._id)}:${String(leader)}`),
          teamId: team._id,
          personId: leader,
          communityId: c._id,
          status: 'active',
          note: '',
          appliedAt: at,
          approvedAt: at,
          approvedBy: seedId('user:staff'),
        });
    }
  }
  await insertNew(db.model(TeamModel), teams);
  await insertNew(db.model(TeamMembershipModel), members);
}

/** The id of a demo community's team, for tests and other seeds. */
export function seedTeamId(communityKey: string, code: string) {
  return seedId(`team:${String(seedId(`org:community:${communityKey}`))}:${code}`);
}
