import { z, objectId, page, pageSize, paged } from '../validation';
import { MEMBER_CATEGORIES } from '../people/rosters';
import { EMPLOYMENTS, HEALTHS } from './category';

/** Roles that may hold the party-work duty (党务); the duty itself is checked on the user, not the role. */
export const PARTY_WORK_ROLES = ['staff', 'streetAdmin', 'countyAdmin'] as const;
export const PARTY_WORK_DUTY = 'partyWork';

export const branch = z.object({
  id: z.string(),
  name: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  unitName: z.string().nullable(),
  memberCount: z.number().int(),
  /** More than BRANCH_MEMBER_LIMIT active members: the 支部工作条例 says a branch should be split. */
  overLimit: z.boolean(),
});
export type Branch = z.infer<typeof branch>;
export const branchesQuery = z.strictObject({ communityId: objectId.optional() });
export const branchList = z.object({ items: z.array(branch), limit: z.number().int() });

/** A member as lists show them: name masked, no ID number or phone. */
export const memberSummary = z.object({
  id: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  nameMasked: z.string(),
  age: z.number().int(),
  mobile: z.boolean(),
  employment: z.enum(EMPLOYMENTS),
  category: z.enum(MEMBER_CATEGORIES),
  computedCategory: z.enum(MEMBER_CATEGORIES),
  active: z.boolean(),
  /** Linked to the member's own account (their points and study sessions count). */
  linked: z.boolean(),
});
export type MemberSummary = z.infer<typeof memberSummary>;

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const membersQuery = z.strictObject({
  branchId: objectId.optional(),
  communityId: objectId.optional(),
  category: z.enum(MEMBER_CATEGORIES).optional(),
  mobile: boolQuery.optional(),
  /** false: the members no longer on the roster (转出, 去世…), kept for history. */
  active: boolQuery.default(true),
  page,
  pageSize,
});
export const memberPage = paged(memberSummary);

export const categoryEvent = z.object({
  from: z.enum(MEMBER_CATEGORIES),
  to: z.enum(MEMBER_CATEGORIES),
  reason: z.string(),
  actorName: z.string(),
  at: z.string(),
});

export const memberDetail = memberSummary.extend({
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  birthDate: z.string(),
  health: z.enum(HEALTHS),
  /** The rule the computed category follows, in words. */
  categoryRule: z.string(),
  categoryEvents: z.array(categoryEvent),
});
export type MemberDetail = z.infer<typeof memberDetail>;

/** The full personal data, returned only by the audited "show full" action. */
export const memberFull = z.object({
  id: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
});

export const memberParams = z.strictObject({ id: objectId });
export const overrideCategoryBody = z.strictObject({
  category: z.enum(MEMBER_CATEGORIES),
  reason: z.string().trim().min(4, '请写明调整理由（至少 4 个字）').max(200, '理由最多 200 字'),
});

/** 双报到: posts (岗位) a community offers to in-service members. */
export const registrationPost = z.object({ id: z.string(), name: z.string(), description: z.string() });
export const postsQuery = z.strictObject({ communityId: objectId.optional() });
export const postList = z.object({ items: z.array(registrationPost) });

export const registration = z.object({
  id: z.string(),
  name: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  postId: z.string(),
  postName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  registeredAt: z.string(),
});
export type Registration = z.infer<typeof registration>;

export const myRegistration = z.object({
  registration: registration.nullable(),
  communityName: z.string().nullable(),
  posts: z.array(registrationPost),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const registerBody = z.strictObject({
  postId: objectId,
  /** The member's work unit (驻区单位 or any unit of the county): the year-end report goes back there. */
  unitId: objectId,
});

export const EVALUATION_RATINGS = ['excellent', 'good', 'fair', 'poor'] as const;
export type EvaluationRating = (typeof EVALUATION_RATINGS)[number];
export const EVALUATION_RATING_LABELS: Record<EvaluationRating, string> = {
  excellent: '优秀',
  good: '称职',
  fair: '基本称职',
  poor: '不称职',
};

export const year = z.coerce.number().int().min(2000).max(2100);

export const registrationRow = registration.extend({
  evaluation: z
    .object({ rating: z.enum(EVALUATION_RATINGS), comment: z.string(), evaluatorName: z.string(), at: z.string() })
    .nullable(),
});
export const registrationsQuery = z.strictObject({ communityId: objectId.optional(), year, page, pageSize });
export const registrationPage = paged(registrationRow);

export const evaluateBody = z.strictObject({
  registrationId: objectId,
  year,
  rating: z.enum(EVALUATION_RATINGS),
  comment: z.string().trim().min(2, '请写评语（至少 2 个字）').max(300, '评语最多 300 字'),
});

export const reportUnitsQuery = z.strictObject({ year });
export const reportUnitList = z.object({
  items: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      memberCount: z.number().int(),
      evaluatedCount: z.number().int(),
    }),
  ),
});
export const reportParams = z.strictObject({ unitId: objectId });

// ——— Party members ↔ accounts ———

/** The account a member is linked to (name masked: staff check it against the member they see). */
export const memberLink = z.object({
  memberId: z.string(),
  userId: z.string().nullable(),
  userNameMasked: z.string().nullable(),
  userPhoneMasked: z.string().nullable(),
});
export type MemberLink = z.infer<typeof memberLink>;
/** Staff link by the phone number the member signed up with (staff ask the member for it). */
export const linkMemberBody = z.strictObject({
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号'),
});

// ——— 学习 sessions (三会一课 etc.) ———

export const studySession = z.object({
  id: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  date: z.string(),
  topic: z.string(),
  attendeeCount: z.number().int(),
  /** Attendees' names masked, as lists show them. */
  attendees: z.array(z.object({ memberId: z.string(), nameMasked: z.string() })),
  recordedByName: z.string(),
  recordedAt: z.string(),
});
export type StudySession = z.infer<typeof studySession>;
export const studySessionsQuery = z.strictObject({ branchId: objectId.optional(), page, pageSize });
export const studySessionPage = paged(studySession);
export const recordStudySessionBody = z.strictObject({
  branchId: objectId,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期'),
  topic: z.string().trim().min(2, '请写学习主题（至少 2 个字）').max(100, '主题最多 100 字'),
  /** Linked members of the branch who attended (each earns studySession points once per session). */
  memberIds: z.array(objectId).min(1, '请至少选择一名参加的党员').max(200),
});
/** Members of a branch who have an account (only they can earn points), for the attendee picker. */
export const branchParams = z.strictObject({ id: objectId });
export const linkedMemberList = z.object({
  items: z.array(z.object({ memberId: z.string(), nameMasked: z.string() })),
});
