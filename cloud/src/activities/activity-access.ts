import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { ActivityModel, type Activity } from './activity.model';
import { ShiftModel, type Shift } from './shift.model';

/**
 * Who may see and organise an activity. Organisers: staff of the activity's community, the admin
 * of the organising unit, the county. Anything a caller may not see answers 404, never 403.
 */
@Provide()
export class ActivityAccess {
  @Inject()
  db!: Db;

  /** The unit a unit admin answers for (the token does not carry it). */
  async unitOf(user: Principal): Promise<Types.ObjectId | null> {
    if (!user.roles.includes('unitAdmin')) return null;
    return user.unitId ? new Types.ObjectId(user.unitId) : null;
  }

  canManage(user: Principal, activity: Activity, unitId: Types.ObjectId | null): boolean {
    if (user.roles.includes('countyAdmin')) return true;
    if (user.roles.includes('staff') && user.communityId && String(activity.place.communityId) === user.communityId)
      return true;
    if (user.roles.includes('unitAdmin') && unitId && activity.organiserUnitId?.equals(unitId)) return true;
    return false;
  }

  /** Staff of the activity's own community: the only callers who see volunteers' full phone numbers. */
  isCommunityStaff(user: Principal, activity: Activity): boolean {
    return (
      user.roles.includes('staff') && !!user.communityId && String(activity.place.communityId) === user.communityId
    );
  }

  /** Published and cancelled activities are public to signed-in users; drafts only to their organisers. */
  async visibleActivity(
    user: Principal,
    id: string | Types.ObjectId,
  ): Promise<{ activity: Activity; manage: boolean }> {
    const activity = await this.db.model(ActivityModel).findById(id).lean<Activity>();
    if (!activity) throw new AppError('NOT_FOUND', '没有找到这个活动');
    const manage = this.canManage(user, activity, await this.unitOf(user));
    if (activity.status === 'draft' && !manage) throw new AppError('NOT_FOUND', '没有找到这个活动');
    return { activity, manage };
  }

  async managedActivity(user: Principal, id: string | Types.ObjectId): Promise<Activity> {
    const { activity, manage } = await this.visibleActivity(user, id);
    if (!manage) throw new AppError('NOT_FOUND', '没有找到这个活动');
    return activity;
  }

  async visibleShift(user: Principal, id: string): Promise<{ shift: Shift; activity: Activity; manage: boolean }> {
    const shift = await this.db.model(ShiftModel).findById(id).lean<Shift>();
    if (!shift) throw new AppError('NOT_FOUND', '没有找到这个班次');
    try {
      return { shift, ...(await this.visibleActivity(user, shift.activityId)) };
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', '没有找到这个班次');
      throw err;
    }
  }

  async managedShift(user: Principal, id: string): Promise<{ shift: Shift; activity: Activity }> {
    const found = await this.visibleShift(user, id);
    if (!found.manage) throw new AppError('NOT_FOUND', '没有找到这个班次');
    return found;
  }
}
