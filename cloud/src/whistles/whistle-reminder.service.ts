import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  WHISTLE_ESCALATION_CHAIN,
  WHISTLE_REMIND_WINDOW_MINUTES,
  chinaDateTime,
  clockText,
  localMinutesOf,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { Notifier } from '../notifications/notifier';
import { seedId } from '../core/stable-id';
import { WhistleAccess } from './whistle-access';
import { WhistleEventModel } from './whistle-event.model';
import { runningDueOf } from './whistle-projection';
import { remindRefusal } from './whistle-remind-rule';
import { WhistleReminderModel, type WhistleReminder } from './whistle-reminder.model';
import { WhistleStore } from './whistle-store';
import { targetKeyOf, type Whistle, type WhistleTarget } from './whistle.model';

const WINDOW_MS = WHISTLE_REMIND_WINDOW_MINUTES * 60_000;
/** A claim this old without its timeline entry was left by a process that died: a later call completes it. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * Use case remind_whistle (督办): a supervisor presses a target that is still running. The claim on
 * the hour is inserted first (unique whistleId + targetKey + hour: one 督办 per target per hour, two
 * at once cannot both pass); then the timeline entry and the messages, each with an id derived from
 * the claim, so running the follow-up twice writes it once.
 */
@Provide()
export class WhistleReminders {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  store!: WhistleStore;

  @Inject()
  access!: WhistleAccess;

  @Inject()
  notifier!: Notifier;

  async remindWhistle(user: Principal, id: string, targetId: string, note: string | undefined): Promise<void> {
    const loaded = await this.store.load(id);
    if (!loaded || !this.access.canSee(user, loaded.whistle)) throw new AppError('NOT_FOUND', '没有找到这条吹哨');
    const { whistle } = loaded;
    const target = whistle.targets.find((t) => String(t.orgId) === targetId);
    if (!target) throw new AppError('NOT_FOUND', '这条吹哨没有这个报到对象');
    const refusal = remindRefusal(user, whistle, target, this.access.isResponder(user, target));
    if (refusal) throw new AppError(refusal.code, refusal.reason);

    const at = this.clock.now();
    const claim: WhistleReminder = {
      _id: new Types.ObjectId(),
      whistleId: whistle._id,
      targetKey: targetKeyOf(target),
      hour: Math.floor(at.getTime() / WINDOW_MS),
      actorId: new Types.ObjectId(user.userId),
      actorRole: user.roles.includes('countyAdmin') ? 'countyAdmin' : 'streetAdmin',
      note: note?.trim() || null,
      at,
    };
    try {
      await this.db.model(WhistleReminderModel).create(claim);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await this.refuseRepeat(claim, whistle);
      return;
    }
    await this.complete(claim, whistle, target, user.name);
  }

  /**
   * A second 督办 in the same hour is refused — unless the first one's follow-up never happened and
   * its request is long over (its process died after the claim): then this call completes it rather
   * than lose it for the hour. A first one still in flight (two taps at once) is not touched.
   */
  private async refuseRepeat(tried: WhistleReminder, whistle: Whistle): Promise<void> {
    const first = await this.db
      .model(WhistleReminderModel)
      .findOne({ whistleId: tried.whistleId, targetKey: tried.targetKey, hour: tried.hour })
      .lean<WhistleReminder>();
    const abandoned = !!first && tried.at.getTime() - first.at.getTime() > ABANDONED_AFTER_MS;
    if (first && abandoned && !(await this.db.model(WhistleEventModel).exists({ _id: eventIdOf(first) }))) {
      const target = whistle.targets.find((t) => targetKeyOf(t) === first.targetKey)!;
      await this.complete(first, whistle, target, '');
      return;
    }
    const next = clockText(localMinutesOf(new Date((tried.hour + 1) * WINDOW_MS)));
    const when = first ? `（${clockText(localMinutesOf(first.at))}）` : '';
    throw new AppError('CONFLICT', `这项任务这个小时内已经督办过了${when}，请在 ${next} 以后再督办`);
  }

  private async complete(claim: WhistleReminder, whistle: Whistle, target: WhistleTarget, actorName: string) {
    await this.appendEvent(claim);
    await this.store.refresh(whistle);
    await this.notifyOnce(claim, whistle, target, actorName);
  }

  /** The timeline entry (WhistleStore.appendAside: after the target's last step, no status change). */
  private appendEvent(claim: WhistleReminder): Promise<void> {
    return this.store.appendAside(
      eventIdOf(claim),
      { whistleId: claim.whistleId, targetKey: claim.targetKey },
      {
        action: 'remind',
        actorId: claim.actorId,
        actorRole: claim.actorRole,
        at: claim.at,
        note: claim.note,
        level: null,
        supervisor: null,
      },
    );
  }

  /** The responder, and the level above them (the first of their escalation chain); one message each per 督办. */
  private async notifyOnce(claim: WhistleReminder, whistle: Whistle, target: WhistleTarget, actorName: string) {
    const by = `${claim.actorRole === 'countyAdmin' ? '县级' : '街道'}${actorName ? `（${actorName}）` : ''}`;
    const what = `「${whistle.title}」（${whistle.placeLabel}）`;
    const due = runningDueOf(target);
    const ask = target.status === 'pending' ? '报到' : '办理';
    const deadline = due ? `，时限 ${chinaDateTime(due)}` : '';
    const words = claim.note ? `。督办意见：${claim.note}` : '';
    const superior = WHISTLE_ESCALATION_CHAIN[target.kind][0];
    const groups: [Types.ObjectId[], string][] = [
      [await this.access.responders(target), `督办：${by}督办${what}，请尽快${ask}${deadline}${words}`],
      [
        await this.access.supervisors(superior, whistle),
        `督办：${by}督办了${target.name}负责的${what}，目前尚未${target.status === 'pending' ? '报到' : '办结'}${words}`,
      ],
    ];
    const refs = { whistleId: String(whistle._id), targetId: String(target.orgId) };
    const told = new Set<string>([String(claim.actorId)]);
    for (const [users, text] of groups) {
      const fresh = users.filter((u) => !told.has(String(u)));
      fresh.forEach((u) => told.add(String(u)));
      await this.notifier.notify(fresh, 'whistleReminded', text, refs, String(claim._id));
    }
  }
}

/** The reminder's timeline entry: one per claim, whoever writes it. */
function eventIdOf(claim: Pick<WhistleReminder, '_id'>): Types.ObjectId {
  return seedId(`whistleReminder:${String(claim._id)}`);
}
