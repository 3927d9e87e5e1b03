import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  WHISTLE_ESCALATION_CHAIN,
  WHISTLE_SUPERVISOR_LABELS,
  WHISTLE_TYPE_LABELS,
  chinaDateTime,
} from '@gongzhi/shared';
import { Db, isDuplicateKey } from '../core/db';
import { Notifier } from '../notifications/notifier';
import { seedId } from '../core/stable-id';
import { WhistleAccess } from './whistle-access';
import { WhistleEscalationModel, type WhistleEscalation } from './whistle-escalation.model';
import { nextEscalationOf } from './whistle-projection';
import { WhistleStore } from './whistle-store';
import { WhistleModel, targetKeyOf, type Whistle, type WhistleTarget } from './whistle.model';

/** Whistles (and unfinished escalations) looked at per sweep; the rest wait for the next minute. */
const BATCH = 200;

/**
 * 超时升级: the deadline sweep. Runs every minute on every API instance (whistles.scheduler.ts)
 * with the database as its memory:
 * 1. an escalation step is claimed by INSERTING its record (unique whistleId + targetKey + level)
 *    before anything else: of several sweeps, exactly one owns the step;
 * 2. the follow-up — the timeline event, the projection, the notices — is idempotent: the event
 *    and each notice have ids derived from the step, so writing them twice writes them once;
 * 3. the record is marked done last. A sweep that finds a record not done (its process died in
 *    between) completes the follow-up, so a restart loses nothing and repeats nothing.
 */
@Provide()
export class WhistleEscalations {
  @Inject()
  db!: Db;

  @Inject()
  store!: WhistleStore;

  @Inject()
  access!: WhistleAccess;

  @Inject()
  notifier!: Notifier;

  async sweepOverdue(now: Date): Promise<{ escalated: number; completed: number }> {
    let completed = 0;
    const unfinished = await this.db
      .model(WhistleEscalationModel)
      .find({ doneAt: null })
      .sort({ heldAt: 1 })
      .limit(BATCH)
      .lean<WhistleEscalation[]>();
    for (const record of unfinished) {
      await this.complete(record, now);
      completed++;
    }

    let escalated = 0;
    const due = await this.db
      .model(WhistleModel)
      // Only a pending target escalates, and a whistle with one is 'pending' (whistleStatusOf; both come
      // from one projection write). The status equality is what FerretDB hands to PostgreSQL: the range
      // alone made every sweep, once a minute, decode every whistle ever blown (docs/performance.md).
      .find({ status: 'pending', nextEscalationAt: { $lte: now } }, { _id: 1 })
      .sort({ nextEscalationAt: 1 })
      .limit(BATCH)
      .lean<Pick<Whistle, '_id'>[]>();
    for (const { _id } of due) {
      const loaded = await this.store.load(_id);
      if (!loaded) continue;
      let claimed = false;
      for (const target of loaded.whistle.targets) {
        const next = nextEscalationOf(target);
        if (!next || next.dueAt.getTime() > now.getTime()) continue;
        const record: WhistleEscalation = {
          _id: new Types.ObjectId(),
          whistleId: _id,
          targetKey: targetKeyOf(target),
          level: next.level,
          supervisor: WHISTLE_ESCALATION_CHAIN[target.kind][next.level - 1],
          heldAt: now,
          doneAt: null,
        };
        try {
          await this.db.model(WhistleEscalationModel).create(record);
        } catch (err) {
          // Another sweep owns this step; if its process dies, the next sweep completes it.
          if (isDuplicateKey(err)) continue;
          throw err;
        }
        claimed = true;
        await this.complete(record, now);
        escalated++;
      }
      // Nothing due after all (a reported target, a projection that lagged): rewrite nextEscalationAt.
      if (!claimed) await this.store.refresh(loaded.whistle);
    }
    return { escalated, completed };
  }

  /** The follow-up of a claimed step; safe to run any number of times, by any number of sweeps. */
  private async complete(record: WhistleEscalation, now: Date): Promise<void> {
    const done = () =>
      this.db.model(WhistleEscalationModel).updateOne({ _id: record._id, doneAt: null }, { $set: { doneAt: now } });
    const whistle = await this.db.model(WhistleModel).findById(record.whistleId).lean<Whistle>();
    const target = whistle?.targets.find((t) => targetKeyOf(t) === record.targetKey);
    if (!whistle || !target) {
      await done();
      return;
    }
    await this.writeEvent(record);
    await this.store.refresh(whistle);
    await this.notifyOnce(record, whistle, target);
    await done();
  }

  /** The timeline entry, with an id derived from the step: a second writer finds it and stops. */
  private writeEvent(record: WhistleEscalation): Promise<void> {
    const _id = seedId(`whistleEscalation:${record.whistleId}:${record.targetKey}:${record.level}`);
    return this.store.appendAside(
      _id,
      { whistleId: record.whistleId, targetKey: record.targetKey },
      {
        action: 'escalate',
        actorId: null,
        actorRole: 'system',
        at: record.heldAt,
        note: `超过报到时限未报到，第 ${record.level} 级升级至${WHISTLE_SUPERVISOR_LABELS[record.supervisor]}督办`,
        level: record.level,
        supervisor: record.supervisor,
      },
    );
  }

  /** Tells the supervising level, the responder and the blower: one notice per user and step, however often it runs. */
  private async notifyOnce(record: WhistleEscalation, whistle: Whistle, target: WhistleTarget): Promise<void> {
    const level = WHISTLE_SUPERVISOR_LABELS[record.supervisor];
    const what = `「${whistle.title}」（${whistle.placeLabel}，${WHISTLE_TYPE_LABELS[whistle.type]}）`;
    const due = chinaDateTime(target.reportDueAt);
    const groups: [Types.ObjectId[], string][] = [
      [
        await this.access.supervisors(record.supervisor, whistle),
        `督办：${target.name}超过报到时限（${due}）未就${what}报到，已升级至${level}`,
      ],
      [await this.access.responders(target), `${what}已超过报到时限（${due}），已升级至${level}督办，请立即报到`],
      [[whistle.blownBy], `${target.name}超时未就${what}报到，已升级至${level}督办`],
    ];
    const refs = { whistleId: String(whistle._id), targetId: String(target.orgId), level: String(record.level) };
    // Someone in two groups hears it once, in the first; the step's key keeps a rerun from telling anyone again.
    const told = new Set<string>();
    for (const [users, text] of groups) {
      const fresh = users.filter((u) => !told.has(String(u)));
      fresh.forEach((u) => told.add(String(u)));
      await this.notifier.notify(
        fresh,
        'whistleEscalated',
        text,
        refs,
        `${String(record.whistleId)}:${record.targetKey}:${record.level}`,
      );
    }
  }
}
