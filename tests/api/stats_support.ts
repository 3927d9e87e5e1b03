import { Types } from 'mongoose';
import {
  WHISTLE_DEFAULT_LIMITS,
  WHISTLE_TRANSITIONS,
  chinaMonthOf,
  type WhistleAction,
  type WhistleTargetKind,
  type WhistleTargetStatus,
  type WhistleUrgency,
} from '@gongzhi/shared';
import type { TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { WhistleEventModel, type WhistleEvent } from '../../cloud/src/whistles/whistle-event.model';
import { projectTarget, projectWhistle } from '../../cloud/src/whistles/whistle-projection';
import { WhistleModel, targetKeyOf, type Whistle } from '../../cloud/src/whistles/whistle.model';

// Shared by the stats_* test files: whistles written straight to the database with exact timings
// (the API would add the milliseconds a request takes), projected by the same code the API uses.

const MINUTE = 60_000;
/** A step of a target: action, minutes after the blow, and for confirm the stars. */
export type Step = [WhistleAction, number, number?];

export interface HandTarget {
  kind: WhistleTargetKind;
  orgId: string;
  name: string;
  steps: Step[];
}

const COMMUNITIES = {
  nanmen: { street: 'chengguan', name: '南门社区' },
  xishan: { street: 'xincheng', name: '西山社区' },
} as const;

/** Writes one whistle blown at `blownAt` from a community, with its targets' steps. */
export async function handWhistle(
  t: TestApp,
  blownAt: string,
  from: keyof typeof COMMUNITIES,
  urgency: WhistleUrgency,
  targets: HandTarget[],
): Promise<string> {
  const _id = new Types.ObjectId();
  const at = new Date(blownAt);
  const limits = WHISTLE_DEFAULT_LIMITS[urgency];
  const community = seedId(`org:community:${from}`);
  const blower = seedId(from === 'nanmen' ? 'user:staff' : 'user:staff2');
  const statics = targets.map((x) => ({
    orgId: new Types.ObjectId(x.orgId),
    kind: x.kind,
    name: x.name,
    limits: { ...limits },
    reportDueAt: new Date(at.getTime() + limits.reportMinutes * MINUTE),
    resolveDueAt: new Date(at.getTime() + limits.resolveMinutes * MINUTE),
  }));
  const events: WhistleEvent[] = [];
  targets.forEach((x, i) => {
    const targetKey = targetKeyOf(statics[i]);
    let status: WhistleTargetStatus = 'pending';
    const base = {
      whistleId: _id,
      targetKey,
      actorRole: 'staff',
      note: null,
      result: null,
      photos: [],
      satisfaction: null,
      level: null,
      supervisor: null,
    };
    events.push({
      ...base,
      _id: new Types.ObjectId(),
      seq: 1,
      action: 'blow',
      from: null,
      to: 'pending',
      actorId: blower,
      at,
    });
    x.steps.forEach(([action, minutes, stars], j) => {
      const to = WHISTLE_TRANSITIONS[action].to;
      events.push({
        ...base,
        _id: new Types.ObjectId(),
        seq: j + 2,
        action,
        from: status,
        to,
        actorId: blower,
        at: new Date(at.getTime() + minutes * MINUTE),
        result: action === 'resolve' ? '已办理' : null,
        satisfaction: stars ?? null,
      });
      status = to;
    });
  });
  const whistle: Whistle = {
    _id,
    type: 'govToDepartment',
    urgency,
    category: 'other',
    title: `统计用吹哨 ${blownAt}`,
    description: '手工构造的统计数据',
    photos: [],
    origin: { kind: 'community', refId: community, name: COMMUNITIES[from].name },
    place: {
      streetId: seedId(`org:street:${COMMUNITIES[from].street}`),
      communityId: community,
      gridId: null,
      complexId: null,
      buildingId: null,
    },
    placeLabel: COMMUNITIES[from].name,
    subject: { kind: 'text', refId: null },
    blownBy: blower,
    blownByRole: 'staff',
    blownAt: at,
    blownMonth: chinaMonthOf(at),
    volunteerCall: null,
    targetKeys: statics.map(targetKeyOf),
    ...projectWhistle({ targets: statics.map((s) => projectTarget(s, [])) }, events),
  };
  await t.db.model(WhistleEventModel).insertMany(events);
  await t.db.model(WhistleModel).create(whistle);
  return String(_id);
}
