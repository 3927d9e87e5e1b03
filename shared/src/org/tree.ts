import type { Role } from '../roles';
import { ORG_KIND_LABELS, type OrgKind } from './refs';

/** Kinds of node administrators create, rename, move, merge and deactivate (the county itself is made by setup). */
export const TREE_KINDS = ['street', 'community', 'grid', 'complex', 'building', 'department'] as const;
export type TreeKind = (typeof TREE_KINDS)[number];

/** The one kind of parent each kind nests under: county → street → community → grid → complex → building. */
export const PARENT_KIND: Record<TreeKind, OrgKind> = {
  street: 'county',
  community: 'street',
  grid: 'community',
  complex: 'grid',
  building: 'complex',
  department: 'county',
};

/** What may be created under a node of each kind. */
export const CHILD_KINDS: Record<OrgKind, readonly TreeKind[]> = {
  county: ['street', 'department'],
  street: ['community'],
  community: ['grid'],
  grid: ['complex'],
  complex: ['building'],
  building: [],
  department: [],
};

/** Kinds only a county administrator looks after (a street administrator has their street's communities and below). */
export const COUNTY_ONLY_KINDS: readonly TreeKind[] = ['street', 'department'];

/** Who administers the tree: the county everywhere, a street administrator inside their street. */
export const ORG_ADMIN_ROLES = ['countyAdmin', 'streetAdmin'] as const satisfies readonly Role[];

export const ORG_NAME_MAX = 40;

/** Changes recorded for every node and unit (orgEvents). */
export const ORG_EVENT_ACTIONS = ['create', 'rename', 'update', 'move', 'merge', 'deactivate'] as const;
export type OrgEventAction = (typeof ORG_EVENT_ACTIONS)[number];
export const ORG_EVENT_ACTION_LABELS: Record<OrgEventAction, string> = {
  create: '新建',
  rename: '改名',
  update: '修改',
  move: '调整归属',
  merge: '合并',
  deactivate: '停用',
};

/** What an event is about: a node of the tree or a resident unit. */
export type OrgSubjectKind = OrgKind | 'unit';
export const ORG_SUBJECT_LABELS: Record<OrgSubjectKind, string> = { ...ORG_KIND_LABELS, unit: '驻区单位' };

/**
 * What can still hang on a place (or a unit) when it is deactivated: the lower nodes, the people
 * and every open record. Counted by the areas that own them (cloud/src/<area>/<area>.places.ts).
 */
export const HANGING_KINDS = [
  'streets',
  'communities',
  'grids',
  'complexes',
  'buildings',
  'units',
  'residents',
  'openNeeds',
  'openWhistles',
  'upcomingActivities',
  'resources',
  'pendingBookings',
  'openProjects',
  'gridMembers',
  'openFindings',
  'stations',
  'teams',
  'grants',
  'invitations',
  'partyMembers',
  'branches',
  'registrations',
  'staffMembers',
  'menuItems',
  'notices',
  'shopItems',
] as const;
export type HangingKind = (typeof HANGING_KINDS)[number];

/** "12 位居民": a count in words a resident understands, per kind. */
export const HANGING_WORDS: Record<HangingKind, [measure: string, noun: string]> = {
  streets: ['个', '街道'],
  communities: ['个', '社区'],
  grids: ['个', '网格'],
  complexes: ['个', '小区'],
  buildings: ['栋', '楼'],
  units: ['个', '驻区单位'],
  residents: ['位', '居民'],
  openNeeds: ['条', '未办结的需求'],
  openWhistles: ['个', '未办结的吹哨'],
  upcomingActivities: ['个', '还没结束的活动'],
  resources: ['项', '在用的资源'],
  pendingBookings: ['个', '还没用完的预约'],
  openProjects: ['个', '进行中的项目'],
  gridMembers: ['位', '网格团队成员'],
  openFindings: ['条', '未处理的巡查发现'],
  stations: ['个', '服务站点'],
  teams: ['支', '志愿队'],
  grants: ['个', '岗位授权'],
  invitations: ['个', '未使用的邀请'],
  partyMembers: ['名', '党员'],
  branches: ['个', '党支部'],
  registrations: ['名', '报到的在职党员'],
  staffMembers: ['名', '社区工作人员'],
  menuItems: ['项', '本社区的服务菜单'],
  notices: ['条', '公告'],
  shopItems: ['件', '积分商品'],
};

export interface HangingCount {
  kind: HangingKind;
  count: number;
}

export const hangingText = (h: HangingCount): string => {
  const [measure, noun] = HANGING_WORDS[h.kind];
  return `${h.count} ${measure}${noun}`;
};

/**
 * The impact in one sentence: "还有 12 位居民、3 条未办结的需求在这里，将转到「南门社区」".
 * Without a target: what must go somewhere first. Nothing left: it can simply be closed.
 */
export function impactSentence(items: readonly HangingCount[], targetName: string | null): string {
  const shown = items.filter((i) => i.count > 0);
  if (!shown.length)
    return targetName
      ? `这里已经没有需要转移的内容，停用后由「${targetName}」接替`
      : '这里已经没有任何内容，可以直接停用';
  const list = shown.map(hangingText).join('、');
  return targetName ? `还有 ${list}在这里，将转到「${targetName}」` : `还有 ${list}在这里，请先选择转到哪里`;
}
