/**
 * Rosters the dashboards count (seed section 三): party branches and members, community staff.
 * The shapes below are the contract between the people area (which owns, seeds and imports these
 * collections) and the stats area (which only counts them). Ids (`placeId`, `branchId`, `unitId`) are
 * ObjectIds in the database, strings here as everywhere in the API: filter with ObjectIds. Sensitive fields (ID number, phone,
 * the member's name) are stored encrypted and never appear here.
 */

/** 党员类别: A 在职在岗, B 离退休/年老, C 流动/外出, D 其他 — derived from age, health and post; staff may override. */
export const MEMBER_CATEGORIES = ['A', 'B', 'C', 'D'] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];

/** Highest education, in the order the dashboards print it. "专科及以下" = the first three. */
export const EDUCATION_LEVELS = ['初中及以下', '高中/中专', '大专', '本科', '研究生'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** 《中国共产党支部工作条例（试行）》: a branch generally has no more than 50 members. */
export const BRANCH_MEMBER_LIMIT = 50;

/** Whole years between a YYYY-MM-DD birth date and a YYYY-MM-DD day (the dashboards' and the category rule's age). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number);
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Collection `branches`: one party branch (支部). */
export interface BranchRecord {
  name: string;
  /** The org node the branch sits in (a community, or the street for unit branches). */
  placeId: string;
  /** Set when the branch belongs to a resident unit (驻区单位). */
  unitId: string | null;
}

/** Collection `partyMembers`: plain fields the dashboards may count; the rest is encrypted. */
export interface PartyMemberRecord {
  branchId: string;
  /** Home community (居住地/报到社区). */
  placeId: string;
  /** YYYY-MM-DD; age is computed on the dashboard's reference date. */
  birthDate: string;
  /** 流动党员 (working away from home). */
  mobile: boolean;
  category: MemberCategory;
  /** false once transferred out or deceased; dashboards count active members only. */
  active: boolean;
}

/** Collection `staffMembers`: community workers (社区“两委”及工作人员). */
export interface StaffMemberRecord {
  name: string;
  /** The community they work in. */
  placeId: string;
  birthDate: string;
  education: EducationLevel;
  /** 职务, e.g. 书记, 主任, 委员, 网格员. */
  post: string;
  /** Member of the community's two committees (社区“两委”). */
  committee: boolean;
  active: boolean;
}

/** Roles that see their community's (street's, county's) 两委 and staff roster. */
export const STAFF_ROSTER_VIEWERS = ['staff', 'streetAdmin', 'countyAdmin'] as const;
