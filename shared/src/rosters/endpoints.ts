import { endpoint } from '../endpoint';
import { PARTY_WORK_ROLES, memberDetail } from '../party/schemas';
import {
  ROSTER_KEEPERS,
  correctComplexBody,
  correctPartyMemberBody,
  correctStaffMemberBody,
  correctVolunteerBody,
  rosterComplex,
  rosterComplexPage,
  complexesQuery,
  deactivatePartyMemberBody,
  moveComplexBody,
  movePartyMemberBody,
  moveToCommunityBody,
  moveVolunteerBody,
  reasonBody,
  rosterHistory,
  rosterParams,
  staffMemberDetail,
  volunteerDetail,
  volunteerPage,
  volunteersQuery,
} from './schemas';

// 名册维护: correct, move, deactivate and reactivate roster rows, each change an audited event.
// Scope: staff their community's rows, street admins their street's, county admins all; another
// place's row answers 404. Party rows also need the 党务 duty (403 without it).
const tag = 'rosters';
const ID = '000000000000000000000000';

export const correctPartyMember = endpoint({
  id: 'correctPartyMember',
  method: 'post',
  path: '/api/v1/rosters/party-members/:id/correct',
  summary: '修改党员信息（姓名、电话、身份证号、出生日期、工作状态、身体状况、流动、类别；须写原因，留变更记录）',
  tag,
  access: PARTY_WORK_ROLES,
  params: rosterParams,
  body: correctPartyMemberBody,
  response: memberDetail,
  example: { employment: 'retired', reason: '已于今年 3 月退休' },
});

export const movePartyMember = endpoint({
  id: 'movePartyMember',
  method: 'post',
  path: '/api/v1/rosters/party-members/:id/move',
  summary: '党员调转到另一个支部或社区（所辖范围内；只算一次，留变更记录）',
  tag,
  access: PARTY_WORK_ROLES,
  params: rosterParams,
  body: movePartyMemberBody,
  response: memberDetail,
  example: { branchId: ID, reason: '支部拆分，调入新支部' },
});

export const deactivatePartyMember = endpoint({
  id: 'deactivatePartyMember',
  method: 'post',
  path: '/api/v1/rosters/party-members/:id/deactivate',
  summary: '党员停用：组织关系转出、去世等（保留历史，不再计入统计）',
  tag,
  access: PARTY_WORK_ROLES,
  params: rosterParams,
  body: deactivatePartyMemberBody,
  response: memberDetail,
  example: { cause: 'transferredOut', reason: '组织关系转至外县' },
});

export const reactivatePartyMember = endpoint({
  id: 'reactivatePartyMember',
  method: 'post',
  path: '/api/v1/rosters/party-members/:id/reactivate',
  summary: '恢复已停用的党员（须写原因）',
  tag,
  access: PARTY_WORK_ROLES,
  params: rosterParams,
  body: reasonBody,
  response: memberDetail,
  example: { reason: '误操作，恢复' },
});

export const listPartyMemberHistory = endpoint({
  id: 'listPartyMemberHistory',
  method: 'get',
  path: '/api/v1/rosters/party-members/:id/history',
  summary: '党员名册的变更记录（谁、何时、改了什么、原因；个人信息脱敏）',
  tag,
  access: PARTY_WORK_ROLES,
  params: rosterParams,
  response: rosterHistory,
});

export const showStaffMember = endpoint({
  id: 'showStaffMember',
  method: 'get',
  path: '/api/v1/rosters/staff/:id',
  summary: '两委及工作人员名册的一行：职务、出生日期、学历、电话（脱敏；查看记入审计日志）',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  response: staffMemberDetail,
});

export const correctStaffMember = endpoint({
  id: 'correctStaffMember',
  method: 'post',
  path: '/api/v1/rosters/staff/:id/correct',
  summary: '修改工作人员信息（职务、两委、出生日期、学历、姓名、电话；须写原因）',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: correctStaffMemberBody,
  response: staffMemberDetail,
  example: { post: '主任', reason: '换届后任主任' },
});

export const moveStaffMember = endpoint({
  id: 'moveStaffMember',
  method: 'post',
  path: '/api/v1/rosters/staff/:id/move',
  summary: '工作人员调到所辖的另一个社区',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: moveToCommunityBody,
  response: staffMemberDetail,
  example: { communityId: ID, reason: '街道调整工作岗位' },
});

export const deactivateStaffMember = endpoint({
  id: 'deactivateStaffMember',
  method: 'post',
  path: '/api/v1/rosters/staff/:id/deactivate',
  summary: '工作人员离任（保留历史，不再计入两委统计）',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: reasonBody,
  response: staffMemberDetail,
  example: { reason: '换届离任' },
});

