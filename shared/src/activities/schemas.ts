import { z, objectId, page, pageSize, paged } from '../validation';
import { MENU_CATEGORY_CODES } from '../menu/categories';
import type { Role } from '../roles';
import { BRAND_CODES, TEAM_CODES } from './brands';

/** Who organises activities: staff of the activity's community, the organising unit's admin, the county. */
export const ACTIVITY_MANAGERS: readonly Role[] = ['staff', 'unitAdmin', 'countyAdmin'];
/** Who claims seats and checks in (volunteers are often in-service party members; residents may join too). */
export const ACTIVITY_PARTICIPANTS: readonly Role[] = ['volunteer', 'partyMember', 'resident'];

/** Activity lifecycle (活动状态): drafts are seen by organisers only; a cancelled activity is final. */
export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  draft: '草稿',
  published: '已发布',
  cancelled: '已取消',
};
export const ACTIVITY_TRANSITIONS: Record<ActivityStatus, readonly ActivityStatus[]> = {
  draft: ['published', 'cancelled'],
  published: ['cancelled'],
  cancelled: [],
};
export function canTransitionActivity(from: ActivityStatus, to: ActivityStatus): boolean {
  return ACTIVITY_TRANSITIONS[from].includes(to);
}

/** 'meeting' (座谈式/报告式) is kept apart from hands-on service: the seed finds 99% of alliance activities are meetings. */
export const ACTIVITY_FORMATS = ['service', 'meeting'] as const;
export type ActivityFormat = (typeof ACTIVITY_FORMATS)[number];
export const ACTIVITY_FORMAT_LABELS: Record<ActivityFormat, string> = { service: '实践服务', meeting: '座谈会议' };

/** Rules of shifts, claims and check-in; the server enforces them, the mini-program explains them. */
export const SHIFT_RULES = {
  /** Shift times sit on quarter hours: a person's time is reserved in 15-minute buckets. */
  bucketMinutes: 15,
  defaultCutoffHours: 2,
  maxCutoffHours: 168,
  maxShiftHours: 24,
  maxSeats: 500,
  /** Check-in and check-out are open from 30 minutes before the start to 30 minutes after the end. */
  checkInEarlyMinutes: 30,
  checkInLateMinutes: 30,
  /** A check-in code changes every 5 minutes; the current and the previous one are accepted. */
  codeWindowMinutes: 5,
} as const;

const QUARTER_MS = SHIFT_RULES.bucketMinutes * 60_000;

/** True when an instant falls exactly on a quarter hour (09:00, 09:15…), in every time zone we use. */
export function isQuarterHour(iso: string): boolean {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t % QUARTER_MS === 0;
}

/** The last moment a seat can be claimed or given back without asking the organiser. */
export function claimDeadline(start: string | Date, cutoffHours: number): Date {
  return new Date(new Date(start).getTime() - cutoffHours * 3_600_000);
}

const shiftTime = z.iso
  .datetime({ offset: true, message: '请填写带时区的时间，例如 2026-11-28T09:00:00+08:00' })
  .refine(isQuarterHour, '时间须为整刻钟（如 09:00、09:15、09:30）');
const seats = z.number().int().min(1, '名额至少为 1').max(SHIFT_RULES.maxSeats, `名额不能超过 ${SHIFT_RULES.maxSeats}`);
const cutoffHours = z.number().int().min(0).max(SHIFT_RULES.maxCutoffHours);

function checkSpan(v: { start?: string; end?: string }, ctx: z.RefinementCtx) {
  if (!v.start || !v.end) return;
  const ms = Date.parse(v.end) - Date.parse(v.start);
  if (ms <= 0) ctx.addIssue({ code: 'custom', path: ['end'], message: '结束时间必须晚于开始时间' });
  else if (ms > SHIFT_RULES.maxShiftHours * 3_600_000) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: `一个班次不能超过 ${SHIFT_RULES.maxShiftHours} 小时` });
  }
}

export const activityParams = z.strictObject({ id: objectId });
export const shiftParams = z.strictObject({ id: objectId });

const activityFields = {
  title: z.string().trim().min(2, '标题至少 2 个字').max(60),
  brand: z.enum(BRAND_CODES),
  /** The menu category the activity serves: routing offers it to needs of that category. */
  categoryCode: z.enum(MENU_CATEGORY_CODES),
  team: z.enum(TEAM_CODES).nullable(),
  /** A resident unit (驻区单位) organising it; null: the community itself. */
  organiserUnitId: objectId.nullable(),
  /** Where it happens: a community, grid, complex or building of the org tree. */
  placeId: objectId,
  address: z.string().trim().min(2, '请填写活动地点').max(100),
  description: z.string().trim().max(2000),
  format: z.enum(ACTIVITY_FORMATS),
};

