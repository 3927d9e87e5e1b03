/** Roles of DESIGN.md "Who uses it". The English word is the name in code. */
export const ROLES = [
  'resident',
  'volunteer',
  'partyMember',
  'gridWorker',
  'staff',
  'streetAdmin',
  'department',
  'unitAdmin',
  'servicePerson',
  'countyAdmin',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  partyMember: '党员',
  gridWorker: '网格员',
  staff: '社区工作者',
  streetAdmin: '街道管理员',
  department: '职能部门',
  unitAdmin: '驻区单位管理员',
  servicePerson: '服务人员',
  countyAdmin: '县级管理员',
};

/**
 * Roles held by a grant (授权): a record of person × role × place, made by invitation along the tree,
 * listed, revoked and expiring (DESIGN.md "Accounts, roles and going live").
 */
export const GRANT_ROLES = [
  'countyAdmin',
  'streetAdmin',
  'department',
  'staff',
  'gridWorker',
  'unitAdmin',
  'servicePerson',
] as const satisfies readonly Role[];
export type GrantRole = (typeof GRANT_ROLES)[number];

/** Roles a person has by who they are, not by a grant: living in a community, a volunteer roster, a party roster. */
export const MEMBERSHIP_ROLES = ['resident', 'volunteer', 'partyMember'] as const satisfies readonly Role[];
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export function isGrantRole(role: Role): role is GrantRole {
  return (GRANT_ROLES as readonly Role[]).includes(role);
}

/** Roles that see the admin tab (管理). */
export const STAFF_ROLES: readonly Role[] = [
  'gridWorker',
  'staff',
  'streetAdmin',
  'department',
  'unitAdmin',
  'countyAdmin',
];

export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}
