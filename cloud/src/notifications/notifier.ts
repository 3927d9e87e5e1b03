import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { Notification as NotificationView } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { NotificationModel, type Notification } from './notification.model';

/** Use cases of in-app messages: notify, list_my_notifications, mark_notification_read. */
@Provide()
export class Notifier {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  async notify(userIds: (string | Types.ObjectId)[], kind: string, text: string, refs: Record<string, string> = {}) {
    if (!userIds.length) return;
    const createdAt = this.clock.now();
    await this.db
      .model(NotificationModel)
      .insertMany(
        userIds.map((id) => ({ userId: new Types.ObjectId(String(id)), kind, text, refs, createdAt, readAt: null })),
      );
  }

  async listMine(user: Principal, page: number, pageSize: number, unreadOnly: boolean) {
    const filter: Record<string, unknown> = { userId: new Types.ObjectId(user.userId) };
    const unreadFilter = { ...filter, readAt: null };
    const model = this.db.model(NotificationModel);
    const [items, total, unread] = await Promise.all([
      model
        .find(unreadOnly ? unreadFilter : filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<Notification[]>(),
      model.countDocuments(unreadOnly ? unreadFilter : filter),
      model.countDocuments(unreadFilter),
    ]);
    return { items: items.map(toView), total, page, pageSize, unread };
  }

  async markRead(user: Principal, id: string): Promise<NotificationView> {
    const model = this.db.model(NotificationModel);
    const mine = { _id: new Types.ObjectId(id), userId: new Types.ObjectId(user.userId) };
    const found = await model.findOne(mine).lean<Notification>();
    if (!found) throw new AppError('NOT_FOUND', '没有找到这条消息');
    // Marking read twice is harmless: the first time wins.
    if (!found.readAt) await model.updateOne({ ...mine, readAt: null }, { $set: { readAt: this.clock.now() } });
    return toView((await model.findOne(mine).lean<Notification>())!);
  }
}

function toView(n: Notification): NotificationView {
  return {
    id: String(n._id),
    kind: n.kind,
    text: n.text,
    refs: n.refs ?? {},
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}
