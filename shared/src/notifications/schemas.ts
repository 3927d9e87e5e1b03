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
