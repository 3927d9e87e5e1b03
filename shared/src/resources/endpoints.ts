// Endpoints of the resources area (资源清单): resident units, their resources, and bookings of venues and equipment.
import { endpoint } from '../endpoint';
import { paged } from '../validation';
import {
  approveBookingBody,
  bookingDetail,
  bookingParams,
  bookingView,
  cancelBookingBody,
  createBookingBody,
  createResourceBody,
  listMyBookingsQuery,
  listResourceBookingsQuery,
  listResourcesQuery,
  listUnitsQuery,
  rejectBookingBody,
  resourceParams,
  resourceView,
  slotsQuery,
  slotsResponse,
  unitView,
  updateResourceBody,
} from './schemas';

/** Who handles bookings and manages resources; the use case narrows it to their own unit or community. */
const MANAGERS = ['unitAdmin', 'staff', 'countyAdmin'] as const;
/** Who books venues and equipment for themselves. */
const BOOKERS = ['resident', 'volunteer', 'partyMember'] as const;

export const listResources = endpoint({
  id: 'listResources',
  method: 'get',
  path: '/api/v1/resources',
  summary: '资源清单：本街道在用的人才、师资、场地、设备等，可按类型、服务类别、是否可预约筛选',
  tag: 'resources',
  access: 'signedIn',
  query: listResourcesQuery,
  response: paged(resourceView),
});

export const getResource = endpoint({
  id: 'getResource',
  method: 'get',
  path: '/api/v1/resources/:id',
  summary: '资源详情（联系电话仅对所属单位和辖区工作人员完整显示）',
  tag: 'resources',
  access: 'signedIn',
  params: resourceParams,
  response: resourceView,
});

export const createResource = endpoint({
  id: 'createResource',
  method: 'post',
  path: '/api/v1/resources',
  summary: '发布资源：驻区单位管理员发布本单位的，社区工作者发布本社区自有的，县级管理员不限',
  tag: 'resources',
  access: MANAGERS,
  body: createResourceBody,
  response: resourceView,
  idempotent: true,
  example: {
    kind: 'venue',
    placeId: '64b7f0c2a1b2c3d4e5f60718',
    name: '南门社区党群服务中心活动室',
    description: '可容纳 40 人，配投影和桌椅，用于排练、培训、议事。',
    categoryCodes: ['culture'],
    hours: [
      { weekday: 1, open: '08:30', close: '12:00' },
      { weekday: 1, open: '14:30', close: '21:00' },
    ],
    slotMinutes: 60,
    capacity: '40 人',
    contact: { name: '陈静', phone: '0851-88881234' },
  },
});

export const updateResource = endpoint({
  id: 'updateResource',
  method: 'patch',
  path: '/api/v1/resources/:id',
  summary: '修改资源（类型和所属单位不可改）',
  tag: 'resources',
  access: MANAGERS,
  params: resourceParams,
  body: updateResourceBody,
  response: resourceView,
  example: { slotMinutes: 120, capacity: '50 人' },
});

export const deactivateResource = endpoint({
  id: 'deactivateResource',
  method: 'post',
  path: '/api/v1/resources/:id/deactivate',
  summary: '停用资源：不再出现在资源清单里，也不能再预约（已有预约不受影响）',
  tag: 'resources',
  access: MANAGERS,
  params: resourceParams,
  response: resourceView,
});

export const getFreeSlots = endpoint({
  id: 'getFreeSlots',
  method: 'get',
  path: '/api/v1/resources/:id/slots',
  summary: '某天的预约时段（北京时间）：开放时间内的每个时段及其是否空闲',
  tag: 'resources',
  access: 'signedIn',
  params: resourceParams,
  query: slotsQuery,
  response: slotsResponse,
});

export const listResourceBookings = endpoint({
  id: 'listResourceBookings',
  method: 'get',
  path: '/api/v1/resources/:id/bookings',
  summary: '某资源的预约（所属单位管理员、所在社区工作者），可按状态和日期筛选',
  tag: 'bookings',
  access: MANAGERS,
  params: resourceParams,
  query: listResourceBookingsQuery,
  response: paged(bookingView),
});

export const listUnits = endpoint({
  id: 'listUnits',
  method: 'get',
  path: '/api/v1/units',
  summary: '驻区单位：街道的角色只看本街道的',
  tag: 'resources',
  access: 'signedIn',
  query: listUnitsQuery,
  response: paged(unitView),
});

export const createBooking = endpoint({
  id: 'createBooking',
  method: 'post',
  path: '/api/v1/bookings',
  summary: '预约场地或设备的一个或连续几个时段；时段已被占用时返回 SLOT_TAKEN',
  tag: 'bookings',
  access: BOOKERS,
  body: createBookingBody,
  response: bookingView,
  idempotent: true,
  example: {
    resourceId: '64b7f0c2a1b2c3d4e5f60718',
    start: '2026-11-05T19:00:00+08:00',
    slots: 2,
    purpose: '广场舞队排练',
    attendees: 20,
  },
});

export const listMyBookings = endpoint({
  id: 'listMyBookings',
  method: 'get',
  path: '/api/v1/me/bookings',
  summary: '我的预约',
  tag: 'bookings',
  access: 'signedIn',
  query: listMyBookingsQuery,
  response: paged(bookingView),
});

export const getBooking = endpoint({
  id: 'getBooking',
  method: 'get',
  path: '/api/v1/bookings/:id',
  summary: '预约详情与经过（预约人或处理人）',
  tag: 'bookings',
  access: 'signedIn',
  params: bookingParams,
  response: bookingDetail,
});

export const approveBooking = endpoint({
  id: 'approveBooking',
  method: 'post',
  path: '/api/v1/bookings/:id/approve',
  summary: '批准预约（所属单位管理员或资源所在社区的工作者）',
  tag: 'bookings',
  access: MANAGERS,
  params: bookingParams,
  body: approveBookingBody,
  response: bookingView,
  example: { note: '请提前十分钟到社区服务台领钥匙' },
});

export const rejectBooking = endpoint({
  id: 'rejectBooking',
  method: 'post',
  path: '/api/v1/bookings/:id/reject',
  summary: '不批准预约，须说明原因；时段随即释放',
  tag: 'bookings',
  access: MANAGERS,
  params: bookingParams,
  body: rejectBookingBody,
  response: bookingView,
  example: { reason: '当天活动室用于社区议事会' },
});

export const cancelBooking = endpoint({
  id: 'cancelBooking',
  method: 'post',
  path: '/api/v1/bookings/:id/cancel',
  summary: '取消预约（预约人或处理人，时段开始前）；时段随即释放，他人可以再预约',
  tag: 'bookings',
  access: [...BOOKERS, ...MANAGERS],
  params: bookingParams,
  body: cancelBookingBody,
  response: bookingView,
  example: { reason: '活动改期' },
});
