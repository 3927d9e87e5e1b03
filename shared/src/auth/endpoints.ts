import { endpoint } from '../endpoint';
import { demoAccountsResponse, devLoginBody, sessionResponse, sessionUser, wxLoginBody } from './schemas';

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
