import { z, objectId, page, pageSize, paged } from '../validation';

export const notification = z.object({
  id: z.string(),
  kind: z.string(),
  text: z.string(),
  refs: z.record(z.string(), z.string()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notification>;

export const notificationsQuery = z.strictObject({ page, pageSize, unread: z.enum(['true', 'false']).optional() });
export const notificationsPage = paged(notification).extend({ unread: z.number().int() });
export const notificationParams = z.strictObject({ id: objectId });

// ——— WeChat subscription messages (订阅消息) ———

/** What a subscription message is about; each topic has one template configured on the server. */
export const SUBSCRIBE_TOPICS = ['whistle', 'need', 'activity'] as const;
export type SubscribeTopic = (typeof SUBSCRIBE_TOPICS)[number];

/** The topic a notification kind is pushed under: whistle*, need*, and the activity messages. */
export function subscribeTopicOf(kind: string): SubscribeTopic | null {
  if (kind.startsWith('whistle')) return 'whistle';
  if (kind.startsWith('need')) return 'need';
  if (kind.startsWith('seat') || kind.startsWith('activity')) return 'activity';
  return null;
}

/** The template ids the mini-program passes to wx.requestSubscribeMessage (null: not configured). */
export const subscribeTemplates = z.object({
  templates: z.record(z.enum(SUBSCRIBE_TOPICS), z.string().nullable()),
});
export type SubscribeTemplates = z.infer<typeof subscribeTemplates>;

/** wx.requestSubscribeMessage's answer per template id. */
export const SUBSCRIBE_ANSWERS = ['accept', 'reject', 'ban', 'filter'] as const;
export const recordSubscribeConsentBody = z.strictObject({
  topic: z.enum(SUBSCRIBE_TOPICS),
  answer: z.enum(SUBSCRIBE_ANSWERS),
});
export const subscribeConsentView = z.object({
  topic: z.enum(SUBSCRIBE_TOPICS),
  /** How many times this user accepted / refused this topic's template so far. */
  accepted: z.number().int(),
  refused: z.number().int(),
});

// ——— Where a message leads ———

/** Kinds addressed to staff about a need: they open the admin need page. */
const STAFF_NEED_KINDS = ['needDispatched', 'needDeclined', 'needUrged'];
/** Kinds addressed to the service person a need was dispatched to: their 待我服务 page. */
const SERVING_NEED_KINDS = ['needAssigned', 'needUrgedServing'];

/**
 * The page a message opens (mini-program path without the leading slash), or null: the matter
 * itself. The in-app list and the subscription message both use it.
 */
export function notificationPage(kind: string, refs: Record<string, string>): string | null {
  if (refs.whistleId) return `packages/whistles/detail/index?id=${refs.whistleId}`;
  if (refs.needId && SERVING_NEED_KINDS.includes(kind)) return `packages/serve/need/index?id=${refs.needId}`;
  if (refs.needId && STAFF_NEED_KINDS.includes(kind)) return `packages/admin/need/index?id=${refs.needId}`;
  if (refs.needId) return `packages/needs/detail/index?id=${refs.needId}`;
  if (kind.startsWith('hours')) return 'packages/activities/hours/index';
  if (refs.activityId) return `packages/activities/detail/index?id=${refs.activityId}`;
  if (refs.bookingId) return 'packages/resources/bookings/index';
  return null;
}
