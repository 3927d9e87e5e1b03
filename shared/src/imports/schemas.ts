import { z, objectId } from '../validation';

/** What staff can import from a spreadsheet, one template per kind. */
export const IMPORT_KINDS = [
  'residents',
  'volunteers',
  'partyMembers',
  'units',
  'staff',
  'complexes',
  'pastActivities',
  'orgTree',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  residents: '居民',
  volunteers: '志愿者',
  partyMembers: '党员',
  units: '驻区单位',
  staff: '社区工作人员',
  complexes: '小区',
  pastActivities: '往期活动',
  orgTree: '组织架构',
};
export const IMPORT_ROLES = ['staff', 'streetAdmin', 'countyAdmin'] as const;
/** Kinds only tree administrators import (the county anywhere, a street administrator under their street). */
export const TREE_IMPORT_KINDS: readonly ImportKind[] = ['orgTree'];
/** Files above this are refused (10,000 rows of any kind fit in well under it). */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;
export const IMPORT_CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const;

export const importKindParams = z.strictObject({ kind: z.enum(IMPORT_KINDS) });

/** One problem in one cell (or a whole row when column is null), in words a staff member can act on. */
export const importRowError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const importSummary = z.object({
  total: z.number().int(),
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
});
export type ImportSummary = z.infer<typeof importSummary>;

/** What a re-imported row changes in a record already stored: each field from → to (personal values masked). */
export const importRowChange = z.object({
  row: z.number().int(),
  /** The row's name column (姓名, 小区名称…), so people see whose record it is. */
  name: z.string(),
  fields: z.array(z.object({ label: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
});
export type ImportRowChange = z.infer<typeof importRowChange>;

export const dryRunResult = z.object({
  fileId: z.string(),
  kind: z.enum(IMPORT_KINDS),
  summary: importSummary,
  /** The first 200 errors, in row order. */
  errors: z.array(importRowError),
  errorCount: z.number().int(),
  /** The first 200 rows that will update a stored record, with what changes. */
  changes: z.array(importRowChange),
});
export type DryRunResult = z.infer<typeof dryRunResult>;

export const commitBody = z.strictObject({ fileId: objectId });

export const IMPORT_JOB_STATUSES = ['running', 'done', 'failed'] as const;
export const importJob = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  status: z.enum(IMPORT_JOB_STATUSES),
  total: z.number().int(),
  processed: z.number().int(),
  result: importSummary.nullable(),
  /** A sentence for the staff member: "新增 12 条，更新 3 条，未变 85 条". */
  message: z.string(),
  createdAt: z.string(),
});
export type ImportJob = z.infer<typeof importJob>;
export const importJobParams = z.strictObject({ id: objectId });

/** The columns of a kind's template, for the mini-program to show before a file is picked. */
export const importTemplateInfo = z.object({
  kinds: z.array(
    z.object({
      kind: z.enum(IMPORT_KINDS),
      label: z.string(),
      columns: z.array(z.object({ header: z.string(), required: z.boolean(), note: z.string() })),
    }),
  ),
});
