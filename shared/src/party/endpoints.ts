import { endpoint } from '../endpoint';
import { z } from '../validation';
import {
  PARTY_WORK_ROLES,
  branchList,
  branchParams,
  linkMemberBody,
  linkedMemberList,
  memberLink,
  recordStudySessionBody,
  studySessionPage,
  studySessionsQuery,
  studySession,
  branchesQuery,
  evaluateBody,
  memberDetail,
  memberFull,
  memberPage,
  memberParams,
  membersQuery,
  myRegistration,
  overrideCategoryBody,
  registerBody,
  registration,
  registrationPage,
  registrationRow,
  registrationsQuery,
  reportParams,
  reportUnitList,
  reportUnitsQuery,
} from './schemas';

// Party members, branches, 双报到 and 双报告. Staff endpoints also need the party-work duty (党务) on
// the user: without it they answer 403 like any other role. Every read of a member is audit-logged.

const tag = 'party';

export const listBranches = endpoint({
  id: 'listBranches',
  method: 'get',
  path: '/api/v1/party/branches',
  summary: '党支部：所辖社区的支部与在册党员数，超过 50 人的标出（需党务职责）',
  tag,
  access: PARTY_WORK_ROLES,
  query: branchesQuery,
  response: branchList,
});

export const listPartyMembers = endpoint({
  id: 'listPartyMembers',
  method: 'get',
  path: '/api/v1/party/members',
  summary: '党员名册（姓名脱敏，不含身份证号和电话；查看记入审计日志，需党务职责）',
  tag,
  access: PARTY_WORK_ROLES,
  query: membersQuery,
  response: memberPage,
});

export const showPartyMember = endpoint({
  id: 'showPartyMember',
  method: 'get',
  path: '/api/v1/party/members/:id',
  summary: '党员详情（脱敏），含类别及调整记录；查看记入审计日志',
  tag,
  access: PARTY_WORK_ROLES,
  params: memberParams,
  response: memberDetail,
});

export const revealPartyMember = endpoint({
  id: 'revealPartyMember',
  method: 'post',
  path: '/api/v1/party/members/:id/reveal',
  summary: '查看党员完整姓名、身份证号和电话（记入审计日志）',
  tag,
  access: PARTY_WORK_ROLES,
  params: memberParams,
  response: memberFull,
  example: {},
});

export const overrideMemberCategory = endpoint({
  id: 'overrideMemberCategory',
  method: 'post',
  path: '/api/v1/party/members/:id/category',
  summary: '调整党员类别（须写理由；按规则计算的类别仍然可见）',
  tag,
  access: PARTY_WORK_ROLES,
  params: memberParams,
  body: overrideCategoryBody,
  response: memberDetail,
  example: { category: 'B', reason: '长期患病，无法参加在职党员活动' },
});

export const showMyRegistration = endpoint({
  id: 'showMyRegistration',
  method: 'get',
  path: '/api/v1/party/registration',
  summary: '双报到：我在居住社区的报到（及可选岗位、工作单位）',
  tag,
  access: ['partyMember'],
  response: myRegistration,
});

export const registerAtCommunity = endpoint({
  id: 'registerAtCommunity',
  method: 'post',
  path: '/api/v1/party/registration',
  summary: '双报到：在职党员到居住社区报到并选择岗位（再次提交即更换岗位）',
  tag,
  access: ['partyMember'],
  body: registerBody,
  response: registration,
  idempotent: true,
  example: { postId: '000000000000000000000000', unitId: '000000000000000000000000' },
});

export const listRegistrations = endpoint({
  id: 'listRegistrations',
  method: 'get',
  path: '/api/v1/party/registrations',
  summary: '双报到名单：到本社区报到的在职党员、岗位、工作单位及当年评价（需党务职责）',
  tag,
  access: PARTY_WORK_ROLES,
  query: registrationsQuery,
  response: registrationPage,
});

export const evaluateRegistration = endpoint({
  id: 'evaluateRegistration',
  method: 'post',
  path: '/api/v1/party/evaluations',
  summary: '双报告：社区对报到党员的年终评价（每人每年一条，再次提交即修改）',
  tag,
  access: PARTY_WORK_ROLES,
  body: evaluateBody,
  response: registrationRow,
  example: {
    registrationId: '000000000000000000000000',
    year: 2026,
    rating: 'excellent',
    comment: '积极参加文明交通引导',
  },
});

export const listReportUnits = endpoint({
  id: 'listReportUnits',
  method: 'get',
  path: '/api/v1/party/report-back/units',
  summary: '双报告：有党员报到的工作单位，及当年已评价人数',
  tag,
  access: PARTY_WORK_ROLES,
  query: reportUnitsQuery,
  response: reportUnitList,
});

export const exportUnitReport = endpoint({
  id: 'exportUnitReport',
  method: 'get',
  path: '/api/v1/party/report-back/:unitId/workbook',
  summary: '双报告：导出某工作单位报到党员的年终社区评价（一个单位一个 Excel 文件）',
  tag,
  access: PARTY_WORK_ROLES,
  params: reportParams,
  query: reportUnitsQuery,
  response: z.any().meta({ description: 'Excel 文件（.xlsx）' }),
  expensive: true,
});

export const linkPartyMember = endpoint({
  id: 'linkPartyMember',
  method: 'post',
  path: '/api/v1/party/members/:id/link',
  summary: '把党员关联到其本人账号（按注册手机号；一个账号只能关联一名党员；记入审计日志）',
  tag,
  access: PARTY_WORK_ROLES,
  params: memberParams,
  body: linkMemberBody,
  response: memberLink,
  example: { phone: '13800000000' },
});

export const unlinkPartyMember = endpoint({
  id: 'unlinkPartyMember',
  method: 'delete',
  path: '/api/v1/party/members/:id/link',
  summary: '解除党员与账号的关联（记入审计日志）',
  tag,
  access: PARTY_WORK_ROLES,
  params: memberParams,
  response: memberLink,
});

export const listBranchLinkedMembers = endpoint({
  id: 'listBranchLinkedMembers',
  method: 'get',
  path: '/api/v1/party/branches/:id/linked-members',
  summary: '支部里已关联账号的党员（记录学习时选择参加人；姓名脱敏）',
  tag,
  access: PARTY_WORK_ROLES,
  params: branchParams,
  response: linkedMemberList,
});

export const listStudySessions = endpoint({
  id: 'listStudySessions',
  method: 'get',
  path: '/api/v1/party/study-sessions',
  summary: '支部学习记录（新的在前；需党务职责）',
  tag,
  access: PARTY_WORK_ROLES,
  query: studySessionsQuery,
  response: studySessionPage,
});

export const recordStudySession = endpoint({
  id: 'recordStudySession',
  method: 'post',
  path: '/api/v1/party/study-sessions',
  summary: '记录一次支部学习：日期、主题、参加的党员；每位参加人按积分规则获得一次“参加学习”积分',
  tag,
  access: PARTY_WORK_ROLES,
  body: recordStudySessionBody,
  response: studySession,
  idempotent: true,
  example: {
    branchId: '000000000000000000000000',
    date: '2026-11-20',
    topic: '学习党的二十届三中全会精神',
    memberIds: ['000000000000000000000000'],
  },
});
