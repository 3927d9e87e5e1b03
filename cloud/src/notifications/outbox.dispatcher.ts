import { randomUUID } from 'node:crypto';
import { Autoload, Config, Destroy, ILogger, Init, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Settings } from '../config/settings';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { every } from '../core/every';
import { SubscribeMessageClient } from '../wechat/subscribe-message';
import {
  OutboxLeaseModel,
  OutboxModel,
  SubscribeConsentModel,
  SubscribeConsentUseModel,
  type SubscribeConsentUse,
  type OutboxLease,
  type OutboxRow,
  type SubscribeConsent,
} from './outbox.model';
import { findByIds } from '../core/filters';

export const OUTBOX_RULES = {
  /** A sender holds a row this long; a sender that crashed mid-send loses it after that. Sends time out after 5 s. */
  leaseMs: 60_000,
  /** Attempts before giving up on a row. */
  maxAttempts: 5,
  /** Wait before the n-th retry: 30 s, 1 min, 2 min, 4 min. */
  backoffMs: (attempts: number) => 30_000 * 2 ** (attempts - 1),
  batch: 20,
  everyMs: 10_000,
} as const;

/** WeChat: the user has not subscribed (or used up their one-time consent). Retrying cannot help. */
const NOT_SUBSCRIBED = 43101;
/** lastError of a row skipped before sending: WeChat would answer 43101, so it is not asked. */
export const NO_CONSENT = 'no unused subscription consent';

