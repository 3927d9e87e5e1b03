import { WHISTLE_REMINDABLE_STATUSES } from '@gongzhi/shared';
import type { Principal } from '../core/principal';
import type { Whistle, WhistleTarget } from './whistle.model';

/**
 * Why the caller may not 督办 a target now, or null when they may (shared/src/whistles/rules.ts
 * WHISTLE_REMINDERS): the county any whistle, a street admin their street's; never one's own target.
 * Pure, so the whistle page's button and the endpoint cannot disagree.
 */
export function remindRefusal(
  user: Principal,
  whistle: Pick<Whistle, 'place'>,
  target: Pick<WhistleTarget, 'status'>,
  isResponder: boolean,
): { code: 'FORBIDDEN' | 'INVALID_TRANSITION'; reason: string } | null {
  const county = user.roles.includes('countyAdmin');
  const street =
    user.roles.includes('streetAdmin') && !!user.streetId && String(whistle.place.streetId) === user.streetId;
  if (!county && !street) return { code: 'FORBIDDEN', reason: '只有县级管理员和本街道的街道管理员可以督办' };
  if (isResponder) return { code: 'FORBIDDEN', reason: '不能督办自己负责的报到任务' };
  if (!WHISTLE_REMINDABLE_STATUSES.includes(target.status)) {
    return { code: 'INVALID_TRANSITION', reason: '这项任务已经办结，不需要督办' };
  }
  return null;
}
