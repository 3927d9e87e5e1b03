import { endpoint } from '../endpoint';
import {
  WHISTLE_BLOWERS,
  WHISTLE_ORIGINATOR_ROLES,
  WHISTLE_READERS,
  WHISTLE_REMINDERS,
  WHISTLE_RESPONDER_ROLES,
} from './rules';
import {
  blowWhistleBody,
  confirmWhistleBody,
  listWhistlesQuery,
  remindWhistleBody,
  reportWhistleBody,
  resolveWhistleBody,
  sendBackWhistleBody,
  updateWhistleRuleBody,
  whistleDepartmentList,
  whistleDetail,
  whistleList,
  whistleParams,
  whistleRuleList,
  whistleRuleParams,
  whistleRulesQuery,
  whistleRuleView,
  whistleTargetParams,
} from './schemas';

// Endpoints of 吹哨报到. Object-level scope (place, addressed department) is checked in the use cases.
// Only endpoints are exported from this file: `api.whistles` is read as the list of endpoints.

export const blowWhistle = endpoint({
  id: 'blowWhistle',
  method: 'post',
  path: '/api/v1/whistles',
  summary: '吹哨：社区、网格、街道或项目就解决不了的问题向街道、职能部门或在职党员吹哨，各报到对象须在时限内报到',
  description:
    '四种类型：社区吹哨街道报到（社区工作者、网格员）；政务吹哨部门报到（社区工作者、网格员、街道管理员）；' +
    '项目吹哨部门报到（项目管理人员）；社区吹哨党员报到（社区工作者，同时发起一个志愿召集活动）。' +
    '报到与办结时限按类型和类别的规则确定（默认：紧急 30 分钟 / 2 小时，较急 2 小时 / 24 小时，一般 24 小时 / 7 天），吹哨时锁定。',
  tag: 'whistles',
  access: WHISTLE_BLOWERS,
  body: blowWhistleBody,
  response: whistleDetail,
  example: {
    type: 'govToDepartment',
    subject: { kind: 'text' },
    title: '南门小区 2 号楼化粪池外溢',
    urgency: 'urgent',
    category: 'sanitation',
    description: '化粪池堵塞外溢，污水流到单元门口，社区无法疏通，需住建部门派车抽排。',
    targets: [{ kind: 'department', orgId: '6a2e8b4c0d1f3a5b7c9e1d2f' }],
  },
  idempotent: true,
});

export const listWhistles = endpoint({
  id: 'listWhistles',
  method: 'get',
  path: '/api/v1/whistles',
  summary:
    '吹哨列表：职能部门只看吹给本部门的；街道看本街道社区的和吹给本街道的；社区看本社区的；网格员看本网格的；党员看吹给本社区党员的；县级看全部',
  tag: 'whistles',
  access: WHISTLE_READERS,
  query: listWhistlesQuery,
  response: whistleList,
});

export const getWhistle = endpoint({
  id: 'getWhistle',
  method: 'get',
  path: '/api/v1/whistles/:id',
  summary: '吹哨详情：各报到对象的状态、时限、办理结果与完整时间线',
  tag: 'whistles',
  access: WHISTLE_READERS,
  params: whistleParams,
  response: whistleDetail,
});

export const reportWhistle = endpoint({
  id: 'reportWhistle',
  method: 'post',
  path: '/api/v1/whistles/:id/targets/:targetId/report',
  summary: '报到：被吹哨的街道、职能部门或党员确认接收（targetId 为该街道或部门的编号，党员报到为社区编号）',
  tag: 'whistles',
  access: WHISTLE_RESPONDER_ROLES,
  params: whistleTargetParams,
  body: reportWhistleBody,
  response: whistleDetail,
  example: { note: '已安排城建股张工今天下午到现场' },
});

export const resolveWhistle = endpoint({
  id: 'resolveWhistle',
  method: 'post',
  path: '/api/v1/whistles/:id/targets/:targetId/resolve',
  summary: '办结：报到方填写办理结果（可附照片），交吹哨方确认',
  tag: 'whistles',
  access: WHISTLE_RESPONDER_ROLES,
  params: whistleTargetParams,
  body: resolveWhistleBody,
  response: whistleDetail,
  example: { result: '已派吸污车抽排并疏通管道，化粪池恢复正常', photos: [] },
});

export const confirmWhistle = endpoint({
  id: 'confirmWhistle',
  method: 'post',
  path: '/api/v1/whistles/:id/targets/:targetId/confirm',
  summary:
    '确认办结：吹哨方（吹哨人、发起社区的工作人员或发起街道的管理员）确认并评价满意度（1–5 星，4 星及以上为满意）',
  tag: 'whistles',
  access: WHISTLE_ORIGINATOR_ROLES,
  params: whistleTargetParams,
  body: confirmWhistleBody,
  response: whistleDetail,
  example: { satisfaction: 5, comment: '响应很快' },
});

export const sendBackWhistle = endpoint({
  id: 'sendBackWhistle',
  method: 'post',
  path: '/api/v1/whistles/:id/targets/:targetId/send-back',
  summary: '退回：吹哨方认为问题未解决，写明原因退回报到方重新办理',
  tag: 'whistles',
  access: WHISTLE_ORIGINATOR_ROLES,
  params: whistleTargetParams,
  body: sendBackWhistleBody,
  response: whistleDetail,
  example: { reason: '只疏通了管道，外溢的污水没有清理' },
});

export const remindWhistle = endpoint({
  id: 'remindWhistle',
  method: 'post',
  path: '/api/v1/whistles/:id/targets/:targetId/remind',
  summary:
    '督办：县级管理员（全县）或街道管理员（本街道的吹哨）催办一个尚未办结的报到任务，记入办理经过并通知报到方及其上级；同一任务每小时只能督办一次',
  tag: 'whistles',
  access: WHISTLE_REMINDERS,
  params: whistleTargetParams,
  body: remindWhistleBody,
  response: whistleDetail,
  example: { note: '燃气泄漏，请立即派人到场处置' },
});

export const listWhistleRules = endpoint({
  id: 'listWhistleRules',
  method: 'get',
  path: '/api/v1/whistle-rules',
  summary: '吹哨时限规则：按类型、类型+类别配置的报到与办结时限，以及未配置时的默认时限',
  tag: 'whistles',
  access: ['countyAdmin'],
  query: whistleRulesQuery,
  response: whistleRuleList,
});

export const updateWhistleRule = endpoint({
  id: 'updateWhistleRule',
  method: 'put',
  path: '/api/v1/whistle-rules/:type/:category',
  summary: '设置某类型（category 为 default 时）或某类型某类别的报到与办结时限（分钟），只影响之后吹的哨',
  tag: 'whistles',
  access: ['countyAdmin'],
  params: whistleRuleParams,
  body: updateWhistleRuleBody,
  response: whistleRuleView,
  example: {
    limits: {
      emergency: { reportMinutes: 20, resolveMinutes: 120 },
      urgent: { reportMinutes: 60, resolveMinutes: 720 },
      normal: { reportMinutes: 720, resolveMinutes: 4320 },
    },
  },
});

export const listWhistleDepartments = endpoint({
  id: 'listWhistleDepartments',
  method: 'get',
  path: '/api/v1/whistle-departments',
  summary: '可吹哨的职能部门：全县的职能部门（吹哨时选择报到对象用），按名称排序',
  tag: 'whistles',
  access: WHISTLE_BLOWERS,
  response: whistleDepartmentList,
});
