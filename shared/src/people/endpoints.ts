import { endpoint } from '../endpoint';
import { eraseMeBody, eraseMeResult, myDataExport } from './data-rights';
import { STAFF_ROSTER_VIEWERS } from './rosters';
import { staffRosterPage, staffRosterQuery } from './staff-roster';
import { sessionUser } from '../auth/schemas';
import {
  bindPhoneBody,
  joinCommunitiesQuery,
  joinCommunityList,
  joinPlaces,
  joinPlacesParams,
  linkRecordBody,
  linkRecordResult,
  setHomeBody,
} from './join';

// Only endpoints may be exported from this file: api.ts lists every export as an endpoint.

export const exportMyData = endpoint({
  id: 'exportMyData',
  method: 'get',
  path: '/api/v1/me/data',
  summary: '下载我的数据：本人的资料、需求及其进度、预约、认领、签到和服务时长、消息、志愿队等（JSON）',
  tag: 'people',
  access: 'signedIn',
  response: myDataExport,
  expensive: true,
});

export const eraseMe = endpoint({
  id: 'eraseMe',
  method: 'delete',
  path: '/api/v1/me',
  summary: '注销账号：删除或匿名化个人信息，服务记录以匿名方式保留；须输入“注销账号”确认，不可恢复',
  description:
    '姓名改为“已注销用户”，手机号、微信身份、地址、照片删除；需求的联系方式和描述清空但保留统计；' +
    '服务时长记录保留在匿名编号下；当前登录立即失效。',
  tag: 'people',
  access: 'signedIn',
  body: eraseMeBody,
  response: eraseMeResult,
  example: { confirm: '注销账号' },
});

export const listStaffRoster = endpoint({
  id: 'listStaffRoster',
  method: 'get',
  path: '/api/v1/people/staff',
  summary: '社区“两委”及工作人员名册：姓名、职务、年龄、学历（不含身份证号和电话；按辖区）',
  tag: 'people',
  access: STAFF_ROSTER_VIEWERS,
  query: staffRosterQuery,
  response: staffRosterPage,
});

// ——— Joining a community, phone number, linking an imported record ———

export const listJoinCommunities = endpoint({
  id: 'listJoinCommunities',
  method: 'get',
  path: '/api/v1/join/communities',
  summary: '选择社区：可加入的社区，提供位置时由近到远，否则按名称；可按社区或街道名称搜索',
  tag: 'people',
  access: 'signedIn',
  query: joinCommunitiesQuery,
  response: joinCommunityList,
});

export const listJoinPlaces = endpoint({
  id: 'listJoinPlaces',
  method: 'get',
  path: '/api/v1/join/communities/:id/places',
  summary: '选择小区和楼栋：某个社区的小区及各小区的楼栋',
  tag: 'people',
  access: 'signedIn',
  params: joinPlacesParams,
  response: joinPlaces,
});

export const setMyHome = endpoint({
  id: 'setMyHome',
  method: 'post',
  path: '/api/v1/me/home',
  summary: '加入社区 / 搬家：设置本人住在哪个社区、小区、楼栋；以前的需求和预约仍记在原地址，搬家记录保留',
  tag: 'people',
  access: 'signedIn',
  body: setHomeBody,
  response: sessionUser,
  example: { communityId: '0123456789abcdef01234567', complexId: null, buildingId: null },
});

export const bindMyPhone = endpoint({
  id: 'bindMyPhone',
  method: 'post',
  path: '/api/v1/me/phone',
  summary: '绑定手机号：用微信授权的手机号（仅支持中国大陆号码），显示时隐去中间四位',
  tag: 'people',
  access: 'signedIn',
  body: bindPhoneBody,
  response: sessionUser,
  example: { code: '微信手机号授权凭证' },
});

export const linkMyRecord = endpoint({
  id: 'linkMyRecord',
  method: 'post',
  path: '/api/v1/me/link-record',
  summary: '关联登记信息：在社区登记过的志愿者、党员、社区工作人员用姓名和身份证号认领自己的记录（每天最多 5 次）',
  description:
    '姓名和身份证号都与登记信息一致时，微信账号转到登记的记录上，原账号的需求、预约等一并转入，' +
    '返回新的登录凭证；已被其他微信账号关联的记录不能再关联。',
  tag: 'people',
  access: 'signedIn',
  body: linkRecordBody,
  response: linkRecordResult,
  example: { name: '王志强', idNumber: '110101199003071233' },
});
