import { endpoint } from '../endpoint';
import { NOTICE_EDITORS, notice, noticeParams, noticesPage, noticesQuery, postNoticeBody } from './schemas';

export const listNotices = endpoint({
  id: 'listNotices',
  method: 'get',
  path: '/api/v1/notices',
  summary: '社区公告：本社区（或指定社区）的公告，置顶的在前，新的在前',
  tag: 'notices',
  access: 'signedIn',
  query: noticesQuery,
  response: noticesPage,
});

export const postNotice = endpoint({
  id: 'postNotice',
  method: 'post',
  path: '/api/v1/notices',
  summary: '发布社区公告（社区工作者发本社区；街道、县可指定所辖社区）',
  tag: 'notices',
  access: NOTICE_EDITORS,
  body: postNoticeBody,
  response: notice,
  idempotent: true,
  example: {
    title: '本周六停水通知',
    body: '因管网检修，11月29日 8:00–14:00 南门小区停水，请提前储水。',
    pinned: true,
  },
});

export const withdrawNotice = endpoint({
  id: 'withdrawNotice',
  method: 'post',
  path: '/api/v1/notices/:id/withdraw',
  summary: '撤下一条社区公告',
  tag: 'notices',
  access: NOTICE_EDITORS,
  params: noticeParams,
  response: notice,
  example: {},
});
