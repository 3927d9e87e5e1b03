import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { BranchRankingService } from './branch-ranking.service';
import { PointsService } from './points.service';
import { ShopService } from './shop.service';

const p = api.points;

/** 积分: my points and ledger, rules, rankings, and the community 积分超市. */
@Controller('/')
export class PointsController {
  @Inject()
  points!: PointsService;

  @Inject()
  shop!: ShopService;

  @Inject()
  branchRanking!: BranchRankingService;

  @Handle(p.getBranchRanking)
  async getBranchRanking({ user, query }: Call<typeof p.getBranchRanking>) {
    return this.branchRanking.showBranches(user, query.year);
  }

  @Handle(p.getBranchMembersRanking)
  async getBranchMembersRanking({ user, params, query }: Call<typeof p.getBranchMembersRanking>) {
    return this.branchRanking.showMembers(user, params.id, query);
  }

  @Handle(p.getMyPoints)
  async getMyPoints({ user }: Call<typeof p.getMyPoints>) {
    return this.points.showMyPoints(user);
  }

  @Handle(p.listMyPointsEntries)
  async listMyPointsEntries({ user, query }: Call<typeof p.listMyPointsEntries>) {
    return this.points.listMyEntries(user, query.page, query.pageSize);
  }

  @Handle(p.listPointsRules)
  async listPointsRules() {
    return this.points.listRules();
  }

  @Handle(p.updatePointsRule)
  async updatePointsRule({ params, body }: Call<typeof p.updatePointsRule>) {
    return this.points.updateRule(params.kind, body);
  }

  @Handle(p.getPointsRanking)
  async getPointsRanking({ user, query }: Call<typeof p.getPointsRanking>) {
    return this.points.showRanking(user, query);
  }

  @Handle(p.listShopItems)
  async listShopItems({ user, query }: Call<typeof p.listShopItems>) {
    return this.shop.listItems(user, query);
  }

  @Handle(p.createShopItem)
  async createShopItem({ user, body, keyedId }: Call<typeof p.createShopItem>) {
    return this.shop.createItem(user, body, keyedId);
  }

  @Handle(p.updateShopItem)
  async updateShopItem({ user, params, body }: Call<typeof p.updateShopItem>) {
    return this.shop.updateItem(user, params.id, body);
  }

  @Handle(p.redeemShopItem)
  async redeemShopItem({ user, params, keyedId }: Call<typeof p.redeemShopItem>) {
    return this.shop.redeem(user, params.id, keyedId);
  }

  @Handle(p.listMyRedemptions)
  async listMyRedemptions({ user, query }: Call<typeof p.listMyRedemptions>) {
    return this.shop.listMyRedemptions(user, query.status, query.page, query.pageSize);
  }

  @Handle(p.listRedemptions)
  async listRedemptions({ user, query }: Call<typeof p.listRedemptions>) {
    return this.shop.listRedemptions(user, query.status, query.page, query.pageSize);
  }

  @Handle(p.handOverRedemption)
  async handOverRedemption({ user, params, body }: Call<typeof p.handOverRedemption>) {
    return this.shop.handOver(user, params.id, body.pickupCode);
  }
}
