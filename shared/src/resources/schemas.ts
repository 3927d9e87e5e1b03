import { z, objectId, page, pageSize } from '../validation';
import { MENU_CATEGORY_CODES, RESOURCE_KINDS, type ResourceKind } from '../menu/categories';
import { clockMinutes, parseLocalDate } from '../china-time';
import { MAX_BOOKING_SLOTS, SLOT_MINUTES, rangeSlotStarts, type OpeningRange } from './slots';

/** Kinds booked in time slots (场地、设备). */
export const BOOKABLE_KINDS = ['venue', 'equipment'] as const satisfies readonly ResourceKind[];
/** Kinds that are people: they list skills and weekly available hours. */
export const PEOPLE_KINDS = [
  'talent',
  'teacher',
  'lawyer',
  'doctor',
  'volunteer',
] as const satisfies readonly ResourceKind[];

export function isPeopleKind(kind: ResourceKind): boolean {
  return (PEOPLE_KINDS as readonly ResourceKind[]).includes(kind);
}

export function isBookableKind(kind: ResourceKind): boolean {
  return (BOOKABLE_KINDS as readonly ResourceKind[]).includes(kind);
}

// ---------------------------------------------------------------- weekly hours

/** `HH:mm` on the hour or half hour (bookings hold half-hour cells); `24:00` closes at midnight. */
const clockTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):(00|30)|24:00)$/, '时间格式为 HH:mm，且须为整点或半点，例如 08:30');

export const openingRange = z
  .strictObject({
    /** 1 = 周一 … 7 = 周日 */
    weekday: z.number().int().min(1, '星期应为 1–7').max(7, '星期应为 1–7'),
    open: clockTime,
    close: clockTime,
  })
  .refine((r) => clockMinutes(r.open) < clockMinutes(r.close), { message: '结束时间应晚于开始时间', path: ['close'] });

/** Opening hours (venues, equipment) or available hours (people), per weekday; several ranges a day allowed (午休). */
export const weeklyHours = z
  .array(openingRange)
  .max(21, '每周最多 21 个时间段')
  .superRefine((ranges, ctx) => {
    ranges.forEach((r, i) => {
      const clash = ranges.findIndex(
        (o, j) =>
          j < i &&
          o.weekday === r.weekday &&
          clockMinutes(o.open) < clockMinutes(r.close) &&
          clockMinutes(r.open) < clockMinutes(o.close),
      );
      if (clash >= 0) ctx.addIssue({ code: 'custom', path: [i], message: `与第 ${clash + 1} 个时间段重叠` });
    });
  });

export const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

// ---------------------------------------------------------------- resources

export const slotMinutes = z.literal(SLOT_MINUTES, { error: '时段长度只能是 30、60 或 120 分钟' });

/** Mobile or landline with area code: resource contacts are often an office phone. */
export const contactPhone = z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '请输入手机号或带区号的固定电话');

export const resourceContact = z.strictObject({
  name: z.string().trim().min(1, '请填写联系人').max(20),
  phone: contactPhone,
});

const name = z.string().trim().min(2, '名称至少 2 个字').max(40, '名称最多 40 个字');
const description = z.string().trim().max(1000, '介绍最多 1000 个字');
const categoryCodes = z
  .array(z.enum(MENU_CATEGORY_CODES))
  .max(MENU_CATEGORY_CODES.length)
  .refine((codes) => new Set(codes).size === codes.length, '服务类别不能重复');
const skills = z.array(z.string().trim().min(1).max(20, '每项技能最多 20 个字')).max(20, '最多 20 项技能');
const capacity = z.string().trim().max(40, '容量说明最多 40 个字');

/** The kind-dependent rules of a resource, checked on create and again after every update. */
export interface ResourceShape {
  kind: ResourceKind;
  bookable: boolean;
  hours: readonly OpeningRange[];
  slotMinutes: number | null;
}

export function resourceShapeIssues(r: ResourceShape): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (!r.bookable) return issues;
  if (!isBookableKind(r.kind)) issues.push({ path: ['bookable'], message: '只有场地和设备可以预约' });
  if (!r.slotMinutes) issues.push({ path: ['slotMinutes'], message: '可预约的资源需要选择每个时段的长度' });
  if (!r.hours.length) issues.push({ path: ['hours'], message: '可预约的资源需要填写开放时间' });
  r.hours.forEach((h, i) => {
    if (r.slotMinutes && rangeSlotStarts(h, r.slotMinutes).length === 0) {
      issues.push({ path: ['hours', i], message: '这段开放时间容不下一个完整的预约时段' });
    }
  });
  return issues;
}

