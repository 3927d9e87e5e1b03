import { GRANT_ROLES, ROLE_LABELS, type GrantRole, type Role } from '../roles';

/** Where a grant holds: a node of the org tree, or a resident unit (驻区单位). */
export const GRANT_PLACE_KINDS = ['county', 'street', 'department', 'community', 'grid', 'unit'] as const;
export type GrantPlaceKind = (typeof GRANT_PLACE_KINDS)[number];

/** The one kind of place each role is granted at. */
export const GRANT_ROLE_PLACE: Record<GrantRole, GrantPlaceKind> = {
  countyAdmin: 'county',
  streetAdmin: 'street',
  department: 'department',
  staff: 'community',
  gridWorker: 'grid',
  unitAdmin: 'unit',
  servicePerson: 'unit',
};

/**
 * Who may grant what, along the tree (DESIGN.md): the county → street administrators, department
 * handlers and everything below; a street → community staff, grid workers, unit administrators and
 * service people in the street; community staff → grid workers of their community; a unit's
 * administrator → the unit's service people. The place must lie in the granter's own place.
 */
export const GRANTS_BY: Record<GrantRole, readonly GrantRole[]> = {
  countyAdmin: GRANT_ROLES,
  streetAdmin: ['staff', 'gridWorker', 'unitAdmin', 'servicePerson'],
  staff: ['gridWorker'],
  unitAdmin: ['servicePerson'],
  department: [],
  gridWorker: [],
  servicePerson: [],
};

/** Roles that may invite anyone at all (the grants and invitations endpoints' access). */
export const GRANTER_ROLES = GRANT_ROLES.filter((r) => GRANTS_BY[r].length > 0);

/** The roles someone holding `roles` may grant, in GRANT_ROLES order (most senior first). */
export function grantableRoles(roles: readonly Role[]): GrantRole[] {
  const can = new Set<GrantRole>();
  for (const r of roles) if (r in GRANTS_BY) for (const g of GRANTS_BY[r as GrantRole]) can.add(g);
  return GRANT_ROLES.filter((r) => can.has(r));
}

/** What a role does, in words an invitee understands before accepting. */
export const GRANT_ROLE_DUTIES: Record<GrantRole, string> = {
  countyAdmin: '管理全县的组织架构、人员授权、名册和数据看板',
  streetAdmin: '管理本街道的社区和网格，回应“社区吹哨、街道报到”，查看本街道的统计',
  department: '在限定时间内回应派给本部门的吹哨，报到并办结',
  staff: '受理和派发本社区居民的点单，组织活动和项目，必要时吹哨',
  gridWorker: '每周巡查负责的网格，发现问题及时上报，帮居民代下单',
  unitAdmin: '发布本单位的资源（人才、场地），邀请本单位的服务人员，回应派给本单位的需求',
  servicePerson: '接收派给您的居民需求，上门或电话服务，办完后填写服务结果',
};

/** Invitations are valid for this many days unless the granter says otherwise. */
export const INVITATION_DEFAULT_DAYS = 7;
export const INVITATION_MAX_DAYS = 30;

/** How a role is named in a sentence: "南门社区的社区工作者". */
export function postLabel(role: GrantRole, placeName: string): string {
  return `${placeName}的${ROLE_LABELS[role]}`;
}
