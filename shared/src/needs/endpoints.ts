import { endpoint } from '../endpoint';
import { z } from '../validation';
import {
  completeNeedBody,
  createNeedBody,
  declineNeedBody,
  dispatchNeedBody,
  myNeedsQuery,
  needDetail,
  needInbox,
  needInboxQuery,
  needList,
  needParams,
  needNoteBody,
  rateNeedBody,
  rejectNeedBody,
  servingNeedList,
  servingNeedsQuery,
  UPLOAD_MAX_BYTES,
  uploadParams,
  uploadResponse,
} from './schemas';
import { NEED_ACTION_ROLES, NEED_ASSIGNEE_ROLES, NEED_HANDLER_ROLES, NEED_OWNER_ROLES } from './state-machine';

// Endpoints of the needs area (需求清单, 点单). Object-level scope (owner or place) is checked in the use cases.

export const createNeed = endpoint({
  id: 'createNeed',
  method: 'post',
  path: '/api/v1/needs',
  summary: '点单：按菜单项（或“其他”）提交一项需求，附地址、联系电话、照片和附加填写项',
  tag: 'needs',
  access: NEED_OWNER_ROLES,
  body: createNeedBody,
  response: needDetail,
  idempotent: true,
  example: {
    menuItemId: '5f1d7a3b9c8e4a2b1c0d9e8f',
    description: '家里和邻居因为漏水的事起了纠纷，想咨询一下怎么处理',
    preferredTime: '2026-11-21T09:30:00+08:00',
    placeId: '6a2e8b4c0d1f3a5b7c9e1d2f',
    contactPhone: '13812340001',
    photos: [],
    answers: { topic: 'housing', way: 'visit' },
  },
});

export const listMyNeeds = endpoint({
  id: 'listMyNeeds',
  method: 'get',
  path: '/api/v1/needs/mine',
  summary: '我的需求：我提交的需求，新的在前',
  tag: 'needs',
  access: NEED_OWNER_ROLES,
  query: myNeedsQuery,
  response: needList,
});

export const listNeeds = endpoint({
  id: 'listNeeds',
  method: 'get',
  path: '/api/v1/needs',
  summary: '需求收件箱（管理端）：本人辖区内的需求，可按状态、类别、网格、超时、提交日期筛选，附各状态数量',
  tag: 'needs',
  access: NEED_HANDLER_ROLES,
  query: needInboxQuery,
  response: needInbox,
});

export const listServingNeeds = endpoint({
  id: 'listServingNeeds',
  method: 'get',
  path: '/api/v1/needs/serving',
  summary: '待我服务：派给我本人的需求，待接单和服务中的在前（最急的在前），已完成的在后',
  tag: 'needs',
  access: NEED_ASSIGNEE_ROLES,
  query: servingNeedsQuery,
  response: servingNeedList,
});

export const getNeed = endpoint({
  id: 'getNeed',
  method: 'get',
  path: '/api/v1/needs/:id',
  summary: '需求详情与办理时间线（下单人、辖区内工作人员，或派给的服务人员本人）',
  tag: 'needs',
  access: [...new Set([...NEED_OWNER_ROLES, ...NEED_HANDLER_ROLES, ...NEED_ASSIGNEE_ROLES])],
  params: needParams,
  response: needDetail,
});

const action = <B extends z.ZodType>(
  id: string,
  verb: keyof typeof NEED_ACTION_ROLES,
  summary: string,
  body: B,
  example: unknown,
) =>
  endpoint({
    id,
    method: 'post',
    path: `/api/v1/needs/:id/${verb}`,
    summary,
    tag: 'needs',
    access: NEED_ACTION_ROLES[verb],
    params: needParams,
    body,
    response: needDetail,
    example,
  });

