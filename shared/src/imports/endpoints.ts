import { endpoint } from '../endpoint';
import { z } from '../validation';
import {
  IMPORT_MAX_BYTES,
  IMPORT_ROLES,
  commitBody,
  dryRunResult,
  importJob,
  importJobParams,
  importKindParams,
  importTemplateInfo,
} from './schemas';

// Roster import: template → dry run (row-level errors, nothing written) → commit as a job with progress.
const tag = 'imports';

export const listImportKinds = endpoint({
  id: 'listImportKinds',
  method: 'get',
  path: '/api/v1/imports/kinds',
  summary: '可导入的名册种类及各自的列',
  tag,
  access: IMPORT_ROLES,
  response: importTemplateInfo,
});

export const downloadImportTemplate = endpoint({
  id: 'downloadImportTemplate',
  method: 'get',
  path: '/api/v1/imports/:kind/template',
  summary: '下载导入模板（.xlsx：表头、示例行和填写说明）',
  tag,
  access: IMPORT_ROLES,
  params: importKindParams,
  response: z.any().meta({ description: 'Excel 文件（.xlsx）' }),
});

export const dryRunImport = endpoint({
  id: 'dryRunImport',
  method: 'post',
  path: '/api/v1/imports/:kind/dry-run',
  summary: '预检：上传 .xlsx 或 .csv（请求体即文件），逐行检查并统计新增/更新/未变，不写入任何数据',
  description: 'Content-Type 为 .xlsx 或 text/csv；CSV 可为 UTF-8 或 GBK 编码。返回的 fileId 用于确认导入。',
  tag,
  access: IMPORT_ROLES,
  params: importKindParams,
  response: dryRunResult,
  rawBody: { maxBytes: IMPORT_MAX_BYTES },
  limit: 'import',
});

export const commitImport = endpoint({
  id: 'commitImport',
  method: 'post',
  path: '/api/v1/imports/:kind/commit',
  summary: '确认导入：按预检过的文件写入（后台任务，可查询进度）；同一文件再导入不会产生重复',
  tag,
  access: IMPORT_ROLES,
  params: importKindParams,
  body: commitBody,
  response: importJob,
  idempotent: true,
  example: { fileId: '000000000000000000000000' },
  limit: 'import',
});

export const showImportJob = endpoint({
  id: 'showImportJob',
  method: 'get',
  path: '/api/v1/imports/jobs/:id',
  summary: '导入任务进度（已处理/总行数）与结果',
  tag,
  access: IMPORT_ROLES,
  params: importJobParams,
  response: importJob,
});
