import { Config, Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { SubscribeTopic } from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { SubscribeConsentModel, type SubscribeConsent } from './outbox.model';

/** Use cases of subscription consent: get_subscribe_templates, record_subscribe_consent. */
@Provide()
export class Subscriptions {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Config('gongzhi')
  settings!: Settings;

  templates() {
    return { templates: { ...this.settings.wx.templates } };
  }

  /** One answer, one record; the counts are read back (a counter's `$inc` can lose updates on FerretDB). */
  async recordConsent(user: Principal, topic: SubscribeTopic, answer: SubscribeConsent['answer']) {
    const userId = new Types.ObjectId(user.userId);
    const model = this.db.model(SubscribeConsentModel);
    await model.create({ userId, topic, answer, at: this.clock.now() });
    const [accepted, total] = await Promise.all([
      model.countDocuments({ userId, topic, answer: 'accept' }),
      model.countDocuments({ userId, topic }),
    ]);
    return { topic, accepted, refused: total - accepted };
  }
}
