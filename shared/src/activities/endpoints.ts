import { endpoint } from '../endpoint';
import {
  ACTIVITY_MANAGERS,
  ACTIVITY_PARTICIPANTS,
  activityDetail,
  activityList,
  activityParams,
  shiftAttendance,
  cancelActivityBody,
  cancelClaimResult,
  checkInBody,
  claimSeatResult,
  claimSeatBody,
  confirmHoursBody,
  createActivityBody,
  createShiftBody,
  listActivitiesQuery,
  myShiftList,
  myShiftsQuery,
  shiftRoster,
  shiftRosterQuery,
  hoursRecord,
  shiftCheckInCode,
  shiftDetail,
  shiftParams,
  updateActivityBody,
  updateShiftBody,
} from './schemas';

// Only endpoints may be exported from this file: api.ts lists every export as an endpoint.
const tag = 'activities';

export const listActivities = endpoint({
  id: 'listActivities',
  method: 'get',
  path: '/api/v1/activities',
  summary: '活动清单：按品牌、日期、社区、服务类别筛选，含各班次剩余名额（默认本社区、即将开始的）',
  tag,
  access: 'signedIn',
  query: listActivitiesQuery,
  response: activityList,
});

export const getActivity = endpoint({
  id: 'getActivity',
  method: 'get',
  path: '/api/v1/activities/:id',
  summary: '活动详情：各班次名额、已认领、剩余，以及我的认领或候补位次',
  tag,
  access: 'signedIn',
  params: activityParams,
  response: activityDetail,
});

export const createActivity = endpoint({
  id: 'createActivity',
  method: 'post',
  path: '/api/v1/activities',
  summary: '发布活动（社区工作者、驻区单位管理员以本单位名义、县级管理员）',
  tag,
  access: ACTIVITY_MANAGERS,
  body: createActivityBody,
  response: activityDetail,
  idempotent: true,
  example: {
    title: '法律援助进社区·周六咨询日',
    brand: 'legalAid',
    categoryCode: 'legalAid',
    team: 'peacemaker',
    placeId: '5f1d7c3e9a1b2c3d4e5f6a7b',
    address: '南门社区党群服务中心一楼',
    description: '律师现场解答婚姻家庭、劳动纠纷问题，志愿者负责引导和登记。',
    format: 'service',
  },
});

export const updateActivity = endpoint({
  id: 'updateActivity',
  method: 'patch',
  path: '/api/v1/activities/:id',
  summary: '修改活动信息，或发布草稿',
  tag,
  access: ACTIVITY_MANAGERS,
  params: activityParams,
  body: updateActivityBody,
  response: activityDetail,
  example: { address: '南门社区党群服务中心二楼会议室', status: 'published' },
});

export const cancelActivity = endpoint({
  id: 'cancelActivity',
  method: 'post',
  path: '/api/v1/activities/:id/cancel',
  summary: '取消活动：未开始班次的名额和候补释放，并通知相关志愿者',
  tag,
  access: ACTIVITY_MANAGERS,
  params: activityParams,
  body: cancelActivityBody,
  response: activityDetail,
  example: { reason: '暴雨预警，活动延期' },
});

export const addShift = endpoint({
  id: 'addShift',
  method: 'post',
  path: '/api/v1/activities/:id/shifts',
  summary: '为活动增加班次（整刻钟起止，名额，认领截止提前小时数）',
  tag,
  access: ACTIVITY_MANAGERS,
  params: activityParams,
  body: createShiftBody,
  response: shiftDetail,
  idempotent: true,
  example: { start: '2026-11-28T09:00:00+08:00', end: '2026-11-28T11:30:00+08:00', seats: 6, cutoffHours: 2 },
});

export const updateShift = endpoint({
  id: 'updateShift',
  method: 'patch',
  path: '/api/v1/shifts/:id',
  summary: '修改班次：名额不能少于已认领；已有人认领时不能改时间',
  tag,
  access: ACTIVITY_MANAGERS,
  params: shiftParams,
  body: updateShiftBody,
  response: shiftDetail,
  example: { seats: 8 },
});

export const claimSeat = endpoint({
  id: 'claimSeat',
  method: 'post',
  path: '/api/v1/shifts/:id/claim',
  summary: '认领班次名额；已满时进入候补（或 wait=false 时返回名额已满）。重复认领返回原名额',
  tag,
  access: ACTIVITY_PARTICIPANTS,
  params: shiftParams,
  body: claimSeatBody,
  response: claimSeatResult,
  idempotent: true,
  example: { wait: true },
});

export const cancelClaim = endpoint({
  id: 'cancelClaim',
  method: 'delete',
  path: '/api/v1/shifts/:id/claim',
  summary: '取消认领（认领截止前）或退出候补；空出的名额自动递补给候补第一位',
  tag,
  access: ACTIVITY_PARTICIPANTS,
  params: shiftParams,
  response: cancelClaimResult,
});

export const getShiftCode = endpoint({
  id: 'getShiftCode',
  method: 'get',
  path: '/api/v1/shifts/:id/code',
  summary: '班次签到码：二维码图片（签名令牌）和 6 位数字，每 5 分钟更换，10 分钟内有效',
  tag,
  access: ACTIVITY_MANAGERS,
  params: shiftParams,
  response: shiftCheckInCode,
});

export const checkIn = endpoint({
  id: 'checkIn',
  method: 'post',
  path: '/api/v1/shifts/:id/check-in',
  summary: '签到：微信扫码（令牌）或输入 6 位签到码（班次开始前 30 分钟至结束后 30 分钟）；重复签到返回第一次的记录',
  tag,
  access: ACTIVITY_PARTICIPANTS,
  params: shiftParams,
  body: checkInBody,
  response: shiftAttendance,
  example: { code: '483920' },
});

export const checkOut = endpoint({
  id: 'checkOut',
  method: 'post',
  path: '/api/v1/shifts/:id/check-out',
  summary: '签退（开始后至结束后 30 分钟）；在岗时间过短的签退照样记录，但标记给组织方核实；重复签退返回第一次的记录',
  tag,
  access: ACTIVITY_PARTICIPANTS,
  params: shiftParams,
  body: checkInBody,
  response: shiftAttendance,
  example: { code: '483920' },
});

export const confirmHours = endpoint({
  id: 'confirmHours',
  method: 'post',
  path: '/api/v1/shifts/:id/confirm-hours',
  summary: '组织者确认志愿者的服务时长（班次结束后；默认签退减签到，按 15 分钟取整，不超过班次时长）；每人每班次一次',
  tag,
  access: ACTIVITY_MANAGERS,
  params: shiftParams,
  body: confirmHoursBody,
  response: hoursRecord,
  idempotent: true,
  example: { personId: '5f1d7c3e9a1b2c3d4e5f6a7b', minutes: 120 },
});

export const listMyShifts = endpoint({
  id: 'listMyShifts',
  method: 'get',
  path: '/api/v1/me/shifts',
  summary: '我的班次：认领、候补、签到签退和已确认的服务时长',
  tag,
  access: ACTIVITY_PARTICIPANTS,
  query: myShiftsQuery,
  response: myShiftList,
});

export const listShiftRoster = endpoint({
  id: 'listShiftRoster',
  method: 'get',
  path: '/api/v1/shifts/:id/roster',
  summary:
    '班次名单（组织者）：认领人、候补、签到情况、在岗过短提醒、能否确认时长；手机号仅对本社区工作者完整显示并记入审计',
  tag,
  access: ACTIVITY_MANAGERS,
  params: shiftParams,
  query: shiftRosterQuery,
  response: shiftRoster,
});
