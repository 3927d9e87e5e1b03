import { z, objectId, page, pageSize, paged } from '../validation';
import type { Role } from '../roles';
import { validThresholds } from './stars';

/** Who sets star thresholds for their region: community staff, street and county admins. */
export const STAR_SETTERS: readonly Role[] = ['staff', 'streetAdmin', 'countyAdmin'];
/** Who has service records of their own (the activity participants). */
export const HOURS_HOLDERS: readonly Role[] = ['volunteer', 'partyMember', 'resident'];

export const starLevel = z.object({
  level: z.number().int(),
  name: z.string(),
  nextAtHours: z.number().nullable(),
});

/**
 * One confirmed shift as it stands now: the organiser's record, or its latest correction (a
 * correction is a new record that names the one it replaces; nothing is ever overwritten).
 */
export const serviceRecordView = z.object({
  id: z.string(),
  shiftId: z.string(),
  activity: z.object({ id: z.string(), title: z.string(), brand: z.string(), brandName: z.string() }),
  /** The organising community (the record is kept by whoever organised the service). */
  community: z.object({ id: z.string(), name: z.string() }),
  start: z.string(),
  end: z.string(),
  minutes: z.number().int(),
  confirmedAt: z.string(),
  /** Set when a correction changed the organiser's first figure. */
  correction: z
    .object({ revision: z.number().int(), originalMinutes: z.number().int(), reason: z.string(), at: z.string() })
    .nullable(),
});
export type ServiceRecordView = z.infer<typeof serviceRecordView>;

export const myHoursQuery = z.strictObject({ page, pageSize });

/** A shift I checked in to whose hours the organiser has not confirmed yet (等社区确认). */
export const pendingHours = z.object({
  shiftId: z.string(),
  activity: z.object({ id: z.string(), title: z.string(), brand: z.string(), brandName: z.string() }),
  start: z.string(),
  end: z.string(),
  checkInAt: z.string(),
  checkOutAt: z.string().nullable(),
  /** What confirming from the check-in and check-out would give; null without a usable check-out. */
  minutes: z.number().int().nullable(),
  /** The check-out was short: the organiser will look before confirming. */
  shortStay: z.boolean(),
  /** Hours can be confirmed from this moment (the shift's end). */
  confirmFrom: z.string(),
});
export type PendingHours = z.infer<typeof pendingHours>;

export const myHours = paged(serviceRecordView).extend({
  /** Every shift still waiting for confirmation, soonest first (not paged: a handful at most). */
  pending: z.array(pendingHours),
  totalMinutes: z.number().int(),
  /** Minutes of the current calendar year (China time). */
  yearMinutes: z.number().int(),
  star: starLevel,
  thresholds: z.array(z.number().int()),
});
export type MyHours = z.infer<typeof myHours>;

export const serviceRecordParams = z.strictObject({ id: objectId });

export const correctServiceRecordBody = z.strictObject({
  minutes: z
    .number()
    .int()
    .min(0, '服务时长不能为负')
    .max(24 * 60),
  reason: z.string().trim().min(2, '请填写更正原因').max(200),
});

export const correctionResult = z.object({
  recordId: z.string(),
  revision: z.number().int(),
  previousMinutes: z.number().int(),
  minutes: z.number().int(),
  reason: z.string(),
  correctedBy: z.string(),
  at: z.string(),
});

export const starThresholdsParams = z.strictObject({ orgId: objectId });
export const starThresholdsQuery = z.strictObject({ orgId: objectId.optional() });

export const starThresholdsBody = z.strictObject({
  thresholds: z
    .array(z.number().int().min(1).max(100_000))
    .length(5, '请填写五个星级的小时数')
    .refine(validThresholds, '五个星级的小时数须依次增大'),
});

export const starThresholds = z.object({
  orgId: z.string(),
  thresholds: z.array(z.number().int()),
  /** Where the thresholds come from: this node, an ancestor, or the built-in default. */
  source: z.object({ orgId: z.string().nullable(), name: z.string() }),
});

export const issueCertificateBody = z.strictObject({});

export const certificateIssued = z.object({
  code: z.string(),
  /** Path of the PDF (signed-in download). */
  pdfPath: z.string(),
  /** Public page/endpoint anyone can use to check the code. */
  verifyPath: z.string(),
  issuedAt: z.string(),
});

/** 12 characters of Crockford-style base32 (no I, L, O, U), printed on the certificate and its QR code. */
export const CERTIFICATE_CODE = /^[0-9A-HJKMNP-TV-Z]{12}$/;
export const certificateParams = z.strictObject({
  code: z.string().trim().toUpperCase().regex(CERTIFICATE_CODE, '证明编号应为 12 位字母数字'),
});

export const certificateCheck = z.object({
  valid: z.boolean(),
  code: z.string(),
  /** Only when valid. The name is masked (王*强): the check proves the paper, it does not publish people. */
  certifies: z
    .object({
      volunteerName: z.string(),
      issuer: z.string(),
      totalMinutes: z.number().int(),
      recordCount: z.number().int(),
      star: z.string(),
      issuedAt: z.string(),
    })
    .nullable(),
});
export type CertificateCheck = z.infer<typeof certificateCheck>;
