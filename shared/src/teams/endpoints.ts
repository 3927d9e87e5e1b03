import { endpoint } from '../endpoint';
import {
  TEAM_ADMINS,
  TEAM_JOINERS,
  TEAM_MANAGERS,
  brandDetail,
  brandList,
  brandParams,
  brandsQuery,
  createStationBody,
  joinTeamBody,
  listStationsQuery,
  listTeamsQuery,
  membershipResult,
  myTeamList,
  rejectMemberBody,
  stationDetail,
  stationList,
  stationParams,
  teamActivitiesQuery,
  teamActivityList,
  teamDetail,
  teamList,
  teamMemberList,
  teamMemberParams,
  teamMembersQuery,
  teamParams,
  updateStationBody,
  updateTeamBody,
} from './schemas';

// Only endpoints may be exported from this file: api.ts lists every export as an endpoint.
const tag = 'teams';

export const listTeams = endpoint({
  id: 'listTeams',
  method: 'get',
  path: '/api/v1/teams',
  summary: '志愿队：本社区（或指定社区）的志愿队，含队长、队员人数和我的入队状态',
  tag,
  access: 'signedIn',
  query: listTeamsQuery,
  response: teamList,
});

export const getTeam = endpoint({
  id: 'getTeam',
  method: 'get',
  path: '/api/v1/teams/:id',
  summary: '志愿队详情：队长、服务站点、队员人数、组织的活动数、我能否管理',
  tag,
  access: 'signedIn',
  params: teamParams,
  response: teamDetail,
});

export const updateTeam = endpoint({
  id: 'updateTeam',
  method: 'patch',
  path: '/api/v1/teams/:id',
  summary: '设置志愿队的队长（须为本队队员）、所在服务站点和简介（社区工作者、街道、县）',
  tag,
  access: TEAM_ADMINS,
  params: teamParams,
  body: updateTeamBody,
  response: teamDetail,
  example: { description: '调解邻里纠纷，化解家庭矛盾。' },
});

export const listTeamActivities = endpoint({
  id: 'listTeamActivities',
  method: 'get',
  path: '/api/v1/teams/:id/activities',
  summary: '志愿队组织的活动（已发布的）',
  tag,
  access: 'signedIn',
  params: teamParams,
  query: teamActivitiesQuery,
  response: teamActivityList,
});

export const joinTeam = endpoint({
  id: 'joinTeam',
  method: 'post',
  path: '/api/v1/teams/:id/join',
  summary: '申请加入志愿队，等待队长或社区审核；重复申请返回原申请',
  tag,
  access: TEAM_JOINERS,
  params: teamParams,
  body: joinTeamBody,
  response: membershipResult,
  idempotent: true,
  example: { note: '退休教师，周末有空' },
});

export const leaveTeam = endpoint({
  id: 'leaveTeam',
  method: 'delete',
  path: '/api/v1/teams/:id/membership',
  summary: '退出志愿队或撤回申请（队长须先由社区另设队长）',
  tag,
  access: TEAM_JOINERS,
  params: teamParams,
  response: membershipResult,
});

export const listTeamMembers = endpoint({
  id: 'listTeamMembers',
  method: 'get',
  path: '/api/v1/teams/:id/members',
  summary: '队员和入队申请（队长、所辖社区工作者）；手机号脱敏',
  tag,
  access: TEAM_MANAGERS,
  params: teamParams,
  query: teamMembersQuery,
  response: teamMemberList,
});

export const approveMember = endpoint({
  id: 'approveMember',
  method: 'post',
  path: '/api/v1/teams/:id/members/:personId/approve',
  summary: '通过入队申请（队长、所辖社区工作者）；已是队员时返回原状态',
  tag,
  access: TEAM_MANAGERS,
  params: teamMemberParams,
  response: membershipResult,
});

export const rejectMember = endpoint({
  id: 'rejectMember',
  method: 'post',
  path: '/api/v1/teams/:id/members/:personId/reject',
  summary: '拒绝入队申请并通知申请人（队长、所辖社区工作者）',
  tag,
  access: TEAM_MANAGERS,
  params: teamMemberParams,
  body: rejectMemberBody,
  response: membershipResult,
  example: { reason: '本队暂不招募，欢迎参加其他队' },
});

export const removeMember = endpoint({
  id: 'removeMember',
  method: 'delete',
  path: '/api/v1/teams/:id/members/:personId',
  summary: '将队员移出志愿队并通知本人（队长、所辖社区工作者）；不能移出队长',
  tag,
  access: TEAM_MANAGERS,
  params: teamMemberParams,
  response: membershipResult,
});

export const listMyTeams = endpoint({
  id: 'listMyTeams',
  method: 'get',
  path: '/api/v1/me/teams',
  summary: '我的志愿队：已加入和申请中的，带队的含待审核人数',
  tag,
  access: TEAM_JOINERS,
  response: myTeamList,
});

export const listStations = endpoint({
  id: 'listStations',
  method: 'get',
  path: '/api/v1/stations',
  summary: '服务站点：本社区（或指定社区）的站点、开放时间、驻站志愿队',
  tag,
  access: 'signedIn',
  query: listStationsQuery,
  response: stationList,
});

export const getStation = endpoint({
  id: 'getStation',
  method: 'get',
  path: '/api/v1/stations/:id',
  summary: '服务站点详情',
  tag,
  access: 'signedIn',
  params: stationParams,
  response: stationDetail,
});

export const createStation = endpoint({
  id: 'createStation',
  method: 'post',
  path: '/api/v1/stations',
  summary: '新建服务站点（社区工作者建在本社区；街道、县在所辖社区）',
  tag,
  access: TEAM_ADMINS,
  body: createStationBody,
  response: stationDetail,
  idempotent: true,
  example: {
    name: '南门社区新时代文明实践站',
    placeId: '5f1d7c3e9a1b2c3d4e5f6a7b',
    address: '南门社区党群服务中心一楼',
    openHours: '周一至周六 8:30–17:30',
    contactName: '陈静',
    contactPhone: '13800000000',
    description: '志愿服务登记、政策咨询、便民服务。',
  },
});

export const updateStation = endpoint({
  id: 'updateStation',
  method: 'patch',
  path: '/api/v1/stations/:id',
  summary: '修改服务站点',
  tag,
  access: TEAM_ADMINS,
  params: stationParams,
  body: updateStationBody,
  response: stationDetail,
  example: { openHours: '周一至周日 8:00–20:00' },
});

export const listBrands = endpoint({
  id: 'listBrands',
  method: 'get',
  path: '/api/v1/brands',
  summary: '服务品牌：简介、本社区的活动数和参与的志愿队',
  tag,
  access: 'signedIn',
  query: brandsQuery,
  response: brandList,
});

export const getBrand = endpoint({
  id: 'getBrand',
  method: 'get',
  path: '/api/v1/brands/:code',
  summary: '服务品牌页：简介、活动数、志愿队和即将开始的活动',
  tag,
  access: 'signedIn',
  params: brandParams,
  query: brandsQuery,
  response: brandDetail,
});
