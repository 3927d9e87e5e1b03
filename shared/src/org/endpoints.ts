import { endpoint } from '../endpoint';
import {
  createOrgNodeBody,
  createOrgUnitBody,
  deactivateOrgNodeBody,
  listOrgChildrenQuery,
  listOrgEventsQuery,
  listOrgUnitsQuery,
  mergeOrgNodeBody,
  moveOrgNodeBody,
  moveOrgUnitBody,
  orgChangeResult,
  orgChildrenList,
  orgEventList,
  orgImpact,
  orgImpactQuery,
  orgNodeDetail,
  orgNodeParams,
  orgTreeNode,
  orgUnitChangeResult,
  orgUnitDetail,
  orgUnitImpact,
  orgUnitList,
  orgUnitView,
  updateOrgNodeBody,
  updateOrgUnitBody,
} from './schemas';
import { ORG_ADMIN_ROLES } from './tree';

// 组织架构: the county administers the whole tree, a street administrator their street's
// communities and everything below them, and the street's resident units.
const tag = 'org';
const access = ORG_ADMIN_ROLES;
const ID = '665f1c2e8b3a4d0012345678';

export const listOrgChildren = endpoint({
  id: 'listOrgChildren',
  method: 'get',
  path: '/api/v1/org/children',
  summary: '组织架构：某个节点下一级的街道、社区、网格、小区、楼栋或职能部门（分页，含下级数量）',
  tag,
  access,
  query: listOrgChildrenQuery,
  response: orgChildrenList,
});

export const getOrgNode = endpoint({
  id: 'getOrgNode',
  method: 'get',
  path: '/api/v1/org/nodes/:id',
  summary: '组织架构节点详情：所在位置、下级数量、居民和未办结事项数量',
  tag,
  access,
  params: orgNodeParams,
  response: orgNodeDetail,
});

export const createOrgNode = endpoint({
  id: 'createOrgNode',
  method: 'post',
  path: '/api/v1/org/nodes',
  summary: '新建街道、社区、网格、小区、楼栋或职能部门（同一上级下名称不能重复）',
  tag,
  access,
  body: createOrgNodeBody,
  response: orgTreeNode,
  idempotent: true,
  example: { kind: 'community', parentId: ID, name: '老街社区' },
});

export const updateOrgNode = endpoint({
  id: 'updateOrgNode',
  method: 'patch',
  path: '/api/v1/org/nodes/:id',
  summary: '改名，或修改小区的老旧小区、有无物业和位置，社区的联系电话和办公时间',
  tag,
  access,
  params: orgNodeParams,
  body: updateOrgNodeBody,
  response: orgTreeNode,
  example: { name: '老街新社区', reason: '按民政局批复更名' },
});

export const moveOrgNode = endpoint({
  id: 'moveOrgNode',
  method: 'post',
  path: '/api/v1/org/nodes/:id/move',
  summary: '调整归属：把节点连同下级和所有记录移到另一个上级（如小区划到另一个网格）',
  tag,
  access,
  params: orgNodeParams,
  body: moveOrgNodeBody,
  response: orgChangeResult,
  example: { parentId: ID, reason: '网格调整' },
});

export const getOrgNodeImpact = endpoint({
  id: 'getOrgNodeImpact',
  method: 'get',
  path: '/api/v1/org/nodes/:id/impact',
  summary: '停用或合并前查看：还有哪些下级、居民和未办结事项在这里，将转到哪里',
  tag,
  access,
  params: orgNodeParams,
  query: orgImpactQuery,
  response: orgImpact,
});

export const mergeOrgNode = endpoint({
  id: 'mergeOrgNode',
  method: 'post',
  path: '/api/v1/org/nodes/:id/merge',
  summary: '合并：把这个节点的下级和所有记录并入同类的另一个节点，然后停用它',
  tag,
  access,
  params: orgNodeParams,
  body: mergeOrgNodeBody,
  response: orgChangeResult,
  example: { targetId: ID, reason: '两个社区合并' },
});

