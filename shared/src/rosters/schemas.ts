import { z, mobilePhone, objectId, page, pageSize, paged } from '../validation';
import { EDUCATION_LEVELS, MEMBER_CATEGORIES } from '../people/rosters';
import { EMPLOYMENTS, HEALTHS } from '../party/category';
import { idNumberProblem } from '../party/idnumber';
import { parseLocalDate } from '../china-time';

/**
 * Roster maintenance (名册维护): rows of the rosters — party members, the 两委 and staff, volunteers,
 * complexes — are corrected, moved and deactivated (kept for history, out of every count), not only
 * added. Each change is an insert-only event: who, when, what changed from → to, and why.
 */

/** Who keeps the staff roster, the volunteers and the complexes (party rows also need the 党务 duty). */
export const ROSTER_KEEPERS = ['staff', 'streetAdmin', 'countyAdmin'] as const;

/** What a history event is about: a party member, a staff roster row, a person (volunteer), a complex. */
export const ROSTER_ROW_KINDS = ['partyMember', 'staffMember', 'person', 'complex'] as const;
export type RosterRowKind = (typeof ROSTER_ROW_KINDS)[number];

export const ROSTER_ACTIONS = ['correct', 'move', 'deactivate', 'reactivate'] as const;
export type RosterAction = (typeof ROSTER_ACTIONS)[number];

/** The words each roster uses for its actions: a staff row 离任, a volunteer 退出. */
export const ROSTER_ACTION_LABELS: Record<RosterRowKind, Record<RosterAction, string>> = {
  partyMember: { correct: '修改', move: '调转', deactivate: '停用', reactivate: '恢复' },
  staffMember: { correct: '修改', move: '调转', deactivate: '离任', reactivate: '恢复在任' },
  person: { correct: '修改', move: '搬迁', deactivate: '退出志愿者', reactivate: '恢复志愿者' },
  complex: { correct: '修改', move: '调整网格', deactivate: '停用', reactivate: '恢复' },
};

/** Names of the fields a change lists, as the history shows them. */
export const ROSTER_FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  phone: '手机号',
  idNumber: '身份证号',
  birthDate: '出生日期',
  employment: '工作状态',
  health: '身体状况',
  mobile: '流动党员',
  category: '党员类别',
  branch: '所在支部',
  community: '社区',
  post: '职务',
  committee: '两委成员',
  education: '学历',
  home: '住址',
  volunteer: '志愿者',
  grid: '网格',
  old: '老旧小区',
  hasProperty: '物业服务',
  buildings: '楼栋数',
  active: '状态',
};

