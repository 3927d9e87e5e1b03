import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { ComplexesService } from './complexes.service';
import { PartyMemberChangesService } from './party-member-changes.service';
import { StaffChangesService } from './staff-changes.service';
import { VolunteersService } from './volunteers.service';

const r = api.rosters;

/** 名册维护: correct, move, deactivate and reactivate roster rows; each row's change history. */
@Controller('/')
export class RostersController {
  @Inject()
  party!: PartyMemberChangesService;

  @Inject()
  staff!: StaffChangesService;

  @Inject()
  volunteers!: VolunteersService;

  @Inject()
  complexes!: ComplexesService;

  @Handle(r.correctPartyMember)
  async correctPartyMember({ user, params, body }: Call<typeof r.correctPartyMember>) {
    return this.party.correct(user, params.id, body);
  }

  @Handle(r.movePartyMember)
  async movePartyMember({ user, params, body }: Call<typeof r.movePartyMember>) {
    return this.party.move(user, params.id, body);
  }

  @Handle(r.deactivatePartyMember)
  async deactivatePartyMember({ user, params, body }: Call<typeof r.deactivatePartyMember>) {
    return this.party.deactivate(user, params.id, body);
  }

  @Handle(r.reactivatePartyMember)
  async reactivatePartyMember({ user, params, body }: Call<typeof r.reactivatePartyMember>) {
    return this.party.reactivate(user, params.id, body.reason);
  }

  @Handle(r.listPartyMemberHistory)
  async listPartyMemberHistory({ user, params }: Call<typeof r.listPartyMemberHistory>) {
    return this.party.history(user, params.id);
  }

  @Handle(r.showStaffMember)
  async showStaffMember({ user, params }: Call<typeof r.showStaffMember>) {
    return this.staff.show(user, params.id);
  }

  @Handle(r.correctStaffMember)
  async correctStaffMember({ user, params, body }: Call<typeof r.correctStaffMember>) {
    return this.staff.correct(user, params.id, body);
  }

  @Handle(r.moveStaffMember)
  async moveStaffMember({ user, params, body }: Call<typeof r.moveStaffMember>) {
    return this.staff.move(user, params.id, body.communityId, body.reason);
  }

  @Handle(r.deactivateStaffMember)
  async deactivateStaffMember({ user, params, body }: Call<typeof r.deactivateStaffMember>) {
    return this.staff.deactivate(user, params.id, body.reason);
  }

  @Handle(r.reactivateStaffMember)
  async reactivateStaffMember({ user, params, body }: Call<typeof r.reactivateStaffMember>) {
    return this.staff.reactivate(user, params.id, body.reason);
  }

  @Handle(r.listStaffMemberHistory)
  async listStaffMemberHistory({ user, params }: Call<typeof r.listStaffMemberHistory>) {
    return this.staff.history(user, params.id);
  }

  @Handle(r.listVolunteers)
  async listVolunteers({ user, query }: Call<typeof r.listVolunteers>) {
    return this.volunteers.list(user, query);
  }

  @Handle(r.showVolunteer)
  async showVolunteer({ user, params }: Call<typeof r.showVolunteer>) {
    return this.volunteers.show(user, params.id);
  }

  @Handle(r.correctVolunteer)
  async correctVolunteer({ user, params, body }: Call<typeof r.correctVolunteer>) {
    return this.volunteers.correct(user, params.id, body);
  }

  @Handle(r.moveVolunteer)
  async moveVolunteer({ user, params, body }: Call<typeof r.moveVolunteer>) {
    return this.volunteers.move(user, params.id, body.placeId, body.reason);
  }

  @Handle(r.deactivateVolunteer)
  async deactivateVolunteer({ user, params, body }: Call<typeof r.deactivateVolunteer>) {
    return this.volunteers.deactivate(user, params.id, body.reason);
  }

  @Handle(r.reactivateVolunteer)
  async reactivateVolunteer({ user, params, body }: Call<typeof r.reactivateVolunteer>) {
    return this.volunteers.reactivate(user, params.id, body.reason);
  }

  @Handle(r.listVolunteerHistory)
  async listVolunteerHistory({ user, params }: Call<typeof r.listVolunteerHistory>) {
    return this.volunteers.history(user, params.id);
  }

  @Handle(r.listRosterComplexes)
  async listRosterComplexes({ user, query }: Call<typeof r.listRosterComplexes>) {
    return this.complexes.list(user, query);
  }

  @Handle(r.correctComplex)
  async correctComplex({ user, params, body }: Call<typeof r.correctComplex>) {
    return this.complexes.correct(user, params.id, body);
  }

  @Handle(r.moveComplex)
  async moveComplex({ user, params, body }: Call<typeof r.moveComplex>) {
    return this.complexes.move(user, params.id, body.gridId, body.reason);
  }

  @Handle(r.deactivateComplex)
  async deactivateComplex({ user, params, body }: Call<typeof r.deactivateComplex>) {
    return this.complexes.deactivate(user, params.id, body.reason);
  }

  @Handle(r.reactivateComplex)
  async reactivateComplex({ user, params, body }: Call<typeof r.reactivateComplex>) {
    return this.complexes.reactivate(user, params.id, body.reason);
  }

  @Handle(r.listComplexHistory)
  async listComplexHistory({ user, params }: Call<typeof r.listComplexHistory>) {
    return this.complexes.history(user, params.id);
  }
}
