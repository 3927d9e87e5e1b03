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
  countyAdmin: '县级管理员',
};

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