export const createResourceBody = z
  .strictObject({
    kind: z.enum(RESOURCE_KINDS),
    /** Only a county admin names the unit; a unit admin's resources are their unit's, staff's their community's (null). */
    unitId: objectId.nullable().optional(),
    /** Where it is / which community it serves: a community, grid, complex or building. Staff default to their community. */
    placeId: objectId.optional(),
    name,
    description: description.default(''),
    categoryCodes: categoryCodes.default([]),
    skills: skills.default([]),
    hours: weeklyHours.default([]),
    /** Defaults to true for venues and equipment. */
    bookable: z.boolean().optional(),
    slotMinutes: slotMinutes.nullable().optional(),
    capacity: capacity.nullable().optional(),
    contact: resourceContact.nullable().optional(),
  })
  .superRefine((r, ctx) => {
    const shape = { ...r, bookable: r.bookable ?? isBookableKind(r.kind), slotMinutes: r.slotMinutes ?? null };
    for (const issue of resourceShapeIssues(shape)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type CreateResourceBody = z.infer<typeof createResourceBody>;

/** Kind and owner never change; everything else may. The merged result is checked with resourceShapeIssues. */
export const updateResourceBody = z
  .strictObject({
    placeId: objectId.optional(),
    name: name.optional(),
    description: description.optional(),
    categoryCodes: categoryCodes.optional(),
    skills: skills.optional(),
    hours: weeklyHours.optional(),
    bookable: z.boolean().optional(),
    slotMinutes: slotMinutes.nullable().optional(),
    capacity: capacity.nullable().optional(),
    contact: resourceContact.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined), '请至少修改一项');
export type UpdateResourceBody = z.infer<typeof updateResourceBody>;

const idName = z.object({ id: z.string(), name: z.string() });

export const resourceView = z.object({
  id: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  name: z.string(),
  description: z.string(),
  categoryCodes: z.array(z.enum(MENU_CATEGORY_CODES)),
  skills: z.array(z.string()),
  hours: z.array(z.object({ weekday: z.number(), open: z.string(), close: z.string() })),
  bookable: z.boolean(),
  slotMinutes: z.number().nullable(),
  capacity: z.string().nullable(),
  /** The phone is masked except to the owner and staff whose scope covers the resource. */
  contact: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
  /** null: the community's own resource. */
  unit: idName.nullable(),
  community: idName,
  place: z.object({
    streetId: z.string(),
    communityId: z.string(),
    gridId: z.string().nullable(),
    complexId: z.string().nullable(),
    buildingId: z.string().nullable(),
  }),
  active: z.boolean(),
  /** The caller may edit or deactivate it. */
  canManage: z.boolean(),
  /**
   * People, for those who manage them: whether the person uses the mini-program themselves (accepted
   * the unit's invitation), so needs dispatched to them reach them. null otherwise.
   */
  hasAccount: z.boolean().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ResourceView = z.infer<typeof resourceView>;

/** `?bookable=true` */
const queryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listResourcesQuery = z.strictObject({
  kind: z.enum(RESOURCE_KINDS).optional(),
  categoryCode: z.enum(MENU_CATEGORY_CODES).optional(),
  bookable: queryFlag.optional(),
  unitId: objectId.optional(),
  communityId: objectId.optional(),
  /** Only the resources the caller manages, inactive ones included. */
  managed: queryFlag.optional(),
  page,
  pageSize,
});

export const resourceParams = z.strictObject({ id: objectId });

/** A calendar date `YYYY-MM-DD` (local, Asia/Shanghai). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD')
  .refine((d) => parseLocalDate(d) !== null, '不是有效的日期');

export const slotsQuery = z.strictObject({ date: calendarDate });

export const SLOT_STATUSES = ['free', 'taken', 'past'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export const slotsResponse = z.object({
  resourceId: z.string(),
  date: z.string(),
  /** 1 = 周一 … 7 = 周日 */
  weekday: z.number(),
  slotMinutes: z.number(),
  slots: z.array(z.object({ start: z.string(), end: z.string(), label: z.string(), status: z.enum(SLOT_STATUSES) })),
});
export type SlotsResponse = z.infer<typeof slotsResponse>;

// ---------------------------------------------------------------- units

export const unitView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  street: idName,
});
export type UnitView = z.infer<typeof unitView>;

export const listUnitsQuery = z.strictObject({ streetId: objectId.optional(), page, pageSize });

// ---------------------------------------------------------------- bookings

export const BOOKING_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  pending: '待审核',
  approved: '已批准',
  rejected: '未通过',
  cancelled: '已取消',
};

