import { endpoint } from '../endpoint';
import { z } from '../validation';
import {
  browserSessionList,
  demoAccountsResponse,
  devLoginBody,
  loginTicket,
  loginTicketScan,
  loginTicketSecret,
  loginTicketState,
  sessionResponse,
  sessionUser,
  wxLoginBody,
} from './schemas';

/** Ticket ids are random, not ObjectIds: nobody can guess the next one from a ticket they saw. */
const ticketParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, '登录二维码已失效，请刷新') });

export const listDemoAccounts = endpoint({
  id: 'listDemoAccounts',
  method: 'get',
  path: '/api/v1/auth/demo-accounts',
  summary: '演示账号列表（仅开发环境）',
  tag: 'auth',
  access: 'public',
  devOnly: true,
  response: demoAccountsResponse,
});

export const devLogin = endpoint({
  id: 'devLogin',
  method: 'post',
  path: '/api/v1/auth/dev-login',
  summary: '以演示账号登录（仅开发环境；正式环境拒绝）',
  tag: 'auth',
  access: 'public',
  devOnly: true,
  body: devLoginBody,
  response: sessionResponse,
  example: { account: 'resident' },
  limit: 'signIn',
});

export const wxLogin = endpoint({
  id: 'wxLogin',
  method: 'post',
  path: '/api/v1/auth/wx-login',
  summary: '微信登录：用 wx.login 的 code 换取本系统的令牌（session_key 只留在服务器）',
  tag: 'auth',
  access: 'public',
  body: wxLoginBody,
  response: sessionResponse,
  example: { code: '0a3xyz' },
  limit: 'signIn',
});

export const getMe = endpoint({
  id: 'getMe',
  method: 'get',
  path: '/api/v1/me',
  summary: '当前登录用户（手机号已脱敏）',
  tag: 'auth',
  access: 'signedIn',
  response: sessionUser,
});

export const signOut = endpoint({
  id: 'signOut',
  method: 'post',
  path: '/api/v1/auth/sign-out',
  summary: '退出登录（浏览器登录即刻失效）',
  tag: 'auth',
  access: 'signedIn',
  response: z.object({ ok: z.literal(true) }),
});

export const createLoginTicket = endpoint({
  id: 'createLoginTicket',
  method: 'post',
  path: '/api/v1/auth/qr-tickets',
  summary: '网页版登录二维码（用已登录的小程序扫码确认）',
  tag: 'auth',
  access: 'public',
  response: loginTicket,
});

export const pollLoginTicket = endpoint({
  id: 'pollLoginTicket',
  method: 'get',
  path: '/api/v1/auth/qr-tickets/:id',
  summary: '网页版等待扫码确认',
  tag: 'auth',
  access: 'public',
  params: ticketParams,
  query: loginTicketSecret,
  response: loginTicketState,
});

export const scanLoginTicket = endpoint({
  id: 'scanLoginTicket',
  method: 'post',
  path: '/api/v1/auth/qr-tickets/:id/scan',
  summary: '小程序扫到网页版登录二维码',
  tag: 'auth',
  access: 'signedIn',
  params: ticketParams,
  response: loginTicketScan,
});

export const confirmLoginTicket = endpoint({
  id: 'confirmLoginTicket',
  method: 'post',
  path: '/api/v1/auth/qr-tickets/:id/confirm',
  summary: '在小程序中确认网页版登录',
  tag: 'auth',
  access: 'signedIn',
  params: ticketParams,
  response: loginTicketScan,
});

export const cancelLoginTicket = endpoint({
  id: 'cancelLoginTicket',
  method: 'post',
  path: '/api/v1/auth/qr-tickets/:id/cancel',
  summary: '在小程序中拒绝网页版登录',
  tag: 'auth',
  access: 'signedIn',
  params: ticketParams,
  response: loginTicketScan,
});

export const listBrowserSessions = endpoint({
  id: 'listBrowserSessions',
  method: 'get',
  path: '/api/v1/me/sessions',
  summary: '我已登录的网页版',
  tag: 'auth',
  access: 'signedIn',
  response: browserSessionList,
});

export const endBrowserSession = endpoint({
  id: 'endBrowserSession',
  method: 'post',
  path: '/api/v1/me/sessions/:id/end',
  summary: '让一个网页版登录下线',
  tag: 'auth',
  access: 'signedIn',
  params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确') }),
  response: z.object({ ok: z.literal(true) }),
});