export interface DispatchSummary {
  sent: number;
  skipped: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the outbox to WeChat, at least once per row: every API instance runs it; a row is taken by
 * inserting its next lease (one winner), sent, and marked. A sender that dies mid-send leaves its row
 * `sending`; once the lease runs out another sender takes it and sends again. The in-app message is
 * a separate record, so a resend never shows twice.
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class OutboxDispatcher {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  wechat!: SubscribeMessageClient;

  @Logger()
  logger!: ILogger;

  private stop: (() => void) | null = null;

  @Config('gongzhi')
  settings!: Settings;

  @Init()
  init(): void {
    if (!this.settings.outboxSender) return;
    this.stop = every(OUTBOX_RULES.everyMs, 'outbox', this.logger, () => this.tick());
  }

  @Destroy()
  destroy(): void {
    this.stop?.();
  }

  /** One pass: what the timer does, callable by tests with the same clock. */
  async tick(): Promise<string | null> {
    const s = await this.dispatchDue();
    const total = s.sent + s.skipped + s.retrying + s.failed;
    return total ? `sent ${s.sent}, skipped ${s.skipped}, retrying ${s.retrying}, failed ${s.failed}` : null;
  }

  async dispatchDue(): Promise<DispatchSummary> {
    const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
    const summary: DispatchSummary = { sent: 0, skipped: 0, retrying: 0, failed: 0 };
    const due = await this.db
      .model(OutboxModel)
      .find({ status: { $in: ['pending', 'sending'] }, dueAt: { $lte: this.clock.now() } })
      .sort({ dueAt: 1 })
      .limit(OUTBOX_RULES.batch)
      .lean<OutboxRow[]>();
    for (const row of due) {
      const leaseNo = await this.claim(row, owner);
      if (leaseNo === null) continue;
      summary[await this.send(row, leaseNo)] += 1;
    }
    return summary;
  }

  /**
   * Takes the row's next lease, or null when another sender holds it or it is done. Lease n is free
   * when nobody inserted it, or the one who did let it run out (a crash before the row was marked).
   */
  async claim(row: OutboxRow, owner: string): Promise<number | null> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + OUTBOX_RULES.leaseMs);
    for (let n = row.leaseNo + 1; n <= row.leaseNo + 10; n++) {
      try {
        await this.db.model(OutboxLeaseModel).create({ _id: `${row._id}#${n}`, rowId: row._id, owner, until });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const held = await this.db.model(OutboxLeaseModel).findById(`${row._id}#${n}`).lean<OutboxLease>();
        if (held && held.until > now) return null;
        continue;
      }
      // Ours. The row may have been finished since we read it (we read a stale copy): then leave it.
      const fresh = await this.db.model(OutboxModel).findById(row._id).lean<OutboxRow>();
      if (!fresh || !['pending', 'sending'].includes(fresh.status) || fresh.leaseNo >= n) return null;
      await this.db
        .model(OutboxModel)
        .updateOne({ _id: row._id }, { $set: { status: 'sending', dueAt: until, leaseNo: n } });
      return n;
    }
    return null;
  }

  private async send(row: OutboxRow, leaseNo: number): Promise<keyof DispatchSummary> {
    if (!(await this.spendConsent(row))) {
      await this.finish(
        { _id: row._id, leaseNo },
        { status: 'skipped', doneAt: this.clock.now(), lastError: NO_CONSENT },
      );
      return 'skipped';
    }
    const outcome = await this.wechat.send({
      touser: row.openid,
      template_id: row.templateId,
      page: row.page,
      data: row.data,
    });
    const now = this.clock.now();
    const mine = { _id: row._id, leaseNo };
    const error = outcome.errcode === null ? outcome.errmsg : `${outcome.errcode} ${outcome.errmsg}`;
    if (outcome.errcode === 0) {
      await this.finish(mine, { status: 'sent', doneAt: now, lastError: null });
      return 'sent';
    }
    if (outcome.errcode === NOT_SUBSCRIBED) {
      await this.finish(mine, { status: 'skipped', doneAt: now, lastError: error });
      return 'skipped';
    }
    const fresh = await this.db.model(OutboxModel).findById(row._id).lean<OutboxRow>();
    const attempts = (fresh?.attempts ?? row.attempts) + 1;
    if (attempts >= OUTBOX_RULES.maxAttempts) {
      await this.finish(mine, { status: 'failed', doneAt: now, lastError: error, attempts });
      this.logger.warn('[outbox] gave up on %s after %d attempts: %s', String(row._id), attempts, error);
      return 'failed';
    }
    const dueAt = new Date(now.getTime() + OUTBOX_RULES.backoffMs(attempts));
    await this.db
      .model(OutboxModel)
      .updateOne(mine, { $set: { status: 'pending', dueAt, lastError: error, attempts } });
    return 'retrying';
  }

  /**
   * Spends one of the user's unused acceptances of the row's topic on this row, or says there is none.
   * A retried row keeps the acceptance it took the first time. Spending is an insert keyed by the
   * acceptance's id: of two senders reaching for the same one, the second gets a duplicate key and
   * tries the next (FerretDB 1.24 has no atomic conditional update to decrement a count with).
   */
  async spendConsent(row: OutboxRow): Promise<boolean> {
    const uses = this.db.model(SubscribeConsentUseModel);
    if (await uses.exists({ rowId: row._id })) return true;
    const accepted = await this.db
      .model(SubscribeConsentModel)
      .find({ userId: row.userId, topic: row.topic, answer: 'accept' }, { _id: 1 })
      .sort({ at: 1, _id: 1 })
      .lean<Pick<SubscribeConsent, '_id'>[]>();
    if (!accepted.length) return false;
    const spent = await findByIds<SubscribeConsentUse>(
      uses,
      accepted.map((c) => c._id),
      { _id: 1 },
    );
    const spentIds = new Set(spent.map((u) => String(u._id)));
    for (const c of accepted) {
      if (spentIds.has(String(c._id))) continue;
      try {
        await uses.create({ _id: c._id, rowId: row._id, userId: row.userId, topic: row.topic, at: this.clock.now() });
        return true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    return false;
  }

  /** Marks a row done (only while our lease is its latest) and drops its leases. */
  private async finish(mine: { _id: OutboxRow['_id']; leaseNo: number }, set: Partial<OutboxRow>): Promise<void> {
    await this.db.model(OutboxModel).updateOne(mine, { $set: set });
    await this.db.model(OutboxLeaseModel).deleteMany({ rowId: mine._id });
  }
}
