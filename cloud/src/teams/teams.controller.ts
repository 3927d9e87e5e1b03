import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { BrandsService } from './brands.service';
import { StationsService } from './stations.service';
import { TeamMembersService } from './team-members.service';
import { TeamsService } from './teams.service';

const t = api.teams;

/** 志愿队、服务站点、服务品牌. */
@Controller('/')
export class TeamsController {
  @Inject()
  teams!: TeamsService;

  @Inject()
  members!: TeamMembersService;

  @Inject()
  stations!: StationsService;

  @Inject()
  brands!: BrandsService;

  @Handle(t.listTeams)
  async listTeams({ user, query }: Call<typeof t.listTeams>) {
    return this.teams.listTeams(user, query.communityId);
  }

  @Handle(t.getTeam)
  async getTeam({ user, params }: Call<typeof t.getTeam>) {
    return this.teams.showTeam(user, params.id);
  }

  @Handle(t.updateTeam)
  async updateTeam({ user, params, body }: Call<typeof t.updateTeam>) {
    return this.teams.updateTeam(user, params.id, body);
  }

  @Handle(t.listTeamActivities)
  async listTeamActivities({ user, params, query }: Call<typeof t.listTeamActivities>) {
    return this.teams.listTeamActivities(user, params.id, query.when, query.page, query.pageSize);
  }

  @Handle(t.listMyTeams)
  async listMyTeams({ user }: Call<typeof t.listMyTeams>) {
    return this.teams.listMyTeams(user);
  }

  @Handle(t.joinTeam)
  async joinTeam({ user, params, body }: Call<typeof t.joinTeam>) {
    return this.members.joinTeam(user, params.id, body.note);
  }

  @Handle(t.leaveTeam)
  async leaveTeam({ user, params }: Call<typeof t.leaveTeam>) {
    return this.members.leaveTeam(user, params.id);
  }

  @Handle(t.listTeamMembers)
  async listTeamMembers({ user, params, query }: Call<typeof t.listTeamMembers>) {
    return this.members.listMembers(user, params.id, query.status, query.page, query.pageSize);
  }

  @Handle(t.approveMember)
  async approveMember({ user, params }: Call<typeof t.approveMember>) {
    return this.members.approveMember(user, params.id, params.personId);
  }

  @Handle(t.rejectMember)
  async rejectMember({ user, params, body }: Call<typeof t.rejectMember>) {
    return this.members.rejectMember(user, params.id, params.personId, body.reason);
  }

  @Handle(t.removeMember)
  async removeMember({ user, params }: Call<typeof t.removeMember>) {
    return this.members.removeMember(user, params.id, params.personId);
  }

  @Handle(t.listStations)
  async listStations({ user, query }: Call<typeof t.listStations>) {
    return this.stations.listStations(user, query.communityId);
  }

  @Handle(t.getStation)
  async getStation({ user, params }: Call<typeof t.getStation>) {
    return this.stations.showStation(user, params.id);
  }

  @Handle(t.createStation)
  async createStation({ user, body, keyedId }: Call<typeof t.createStation>) {
    return this.stations.createStation(user, body, keyedId);
  }

  @Handle(t.updateStation)
  async updateStation({ user, params, body }: Call<typeof t.updateStation>) {
    return this.stations.updateStation(user, params.id, body);
  }

  @Handle(t.listBrands)
  async listBrands({ user, query }: Call<typeof t.listBrands>) {
    return this.brands.listBrands(user, query.communityId);
  }

  @Handle(t.getBrand)
  async getBrand({ user, params, query }: Call<typeof t.getBrand>) {
    return this.brands.showBrand(user, params.code, query.communityId);
  }
}
