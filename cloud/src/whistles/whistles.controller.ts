import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { WhistlesService } from './whistles.service';

const {
  blowWhistle,
  listWhistles,
  getWhistle,
  reportWhistle,
  resolveWhistle,
  confirmWhistle,
  sendBackWhistle,
  listWhistleRules,
  updateWhistleRule,
} = api.whistles;

/** 吹哨报到: blowing, the lists, each target's steps, and the time-limit rules. */
@Controller('/')
export class WhistlesController {
  @Inject()
  whistles!: WhistlesService;

  @Handle(blowWhistle)
  async blowWhistle({ user, body }: Call<typeof blowWhistle>) {
    return this.whistles.blowWhistle(user, body);
  }

  @Handle(listWhistles)
  async listWhistles({ user, query }: Call<typeof listWhistles>) {
    return this.whistles.listWhistles(user, query);
  }

  @Handle(getWhistle)
  async getWhistle({ user, params }: Call<typeof getWhistle>) {
    return this.whistles.getWhistle(user, params.id);
  }

  @Handle(reportWhistle)
  async reportWhistle({ user, params, body }: Call<typeof reportWhistle>) {
    return this.whistles.actOnWhistle(user, params.id, params.targetId, 'report', { note: body.note });
  }

  @Handle(resolveWhistle)
  async resolveWhistle({ user, params, body }: Call<typeof resolveWhistle>) {
    return this.whistles.actOnWhistle(user, params.id, params.targetId, 'resolve', {
      result: body.result,
      photos: body.photos,
    });
  }

  @Handle(confirmWhistle)
  async confirmWhistle({ user, params, body }: Call<typeof confirmWhistle>) {
    return this.whistles.actOnWhistle(user, params.id, params.targetId, 'confirm', {
      satisfaction: body.satisfaction,
      note: body.comment,
    });
  }

  @Handle(sendBackWhistle)
  async sendBackWhistle({ user, params, body }: Call<typeof sendBackWhistle>) {
    return this.whistles.actOnWhistle(user, params.id, params.targetId, 'sendBack', { note: body.reason });
  }

  @Handle(listWhistleRules)
  async listWhistleRules({ query }: Call<typeof listWhistleRules>) {
    return this.whistles.listWhistleRules(query.page, query.pageSize);
  }

  @Handle(updateWhistleRule)
  async updateWhistleRule({ user, params, body }: Call<typeof updateWhistleRule>) {
    return this.whistles.updateWhistleRule(user, params.type, params.category, body.limits);
  }
}
