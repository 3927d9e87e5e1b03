import { createHash } from 'node:crypto';
import { Config, Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { subscribeTopicOf, type Notification as NotificationView } from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { WxIdentityModel, type WxIdentity } from '../people/user.model';
import { NotificationModel, type Notification } from './notification.model';
import { OutboxModel, type OutboxRow } from './outbox.model';
import { messageData, messagePage } from './subscribe-content';

/**
 * A notification's id, from its recipient and the key of what it tells: the same notify retried
 * (after a crash or a lost response) writes onto the same id, so it is shown and sent once.
 */
export function notificationId(userId: string, key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`${userId}|${key}`).digest('hex').slice(0, 24));
}

/** Use cases of in-app messages: notify, list_my_notifications, mark_notification_read. */
@Provide()
export class Notifier {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Config('gongzhi')
  settings!: Settings;

  /**
   * Writes one in-app message per user and, where the kind has a subscription template and the user
   * signed in with WeChat, an outbox row the dispatcher sends. `key` names the occurrence (e.g. the
   * event id): calling again with the same key adds nothing.
   */
  async notify(
    userIds: (string | Types.ObjectId)[],
    kind: string,
    text: string,
    refs: Record<string, string>,
    key: string,
  ): Promise<void> {
    const users = [...new Set(userIds.map(String))];
    if (!users.length) return;
    const createdAt = this.clock.now();
    const rows = users.map((u) => ({
      _id: notificationId(u, `${kind}|${key}`),
      userId: new Types.ObjectId(u),
      kind,
      text,
      refs,
      createdAt,
      readAt: null,
    }));
    // One insert per message: a duplicate (a retry) is skipped without hiding the others.
    for (const row of rows) {
      try {
        await this.db.model(NotificationModel).create(row);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    await this.queuePush(rows, kind, text, refs, createdAt);
  }

  /** The outbox rows for the WeChat subscription message; users without an openid (demo sign-in) get in-app only. */
  private async queuePush(
    rows: { _id: Types.ObjectId; userId: Types.ObjectId }[],
    kind: string,
    text: string,
    refs: Record<string, string>,
    createdAt: Date,
  ): Promise<void> {
    const topic = subscribeTopicOf(kind);
    const templateId = topic ? this.settings.wx.templates[topic] : null;
    if (!topic || !templateId) return;
    const identities = await this.db
      .model(WxIdentityModel)
      .find({ userId: { $in: rows.map((r) => r.userId) } })
      .sort({ updatedAt: 1 })
      .lean<WxIdentity[]>();
    // The latest identity wins when one user has several.
    const openids = new Map(identities.map((i) => [String(i.userId), i._id]));
    for (const row of rows) {
      const openid = openids.get(String(row.userId));
      if (!openid) continue;
      const outbox: OutboxRow = {
        _id: row._id,
        userId: row.userId,
        openid,
        topic,
        templateId,
        page: messagePage(kind, refs),
        data: messageData(text, createdAt),
        status: 'pending',
        dueAt: createdAt,
        leaseNo: 0,
        attempts: 0,
        lastError: null,
        createdAt,
        doneAt: null,
      };
      try {
        await this.db.model(OutboxModel).create(outbox);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
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