export const createActivityBody = z.strictObject({
  ...activityFields,
  team: activityFields.team.default(null),
  organiserUnitId: activityFields.organiserUnitId.optional(),
  description: activityFields.description.default(''),
  format: activityFields.format.default('service'),
  status: z.enum(['draft', 'published']).default('published'),
});
export type CreateActivityBody = z.input<typeof createActivityBody>;

export const updateActivityBody = z
  .strictObject({
    title: activityFields.title.optional(),
    brand: activityFields.brand.optional(),
    categoryCode: activityFields.categoryCode.optional(),
    team: activityFields.team.optional(),
    organiserUnitId: activityFields.organiserUnitId.optional(),
    placeId: activityFields.placeId.optional(),
    address: activityFields.address.optional(),
    description: activityFields.description.optional(),
    format: activityFields.format.optional(),
    /** Publishing a draft; cancelling has its own endpoint. */
    status: z.literal('published').optional(),
  })
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项');

export const cancelActivityBody = z.strictObject({
  reason: z.string().trim().min(2, '请填写取消原因').max(200),
});

export const createShiftBody = z
  .strictObject({
    start: shiftTime,
    end: shiftTime,
    seats,
    /** Claims close and giving a seat back needs the organiser this many hours before the start. */
    cutoffHours: cutoffHours.default(SHIFT_RULES.defaultCutoffHours),
  })
  .superRefine(checkSpan);

export const updateShiftBody = z
  .strictObject({
    start: shiftTime.optional(),
    end: shiftTime.optional(),
    seats: seats.optional(),
    cutoffHours: cutoffHours.optional(),
  })
  .superRefine(checkSpan)
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项');

export const listActivitiesQuery = z.strictObject({
  brand: z.enum(BRAND_CODES).optional(),
  /** A day in China time (YYYY-MM-DD): activities with a shift that day. */
  date: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  /** Defaults to the caller's own community; county-level callers see every community. */
  communityId: objectId.optional(),
  categoryCode: z.enum(MENU_CATEGORY_CODES).optional(),
  /** Drafts and cancelled activities are listed only to those who organise them. */
  status: z.enum(ACTIVITY_STATUSES).default('published'),
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  page,
  pageSize,
});

export const shiftSummary = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  seats: z.number().int(),
  /** Counted from the seat records, never a stored counter. */
  taken: z.number().int(),
  free: z.number().int(),
});
export type ShiftSummary = z.infer<typeof shiftSummary>;

const idName = z.object({ id: z.string(), name: z.string() });

export const activitySummary = z.object({
  id: z.string(),
  title: z.string(),
  brand: z.enum(BRAND_CODES),
  brandName: z.string(),
  categoryCode: z.enum(MENU_CATEGORY_CODES),
  team: z.enum(TEAM_CODES).nullable(),
  teamName: z.string().nullable(),
  organiser: z.object({ kind: z.enum(['community', 'unit']), id: z.string(), name: z.string() }),
  community: idName,
  address: z.string(),
  format: z.enum(ACTIVITY_FORMATS),
  status: z.enum(ACTIVITY_STATUSES),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  freeSeats: z.number().int(),
  shifts: z.array(shiftSummary),
});
export type ActivitySummary = z.infer<typeof activitySummary>;
export const activityList = paged(activitySummary);

export const shiftDetail = shiftSummary.extend({
  cutoffHours: z.number().int(),
  /** Claims close and self-cancelling ends at this moment. */
  claimDeadline: z.string(),
  waiting: z.number().int(),
  myClaim: z.object({ seatNo: z.number().int(), claimedAt: z.string() }).nullable(),
  myWaitlist: z.object({ position: z.number().int() }).nullable(),
});
export type ShiftDetail = z.infer<typeof shiftDetail>;

export const activityDetail = activitySummary.extend({
  description: z.string(),
  placeId: z.string(),
  cancelReason: z.string().nullable(),
  /** True when the caller may edit it, add shifts, see the roster and confirm hours. */
  canManage: z.boolean(),
  shifts: z.array(shiftDetail),
});
export type ActivityDetail = z.infer<typeof activityDetail>;

export const claimSeatBody = z.strictObject({
  /** When the shift is full: join the waitlist (default) or be told 名额已满. */
  wait: z.boolean().default(true),
});

