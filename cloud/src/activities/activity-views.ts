import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  brandName,
  claimDeadline,
  teamName,
  type ActivityDetail,
  type ActivitySummary,
  type ShiftDetail,
} from '@gongzhi/shared';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import type { Activity } from './activity.model';
import { SeatModel, WaitlistModel, type Seat, type WaitlistEntry } from './claim.model';
import { ClaimsService } from './claims.service';
import { ShiftModel, type Shift } from './shift.model';

/** How activities read: list rows, the detail with its shifts and the caller's own claims. */
@Provide()
export class ActivityViews {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  claims!: ClaimsService;

  async shiftDetail(user: Principal, shift: Shift): Promise<ShiftDetail> {
    return (await this.shiftDetails(user, [shift]))[0];
  }

  async detail(user: Principal, activity: Activity, manage: boolean): Promise<ActivityDetail> {
    const [summary] = await this.summaries([activity]);
    const shifts = await this.db
      .model(ShiftModel)
      .find({ activityId: activity._id })
      .sort({ start: 1, _id: 1 })
      .lean<Shift[]>();
    return {
      ...summary,
      description: activity.description,
      placeId: String(activity.placeId),
      cancelReason: activity.cancelReason ?? null,
      canManage: manage,
      shifts: await this.shiftDetails(user, shifts),
    };
  }

  async shiftDetails(user: Principal, shifts: Shift[]): Promise<ShiftDetail[]> {
    const ids = shifts.map((s) => s._id);
    const personId = new Types.ObjectId(user.userId);
    const [taken, waiting, mySeats, myWaits] = await Promise.all([
      this.claims.takenCounts(ids),
      this.claims.waitingCounts(ids),
      this.db
        .model(SeatModel)
        .find({ personId, shiftId: { $in: ids } })
        .lean<Seat[]>(),
      this.db
        .model(WaitlistModel)
        .find({ personId, shiftId: { $in: ids } })
        .lean<WaitlistEntry[]>(),
    ]);
    const out: ShiftDetail[] = [];
    for (const s of shifts) {
      const n = taken.get(String(s._id)) ?? 0;
      const seat = mySeats.find((x) => x.shiftId.equals(s._id));
      const waits = myWaits.some((x) => x.shiftId.equals(s._id));
      out.push({
        ...shiftSummaryOf(s, n),
        cutoffHours: s.cutoffHours,
        claimDeadline: claimDeadline(s.start, s.cutoffHours).toISOString(),
        waiting: waiting.get(String(s._id)) ?? 0,
        myClaim: seat ? { seatNo: seat.seatNo, claimedAt: seat.createdAt.toISOString() } : null,
        myWaitlist: waits ? { position: (await this.claims.waitlistPosition(s._id, personId)) ?? 0 } : null,
      });
    }
    return out;
  }

  async summaries(activities: Activity[]): Promise<ActivitySummary[]> {
    if (!activities.length) return [];
    const shifts = await this.db
      .model(ShiftModel)
      .find({ activityId: { $in: activities.map((a) => a._id) } })
      .sort({ start: 1, _id: 1 })
      .lean<Shift[]>();
    const taken = await this.claims.takenCounts(shifts.map((s) => s._id));
    const communities = await this.db
      .model(OrgModel)
      .find({ _id: { $in: activities.map((a) => a.place.communityId) } })
      .lean<Org[]>();
    const unitIds = activities.map((a) => a.organiserUnitId).filter((u): u is Types.ObjectId => !!u);
    const units = unitIds.length
      ? await this.db
          .model(UnitModel)
          .find({ _id: { $in: unitIds } })
          .lean<Unit[]>()
      : [];
    const now = this.clock.now();
    return activities.map((a) => {
      const community = communities.find((c) => c._id.equals(a.place.communityId));
      const unit = a.organiserUnitId ? units.find((u) => u._id.equals(a.organiserUnitId!)) : null;
      const own = shifts
        .filter((s) => s.activityId.equals(a._id))
        .map((s) => shiftSummaryOf(s, taken.get(String(s._id)) ?? 0));
      return {
        id: String(a._id),
        title: a.title,
        brand: a.brand,
        brandName: brandName(a.brand),
        categoryCode: a.categoryCode,
        team: a.team ?? null,
        teamName: teamName(a.team ?? null),
        organiser: unit
          ? { kind: 'unit' as const, id: String(unit._id), name: unit.name }
          : { kind: 'community' as const, id: String(a.place.communityId), name: community?.name ?? '' },
        community: { id: String(a.place.communityId), name: community?.name ?? '' },
        address: a.address,
        format: a.format,
        status: a.status,
        startsAt: a.startsAt?.toISOString() ?? null,
        endsAt: a.endsAt?.toISOString() ?? null,
        // Only seats that can still be claimed count as free for the activity.
        freeSeats:
          a.status === 'published'
            ? own.filter((s) => Date.parse(s.start) > now.getTime()).reduce((n, s) => n + s.free, 0)
            : 0,
        shifts: own,
      };
    });
  }
}

export function shiftSummaryOf(s: Shift, taken: number) {
  return {
    id: String(s._id),
    start: s.start.toISOString(),
    end: s.end.toISOString(),
    seats: s.seats,
    taken,
    free: Math.max(0, s.seats - taken),
  };
}
