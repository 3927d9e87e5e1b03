import { endpoint } from '../endpoint';
import { z } from '../validation';
import { AUDIT_RETENTION_DAYS } from './labels';
import { auditFilters, auditPage, auditSearchQuery, myDataReadersPage, myDataReadersQuery } from './schemas';

// Only endpoints may be exported from this file: api.ts lists every export as an endpoint.

/** County administrators see the whole log; street administrators the reads within their street. */
const AUDIT_READERS = ['streetAdmin', 'countyAdmin'] as const;

const scope =
  '范围：县级管理员看全部；街道管理员看与本街道有关的记录——查看人当时持有本街道（或其下社区、网格）的岗位，' +
  '或被查看人住在本街道（党员、两委名册按其所在社区）。查询和导出本身也记入审计日志。' +
  `记录至少保留 ${AUDIT_RETENTION_DAYS} 天，接口不提供修改或删除。`;

export const searchAuditLog = endpoint({
  id: 'searchAuditLog',
  method: 'get',
  path: '/api/v1/audit',
  summary: '审计日志：工作人员查看个人信息的记录，可按查看人、被查看人、查看内容和日期查询，最新的在前',
  description: `查看人、被查看人可填姓名（部分）或编号；居民姓名脱敏显示。${scope}`,
  tag: 'audit',
  access: AUDIT_READERS,
  query: auditSearchQuery,
  response: auditPage,
});

export const exportAuditLog = endpoint({
  id: 'exportAuditLog',
  method: 'get',
  path: '/api/v1/audit.xlsx',
  summary: '导出审计日志为 Excel（筛选条件同查询，最多 10000 条，最新的在前）',
  description: scope,
  tag: 'audit',
  access: AUDIT_READERS,
  query: auditFilters,
  response: z.any().meta({ description: 'Excel 文件（.xlsx）' }),
});

export const listMyDataReaders = endpoint({
  id: 'listMyDataReaders',
  method: 'get',
  path: '/api/v1/me/data/readers',
  summary: '谁查看过我的信息：工作人员的岗位、所在单位、脱敏姓名，查看了什么、因何查看、何时，最新的在前',
  tag: 'people',
  access: 'signedIn',
  query: myDataReadersQuery,
  response: myDataReadersPage,
});
