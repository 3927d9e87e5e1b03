import { endpoint } from '../endpoint';
import { z, objectId } from '../validation';
import { sessionUser } from '../auth/schemas';
import { GRANTER_ROLES } from './rules';
import {
  acceptInvitationBody,
  accountState,
  claimSetupBody,
  createInvitationBody,
  disableAccountBody,
  grantList,
  grantPlaceList,
  grantView,
  invitationCode,
  invitationList,
  invitationPreview,
  invitationShare,
  invitationView,
  listGrantPlacesQuery,
  listGrantsQuery,
  listInvitationsQuery,
  revokeGrantBody,
  setupStatus,
} from './schemas';

const idParams = z.strictObject({ id: objectId });

export const listGrants = endpoint({
  id: 'listGrants',
  method: 'get',
  path: '/api/v1/grants',
  summary: '授权列表（本人管辖范围内的岗位授权）',
  tag: 'grants',
  access: GRANTER_ROLES,
  query: listGrantsQuery,
  response: grantList,
});

export const revokeGrant = endpoint({
  id: 'revokeGrant',
  method: 'post',
  path: '/api/v1/grants/:id/revoke',
  summary: '撤销授权（下一次请求起失效）',
  tag: 'grants',
  access: GRANTER_ROLES,
  params: idParams,
  body: revokeGrantBody,
  response: grantView,
  example: { reason: '已调离本社区' },
});

export const listGrantPlaces = endpoint({
  id: 'listGrantPlaces',
  method: 'get',
  path: '/api/v1/grant-places',
  summary: '可授予某个身份的地方（邀请时选地点用）',
  tag: 'grants',
  access: GRANTER_ROLES,
  query: listGrantPlacesQuery,
  response: grantPlaceList,
});

export const createInvitation = endpoint({
  id: 'createInvitation',
  method: 'post',
  path: '/api/v1/invitations',
  summary: '发出授权邀请（身份 + 地点，限时、只能使用一次）',
  tag: 'grants',
  access: GRANTER_ROLES,
  body: createInvitationBody,
  response: invitationView,
  idempotent: true,
  example: { role: 'staff', placeId: '665f1c2e8b3a4d0012345678', validDays: 7, note: '给李华' },
});

export const listInvitations = endpoint({
  id: 'listInvitations',
  method: 'get',
  path: '/api/v1/invitations',
  summary: '我发出的邀请',
  tag: 'grants',
  access: GRANTER_ROLES,
  query: listInvitationsQuery,
  response: invitationList,
});

export const shareInvitation = endpoint({
  id: 'shareInvitation',
  method: 'get',
  path: '/api/v1/invitations/:id/share',
  summary: '邀请的小程序码和链接二维码',
  tag: 'grants',
  access: GRANTER_ROLES,
  params: idParams,
  response: invitationShare,
});

export const cancelInvitation = endpoint({
  id: 'cancelInvitation',
  method: 'post',
  path: '/api/v1/invitations/:id/cancel',
  summary: '作废邀请',
  tag: 'grants',
  access: GRANTER_ROLES,
  params: idParams,
  response: invitationView,
});

export const previewInvitation = endpoint({
  id: 'previewInvitation',
  method: 'get',
  path: '/api/v1/invitations/by-code/:code',
  summary: '查看收到的邀请（接受前）',
  tag: 'grants',
  access: 'signedIn',
  params: z.strictObject({ code: invitationCode }),
  response: invitationPreview,
});

export const acceptInvitation = endpoint({
  id: 'acceptInvitation',
  method: 'post',
  path: '/api/v1/invitations/accept',
  summary: '接受邀请，获得相应身份',
  tag: 'grants',
  access: 'signedIn',
  body: acceptInvitationBody,
  response: z.object({ grant: grantView, user: sessionUser }),
  example: { code: 'K7QD9XMP2TABCDEF', name: '李华' },
});

export const disableAccount = endpoint({
  id: 'disableAccount',
  method: 'post',
  path: '/api/v1/accounts/:id/disable',
  summary: '停用账号（下一次请求起无法使用）',
  tag: 'grants',
  access: ['countyAdmin'],
  params: idParams,
  body: disableAccountBody,
  response: accountState,
  example: { reason: '本人已离开本县，申请停用' },
});

export const enableAccount = endpoint({
  id: 'enableAccount',
  method: 'post',
  path: '/api/v1/accounts/:id/enable',
  summary: '恢复停用的账号',
  tag: 'grants',
  access: ['countyAdmin'],
  params: idParams,
  response: accountState,
});

export const getSetupStatus = endpoint({
  id: 'getSetupStatus',
  method: 'get',
  path: '/api/v1/setup',
  summary: '系统是否还需要首次开通',
  tag: 'grants',
  access: 'public',
  response: setupStatus,
});

export const claimSetup = endpoint({
  id: 'claimSetup',
  method: 'post',
  path: '/api/v1/setup/claim',
  summary: '用一次性开通码成为第一位县级管理员',
  tag: 'grants',
  access: 'signedIn',
  body: claimSetupBody,
  response: z.object({ user: sessionUser }),
  example: { code: 'K7QD-9XMP-2TAB', countyName: '示范县', name: '冯刚' },
  limit: 'signIn',
});