export const reactivateStaffMember = endpoint({
  id: 'reactivateStaffMember',
  method: 'post',
  path: '/api/v1/rosters/staff/:id/reactivate',
  summary: '恢复在任（须写原因）',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: reasonBody,
  response: staffMemberDetail,
  example: { reason: '误操作，恢复' },
});

export const listStaffMemberHistory = endpoint({
  id: 'listStaffMemberHistory',
  method: 'get',
  path: '/api/v1/rosters/staff/:id/history',
  summary: '工作人员名册的变更记录',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  response: rosterHistory,
});

export const listVolunteers = endpoint({
  id: 'listVolunteers',
  method: 'get',
  path: '/api/v1/rosters/volunteers',
  summary: '志愿者名册：所辖社区的志愿者（或已退出的），电话脱敏；查看记入审计日志',
  tag,
  access: ROSTER_KEEPERS,
  query: volunteersQuery,
  response: volunteerPage,
});

export const showVolunteer = endpoint({
  id: 'showVolunteer',
  method: 'get',
  path: '/api/v1/rosters/volunteers/:id',
  summary: '志愿者详情：住址、服务时长、是否在册（电话脱敏；查看记入审计日志）',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  response: volunteerDetail,
});

export const correctVolunteer = endpoint({
  id: 'correctVolunteer',
  method: 'post',
  path: '/api/v1/rosters/volunteers/:id/correct',
  summary: '修改志愿者的姓名、电话（须写原因）',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: correctVolunteerBody,
  response: volunteerDetail,
  example: { phone: '13800001234', reason: '本人换了手机号' },
});

export const moveVolunteer = endpoint({
  id: 'moveVolunteer',
  method: 'post',
  path: '/api/v1/rosters/volunteers/:id/move',
  summary: '志愿者搬迁：改为所辖范围内的另一个社区、小区或楼栋',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: moveVolunteerBody,
  response: volunteerDetail,
  example: { placeId: ID, reason: '搬到锦绣华庭居住' },
});

export const deactivateVolunteer = endpoint({
  id: 'deactivateVolunteer',
  method: 'post',
  path: '/api/v1/rosters/volunteers/:id/deactivate',
  summary: '退出志愿者：取消志愿者身份，服务时长记录保留',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: reasonBody,
  response: volunteerDetail,
  example: { reason: '本人申请退出' },
});

export const reactivateVolunteer = endpoint({
  id: 'reactivateVolunteer',
  method: 'post',
  path: '/api/v1/rosters/volunteers/:id/reactivate',
  summary: '恢复志愿者身份（须写原因）',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: reasonBody,
  response: volunteerDetail,
  example: { reason: '本人重新报名' },
});

export const listVolunteerHistory = endpoint({
  id: 'listVolunteerHistory',
  method: 'get',
  path: '/api/v1/rosters/volunteers/:id/history',
  summary: '志愿者名册的变更记录',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  response: rosterHistory,
});

export const listRosterComplexes = endpoint({
  id: 'listRosterComplexes',
  method: 'get',
  path: '/api/v1/rosters/complexes',
  summary: '小区名册：所辖社区的小区、网格、老旧/物业、楼栋数（或已停用的）',
  tag,
  access: ROSTER_KEEPERS,
  query: complexesQuery,
  response: rosterComplexPage,
});

export const correctComplex = endpoint({
  id: 'correctComplex',
  method: 'post',
  path: '/api/v1/rosters/complexes/:id/correct',
  summary: '修改小区名称、是否老旧小区、有无物业（须写原因）',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: correctComplexBody,
  response: rosterComplex,
  example: { old: true, reason: '核实为 2000 年前建成' },
});

export const moveComplex = endpoint({
  id: 'moveComplex',
  method: 'post',
  path: '/api/v1/rosters/complexes/:id/move',
  summary: '小区调整到本社区的另一个网格（楼栋随之调整，统计只算一次）',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: moveComplexBody,
  response: rosterComplex,
  example: { gridId: ID, reason: '网格重新划分' },
});

export const deactivateComplex = endpoint({
  id: 'deactivateComplex',
  method: 'post',
  path: '/api/v1/rosters/complexes/:id/deactivate',
  summary: '停用小区（合并或拆除；保留历史，不再计入统计）',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: reasonBody,
  response: rosterComplex,
  example: { reason: '与南门小区合并' },
});

export const reactivateComplex = endpoint({
  id: 'reactivateComplex',
  method: 'post',
  path: '/api/v1/rosters/complexes/:id/reactivate',
  summary: '恢复已停用的小区（须写原因）',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  body: reasonBody,
  response: rosterComplex,
  example: { reason: '误操作，恢复' },
});

export const listComplexHistory = endpoint({
  id: 'listComplexHistory',
  method: 'get',
  path: '/api/v1/rosters/complexes/:id/history',
  summary: '小区名册的变更记录',
  tag,
  access: ROSTER_KEEPERS,
  params: rosterParams,
  response: rosterHistory,
});
