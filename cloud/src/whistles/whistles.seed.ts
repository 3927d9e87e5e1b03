import {
  WHISTLE_DEFAULT_LIMITS,
  WHISTLE_ESCALATION_CHAIN,
  WHISTLE_TRANSITIONS,
  chinaMonthOf,
  type WhistleTargetStatus,
} from '@gongzhi/shared';
import type { Db } from '../core/db';
import { UserModel } from '../people/user.model';
import type { GrantsService } from '../grants/grants.service';
import { insertNew } from '../core/insert-new';
import { seedId } from '../core/stable-id';
import { WhistleEscalationModel, type WhistleEscalation } from './whistle-escalation.model';
import { WhistleEventModel, type WhistleEvent } from './whistle-event.model';
import { projectTarget, projectWhistle } from './whistle-projection';
import { OFFICIALS, ROLE, WHISTLES } from './whistles.seed-data';
import { WhistleModel, targetKeyOf, type Whistle, type WhistlePlace, type WhistleTarget } from './whistle.model';

/**
 * Demo whistles: every type, in every state — pending, reported, resolved awaiting confirmation,
 * confirmed (satisfied and not), sent back and re-resolved, an emergency escalated to the county and
 * still overdue — with timings spread over the last weeks so the 三率 page has figures. Times are
 * relative to now; ids are deterministic (seedId('whistle:<key>')).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const org = (key: string) => seedId(`org:${key}`);
const user = (account: string) => seedId(`user:${account}`);

/** Who answers for a department: the demo `department` account for 住建局, else its seeded official. */
const officialOf = (department: string) =>
  department === '县住房和城乡建设局' ? user('department') : seedId(`user:official:${department}`);

export async function seedWhistles(db: Db, grants: GrantsService): Promise<void> {
  const now = Date.now();
  const whistles: Whistle[] = [];
  const events: WhistleEvent[] = [];
  const escalations: WhistleEscalation[] = [];

  for (const d of WHISTLES) {
    const _id = seedId(`whistle:${d.key}`);
    const blownAt = new Date(now - d.blownHoursAgo * HOUR);
    const limits = WHISTLE_DEFAULT_LIMITS[d.urgency];
    const place: WhistlePlace = {
      streetId: org(d.place.street),
      communityId: d.place.community ? org(d.place.community) : null,
      gridId: d.place.grid ? org(d.place.grid) : null,
      complexId: d.place.complex ? org(d.place.complex) : null,
      buildingId: null,
    };
    const mine: WhistleEvent[] = [];
    const statics = d.targets.map((t) => ({
      orgId: org(t.key),
      kind: t.kind,
      name: t.name,
      limits: { ...limits },
      reportDueAt: new Date(blownAt.getTime() + limits.reportMinutes * MINUTE),
      resolveDueAt: new Date(blownAt.getTime() + limits.resolveMinutes * MINUTE),
    }));
    d.targets.forEach((t, ti) => {
      const targetKey = targetKeyOf(statics[ti]);
      let status: WhistleTargetStatus = 'pending';
      const event = (seq: number, rest: Partial<WhistleEvent>): WhistleEvent => ({
        _id: seedId(`whistleEvent:${d.key}:${t.key}:${seq}`),
        whistleId: _id,
        targetKey,
        seq,
        action: 'blow',
        from: null,
        to: 'pending',
        actorId: user(d.blower),
        actorRole: ROLE[d.blower],
        at: blownAt,
        note: null,
        result: null,
        photos: [],
        satisfaction: null,
        level: null,
        supervisor: null,
        ...rest,
      });
      const own: WhistleEvent[] = [event(1, {})];
      for (const [action, minutes, who, extra] of t.steps) {
        const to = WHISTLE_TRANSITIONS[action].to;
        own.push(
          event(own.length + 1, {
            action,
            from: status,
            to,
            actorId: who === 'department' ? officialOf(t.name) : user(who),
            actorRole: ROLE[who],
            at: new Date(blownAt.getTime() + minutes * MINUTE),
            note: action === 'resolve' ? null : (extra?.text ?? null),
            result: action === 'resolve' ? (extra?.text ?? null) : null,
            satisfaction: extra?.stars ?? null,
          }),
        );
        status = to;
      }
      for (let level = 1; level <= (t.escalated ?? 0); level++) {
        const supervisor = WHISTLE_ESCALATION_CHAIN[t.kind][level - 1];
        const heldAt = new Date(
          statics[ti].reportDueAt.getTime() + (level - 1) * limits.reportMinutes * MINUTE + MINUTE,
        );
        escalations.push({
          _id: seedId(`whistleEscalation:${d.key}:${t.key}:${level}`),
          whistleId: _id,
          targetKey,
          level,
          supervisor,
          heldAt,
          doneAt: heldAt,
        });
        own.push(
          event(own.length + 1, {
            _id: seedId(`whistleEscalation:${_id}:${targetKey}:${level}`),
            action: 'escalate',
            from: status,
            to: status,
            actorId: null,
            actorRole: 'system',
            at: heldAt,
            note: `超过报到时限未报到，第 ${level} 级升级至${supervisor === 'county' ? '县级' : '街道'}督办`,
            level,
            supervisor,
          }),
        );
      }
      mine.push(...own);
    });
    const targets: WhistleTarget[] = statics.map((s) => projectTarget(s, []));
    whistles.push({
      _id,
      type: d.type,
      urgency: d.urgency,
      category: d.category,
      title: d.title,
      description: d.description,
      photos: [],
      origin: {
        kind: d.origin.kind,
        refId: d.origin.kind === 'project' ? seedId('project:nanmen-lighting') : org(d.origin.key),
        name: d.origin.name,
      },
      place,
      placeLabel: d.placeLabel,
      subject: d.subject ?? { kind: 'text', refId: null },
      blownBy: user(d.blower),
      blownByRole: ROLE[d.blower],
      blownAt,
      blownMonth: chinaMonthOf(blownAt),
      volunteerCall: d.volunteerCall ?? null,
      targetKeys: statics.map(targetKeyOf),
      ...projectWhistle({ targets }, mine),
    });
    events.push(...mine);
  }
  await insertNew(
    db.model(UserModel),
    Object.entries(OFFICIALS).map(([department, name]) => ({
      _id: officialOf(department),
      name,
      roles: [],
      phone: null,
      orgId: null,
      communityId: null,
      createdAt: new Date(),
    })),
  );
  // Their posts are grants, made by the use case an accepted invitation runs.
  for (const department of Object.keys(OFFICIALS)) {
    await grants.grantRole({
      personId: officialOf(department),
      role: 'department',
      placeId: org(`department:${department}`),
      grantedBy: null,
    });
  }
  // Events first: a whistle never shows without its timeline.
  await insertNew(db.model(WhistleEventModel), events);
  await insertNew(db.model(WhistleEscalationModel), escalations);
  await insertNew(db.model(WhistleModel), whistles);
}

/** The seeded whistles' keys (ids are seedId('whistle:<key>')), for tests. */
export const SEED_WHISTLE_KEYS = WHISTLES.map((w) => w.key);