export const CLAIM_STATUSES = ['seated', 'waitlisted'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const claimSeatResult = z.object({
  shiftId: z.string(),
  status: z.enum(CLAIM_STATUSES),
  seatNo: z.number().int().nullable(),
  waitlistPosition: z.number().int().nullable(),
});
export type ClaimSeatResult = z.infer<typeof claimSeatResult>;

export const cancelClaimResult = z.object({
  shiftId: z.string(),
  /** What was given back: a seat, or a place on the waitlist. */
  released: z.enum(['seat', 'waitlist']),
});

/** What a check-in QR code holds: this prefix, then base64url of shift, expiry and signature (see checkin.ts). */
export const CHECKIN_TOKEN_PREFIX = 'gzqd1.';
export const CHECKIN_TOKEN = /^gzqd1\.[A-Za-z0-9_-]{43}$/;

export const shiftCheckInCode = z.object({
  shiftId: z.string(),
  /** The 6 digits to type in a browser, shown in large type under the QR code. */
  code: z.string(),
  /** What the QR code holds: a token signed by the server, refused after `expiresAt`. */
  token: z.string(),
  /** The QR code of the token as an image (a PNG data URL), ready to show. */
  qrImage: z.string(),
  /** Show a new code from this moment. */
  refreshAt: z.string(),
  /** This code and token are refused from this moment. */
  expiresAt: z.string(),
  shift: z.object({ start: z.string(), end: z.string() }),
  activity: z.object({ id: z.string(), title: z.string(), address: z.string() }),
});
export type ShiftCheckInCode = z.infer<typeof shiftCheckInCode>;

/** Typed in a browser: the 6-digit code; scanned in WeChat: the QR code's token. One of the two. */
export const checkInBody = z
  .strictObject({
    code: z
      .string()
      .regex(/^\d{6}$/, '签到码应为 6 位数字')
      .optional(),
    token: z.string().regex(CHECKIN_TOKEN, '这不是共治通的签到二维码').optional(),
  })
  .refine((v) => (v.code === undefined) !== (v.token === undefined), {
    message: '请输入 6 位签到码，或扫描签到二维码',
    path: ['code'],
  });

export const ATTENDANCE_KINDS = ['checkIn', 'checkOut'] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];

/** A check-out too short for the rule (SHORT_STAY in checkin.ts), with the reason in plain words. */
export const shortStayFlag = z.object({
  minutes: z.number().int(),
  neededMinutes: z.number().int(),
  reason: z.string(),
});

export const shiftAttendance = z.object({
  shiftId: z.string(),
  kind: z.enum(ATTENDANCE_KINDS),
  at: z.string(),
  /** Set on a check-out that was accepted but flagged for staff to look at before confirming hours. */
  shortStay: shortStayFlag.nullable(),
});

export const confirmHoursBody = z.strictObject({
  personId: objectId,
  /** Defaults to check-out minus check-in, rounded down to 15 minutes, at most the shift's length. */
  minutes: z
    .number()
    .int()
    .min(1, '服务时长至少 1 分钟')
    .max(SHIFT_RULES.maxShiftHours * 60)
    .optional(),
});

export const hoursRecord = z.object({
  shiftId: z.string(),
  activityId: z.string(),
  personId: z.string(),
  minutes: z.number().int(),
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  confirmedBy: z.string(),
  confirmedAt: z.string(),
});
export type HoursRecord = z.infer<typeof hoursRecord>;

export const myShiftsQuery = z.strictObject({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  page,
  pageSize,
});

export const myShift = z.object({
  shiftId: z.string(),
  start: z.string(),
  end: z.string(),
  claimDeadline: z.string(),
  activity: z.object({
    id: z.string(),
    title: z.string(),
    brand: z.enum(BRAND_CODES),
    brandName: z.string(),
    address: z.string(),
    status: z.enum(ACTIVITY_STATUSES),
  }),
  status: z.enum(CLAIM_STATUSES),
  seatNo: z.number().int().nullable(),
  waitlistPosition: z.number().int().nullable(),
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  confirmedMinutes: z.number().int().nullable(),
});
export type MyShift = z.infer<typeof myShift>;
export const myShiftList = paged(myShift);

export const shiftRosterQuery = z.strictObject({ page, pageSize });

export const shiftRosterEntry = z.object({
  personId: z.string(),
  name: z.string(),
  /** Full only to the staff of the activity's community (and audit-logged); masked for everyone else. */
  phone: z.string().nullable(),
  status: z.enum(CLAIM_STATUSES),
  seatNo: z.number().int().nullable(),
  waitlistPosition: z.number().int().nullable(),
  since: z.string(),
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  confirmedMinutes: z.number().int().nullable(),
  shortStay: shortStayFlag.nullable(),
  /** Whether the organiser can confirm this person's hours now, and if not why (see hours/confirmation.ts). */
  confirm: z.object({
    allowed: z.boolean(),
    /** Allowed, but only with the minutes typed in (no usable check-in and check-out). */
    needsMinutes: z.boolean(),
    reason: z.string().nullable(),
    /** Check-out minus check-in, rounded down to 15 minutes, at most the shift: what confirming without minutes gives. */
    suggestedMinutes: z.number().int().nullable(),
  }),
});
export type ShiftRosterEntry = z.infer<typeof shiftRosterEntry>;
export const shiftRoster = paged(shiftRosterEntry).extend({
  /** From when the shift's hours can be confirmed, and the reason while they cannot yet. */
  hoursConfirm: z.object({ open: z.boolean(), opensAt: z.string(), reason: z.string().nullable() }),
});
export type ShiftRoster = z.infer<typeof shiftRoster>;
