import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { NeedsService } from './needs.service';
import { ServingService } from './serving.service';

const {
  createNeed,
  listMyNeeds,
  listNeeds,
  getNeed,
  acceptNeed,
  rejectNeed,
  withdrawNeed,
  dispatchNeed,
  startNeed,
  completeNeed,
  rateNeed,
  reopenNeed,
  listServingNeeds,
  takeNeed,
  declineNeed,
  urgeNeed,
} = api.needs;

/** 需求清单: residents order (点单), staff handle the inbox, every step lands on the timeline. */
@Controller('/')
export class NeedsController {
  @Inject()
  needs!: NeedsService;

  @Inject()
  serving!: ServingService;

  @Handle(createNeed)
  async createNeed({ user, body, keyedId }: Call<typeof createNeed>) {
    return this.needs.createNeed(user, body, keyedId);
  }

  @Handle(listMyNeeds)
  async listMyNeeds({ user, query }: Call<typeof listMyNeeds>) {
    return this.needs.listMyNeeds(user, query);
  }

  @Handle(listNeeds)
  async listNeeds({ user, query }: Call<typeof listNeeds>) {
    return this.needs.listNeeds(user, query);
  }

  @Handle(listServingNeeds)
  async listServingNeeds({ user, query }: Call<typeof listServingNeeds>) {
    return this.serving.listServingNeeds(user, query);
  }

  @Handle(getNeed)
  async getNeed({ user, params }: Call<typeof getNeed>) {
    return this.needs.showNeed(user, params.id);
  }

  @Handle(acceptNeed)
  async acceptNeed({ user, params, body }: Call<typeof acceptNeed>) {
    return this.needs.actOnNeed(user, params.id, 'accept', body);
  }

  @Handle(rejectNeed)
  async rejectNeed({ user, params, body }: Call<typeof rejectNeed>) {
    return this.needs.actOnNeed(user, params.id, 'reject', { note: body.reason });
  }

  @Handle(withdrawNeed)
  async withdrawNeed({ user, params, body }: Call<typeof withdrawNeed>) {
    return this.needs.actOnNeed(user, params.id, 'withdraw', body);
  }

  @Handle(dispatchNeed)
  async dispatchNeed({ user, params, body }: Call<typeof dispatchNeed>) {
    return this.needs.actOnNeed(user, params.id, 'dispatch', {
      note: body.note,
      route: { kind: body.kind, targetId: body.targetId },
    });
  }

  @Handle(startNeed)
  async startNeed({ user, params, body }: Call<typeof startNeed>) {
    return this.needs.actOnNeed(user, params.id, 'start', body);
  }

  @Handle(completeNeed)
  async completeNeed({ user, params, body }: Call<typeof completeNeed>) {
    return this.needs.actOnNeed(user, params.id, 'complete', body);
  }

  @Handle(takeNeed)
  async takeNeed({ user, params, body }: Call<typeof takeNeed>) {
    return this.needs.actOnNeed(user, params.id, 'take', body);
  }

  @Handle(declineNeed)
  async declineNeed({ user, params, body }: Call<typeof declineNeed>) {
    return this.needs.actOnNeed(user, params.id, 'decline', { note: body.reason });
  }

  @Handle(rateNeed)
  async rateNeed({ user, params, body }: Call<typeof rateNeed>) {
    return this.needs.actOnNeed(user, params.id, 'rate', { rating: body });
  }

  @Handle(reopenNeed)
  async reopenNeed({ user, params, body }: Call<typeof reopenNeed>) {
    return this.needs.actOnNeed(user, params.id, 'reopen', body);
  }

  @Handle(urgeNeed)
  async urgeNeed({ user, params }: Call<typeof urgeNeed>) {
    return this.needs.actOnNeed(user, params.id, 'urge', {});
  }
}
