import { endpoint } from '../endpoint';
import { z, objectId } from '../validation';
import {
  GRID_RESIDENT_ROLES,
  GRID_TEAM_EDITORS,
  GRID_VIEWERS,
  coverageQuery,
  gridList,
  gridMemberParams,
  gridParams,
  gridTeam,
  listGridsQuery,
  myGrid,
  orgNode,
  patrolCoverage,
  setGridMemberBody,
  updateGridMemberBody,
} from './schemas';

export const listPlaces = endpoint({
  id: 'listPlaces',
  method: 'get',
  path: '/api/v1/places',
  summary: '地址选择：某社区的小区与楼栋（不传 communityId 时为本人所在社区），下单时选择服务地址用',
  tag: 'grids',
  access: 'signedIn',
  query: z.strictObject({ communityId: objectId.optional() }),
  response: z.object({
    community: orgNode,
    grids: z.array(orgNode),
    complexes: z.array(orgNode),
    buildings: z.array(orgNode),
  }),
});

export const listCommunities = endpoint({
  id: 'listCommunities',
  method: 'get',
  path: '/api/v1/communities',
  summary: '全县的街道与社区（筛选、切换社区用）',
  tag: 'grids',
  access: 'signedIn',
  response: z.object({ streets: z.array(orgNode), communities: z.array(orgNode) }),
});

// ——— Grids and their teams ("1+1+3+X") ———

export const listGrids = endpoint({
  id: 'listGrids',
  method: 'get',
  path: '/api/v1/grids',
  summary: '网格列表（管理端）：本人辖区内的网格及其小区、团队概况和本周巡查情况，可按社区筛选',
  tag: 'grids',
  access: GRID_VIEWERS,
  query: listGridsQuery,
  response: gridList,
});

export const getMyGrid = endpoint({
  id: 'getMyGrid',
  method: 'get',
  path: '/api/v1/grids/mine',
  summary: '我的网格：按本人住址确定的网格、网格员和网格长（电话部分隐藏）',
  tag: 'grids',
  access: GRID_RESIDENT_ROLES,
  response: myGrid,
});

export const getGridTeam = endpoint({
  id: 'getGridTeam',
  method: 'get',
  path: '/api/v1/grids/:id/team',
  summary: '网格团队（1+1+3+X）：网格长、网格员、物业负责人、治安志愿者、社区党员干部和驻区单位党员，各自的职责',
  tag: 'grids',
  access: GRID_VIEWERS,
  params: gridParams,
  response: gridTeam,
});

export const setGridMember = endpoint({
  id: 'setGridMember',
  method: 'post',
  path: '/api/v1/grids/:id/members',
  summary: '加入网格团队成员：有账号的选账号，没有的填姓名和电话；网格长、网格员每格各一人（已有则先移除）；职责可多选',
  tag: 'grids',
  access: GRID_TEAM_EDITORS,
  params: gridParams,
  body: setGridMemberBody,
  response: gridTeam,
  idempotent: true,
  example: {
    position: 'security',
    name: '钱德明',
    phone: '13912340021',
    duties: ['patroller', 'infoCollector'],
  },
});

export const updateGridMember = endpoint({
  id: 'updateGridMember',
  method: 'patch',
  path: '/api/v1/grid-members/:id',
  summary: '修改网格团队成员的职责',
  tag: 'grids',
  access: GRID_TEAM_EDITORS,
  params: gridMemberParams,
  body: updateGridMemberBody,
  response: gridTeam,
  example: { duties: ['patroller', 'mediator'] },
});

export const removeGridMember = endpoint({
  id: 'removeGridMember',
  method: 'delete',
  path: '/api/v1/grid-members/:id',
  summary: '移出网格团队成员（网格长、网格员移出后可另行指定）',
  tag: 'grids',
  access: GRID_TEAM_EDITORS,
  params: gridMemberParams,
  response: gridTeam,
});

export const getPatrolCoverage = endpoint({
  id: 'getPatrolCoverage',
  method: 'get',
  path: '/api/v1/grids/coverage',
  summary:
    '巡查覆盖：某一周（ISO 周，按北京时间周一 0 点至下周一 0 点，默认本周）辖区内每个网格是否巡查过、最近一次巡查、应由谁巡查；可只看未巡查的网格',
  tag: 'grids',
  access: GRID_VIEWERS,
  query: coverageQuery,
  response: patrolCoverage,
});

export * from './patrol-endpoints';
