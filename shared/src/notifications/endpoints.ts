import { endpoint } from '../endpoint';
import {
  notification,
  notificationParams,
  notificationsPage,
  notificationsQuery,
  recordSubscribeConsentBody,
  subscribeConsentView,
  subscribeTemplates,
} from './schemas';

export const listMyNotifications = endpoint({
  id: 'listMyNotifications',
  method: 'get',
  path: '/api/v1/me/notifications',
  summary: '我的消息（新的在前），附未读条数',
  tag: 'notifications',
  access: 'signedIn',
  query: notificationsQuery,
  response: notificationsPage,
});

export const markNotificationRead = endpoint({
  id: 'markNotificationRead',
  method: 'post',
  path: '/api/v1/me/notifications/:id/read',
  summary: '把一条消息标为已读',
  tag: 'notifications',
  access: 'signedIn',
  params: notificationParams,
  response: notification,
  example: {},
});

export const getSubscribeTemplates = endpoint({
  id: 'getSubscribeTemplates',
  method: 'get',
  path: '/api/v1/me/subscribe-templates',
  summary: '订阅消息模板：小程序在提交订单、吹哨等时刻请用户授权接收微信通知时使用的模板编号',
  tag: 'notifications',
  access: 'signedIn',
  response: subscribeTemplates,
});

export const recordSubscribeConsent = endpoint({
  id: 'recordSubscribeConsent',
  method: 'post',
  path: '/api/v1/me/subscribe-consents',
  summary: '记录一次订阅消息授权结果（接受、拒绝、被禁用或被过滤），按模板计数',
  tag: 'notifications',
  access: 'signedIn',
  body: recordSubscribeConsentBody,
  response: subscribeConsentView,
  example: { topic: 'whistle', answer: 'accept' },
});
