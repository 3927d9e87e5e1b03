import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { MENU_CATEGORIES, type MenuItemDetail, type MenuItemSummary, type MenuResponse } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgService } from '../org/org.service';
import { MenuItemModel, type MenuItem } from './menu-item.model';

/** Use cases of the service menu: list_menu, show_menu_item. */
@Provide()
export class MenuService {
  @Inject()
  db!: Db;

  @Inject()
  orgs!: OrgService;

  /**
   * The menu a caller sees: county defaults plus their community's own items. Callers without
   * a community (county-level roles, new WeChat users) may name one; everyone else sees their own.
   */
  async listMenu(user: Principal, requested?: string): Promise<MenuResponse> {
    const communityId = user.communityId ?? requested ?? null;
    const community = communityId ? await this.orgs.get(communityId) : null;
    if (communityId && (!community || community.kind !== 'community')) throw new AppError('NOT_FOUND', '没有找到该社区');
    const items = await this.db
      .model(MenuItemModel)
      .find({ active: true, communityId: { $in: community ? [null, community._id] : [null] } })
      .sort({ order: 1, _id: 1 })
      .lean<MenuItem[]>();
    return {
      community: community ? { id: String(community._id), name: community.name } : null,
      categories: MENU_CATEGORIES.map((c) => ({
        code: c.code,
        name: c.name,
        icon: c.icon,
        color: c.color,
        items: items.filter((i) => i.categoryCode === c.code).map(toSummary),
      })).filter((c) => c.items.length > 0),
    };
  }

  /** An item is visible when it is a county default or belongs to the caller's community. */
  async showMenuItem(user: Principal, id: string): Promise<MenuItemDetail> {
    const item = await this.db.model(MenuItemModel).findOne({ _id: new Types.ObjectId(id), active: true }).lean<MenuItem>();
    const visible =
      item && (item.communityId === null || user.communityId === null || String(item.communityId) === user.communityId);
    if (!item || !visible) throw new AppError('NOT_FOUND', '没有找到这个服务项目');
    const community = item.communityId ? await this.orgs.get(item.communityId) : null;
    return {
      ...toSummary(item),
      description: item.description,
      resourceKinds: item.resourceKinds,
      timeLimits: { acceptHours: item.timeLimits.acceptHours, completeHours: item.timeLimits.completeHours },
      fields: [...item.fields].sort((a, b) => a.order - b.order),
      communityName: community?.name ?? null,
    };
  }
}

function toSummary(item: MenuItem): MenuItemSummary {
  return {
    id: String(item._id),
    categoryCode: item.categoryCode,
    name: item.name,
    summary: item.summary,
    communityId: item.communityId ? String(item.communityId) : null,
  };
}
