import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { GridsService } from './grids.service';

const { listGrids, getMyGrid, getGridTeam, setGridMember, updateGridMember, removeGridMember, getPatrolCoverage } =
  api.grids;

/** 网格: grids of a community with their "1+1+3+X" teams, a resident's own grid, and weekly patrol coverage. */
@Controller('/')
export class GridsController {
  @Inject()
  grids!: GridsService;

  @Handle(listGrids)
  async listGrids({ user, query }: Call<typeof listGrids>) {
    return this.grids.listGrids(user, query);
  }

  @Handle(getMyGrid)
  async getMyGrid({ user }: Call<typeof getMyGrid>) {
    return this.grids.showMyGrid(user);
  }

  @Handle(getGridTeam)
  async getGridTeam({ user, params }: Call<typeof getGridTeam>) {
    return this.grids.showGridTeam(user, params.id);
  }

  @Handle(setGridMember)
  async setGridMember({ user, params, body }: Call<typeof setGridMember>) {
    return this.grids.setGridMember(user, params.id, body);
  }

  @Handle(updateGridMember)
  async updateGridMember({ user, params, body }: Call<typeof updateGridMember>) {
    return this.grids.updateGridMember(user, params.id, body.duties);
  }

  @Handle(removeGridMember)
  async removeGridMember({ user, params }: Call<typeof removeGridMember>) {
    return this.grids.removeGridMember(user, params.id);
  }

  @Handle(getPatrolCoverage)
  async getPatrolCoverage({ user, query }: Call<typeof getPatrolCoverage>) {
    return this.grids.showPatrolCoverage(user, query);
  }
}
