import { Inject, Provide } from '@midwayjs/core';
import {
  WHISTLE_DEFAULT_LIMITS,
  type WhistleCategory,
  type WhistleLimits,
  type WhistleRuleCategory,
  type WhistleRuleView,
  type WhistleType,
  type WhistleUrgency,
  type whistleLimitTable,
  type z,
} from '@gongzhi/shared';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { WhistleRuleModel, whistleRuleId, type WhistleRule } from './whistle-rule.model';
import { WhistleViews, toRuleView } from './whistle-views';
import { oid } from '../core/oid';
import { userNames } from '../people/names';

type LimitTable = z.output<typeof whistleLimitTable>;

/** The time limits of whistles (报到/办结时限) per type, category and urgency, set by county admins. */
@Provide()
export class WhistleRules {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  views!: WhistleViews;

  /** The limits for a new whistle: its type and category's rule, else its type's default rule, else the built-in defaults. */
  async limitsFor(type: WhistleType, category: WhistleCategory, urgency: WhistleUrgency): Promise<WhistleLimits> {
    const ids = [whistleRuleId(type, category), whistleRuleId(type, 'default')];
    const rules = await this.db
      .model(WhistleRuleModel)
      .find({ _id: { $in: ids } })
      .lean<WhistleRule[]>();
    const rule = rules.find((r) => r._id === ids[0]) ?? rules.find((r) => r._id === ids[1]);
    const limits = rule ? rule.limits[urgency] : WHISTLE_DEFAULT_LIMITS[urgency];
    return { reportMinutes: limits.reportMinutes, resolveMinutes: limits.resolveMinutes };
  }

  async listWhistleRules(page: number, pageSize: number) {
    const model = this.db.model(WhistleRuleModel);
    const [rows, total] = await Promise.all([
      model
        .find({})
        .sort({ _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<WhistleRule[]>(),
      model.countDocuments({}),
    ]);
    const names = await userNames(
      this.db,
      rows.map((r) => r.updatedBy),
    );
    return { items: rows.map((r) => toRuleView(r, names)), total, page, pageSize, defaults: WHISTLE_DEFAULT_LIMITS };
  }

  /** Sets a rule (last write wins: an admin setting, not a race that matters). Running whistles keep their limits. */
  async updateWhistleRule(
    user: Principal,
    type: WhistleType,
    category: WhistleRuleCategory,
    limits: LimitTable,
  ): Promise<WhistleRuleView> {
    const _id = whistleRuleId(type, category);
    const set = { type, category, limits, updatedBy: oid(user.userId), updatedAt: this.clock.now() };
    await this.db.model(WhistleRuleModel).updateOne({ _id }, { $set: set }, { upsert: true });
    const saved = (await this.db.model(WhistleRuleModel).findById(_id).lean<WhistleRule>())!;
    return toRuleView(saved, await userNames(this.db, [saved.updatedBy]));
  }
}
