import { endpoint } from '../endpoint';
import { notification, notificationParams, notificationsPage, notificationsQuery } from './schemas';

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
