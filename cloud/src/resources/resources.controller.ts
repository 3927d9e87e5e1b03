import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { ResourcesService } from './resources.service';

const { listResources, getResource, createResource, updateResource, deactivateResource, getFreeSlots, listUnits } =
  api.resources;

/** 资源清单: resident units and the people, venues and equipment they offer. */
@Controller('/')
export class ResourcesController {
  @Inject()
  resources!: ResourcesService;

  @Handle(listResources)
  async listResources({ user, query }: Call<typeof listResources>) {
    return this.resources.listResources(user, query);
  }

  @Handle(getResource)
  async getResource({ user, params }: Call<typeof getResource>) {
    return this.resources.showResource(user, params.id);
  }

  @Handle(createResource)
  async createResource({ user, body, keyedId }: Call<typeof createResource>) {
    return this.resources.createResource(user, body, keyedId);
  }

  @Handle(updateResource)
  async updateResource({ user, params, body }: Call<typeof updateResource>) {
    return this.resources.updateResource(user, params.id, body);
  }

  @Handle(deactivateResource)
  async deactivateResource({ user, params }: Call<typeof deactivateResource>) {
    return this.resources.deactivateResource(user, params.id);
  }

  @Handle(getFreeSlots)
  async getFreeSlots({ user, params, query }: Call<typeof getFreeSlots>) {
    return this.resources.showFreeSlots(user, params.id, query.date);
  }

  @Handle(listUnits)
  async listUnits({ user, query }: Call<typeof listUnits>) {
    return this.resources.listUnits(user, query);
  }
}
