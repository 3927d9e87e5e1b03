import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { ActivitiesService } from './activities.service';
import { AttendanceService } from './attendance.service';
import { ClaimsService } from './claims.service';

const a = api.activities;

/** 活动清单: activities, shifts, claims and check-in. */
@Controller('/')
export class ActivitiesController {
  @Inject()
  activities!: ActivitiesService;

  @Inject()
  claims!: ClaimsService;

  @Inject()
  attendance!: AttendanceService;

  @Handle(a.listActivities)
  async listActivities({ user, query }: Call<typeof a.listActivities>) {
    return this.activities.listActivities(user, query);
  }

  @Handle(a.getActivity)
  async getActivity({ user, params }: Call<typeof a.getActivity>) {
    return this.activities.showActivity(user, params.id);
  }

  @Handle(a.createActivity)
  async createActivity({ user, body, keyedId }: Call<typeof a.createActivity>) {
    return this.activities.createActivity(user, body, keyedId);
  }

  @Handle(a.updateActivity)
  async updateActivity({ user, params, body }: Call<typeof a.updateActivity>) {
    return this.activities.updateActivity(user, params.id, body);
  }

  @Handle(a.cancelActivity)
  async cancelActivity({ user, params, body }: Call<typeof a.cancelActivity>) {
    return this.activities.cancelActivity(user, params.id, body.reason);
  }

  @Handle(a.addShift)
  async addShift({ user, params, body, keyedId }: Call<typeof a.addShift>) {
    return this.activities.addShift(user, params.id, body, keyedId);
  }

  @Handle(a.updateShift)
  async updateShift({ user, params, body }: Call<typeof a.updateShift>) {
    return this.activities.updateShift(user, params.id, body);
  }

  @Handle(a.claimSeat)
  async claimSeat({ user, params, body }: Call<typeof a.claimSeat>) {
    return this.claims.claimSeat(user, params.id, body.wait);
  }

  @Handle(a.cancelClaim)
  async cancelClaim({ user, params }: Call<typeof a.cancelClaim>) {
    return this.claims.cancelClaim(user, params.id);
  }

  @Handle(a.listMyShifts)
  async listMyShifts({ user, query }: Call<typeof a.listMyShifts>) {
    return this.claims.listMyShifts(user, query.when, query.page, query.pageSize);
  }

  @Handle(a.getShiftCode)
  async getShiftCode({ user, params }: Call<typeof a.getShiftCode>) {
    return this.attendance.showShiftCode(user, params.id);
  }

  @Handle(a.checkIn)
  async checkIn({ user, params, body }: Call<typeof a.checkIn>) {
    return this.attendance.record(user, params.id, body, 'checkIn');
  }

  @Handle(a.checkOut)
  async checkOut({ user, params, body }: Call<typeof a.checkOut>) {
    return this.attendance.record(user, params.id, body, 'checkOut');
  }

  @Handle(a.confirmHours)
  async confirmHours({ user, params, body, keyedId }: Call<typeof a.confirmHours>) {
    return this.attendance.confirmHours(user, params.id, body.personId, body.minutes, keyedId);
  }

  @Handle(a.listShiftRoster)
  async listShiftRoster({ user, params, query }: Call<typeof a.listShiftRoster>) {
    return this.attendance.listShiftRoster(user, params.id, query.page, query.pageSize);
  }
}