export const acceptNeed = action('acceptNeed', 'accept', '受理需求（待受理 → 已受理）', needNoteBody, {
  note: '已电话联系居民',
});
export const rejectNeed = action('rejectNeed', 'reject', '驳回需求，须写明原因', rejectNeedBody, {
  reason: '不属于社区服务范围，已告知居民拨打 12345',
});
export const withdrawNeed = action('withdrawNeed', 'withdraw', '下单人撤回需求（待受理或已受理时）', needNoteBody, {
  note: '问题已自行解决',
});
export const dispatchNeed = action(
  'dispatchNeed',
  'dispatch',
  '派单：把已受理的需求派给资源、志愿活动、公益项目或职能部门（吹哨）',
  dispatchNeedBody,
  {
    kind: 'resource',
    targetId: '6a2e8b4c0d1f3a5b7c9e1d30',
    note: '派给县司法局驻社区律师',
  },
);
export const startNeed = action('startNeed', 'start', '开始办理', needNoteBody, {
  note: '律师已与居民约好周六上午面谈',
});
export const completeNeed = action(
  'completeNeed',
  'complete',
  '办结 / 完成服务：派给服务人员的需求须填写服务结果（居民可见），可附照片',
  completeNeedBody,
  { note: '已完成面谈并给出书面建议', photos: [] },
);
export const takeNeed = action('takeNeed', 'take', '服务人员接单（已派单 → 办理中）', needNoteBody, {
  note: '已和居民约好周六上午面谈',
});
export const declineNeed = action(
  'declineNeed',
  'decline',
  '服务人员无法服务：写明原因，需求退回社区重新派单',
  declineNeedBody,
  { reason: '本周在外地出庭，无法上门' },
);
export const rateNeed = action('rateNeed', 'rate', '下单人评价（1–5 星），评价后需求关闭', rateNeedBody, {
  stars: 5,
  comment: '律师讲得很清楚，谢谢社区',
});
export const reopenNeed = action(
  'reopenNeed',
  'reopen',
  '回访重办：评价 2 星及以下的需求可重新受理一次',
  needNoteBody,
  {
    note: '回访后居民仍不满意，重新安排',
  },
);

export const urgeNeed = action(
  'urgeNeed',
  'urge',
  '催办：需求超时未受理或超过办结时限后，下单人可催办（24 小时内一次），提醒社区尽快处理',
  z.strictObject({}),
  {},
);

export const createUpload = endpoint({
  id: 'createUpload',
  method: 'post',
  path: '/api/v1/uploads',
  summary:
    '上传一张照片：请求体为图片原始字节，Content-Type 为 image/jpeg、image/png 或 image/webp，最大 5 MB；返回编号，点单时放入 photos',
  tag: 'needs',
  access: 'signedIn',
  response: uploadResponse,
  idempotent: true,
  rawBody: { maxBytes: UPLOAD_MAX_BYTES },
  limit: 'upload',
});

export const getUpload = endpoint({
  id: 'getUpload',
  method: 'get',
  path: '/api/v1/uploads/:id',
  summary: '查看照片（上传人，或照片所属需求辖区内的工作人员）；返回图片本身',
  tag: 'needs',
  access: 'signedIn',
  params: uploadParams,
  response: z.unknown().meta({ description: '图片文件' }),
});

export const getUploadForCheck = endpoint({
  id: 'getUploadForCheck',
  method: 'get',
  path: '/api/v1/uploads/:id/for-check',
  summary: '供微信内容安全检查下载照片：地址带签名，1 小时内有效，只交给微信（mediaCheckAsync）；返回图片本身',
  tag: 'needs',
  access: 'public',
  params: uploadParams,
  query: z.strictObject({
    expires: z.coerce.number().int().min(0),
    sig: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  response: z.unknown().meta({ description: '图片文件' }),
});

/** WeChat's check of the message-push address when it is configured: a signed GET, answered with its echostr. */
export const verifyWechatPush = endpoint({
  id: 'verifyWechatPush',
  method: 'get',
  path: '/api/v1/wechat/push',
  summary: '微信消息推送地址校验：签名正确时原样返回 echostr；仅供微信服务器调用',
  tag: 'needs',
  access: 'public',
  query: z.looseObject({
    signature: z.string().max(64),
    timestamp: z.string().max(20),
    nonce: z.string().max(64),
    echostr: z.string().max(128),
  }),
  response: z.string().meta({ description: 'echostr' }),
});

/**
 * WeChat's message push (消息推送, JSON, plaintext mode) of mediaCheckAsync verdicts: signed with
 * WX_PUSH_TOKEN (signature = sha1 of token, timestamp and nonce sorted and joined).
 */
export const receiveWechatPush = endpoint({
  id: 'receiveWechatPush',
  method: 'post',
  path: '/api/v1/wechat/push',
  summary: '微信消息推送（内容安全）：图片异步检测结果，违规的照片被隐藏并通知上传人；仅供微信服务器调用，须带签名',
  tag: 'needs',
  access: 'public',
  query: z.looseObject({
    signature: z.string().max(64),
    timestamp: z.string().max(20),
    nonce: z.string().max(64),
  }),
  body: z.looseObject({
    Event: z.string().max(64).optional(),
    trace_id: z.string().max(128).optional(),
    result: z.looseObject({ suggest: z.string().max(16).optional() }).optional(),
  }),
  response: z.string().meta({ description: '“success”' }),
  example: {
    ToUserName: 'gh_0123456789ab',
    FromUserName: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    CreateTime: 1765000000,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wx0123456789abcdef',
    trace_id: '60ae120f-371d5872-7941a05b',
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20002, prob: 90 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: 'risky', label: 20002 },
  },
});
export { suggestRoutes } from './routing';
