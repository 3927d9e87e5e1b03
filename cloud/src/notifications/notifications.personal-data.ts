import { reassign, registerPersonalData } from '../people/personal-data';
import { NotificationModel, type Notification } from './notification.model';
import { OutboxModel, SubscribeConsentModel, SubscribeConsentUseModel } from './outbox.model';

// In-app messages are the person's own and mean nothing to anyone else: exported, then deleted, with
// the WeChat messages queued for them (openid and text) and their subscription consents.
registerPersonalData({
  area: 'notifications',
  collections: ['notifications', 'outbox', 'subscribeConsents', 'subscribeConsentUses'],
  async exportFor({ db }, userId) {
    const items = await db.model(NotificationModel).find({ userId }).sort({ createdAt: -1 }).lean<Notification[]>();
    return items.map((n) => ({ kind: n.kind, text: n.text, refs: n.refs, createdAt: n.createdAt, readAt: n.readAt }));
  },
  async eraseFor({ db }, userId) {
    await db.model(NotificationModel).deleteMany({ userId });
    await db.model(OutboxModel).deleteMany({ userId });
    await db.model(SubscribeConsentModel).deleteMany({ userId });
    await db.model(SubscribeConsentUseModel).deleteMany({ userId });
  },
  // Same WeChat identity, so queued messages and consents stay good for the person.
  async mergeInto({ db }, from, to) {
    await reassign(db.model(NotificationModel), 'userId', from, to);
    await reassign(db.model(OutboxModel), 'userId', from, to);
    await reassign(db.model(SubscribeConsentModel), 'userId', from, to);
    await reassign(db.model(SubscribeConsentUseModel), 'userId', from, to);
  },
});
