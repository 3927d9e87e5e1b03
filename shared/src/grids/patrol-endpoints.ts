import { endpoint } from '../endpoint';
import { GRID_VIEWERS } from './schemas';
import { convertFindingToWhistleBody } from './finding-whistle';
import {
  FINDING_HANDLER_ROLES,
  PATROLLER_ROLES,
  closeFindingBody,
  convertFindingToNeedBody,
  findingInput,
  findingList,
  findingParams,
  findingView,
  listFindingsQuery,
  listPatrolsQuery,
  logPatrolBody,
  patrolDetail,
  patrolList,
  patrolParams,
} from './patrols';

// Endpoints of weekly patrols (巡查) and their findings. Scope (own grid / community / street / county) is checked in the use cases.

export const logPatrol = endpoint({
  id: 'logPatrol',
  method: 'post',
  path: '/api/v1/patrols',
  summary: '记录一次巡查：本人网格内的起止时间、巡查到的小区楼栋，以及发现的问题（类别、描述、照片、位置）',
  tag: 'patrols',
  access: PATROLLER_ROLES,
  body: logPatrolBody,
  response: patrolDetail,
  idempotent: true,
  example: {
    gridId: '6a2e8b4c0d1f3a5b7c9e1d2f',
    startedAt: '2026-11-23T09:00:00+08:00',
    endedAt: '2026-11-23T10:30:00+08:00',
    placeIds: ['6a2e8b4c0d1f3a5b7c9e1d30', '6a2e8b4c0d1f3a5b7c9e1d31'],
    note: '重点看了老旧小区的楼道和消防通道',
    findings: [
      {
        category: 'facilities',
        description: '1 号楼 2 单元楼道灯不亮',
        photos: [],
        location: { lat: 30.2741, lng: 120.1551 },
        placeId: '6a2e8b4c0d1f3a5b7c9e1d31',
      },
    ],
  },
});

export const listPatrols = endpoint({
  id: 'listPatrols',
  method: 'get',
  path: '/api/v1/patrols',
  summary: '巡查记录（管理端）：本人辖区内的巡查，新的在前，可按网格、社区、周筛选',
  tag: 'patrols',
  access: GRID_VIEWERS,
  query: listPatrolsQuery,
  response: patrolList,
});

export const getPatrol = endpoint({
  id: 'getPatrol',
  method: 'get',
  path: '/api/v1/patrols/:id',
  summary: '巡查详情及其发现',
  tag: 'patrols',
  access: GRID_VIEWERS,
  params: patrolParams,
  response: patrolDetail,
});

export const addPatrolFinding = endpoint({
  id: 'addPatrolFinding',
  method: 'post',
  path: '/api/v1/patrols/:id/findings',
  summary: '给本人的一次巡查补记一条发现',
  tag: 'patrols',
  access: PATROLLER_ROLES,
  params: patrolParams,
  body: findingInput,
  response: findingView,
  idempotent: true,
  example: { category: 'sanitation', description: '3 号楼北侧绿化带堆了建筑垃圾', photos: [] },
});

export const listFindings = endpoint({
  id: 'listFindings',
  method: 'get',
  path: '/api/v1/patrol-findings',
  summary: '巡查发现（管理端）：本人辖区内的发现，可按状态、类别、网格、社区筛选，新的在前',
  tag: 'patrols',
  access: GRID_VIEWERS,
  query: listFindingsQuery,
  response: findingList,
});

export const getFinding = endpoint({
  id: 'getFinding',
  method: 'get',
  path: '/api/v1/patrol-findings/:id',
  summary: '巡查发现详情：处置去向（转为需求、吹哨或现场处置）',
  tag: 'patrols',
  access: GRID_VIEWERS,
  params: findingParams,
  response: findingView,
});

export const convertFindingToNeed = endpoint({
  id: 'convertFindingToNeed',
  method: 'post',
  path: '/api/v1/patrol-findings/:id/to-need',
  summary:
    '一步把发现转为需求（代居民点单）：默认沿用发现的描述、地点和照片，按类别选菜单项（无合适项时按“其他”）；每条发现只能转一次，重复点击得到同一条需求',
  tag: 'patrols',
  access: FINDING_HANDLER_ROLES,
  params: findingParams,
  body: convertFindingToNeedBody,
  response: findingView,
  idempotent: true,
  example: { onBehalfOf: { name: '王桂芳', phone: '13912345678' } },
});

export const convertFindingToWhistle = endpoint({
  id: 'convertFindingToWhistle',
  method: 'post',
  path: '/api/v1/patrol-findings/:id/to-whistle',
  summary:
    '一步把发现转为吹哨：从本人所在的网格或社区吹给街道、职能部门或在职党员，默认沿用发现的类别、描述和地点；每条发现只能转一次，重复点击得到同一条吹哨',
  tag: 'patrols',
  access: FINDING_HANDLER_ROLES,
  params: findingParams,
  body: convertFindingToWhistleBody,
  response: findingView,
  idempotent: true,
  example: {
    type: 'govToDepartment',
    urgency: 'urgent',
    targets: [{ kind: 'department', orgId: '6a2e8b4c0d1f3a5b7c9e1d2f' }],
  },
});

export const closeFinding = endpoint({
  id: 'closeFinding',
  method: 'post',
  path: '/api/v1/patrol-findings/:id/close',
  summary: '办结发现：待处理的发现为现场处置（之后不能再转办），已转办的在需求或吹哨办结后关闭；须写明处置结果',
  tag: 'patrols',
  access: FINDING_HANDLER_ROLES,
  params: findingParams,
  body: closeFindingBody,
  response: findingView,
  example: { note: '已联系物业当场清理' },
});