export const BOOKING_ACTIONS = ['create', 'approve', 'reject', 'cancel'] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

/** The booking state machine: pending → approved | rejected; pending / approved → cancelled. */
const BOOKING_TRANSITIONS: Record<
  Exclude<BookingAction, 'create'>,
  { from: readonly BookingStatus[]; to: BookingStatus }
> = {
  approve: { from: ['pending'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  cancel: { from: ['pending', 'approved'], to: 'cancelled' },
};

/** The status after an action, or null when the action is not allowed from `status`. */
export function nextBookingStatus(
  status: BookingStatus,
  action: Exclude<BookingAction, 'create'>,
): BookingStatus | null {
  const t = BOOKING_TRANSITIONS[action];
  return t.from.includes(status) ? t.to : null;
}

/** Statuses whose slots are free again. */
export const RELEASED_BOOKING_STATUSES: readonly BookingStatus[] = ['rejected', 'cancelled'];

export const createBookingBody = z.strictObject({
  resourceId: objectId,
  /** Start of the first slot, with its offset, e.g. `2026-11-05T19:00:00+08:00`. */
  start: z.iso.datetime({ offset: true, error: '请填写带时区的开始时间，例如 2026-11-05T19:00:00+08:00' }),
  /** How many consecutive slots. */
  slots: z.number().int().min(1).max(MAX_BOOKING_SLOTS, `一次最多预约 ${MAX_BOOKING_SLOTS} 个连续时段`).default(1),
  purpose: z.string().trim().min(2, '请简要说明用途').max(200, '用途最多 200 个字'),
  attendees: z.number().int().min(1, '人数至少 1 人').max(1000, '人数最多 1000 人'),
});
export type CreateBookingBody = z.infer<typeof createBookingBody>;

export const approveBookingBody = z.strictObject({ note: z.string().trim().max(200).optional() });
/** The reasons staff tap to fill the sheet of a booking not approved (the text stays editable). */
export const BOOKING_REJECT_REASONS: readonly string[] = [
  '该时段已另有安排，请换个时段预约',
  '场地或设备暂停开放',
  '预约信息不全，请补充后再预约',
  '不符合场地的使用规定',
];
export const rejectBookingBody = z.strictObject({ reason: z.string().trim().min(2, '请填写不通过的原因').max(200) });
export const cancelBookingBody = z.strictObject({ reason: z.string().trim().max(200).optional() });

export const bookingParams = z.strictObject({ id: objectId });

export const bookingView = z.object({
  id: z.string(),
  resource: z.object({ id: z.string(), name: z.string(), kind: z.enum(RESOURCE_KINDS) }),
  unit: idName.nullable(),
  communityId: z.string(),
  start: z.string(),
  end: z.string(),
  slots: z.number(),
  /** `11月5日 19:00–20:00` */
  timeText: z.string(),
  purpose: z.string(),
  attendees: z.number(),
  status: z.enum(BOOKING_STATUSES),
  /** Why it was rejected or cancelled. */
  reason: z.string().nullable(),
  /** The phone is masked except in the handler's view of one booking. */
  booker: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BookingView = z.infer<typeof bookingView>;

export const bookingEventView = z.object({
  seq: z.number(),
  action: z.enum(BOOKING_ACTIONS),
  status: z.enum(BOOKING_STATUSES),
  actorRole: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});

export const bookingDetail = bookingView.extend({ timeline: z.array(bookingEventView) });
export type BookingDetail = z.infer<typeof bookingDetail>;

export const listMyBookingsQuery = z.strictObject({ status: z.enum(BOOKING_STATUSES).optional(), page, pageSize });
export const listResourceBookingsQuery = z.strictObject({
  status: z.enum(BOOKING_STATUSES).optional(),
  /** Only bookings starting on this local date. */
  date: calendarDate.optional(),
  page,
  pageSize,
});
