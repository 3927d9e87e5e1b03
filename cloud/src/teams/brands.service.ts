import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  BRAND_DESCRIPTIONS,
  SERVICE_BRANDS,
  type BrandCode,
  type BrandDetail,
  type BrandSummary,
} from '@gongzhi/shared';
import { ActivityModel, type Activity } from '../activities/activity.model';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { activityLine } from './teams.service';
import { TeamAccess } from './team-access';
import { TeamModel, type Team } from './team.model';

/**
 * Use cases of service brands: list_brands, show_brand. Brands are the shared constants (their
 * codes are what dashboards group by); the counts and teams come from the activities.
 */
@Provide()
export class BrandsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  access!: TeamAccess;

  async listBrands(user: Principal, communityId: string | undefined) {
    const { community, filter } = await this.scope(user, communityId);
    const activities = await this.db
      .model(ActivityModel)
      .find({ ...filter, status: 'published' }, { brand: 1, team: 1, 'place.communityId': 1 })
      .lean<Pick<Activity, 'brand' | 'team' | 'place'>[]>();
    const teams = await this.teamsOf(activities);
    const items: BrandSummary[] = SERVICE_BRANDS.map((b) => this.summary(b.code, activities, teams));
    return { community, items };
  }

  async showBrand(user: Principal, code: BrandCode, communityId: string | undefined): Promise<BrandDetail> {
    const { community, filter } = await this.scope(user, communityId);
    const model = this.db.model(ActivityModel);
    const activities = await model
      .find({ ...filter, status: 'published', brand: code }, { brand: 1, team: 1, 'place.communityId': 1 })
      .lean<Pick<Activity, 'brand' | 'team' | 'place'>[]>();
    const upcoming = await model
      .find({ ...filter, status: 'published', brand: code, endsAt: { $gte: this.clock.now() } })
      .sort({ startsAt: 1, _id: 1 })
      .limit(20)
      .lean<Activity[]>();
    const teams = await this.teamsOf(activities);
    return { ...this.summary(code, activities, teams), community, upcoming: upcoming.map(activityLine) };
  }

  private summary(code: BrandCode, activities: Pick<Activity, 'brand' | 'team' | 'place'>[], teams: Team[]) {
    const mine = activities.filter((a) => a.brand === code);
    const teamIds = new Set<string>();
    for (const a of mine) {
      const team = teams.find((t) => t.code === a.team && t.communityId.equals(a.place.communityId));
      if (team) teamIds.add(String(team._id));
    }
    return {
      code,
      name: SERVICE_BRANDS.find((b) => b.code === code)!.name,
      description: BRAND_DESCRIPTIONS[code],
      activityCount: mine.length,
      teams: teams.filter((t) => teamIds.has(String(t._id))).map((t) => ({ id: String(t._id), name: t.name })),
    };
  }

  /** The teams named by these activities (by code, in the activity's community). */
  private async teamsOf(activities: Pick<Activity, 'team' | 'place'>[]): Promise<Team[]> {
    const communities = [...new Set(activities.filter((a) => a.team).map((a) => String(a.place.communityId)))];
    if (!communities.length) return [];
    return this.db
      .model(TeamModel)
      .find({ communityId: { $in: communities.map((c) => new Types.ObjectId(c)) } })
      .sort({ code: 1 })
      .lean<Team[]>();
  }

  /** The community the page is about (asked for, or the caller's); above a community, the whole scope. */
  private async scope(user: Principal, communityId: string | undefined) {
    const filter = this.access.communityFilter(user, communityId, 'place.communityId');
    const id = (filter['place.communityId'] as Types.ObjectId | undefined) ?? null;
    const org = id ? await this.db.model(OrgModel).findById(id, { name: 1 }).lean<Pick<Org, '_id' | 'name'>>() : null;
    const community = org ? { id: String(org._id), name: org.name } : { id: '', name: '全部社区' };
    return { community, filter };
  }
}
