import { dateBound } from '../needs/schemas';
import { z, page, pageSize, paged } from '../validation';
import { AUDIT_WHATS } from './labels';

/**
 * Filters of the audit log search (管理 › 审计日志 and its Excel export). `actor` and `subject` are a
 * name (part of it) or a person's id; dates are China days, both ends included.
 */
const filters = z.strictObject({
  actor: z.string().trim().max(40).optional(),
  subject: z.string().trim().max(40).optional(),
  what: z.enum(AUDIT_WHATS).optional(),
  from: dateBound(false).optional(),
  to: dateBound(true).optional(),
});
const datesInOrder = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.from < q.to;
const datesMessage = { path: ['to'], message: '结束日期不能早于开始日期' };

export const auditFilters = filters.refine(datesInOrder, datesMessage);
export type AuditFilters = z.output<typeof auditFilters>;
export const auditSearchQuery = filters.extend({ page, pageSize }).refine(datesInOrder, datesMessage);

/** One read as the admin page shows it: staff by name, residents by masked name, labels in Chinese. */
export const auditRow = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({
    id: z.string(),
    /** Staff are named in full to administrators. */
    name: z.string(),
    /** The role the reader acted in (the most senior one they held), in Chinese. */
    role: z.string(),
    /** Where they hold it: the street, community, grid, department or unit; null when unknown. */
    place: z.string().nullable(),
  }),
  subject: z.object({
    id: z.string(),
    /** Masked (王*强); 本人 when people read their own (a download, an erasure). */
    name: z.string(),
    /** 居民, 党员名册, 两委名册, 代办居民 (a resident a grid worker ordered for, without an account). */
    kind: z.string(),
  }),
  what: z.array(z.string()),
  whatLabels: z.array(z.string()),
  via: z.string(),
  viaLabel: z.string(),
  /** The need the read went through, when it was one. */
  needId: z.string().nullable(),
});
export type AuditRow = z.infer<typeof auditRow>;
export const auditPage = paged(auditRow);

/** A read of my data as 隐私与数据 lists it: who (role, place, masked name), what, why, when. */
export const myDataReader = z.object({
  at: z.string(),
  role: z.string(),
  place: z.string().nullable(),
  name: z.string(),
  what: z.array(z.string()),
  why: z.string(),
});
export type MyDataReader = z.infer<typeof myDataReader>;
export const myDataReadersQuery = z.strictObject({ page, pageSize });
export const myDataReadersPage = paged(myDataReader);
