import { endpoint } from '../endpoint';
import { eraseMeBody, eraseMeResult, myDataExport } from './data-rights';
import { STAFF_ROSTER_VIEWERS } from './rosters';
import { staffRosterPage, staffRosterQuery } from './staff-roster';

// Only endpoints may be exported from this file: api.ts lists every export as an endpoint.

export const exportMyData = endpoint({
  id: 'exportMyData',
  method: 'get',
  path: '/api/v1/me/data',
  summary: '下载我的数据：本人的资料、需求及其进度、预约、认领、签到和服务时长、消息、志愿队等（JSON）',
  tag: 'people',
  access: 'signedIn',
  response: myDataExport,
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
