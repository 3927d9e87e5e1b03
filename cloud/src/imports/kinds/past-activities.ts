import { Types } from 'mongoose';
import { SERVICE_BRANDS, type PastActivityRow, localDateOf } from '@gongzhi/shared';
import { ActivityModel, type Activity } from '../../activities/activity.model';
import type { Org } from '../../org/org.model';
import {
  communityOf,
  insertIgnoringDuplicates,
  isProblem,
  keyId,
  setEach,
  streetIdOf,
  type ImportKindDef,
} from '../kind';

interface ActivityData {
  _id: Types.ObjectId;
  row: PastActivityRow;
  community: Org;
  startsAt: Date;
}

/**
 * 往期活动: activities held before the app, so the dashboards' brand mix covers the whole year.
 * Keyed by title + date + community; stored as published activities without shifts (nobody can claim them).
 */
export const pastActivitiesKind: ImportKindDef<PastActivityRow, ActivityData, Activity> = {
  kind: 'pastActivities',
  plan(ctx, row) {
    const community = communityOf(ctx, row.community);
    if (isProblem(community)) return community;
    const startsAt = new Date(`${row.date}T09:00:00+08:00`);
    if (Number.isNaN(startsAt.getTime()) || startsAt.toISOString().slice(0, 10) !== row.date)
      return { column: 'date', message: '日期不存在' };
    if (startsAt > ctx.now) return { column: 'date', message: '往期活动的日期不能晚于今天' };
    const key = `${community._id}/${row.date}/${row.title}`;
    return {
      key,
      view: {
        brand: row.brand,
        format: row.format,
        address: row.address ?? community.name,
        description: row.description ?? '',
      },
      data: { _id: keyId('activity', key), row, community, startsAt },
    };
  },
  async existing(ctx) {
    const docs = await ctx.db
      .model(ActivityModel)
      .find({ placeId: { $in: [...ctx.communities.values()].map((c) => c._id) }, startsAt: { $lte: ctx.now } })
      .lean<Activity[]>();
    const day = (d: Date | null) => (d ? localDateOf(d) : '');
    return new Map(docs.map((d) => [`${d.placeId}/${day(d.startsAt)}/${d.title}`, d]));
  },
  viewOf(_ctx, d) {
    return { brand: d.brand, format: d.format, address: d.address, description: d.description };
  },
  async write(ctx, fresh, changed) {
    const model = ctx.db.model(ActivityModel);
    const fields = (d: ActivityData) => ({
      brand: d.row.brand,
      categoryCode: SERVICE_BRANDS.find((b) => b.code === d.row.brand)!.categoryCode,
      format: d.row.format,
      address: d.row.address ?? d.community.name,
      description: d.row.description ?? '',
      updatedAt: ctx.now,
    });
    await insertIgnoringDuplicates(
      model,
      fresh.map((p) => ({
        _id: p.data._id,
        title: p.data.row.title,
        ...fields(p.data),
        team: null,
        organiserUnitId: null,
        placeId: p.data.community._id,
        place: {
          streetId: streetIdOf(p.data.community),
          communityId: p.data.community._id,
          gridId: null,
          complexId: null,
          buildingId: null,
        },
        status: 'published',
        cancelReason: null,
        startsAt: p.data.startsAt,
        endsAt: new Date(p.data.startsAt.getTime() + 2 * 3600_000),
        createdBy: new Types.ObjectId(ctx.user.userId),
        createdAt: ctx.now,
      })),
    );
    await setEach(
      model,
      changed.map(({ plan, doc }) => ({ filter: { _id: doc._id }, set: fields(plan.data) })),
    );
  },
};
