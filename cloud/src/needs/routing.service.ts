import { Inject, Provide } from '@midwayjs/core';
import {
  formatSlotTime,
  isWithinHours,
  RESOURCE_KIND_LABELS,
  type RouteMatch,
  type RouteMatches,
} from '@gongzhi/shared';
import { ActivityModel, type Activity } from '../activities/activity.model';
import { SeatModel } from '../activities/claim.model';
import { ShiftModel, type Shift } from '../activities/shift.model';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { placeInScope, type Place } from '../core/place';
import type { Principal } from '../core/principal';
import { MenuItemModel, type MenuItem } from '../menu/menu-item.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { ProjectModel, type Project } from '../projects/project.model';
import { BookingSlotModel } from '../resources/booking-slot.model';
import { ResourceModel, type Resource } from '../resources/resource.model';
import { NeedModel, type Need } from './need.model';

const HOUR = 3600_000;
const TIER_LABELS = ['同网格', '同社区', '同街道'];

interface Candidate extends Omit<RouteMatch, 'rank'> {
  /** Lower is better: availability first, then nearness, then the kind's own order. */
  sortKey: number[];
}

/** Use case suggest_routes: proposes who can serve an accepted need (DESIGN.md "Routing"). */
@Provide()
export class RoutingService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  async suggestRoutes(user: Principal, needId: string): Promise<RouteMatches> {
    const need = await this.db.model(NeedModel).findById(needId).lean<Need>();
    if (!need || !placeInScope(user, need.place)) throw new AppError('NOT_FOUND', '没有找到这条需求');
    const item = need.menuItemId ? await this.db.model(MenuItemModel).findById(need.menuItemId).lean<MenuItem>() : null;
    const [resources, activities, projects] = await Promise.all([
      this.resourceCandidates(need, item),
      this.activityCandidates(need),
      this.projectCandidates(need),
    ]);
    const ranked = [...resources, ...activities, ...projects].sort((a, b) => compare(a.sortKey, b.sortKey));
    return {
      needId: String(need._id),
      preferredTime: need.preferredTime ? need.preferredTime.toISOString() : null,
      matches: ranked.map(({ sortKey: _sortKey, ...m }, i) => ({ ...m, rank: i + 1 })),
    };
  }

  /** Resources whose kind serves the item (or that list the category), in the need's street. */
  private async resourceCandidates(need: Need, item: MenuItem | null): Promise<Candidate[]> {
    const kinds = item?.resourceKinds ?? [];
    const resources = await this.db
      .model(ResourceModel)
      .find({
        active: true,
        'place.streetId': need.place.streetId,
        $or: [{ kind: { $in: kinds } }, { categoryCodes: need.categoryCode }],
      })
      .limit(200)
      .lean<Resource[]>();
    const units = await this.db
      .model(UnitModel)
      .find({ _id: { $in: resources.map((r) => r.unitId).filter((id) => id !== null) } })
      .lean<Unit[]>();
    const unitName = new Map(units.map((u) => [String(u._id), u.name]));
    const at = need.preferredTime;
    const takenIds = at
      ? await this.resourcesTakenAt(
          resources.filter((r) => r.bookable),
          at,
        )
      : new Set<string>();
    return resources.map((r) => {
      const tier = nearness(need.place, r.place);
      let available = true;
      let when: string;
      if (!at) when = '未指定时间，请与居民约定';
      else if (!isWithinHours(r.hours, at, new Date(at.getTime() + HOUR))) {
        available = false;
        when = `${formatSlotTime(at, new Date(at.getTime() + HOUR))} 不在服务时间内`;
      } else if (takenIds.has(String(r._id))) {
        available = false;
        when = `${formatSlotTime(at, new Date(at.getTime() + HOUR))} 已被预约`;
      } else when = `${formatSlotTime(at, new Date(at.getTime() + HOUR))} 有空`;
      const reasons = [TIER_LABELS[tier], RESOURCE_KIND_LABELS[r.kind]];
      if (r.unitId) reasons.push(unitName.get(String(r.unitId)) ?? '驻区单位');
      if (r.categoryCodes.includes(need.categoryCode)) reasons.push('登记可服务此类需求');
      reasons.push(when);
      return {
        kind: 'resource' as const,
        targetId: String(r._id),
        title: r.name,
        available,
        reasons,
        sortKey: [available ? 0 : 1, tier, 0],
      };
    });
  }

  /** Booked half-hour cells overlapping [at, at + 1h) mark a bookable resource as taken. */
  private async resourcesTakenAt(bookable: Resource[], at: Date): Promise<Set<string>> {
    if (!bookable.length) return new Set();
    const cells = await this.db
      .model(BookingSlotModel)
      .find({
        resourceId: { $in: bookable.map((r) => r._id) },
        start: { $gte: new Date(at.getTime() - HOUR / 2 + 1), $lt: new Date(at.getTime() + HOUR) },
      })
      .lean();
    return new Set(cells.map((c) => String(c.resourceId)));
  }

  /** Published activities of the same category in the need's street with a future shift that has free seats. */
  private async activityCandidates(need: Need): Promise<Candidate[]> {
    const now = this.clock.now();
    const activities = await this.db
      .model(ActivityModel)
      .find({
        status: 'published',
        categoryCode: need.categoryCode,
        'place.streetId': need.place.streetId,
        endsAt: { $gt: now },
      })
      .limit(50)
      .lean<Activity[]>();
    if (!activities.length) return [];
    const shifts = await this.db
      .model(ShiftModel)
      .find({ activityId: { $in: activities.map((a) => a._id) }, start: { $gt: now } })
      .sort({ start: 1 })
      .lean<Shift[]>();
    const taken = new Map<string, number>();
    for (const s of shifts) taken.set(String(s._id), await this.db.model(SeatModel).countDocuments({ shiftId: s._id }));
    return activities.flatMap((a) => {
      const own = shifts.filter((s) => s.activityId.equals(a._id));
      const open = own.find((s) => (taken.get(String(s._id)) ?? 0) < s.seats);
      if (!own.length) return [];
      const tier = nearness(need.place, a.place);
      const next = open ?? own[0];
      const free = next.seats - (taken.get(String(next._id)) ?? 0);
      const reasons = [
        TIER_LABELS[tier],
        '同类志愿活动',
        open ? `${formatSlotTime(next.start, next.end)} 班次还有 ${free} 个名额` : '近期班次名额已满',
      ];
      return [
        {
          kind: 'activity' as const,
          targetId: String(a._id),
          title: a.title,
          available: !!open,
          reasons,
          sortKey: [open ? 0 : 1, tier, 1, next.start.getTime()],
        },
      ];
    });
  }

  /** Open projects of the same category in the need's community (or led from it). */
  private async projectCandidates(need: Need): Promise<Candidate[]> {
    const projects = await this.db
      .model(ProjectModel)
      .find({
        status: { $in: ['open', 'delivering'] },
        categoryCode: need.categoryCode,
        'place.streetId': need.place.streetId,
      })
      .limit(20)
      .lean<Project[]>();
    return projects.map((p) => {
      const tier = nearness(need.place, p.place);
      return {
        kind: 'project' as const,
        targetId: String(p._id),
        title: p.title,
        available: true,
        reasons: [TIER_LABELS[tier], '同类公益项目', p.status === 'open' ? '项目进行中，可并入' : '项目实施中'],
        sortKey: [0, tier, 2],
      };
    });
  }
}

/** 0 same grid, 1 same community, 2 same street. */
function nearness(a: Place, b: Place): number {
  if (a.gridId && b.gridId && a.gridId.equals(b.gridId)) return 0;
  if (a.communityId.equals(b.communityId)) return 1;
  return 2;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
