import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { OrgService } from './org.service';

const { listPlaces, listCommunities } = api.grids;

/** 地址与社区: the org tree as the mini-program's pickers need it. */
@Controller('/')
export class PlacesController {
  @Inject()
  orgs!: OrgService;

  @Handle(listPlaces)
  async listPlaces({ user, query }: Call<typeof listPlaces>) {
    return this.orgs.listPlaces(user, query.communityId);
  }

  @Handle(listCommunities)
  async listCommunities() {
    return this.orgs.listCommunities();
  }
}
