import { ILogger, Inject, Logger, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  DEFAULT_POINTS_RULES,
  POINTS_EARN_KINDS,
  POINTS_KIND_LABELS,
  POINTS_HOLDERS,
  chinaYearOf,
  type PointsEarnKind,
  type PointsKind,
  type PointsRule,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { PRINCIPAL_SOURCE, type PrincipalSource } from '../core/principal';
import { Db, isDuplicateKey } from '../core/db';
import { UserModel, type User } from '../people/user.model';
import { PointsEntryModel, type PointsEntry } from './points-entry.model';
import { PointsRuleModel, type PointsRuleDoc } from './points-rule.model';

/** Appends by one person race each other only; a few dozen at once settle well within this. */
const MAX_ATTEMPTS = 200;

export interface AppendSpec {
  personId: Types.ObjectId;
  kind: PointsKind;
  sourceKey: string;
  sourceRef?: string | null;
  note: string;
  /** When the event happened (its year counts); defaults to now. */
  at?: Date;
  /**
   * The delta given the current balance and this year's points of the kind so far, read at the
   * chain's head; 0 writes nothing.
   */
  delta: (state: { balance: number; earnedOfKind: number }) => number;
}

/**
 * The points ledger: appends to a person's chain (see points-entry.model.ts) and the earning hooks
 * other areas call where events happen. An append is idempotent by sourceKey.
 */
@Provide()
export class PointsLedger {
  @Inject(PRINCIPAL_SOURCE)
  principals!: PrincipalSource;

  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Logger()
  logger!: ILogger;

  async rules(): Promise<PointsRule[]> {
    const docs = await this.db.model(PointsRuleModel).find().lean<PointsRuleDoc[]>();
    return POINTS_EARN_KINDS.map((kind) => {
      const d = DEFAULT_POINTS_RULES[kind];
      const doc = docs.find((r) => r._id === kind);
      return {
        kind,
        label: POINTS_KIND_LABELS[kind],
        unit: d.unit,
        points: doc?.points ?? d.points,
        yearlyExpectation: doc?.yearlyExpectation ?? d.yearlyExpectation,
        yearlyCap: doc?.yearlyCap ?? d.yearlyCap,
      };
    });
  }

  async rule(kind: PointsEarnKind): Promise<PointsRule> {
    return (await this.rules()).find((r) => r.kind === kind)!;
  }

  /** The head of a person's chain: the current balance. */
  async head(personId: Types.ObjectId): Promise<PointsEntry | null> {
    return this.db.model(PointsEntryModel).findOne({ personId }).sort({ seq: -1 }).lean<PointsEntry>();
  }

  async balanceOf(personId: Types.ObjectId): Promise<number> {
    return (await this.head(personId))?.balance ?? 0;
  }

  /**
   * Appends an entry at the head of the person's chain. A lost race (another append took the same
   * seq) re-reads the head and recomputes; a repeat of the same sourceKey returns the first entry.
   * Refuses with INSUFFICIENT_POINTS when the balance would go below zero.
   */
  async append(spec: AppendSpec): Promise<PointsEntry | null> {
    const entries = this.db.model(PointsEntryModel);
    const at = spec.at ?? this.clock.now();
    const year = chinaYearOf(at);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const done = await entries.findOne({ sourceKey: spec.sourceKey }).lean<PointsEntry>();
      if (done) return done;
      const head = await this.head(spec.personId);
      const balance = head?.balance ?? 0;
      const earnedOfKind = await this.earnedOfKind(spec.personId, spec.kind, year);
      const delta = Math.trunc(spec.delta({ balance, earnedOfKind }));
      if (delta === 0) return null;
      if (balance + delta < 0) throw new AppError('INSUFFICIENT_POINTS', `积分不足：当前 ${balance} 分`);
      // The community the points count for: the person's as the API sees them (a grid worker's
      // grid's community, a resident's home); a closed account's own record otherwise.
      const standing = await this.principals
        .resolve({ userId: String(spec.personId), sessionId: null })
        .catch(() => null);
      const person = standing
        ? { communityId: standing.communityId ? new Types.ObjectId(standing.communityId) : null }
        : await this.db.model(UserModel).findById(spec.personId, { communityId: 1 }).lean<Pick<User, 'communityId'>>();
      try {
        return (
          await entries.create({
            personId: spec.personId,
            seq: (head?.seq ?? 0) + 1,
            delta,
            balance: balance + delta,
            kind: spec.kind,
            sourceKey: spec.sourceKey,
            sourceRef: spec.sourceRef ?? null,
            year,
            communityId: person?.communityId ?? null,
            note: spec.note,
            at,
          })
        ).toObject() as PointsEntry;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // Someone else took this seq (or this sourceKey): read the head again.
      }
    }
    throw new AppError('CONFLICT', '积分记账繁忙，请稍后再试');
  }

  /**
   * Grants points for an event under its rule's yearly cap: `units` × points per unit, cut to what
   * is left of the cap. Idempotent by sourceKey; returns null when nothing was granted.
   */
  async earn(
    kind: PointsEarnKind,
    personId: Types.ObjectId,
    units: number,
    sourceKey: string,
    note: string,
    at?: Date,
  ): Promise<PointsEntry | null> {
    const rule = await this.rule(kind);
    const wanted = Math.round(units * rule.points);
    return this.append({
      personId,
      kind,
      sourceKey,
      sourceRef: sourceKey,
      note,
      at,
      delta: ({ earnedOfKind }) => Math.max(0, Math.min(wanted, rule.yearlyCap - earnedOfKind)),
    });
  }

  /** This year's points of one kind (corrections included). One $sum accumulator: FerretDB-safe. */
  async earnedOfKind(personId: Types.ObjectId, kind: PointsKind, year: number): Promise<number> {
    const rows = await this.db
      .model(PointsEntryModel)
      .aggregate<{ total: number }>([
        { $match: { personId, kind, year } },
        { $group: { _id: null, total: { $sum: '$delta' } } },
      ]);
    return rows[0]?.total ?? 0;
  }

  /** Points granted so far for one source record (the first grant and its corrections). */
  async grantedFor(sourceRef: string): Promise<number> {
    const rows = await this.db
      .model(PointsEntryModel)
      .aggregate<{ total: number }>([{ $match: { sourceRef } }, { $group: { _id: null, total: { $sum: '$delta' } } }]);
    return rows[0]?.total ?? 0;
  }

  // ——— Earning hooks, one per place an event happens ———
  // The event is already recorded when a hook runs: a ledger failure must not turn it into an error
  // for the caller. It is logged; the hook is idempotent by sourceKey, so a later call can make it up.

  private async quietly(what: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.logger.warn('[points] %s: no points granted: %s', what, (err as Error).message);
    }
  }

  /** A confirmed shift: points per hour of service. */
  async earnForHours(personId: Types.ObjectId, recordId: Types.ObjectId, minutes: number, title: string, at: Date) {
    await this.quietly(`hours:${recordId}`, () =>
      this.earn('hoursServed', personId, minutes / 60, `hours:${recordId}`, `服务时长 · ${title}`, at),
    );
  }

  /**
   * A corrected shift: brings the points granted for the record to what the new minutes earn
   * (within this year's cap when more; never below a zero balance when less).
   */
  async adjustForHours(personId: Types.ObjectId, recordId: Types.ObjectId, revision: number, minutes: number) {
    const ref = `hours:${recordId}`;
    const rule = await this.rule('hoursServed');
    const target = Math.round((minutes / 60) * rule.points);
    // Corrections of one record are serialised by their unique revision, so `granted` cannot move under us.
    const granted = await this.grantedFor(ref);
    return this.append({
      personId,
      kind: 'hoursServed',
      sourceKey: `${ref}:r${revision}`,
      sourceRef: ref,
      note: `服务时长更正（第 ${revision} 次）`,
      delta: ({ balance, earnedOfKind }) => {
        const diff = target - granted;
        if (diff > 0) return Math.max(0, Math.min(diff, rule.yearlyCap - earnedOfKind));
        return Math.max(diff, -balance);
      },
    });
  }

  /**
   * An activity that took place (its first shift hours were confirmed), for the person who organised
   * it (created it): once per activity, whatever the number of shifts and volunteers. Only accounts
   * that hold points (a staff member who is also a party member or volunteer) earn: a staff-only
   * account has no points page, and its points would crowd residents out of the community ranking.
   */
  async earnForOrganising(personId: Types.ObjectId, activityId: Types.ObjectId, title: string, at: Date) {
    const key = `organised:${activityId}`;
    await this.quietly(key, async () => {
      const person = await this.db.model(UserModel).findById(personId, { roles: 1 }).lean<Pick<User, 'roles'>>();
      if (!person?.roles.some((r) => POINTS_HOLDERS.includes(r))) return;
      await this.earn('activityOrganised', personId, 1, key, `组织活动 · ${title}`, at);
    });
  }

  /** A party branch's study session, for each attending member's account: once per session and member. */
  async earnForStudy(
    personId: Types.ObjectId,
    sessionId: Types.ObjectId,
    memberId: Types.ObjectId,
    topic: string,
    at: Date,
  ) {
    const key = `study:${sessionId}:${memberId}`;
    await this.quietly(key, () => this.earn('studySession', personId, 1, key, `参加学习 · ${topic}`, at));
  }

  /** A logged patrol, for the grid worker who walked it. */
  async earnForPatrol(personId: Types.ObjectId, patrolId: Types.ObjectId, at: Date) {
    await this.quietly(`patrol:${patrolId}`, () =>
      this.earn('patrol', personId, 1, `patrol:${patrolId}`, '网格巡查', at),
    );
  }

  /** A whistle target reported (报到), for the person who reported. */
  async earnForWhistleReport(personId: Types.ObjectId, whistleId: Types.ObjectId, targetKey: string, title: string) {
    const key = `whistle:${whistleId}:${targetKey}`;
    await this.quietly(key, () => this.earn('whistleResponse', personId, 1, key, `响应吹哨 · ${title}`));
  }
}
