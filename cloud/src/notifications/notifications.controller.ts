import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { Notifier } from './notifier';
import { Subscriptions } from './subscriptions.service';

const { listMyNotifications, markNotificationRead, getSubscribeTemplates, recordSubscribeConsent } = api.notifications;

/** 消息: a user's in-app messages. */
@Controller('/')
export class NotificationsController {
  @Inject()
  notifier!: Notifier;

  @Inject()
  subscriptions!: Subscriptions;

  @Handle(listMyNotifications)
  async listMyNotifications({ user, query }: Call<typeof listMyNotifications>) {
    return this.notifier.listMine(user, query.page, query.pageSize, query.unread === 'true');
  }

  @Handle(markNotificationRead)
  async markNotificationRead({ user, params }: Call<typeof markNotificationRead>) {
    return this.notifier.markRead(user, params.id);
  }

  @Handle(getSubscribeTemplates)
  async getSubscribeTemplates() {
    return this.subscriptions.templates();
  }

  @Handle(recordSubscribeConsent)
  async recordSubscribeConsent({ user, body }: Call<typeof recordSubscribeConsent>) {
    return this.subscriptions.recordConsent(user, body.topic, body.answer);
  }
}
