import { z, objectId, page, pageSize, paged } from '../validation';
import type { Role } from '../roles';
import { BRAND_CODES, TEAM_CODES } from '../activities/brands';

/** Who may join a volunteer team (志愿队): the same people who claim activity shifts. */
export const TEAM_JOINERS: readonly Role[] = ['volunteer', 'partyMember', 'resident'];
/** Who sets a team's leader and base, and runs stations: community staff, streets, the county. */
export const TEAM_ADMINS: readonly Role[] = ['staff', 'streetAdmin', 'countyAdmin'];
/** Who may approve or remove members: a team's leader (a joiner role) or staff in scope; checked per team. */
export const TEAM_MANAGERS: readonly Role[] = [...TEAM_JOINERS, ...TEAM_ADMINS];

/** A membership: an application waits for the leader (or staff); approving makes an active member. */
export const MEMBERSHIP_STATUSES = ['pending', 'active'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = { pending: '待审核', active: '队员' };

const idName = z.object({ id: z.string(), name: z.string() });

export const teamParams = z.strictObject({ id: objectId });
export const teamMemberParams = z.strictObject({ id: objectId, personId: objectId });

export const listTeamsQuery = z.strictObject({
  /** Defaults to the caller's own community. */
  communityId: objectId.optional(),
});

export const myMembership = z.object({ status: z.enum(MEMBERSHIP_STATUSES), since: z.string() }).nullable();

export const teamSummary = z.object({
  id: z.string(),
  code: z.enum(TEAM_CODES),
  name: z.string(),
  description: z.string(),
  community: idName,
  /**
   * Named in full, with the id, to the leader and to staff who set leaders; to everyone else masked and
   * without the id (an id beside a masked name would join with other lists).
   */
  leader: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  station: idName.nullable(),
  /** Active members, counted from the membership records. */
  memberCount: z.number().int(),
  myMembership,
});
export type TeamSummary = z.infer<typeof teamSummary>;
export const teamList = z.object({ items: z.array(teamSummary) });

export const teamDetail = teamSummary.extend({
  /** Applications waiting: shown to those who manage the team. */
  pendingCount: z.number().int(),
  /** Published activities the team organises (the activity's team code, in the team's community). */
  activityCount: z.number().int(),
  /** True when the caller may approve, reject and remove members (the leader, staff in scope). */
  canManage: z.boolean(),
  /** True when the caller may change the leader, base station and description (staff in scope). */
  canEdit: z.boolean(),
});
export type TeamDetail = z.infer<typeof teamDetail>;

export const updateTeamBody = z
  .strictObject({
    /** Must be an active member of the team; null leaves the team without a leader. */
    leaderId: objectId.nullable().optional(),
    stationId: objectId.nullable().optional(),
    description: z.string().trim().max(500).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项');

export const teamMembersQuery = z.strictObject({
  status: z.enum(MEMBERSHIP_STATUSES).optional(),
  page,
  pageSize,
});

export const teamMember = z.object({
  personId: z.string(),
  name: z.string(),
  /** Always masked: leaders contact members through activities, not by phone. */
  phone: z.string().nullable(),
  status: z.enum(MEMBERSHIP_STATUSES),
  isLeader: z.boolean(),
  appliedAt: z.string(),
  approvedAt: z.string().nullable(),
});
export type TeamMember = z.infer<typeof teamMember>;
export const teamMemberList = paged(teamMember);

export const membershipResult = z.object({
  teamId: z.string(),
  personId: z.string(),
  /** null after a rejection, a removal or leaving. */
  status: z.enum(MEMBERSHIP_STATUSES).nullable(),
});

export const joinTeamBody = z.strictObject({
  /** A line for the leader: why, what one can do. */
  note: z.string().trim().max(200).default(''),
});

export const rejectMemberBody = z.strictObject({
  reason: z.string().trim().max(200).default(''),
});

export const myTeam = z.object({
  team: z.object({ id: z.string(), code: z.enum(TEAM_CODES), name: z.string(), community: idName }),
  status: z.enum(MEMBERSHIP_STATUSES),
  isLeader: z.boolean(),
  since: z.string(),
  /** For leaders: applications waiting. */
  pendingCount: z.number().int(),
});
export type MyTeam = z.infer<typeof myTeam>;
export const myTeamList = z.object({ items: z.array(myTeam) });

export const teamActivitiesQuery = z.strictObject({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  page,
  pageSize,
});

export const teamActivity = z.object({
  id: z.string(),
  title: z.string(),
  brand: z.enum(BRAND_CODES),
  brandName: z.string(),
  address: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
});
export type TeamActivity = z.infer<typeof teamActivity>;
export const teamActivityList = paged(teamActivity);

// --- Service stations (服务站点) ---

export const stationParams = z.strictObject({ id: objectId });
export const listStationsQuery = z.strictObject({ communityId: objectId.optional() });

const stationFields = {
  name: z.string().trim().min(2, '请填写站点名称').max(40),
  /** A community, grid or complex of the org tree. */
  placeId: objectId,
  address: z.string().trim().min(2, '请填写地址').max(100),
  openHours: z.string().trim().min(2, '请填写开放时间').max(60),
  contactName: z.string().trim().min(1, '请填写联系人').max(20),
  contactPhone: z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '请填写手机号或固定电话'),
  description: z.string().trim().max(500),
};

export const createStationBody = z.strictObject({
  ...stationFields,
  description: stationFields.description.default(''),
});
export type CreateStationBody = z.input<typeof createStationBody>;

export const updateStationBody = z
  .strictObject({
    name: stationFields.name.optional(),
    placeId: stationFields.placeId.optional(),
    address: stationFields.address.optional(),
    openHours: stationFields.openHours.optional(),
    contactName: stationFields.contactName.optional(),
    contactPhone: stationFields.contactPhone.optional(),
    description: stationFields.description.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项');

export const stationSummary = z.object({
  id: z.string(),
  name: z.string(),
  community: idName,
  address: z.string(),
  openHours: z.string(),
  contactName: z.string(),
  /** Masked: residents call the station's desk through the page's button only on the detail page. */
  contactPhone: z.string().nullable(),
  teams: z.array(idName),
});
export type StationSummary = z.infer<typeof stationSummary>;
export const stationList = z.object({ items: z.array(stationSummary) });

export const stationDetail = stationSummary.extend({
  placeId: z.string(),
  description: z.string(),
  canManage: z.boolean(),
});
export type StationDetail = z.infer<typeof stationDetail>;

// --- Service brands (服务品牌) ---

export const brandParams = z.strictObject({ code: z.enum(BRAND_CODES) });
export const brandsQuery = z.strictObject({ communityId: objectId.optional() });

export const brandSummary = z.object({
  code: z.enum(BRAND_CODES),
  name: z.string(),
  description: z.string(),
  /** Published activities of this brand in the community. */
  activityCount: z.number().int(),
  /** Teams of the community that organised activities of this brand. */
  teams: z.array(idName),
});
export type BrandSummary = z.infer<typeof brandSummary>;
export const brandList = z.object({ community: idName, items: z.array(brandSummary) });

export const brandDetail = brandSummary.extend({
  community: idName,
  upcoming: z.array(teamActivity),
});
export type BrandDetail = z.infer<typeof brandDetail>;