export const deactivateOrgNode = endpoint({
  id: 'deactivateOrgNode',
  method: 'post',
  path: '/api/v1/org/nodes/:id/deactivate',
  summary: '停用节点：还有内容时须指定转到的同类节点，否则拒绝（409，说明还有什么）',
  tag,
  access,
  params: orgNodeParams,
  body: deactivateOrgNodeBody,
  response: orgChangeResult,
  example: { targetId: ID, reason: '小区已拆除' },
});

export const listOrgEvents = endpoint({
  id: 'listOrgEvents',
  method: 'get',
  path: '/api/v1/org/events',
  summary: '组织架构变更记录：某个节点或驻区单位的新建、改名、调整、合并、停用（谁、何时、前后、原因）',
  tag,
  access,
  query: listOrgEventsQuery,
  response: orgEventList,
});

// ---------------------------------------------------------------- resident units (驻区单位)

export const listOrgUnits = endpoint({
  id: 'listOrgUnits',
  method: 'get',
  path: '/api/v1/org/units',
  summary: '驻区单位名录（管理用，可含已停用的）：县级看全部，街道看本街道',
  tag,
  access,
  query: listOrgUnitsQuery,
  response: orgUnitList,
});

export const getOrgUnit = endpoint({
  id: 'getOrgUnit',
  method: 'get',
  path: '/api/v1/org/units/:id',
  summary: '驻区单位详情：所属街道、在用的资源、授权等',
  tag,
  access,
  params: orgNodeParams,
  response: orgUnitDetail,
});

export const createOrgUnit = endpoint({
  id: 'createOrgUnit',
  method: 'post',
  path: '/api/v1/org/units',
  summary: '新增驻区单位（同一街道内名称不能重复）',
  tag,
  access,
  body: createOrgUnitBody,
  response: orgUnitView,
  idempotent: true,
  example: { name: '县第二中学', kind: '教育', streetId: ID },
});

export const updateOrgUnit = endpoint({
  id: 'updateOrgUnit',
  method: 'patch',
  path: '/api/v1/org/units/:id',
  summary: '驻区单位改名或修改类别',
  tag,
  access,
  params: orgNodeParams,
  body: updateOrgUnitBody,
  response: orgUnitView,
  example: { name: '县第二高级中学' },
});

export const moveOrgUnit = endpoint({
  id: 'moveOrgUnit',
  method: 'post',
  path: '/api/v1/org/units/:id/move',
  summary: '驻区单位改属另一个街道（仅县级）',
  tag,
  access,
  params: orgNodeParams,
  body: moveOrgUnitBody,
  response: orgUnitChangeResult,
  example: { streetId: ID, reason: '单位搬迁' },
});

export const getOrgUnitImpact = endpoint({
  id: 'getOrgUnitImpact',
  method: 'get',
  path: '/api/v1/org/units/:id/impact',
  summary: '停用或合并驻区单位前查看：还有哪些资源、授权、活动等，将转到哪里',
  tag,
  access,
  params: orgNodeParams,
  query: orgImpactQuery,
  response: orgUnitImpact,
});

export const mergeOrgUnit = endpoint({
  id: 'mergeOrgUnit',
  method: 'post',
  path: '/api/v1/org/units/:id/merge',
  summary: '合并驻区单位：资源、授权、活动等并入另一个单位，然后停用它',
  tag,
  access,
  params: orgNodeParams,
  body: mergeOrgNodeBody,
  response: orgUnitChangeResult,
  example: { targetId: ID, reason: '单位合并' },
});

export const deactivateOrgUnit = endpoint({
  id: 'deactivateOrgUnit',
  method: 'post',
  path: '/api/v1/org/units/:id/deactivate',
  summary: '停用驻区单位：还有内容时须指定转到的单位，否则拒绝（409）',
  tag,
  access,
  params: orgNodeParams,
  body: deactivateOrgNodeBody,
  response: orgUnitChangeResult,
  example: { reason: '单位撤销' },
});
