import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  createActivityBody,
  type BrandCode,
  type MenuCategoryCode,
  type TeamCode,
  type WhistleCategory,
  type blowWhistleBody,
  type z,
} from '@gongzhi/shared';
import { ActivitiesService } from '../activities/activities.service';
import { Clock } from '../core/clock';
import type { Principal } from '../core/principal';
import { seedId } from '../core/stable-id';
import { fieldError } from './whistle-blow-checks';
import type { Whistle, WhistlePlace } from './whistle.model';
import { oid } from '../core/oid';

type BlowBody = z.output<typeof blowWhistleBody>;

/** The volunteer call's brand and team for a whistle category (社区吹哨党员报到 opens an activity). */
const CALL_STYLE: Record<WhistleCategory, { brand: BrandCode; team: TeamCode | null; categoryCode: MenuCategoryCode }> =
  {
    security: { brand: 'other', team: 'redPatrol', categoryCode: 'other' },
    cityManagement: { brand: 'other', team: 'civilityGuard', categoryCode: 'other' },
    sanitation: { brand: 'cleanHome', team: 'civilityGuard', categoryCode: 'sanitation' },
    facilities: { brand: 'other', team: 'helpingHand', categoryCode: 'other' },
    dispute: { brand: 'other', team: 'peacemaker', categoryCode: 'legalAid' },
    livelihood: { brand: 'other', team: 'helpingHand', categoryCode: 'other' },
    other: { brand: 'other', team: null, categoryCode: 'other' },
  };

/** The activity a 社区吹哨党员报到 opens for its volunteers. */
@Provide()
export class WhistleVolunteerCalls {
  @Inject()
  clock!: Clock;

  @Inject()
  activities!: ActivitiesService;

  /** 社区吹哨党员报到: a published activity with one shift, organised by the blowing community, through the activities area. */
  async openVolunteerCall(
    user: Principal,
    body: BlowBody,
    category: WhistleCategory,
    origin: { refId: Types.ObjectId },
    place: WhistlePlace,
    keyedId: Types.ObjectId | null,
  ): Promise<NonNullable<Whistle['volunteerCall']>> {
    const call = body.volunteerCall!;
    if (Date.parse(call.shift.start) <= this.clock.now().getTime()) {
      throw fieldError('body.volunteerCall.shift.start', '开始时间必须晚于现在');
    }
    const style = CALL_STYLE[category];
    const activity = await this.activities.createActivity(
      user,
      createActivityBody.parse({
        title: `党员报到：${body.title}`.slice(0, 60),
        brand: style.brand,
        categoryCode: style.categoryCode,
        team: style.team,
        placeId: String(body.placeId ?? place.buildingId ?? place.complexId ?? place.gridId ?? origin.refId),
        address: call.address,
        description: body.description.slice(0, 2000),
        format: 'service',
        status: 'published',
      }),
      keyedId && seedId(`${keyedId}:callActivity`),
    );
    const shift = await this.activities.addShift(
      user,
      activity.id,
      call.shift,
      keyedId && seedId(`${keyedId}:callShift`),
    );
    return { activityId: oid(activity.id), shiftId: oid(shift.id) };
  }
}
