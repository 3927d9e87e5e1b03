import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { Notifier } from './notifier';

const { listMyNotifications, markNotificationRead } = api.notifications;

/** 消息: a user's in-app messages. */
@Controller('/')
export class NotificationsController {
  @Inject()
  notifier!: Notifier;

  @Handle(listMyNotifications)
  async listMyNotifications({ user, query }: Call<typeof listMyNotifications>) {
    return this.notifier.listMine(user, query.page, query.pageSize, query.unread === 'true');
  }

  @Handle(markNotificationRead)
  async markNotificationRead({ user, params }: Call<typeof markNotificationRead>) {
    return this.notifier.markRead(user, params.id);
  }
}
