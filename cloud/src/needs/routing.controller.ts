import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { RoutingService } from './routing.service';

const { suggestRoutes } = api.needs;

/** 派单建议: ranked matches for a need, shown to staff when they dispatch. */
@Controller('/')
export class RoutingController {
  @Inject()
  routing!: RoutingService;

  @Handle(suggestRoutes)
  async suggestRoutes({ user, params }: Call<typeof suggestRoutes>) {
    return this.routing.suggestRoutes(user, params.id);
  }
}