/** One field of one change; personal values (name, phone, ID number) are shown masked. */
export const rosterChange = z.object({
  field: z.string(),
  label: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type RosterChange = z.infer<typeof rosterChange>;

export const rosterEvent = z.object({
  id: z.string(),
  action: z.enum(ROSTER_ACTIONS),
  actionLabel: z.string(),
  changes: z.array(rosterChange),
  reason: z.string(),
  actorName: z.string(),
  /** manual: on the admin page; import: a re-imported spreadsheet changed the row. */
  via: z.enum(['manual', 'import']),
  at: z.string(),
});
export type RosterEvent = z.infer<typeof rosterEvent>;
export const rosterHistory = z.object({ items: z.array(rosterEvent) });

export const rosterParams = z.strictObject({ id: objectId });
const reason = z.string().trim().min(2, '请写明原因（至少 2 个字）').max(200, '原因最多 200 字');
export const reasonBody = z.strictObject({ reason });
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
/** Lists show the rows in service unless asked for the stopped ones (active=false). */
const activeQuery = boolQuery.default(true);

const personName = z.string().trim().min(1, '请填写姓名').max(40, '姓名最多 40 个字');
const phone = mobilePhone.nullable();
const birthDate = z.string().refine((v) => !!parseLocalDate(v), '出生日期应为 YYYY-MM-DD 的真实日期');
const idNumber = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A correction must change something besides the reason. */
const somethingBesides =
  (...keys: string[]) =>
  (b: Record<string, unknown>) =>
    Object.keys(b).some((k) => !keys.includes(k) && b[k] !== undefined);
const NOTHING = { message: '请至少修改一项' };

// ——— Party members ———

export const PARTY_LEAVE_CAUSES = ['transferredOut', 'deceased', 'other'] as const;
export type PartyLeaveCause = (typeof PARTY_LEAVE_CAUSES)[number];
export const PARTY_LEAVE_CAUSE_LABELS: Record<PartyLeaveCause, string> = {
  transferredOut: '组织关系转出',
  deceased: '去世',
  other: '其他',
};

export const correctPartyMemberBody = z
  .strictObject({
    name: personName.optional(),
    phone: phone.optional(),
    idNumber: idNumber.optional(),
    /** Absent with a new ID number: taken from the number. */
    birthDate: birthDate.optional(),
    employment: z.enum(EMPLOYMENTS).optional(),
    health: z.enum(HEALTHS).optional(),
    mobile: z.boolean().optional(),
    /** The category in force; the computed one clears the staff override. */
    category: z.enum(MEMBER_CATEGORIES).optional(),
    reason,
  })
  .refine(somethingBesides('reason'), NOTHING);

/** 调转: to another branch, another home community, or both (both within the caller's scope). */
export const movePartyMemberBody = z
  .strictObject({ branchId: objectId.optional(), communityId: objectId.optional(), reason })
  .refine(somethingBesides('reason'), { message: '请选择调转到的支部或社区' });

export const deactivatePartyMemberBody = z.strictObject({ cause: z.enum(PARTY_LEAVE_CAUSES), reason });

// ——— Staff (两委 and workers) ———

export const staffMemberDetail = z.object({
  id: z.string(),
  name: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  post: z.string(),
  committee: z.boolean(),
  age: z.number().int(),
  birthDate: z.string(),
  education: z.enum(EDUCATION_LEVELS),
  phoneMasked: z.string().nullable(),
  active: z.boolean(),
});
export type StaffMemberDetail = z.infer<typeof staffMemberDetail>;

export const correctStaffMemberBody = z
  .strictObject({
    name: personName.optional(),
    phone: phone.optional(),
    post: z.string().trim().min(1, '请填写职务').max(40, '职务最多 40 个字').optional(),
    committee: z.boolean().optional(),
    birthDate: birthDate.optional(),
    education: z.enum(EDUCATION_LEVELS, { error: `学历只能是：${EDUCATION_LEVELS.join('、')}` }).optional(),
    reason,
  })
  .refine(somethingBesides('reason'), NOTHING);

export const moveToCommunityBody = z.strictObject({ communityId: objectId, reason });

// ——— Volunteers ———

export const volunteerRow = z.object({
  id: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  communityId: z.string(),
  communityName: z.string(),
  /** The complex and building, when the person gave one. */
  homeName: z.string(),
  active: z.boolean(),
});
export type VolunteerRow = z.infer<typeof volunteerRow>;
export const volunteersQuery = z.strictObject({
  communityId: objectId.optional(),
  active: activeQuery,
  page,
  pageSize,
});
export const volunteerPage = paged(volunteerRow);
export const volunteerDetail = volunteerRow.extend({
  homeId: z.string().nullable(),
  /** Confirmed service hours, kept when the person stops volunteering. */
  hours: z.number(),
});
export type VolunteerDetail = z.infer<typeof volunteerDetail>;

export const correctVolunteerBody = z
  .strictObject({ name: personName.optional(), phone: phone.optional(), reason })
  .refine(somethingBesides('reason'), NOTHING);
/** 搬迁: the new home, a community, complex or building of the county. */
export const moveVolunteerBody = z.strictObject({ placeId: objectId, reason });

// ——— Complexes ———

export const rosterComplex = z.object({
  id: z.string(),
  name: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  old: z.boolean(),
  hasProperty: z.boolean(),
  buildings: z.number().int(),
  active: z.boolean(),
});
export type RosterComplex = z.infer<typeof rosterComplex>;
export const complexesQuery = z.strictObject({
  communityId: objectId.optional(),
  active: activeQuery,
  page,
  pageSize,
});
export const rosterComplexPage = paged(rosterComplex);

export const correctComplexBody = z
  .strictObject({
    name: z.string().trim().min(1, '请填写小区名称').max(40, '小区名称最多 40 个字').optional(),
    old: z.boolean().optional(),
    hasProperty: z.boolean().optional(),
    reason,
  })
  .refine(somethingBesides('reason'), NOTHING);

/** To another grid of the same community; the buildings go with it. */
export const moveComplexBody = z.strictObject({ gridId: objectId, reason });
