import { endpoint } from '../endpoint';
import { z } from '../validation';
import { ACTIVITY_MANAGERS } from '../activities/schemas';
import {
  HOURS_HOLDERS,
  STAR_SETTERS,
  certificateCheck,
  certificateIssued,
  certificateParams,
  correctServiceRecordBody,
  correctionResult,
  issueCertificateBody,
  myHours,
  myHoursQuery,
  serviceRecordParams,
  starThresholds,
  starThresholdsBody,
  starThresholdsParams,
  starThresholdsQuery,
} from './schemas';

// Service records (服务记录), star levels and certificates. Only endpoints are exported from this file.
const tag = 'hours';

export const getMyHours = endpoint({
  id: 'getMyHours',
  method: 'get',
  path: '/api/v1/me/hours',
  summary: '我的服务记录：累计与本年服务时长、星级，以及每个班次的确认时长（含更正）',
  tag,
  access: HOURS_HOLDERS,
  query: myHoursQuery,
  response: myHours,
});

export const correctServiceRecord = endpoint({
  id: 'correctServiceRecord',
  method: 'post',
  path: '/api/v1/service-records/:id/corrections',
  summary: '更正服务时长（组织方）：追加一条更正记录，原记录不改；积分随之补记或扣回',
  tag,
  access: ACTIVITY_MANAGERS,
  params: serviceRecordParams,
  body: correctServiceRecordBody,
  response: correctionResult,
  idempotent: true,
  example: { minutes: 90, reason: '签退漏扫，按现场登记表更正' },
});

export const getStarThresholds = endpoint({
  id: 'getStarThresholds',
  method: 'get',
  path: '/api/v1/star-thresholds',
  summary: '星级标准（小时）：本级未设置时沿用最近的上级，县默认 100/300/600/1000/1500',
  tag,
  access: 'signedIn',
  query: starThresholdsQuery,
  response: starThresholds,
});

export const setStarThresholds = endpoint({
  id: 'setStarThresholds',
  method: 'put',
  path: '/api/v1/star-thresholds/:orgId',
  summary: '设置本辖区的星级标准（社区工作者设本社区，街道管理员设本街道或其社区，县级管理员任意）',
  tag,
  access: STAR_SETTERS,
  params: starThresholdsParams,
  body: starThresholdsBody,
  response: starThresholds,
  example: { thresholds: [50, 200, 500, 1000, 1500] },
});

export const issueCertificate = endpoint({
  id: 'issueCertificate',
  method: 'post',
  path: '/api/v1/me/certificates',
  summary: '开具志愿服务记录证明：由所在社区出具，附查验编号和二维码',
  tag,
  access: HOURS_HOLDERS,
  body: issueCertificateBody,
  response: certificateIssued,
  idempotent: true,
  example: {},
  limit: 'certificate',
});

export const downloadCertificate = endpoint({
  id: 'downloadCertificate',
  method: 'get',
  path: '/api/v1/me/certificates/:code/pdf',
  summary: '下载我的志愿服务记录证明（PDF）',
  tag,
  access: HOURS_HOLDERS,
  params: certificateParams,
  response: z.any().meta({ description: 'PDF 文件' }),
  expensive: true,
});

export const checkCertificate = endpoint({
  id: 'checkCertificate',
  method: 'get',
  path: '/api/v1/certificates/:code',
  summary: '查验志愿服务记录证明（无需登录）：编号是否有效，证明的内容（姓名部分隐去）',
  tag,
  access: 'public',
  params: certificateParams,
  response: certificateCheck,
});

/** What the QR code on a printed certificate opens: the same check, as a page a person reads. */
export const showCertificatePage = endpoint({
  id: 'showCertificatePage',
  method: 'get',
  path: '/api/v1/certificates/:code/page',
  summary: '证明查验网页（扫证明上的二维码打开，无需登录）：是否有效、姓名（部分隐去）、服务时长、出具社区',
  tag,
  access: 'public',
  params: certificateParams,
  response: z.string().meta({ description: 'HTML 网页' }),
});
