import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { MENU_CATEGORIES, type MenuItemDetail, type MenuItemSummary, type MenuResponse } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgService } from '../org/org.service';
import { MenuItemModel, type MenuItem } from './menu-item.model';
import { MenuOverrideModel } from './menu-override.model';

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
    if (communityId && (!community || community.kind !== 'community'))
      throw new AppError('NOT_FOUND', '没有找到该社区');
    const hidden = community ? await this.hiddenIds(community._id) : [];
    const items = await this.db
      .model(MenuItemModel)
      .find({
        active: true,
        communityId: { $in: community ? [null, community._id] : [null] },
        ...(hidden.length ? { _id: { $nin: hidden } } : {}),
      })
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
    const item = await this.db
      .model(MenuItemModel)
      .findOne({ _id: new Types.ObjectId(id), active: true })
      .lean<MenuItem>();
    const visible =
      item && (item.communityId === null || user.communityId === null || String(item.communityId) === user.communityId);
    const hiddenHere =
      item &&
      item.communityId === null &&
      user.communityId !== null &&
      (await this.isHidden(item._id, user.communityId));
    if (!item || !visible || hiddenHere) throw new AppError('NOT_FOUND', '没有找到这个服务项目');
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

  /**
   * The item a resident of `communityId` may order, or null: active, a county default or that
   * community's own, and not hidden there. For the needs area to check an order against.
   */
  async offeredItem(itemId: string | Types.ObjectId, communityId: string | Types.ObjectId): Promise<MenuItem | null> {
    const item = await this.db
      .model(MenuItemModel)
      .findOne({ _id: new Types.ObjectId(String(itemId)), active: true })
      .lean<MenuItem>();
    if (!item) return null;
    if (item.communityId !== null) return String(item.communityId) === String(communityId) ? item : null;
    return (await this.isHidden(item._id, communityId)) ? null : item;
  }

  private async hiddenIds(communityId: Types.ObjectId): Promise<Types.ObjectId[]> {
    const rows = await this.db.model(MenuOverrideModel).find({ communityId }, { menuItemId: 1 }).lean();
    return rows.map((r) => r.menuItemId);
  }

  private async isHidden(itemId: Types.ObjectId, communityId: string | Types.ObjectId): Promise<boolean> {
    const hit = await this.db
      .model(MenuOverrideModel)
      .exists({ communityId: new Types.ObjectId(String(communityId)), menuItemId: itemId });
    return !!hit;
  }
}

export function toSummary(item: MenuItem): MenuItemSummary {
  return {
    id: String(item._id),
    categoryCode: item.categoryCode,
    name: item.name,
    summary: item.summary,
    communityId: item.communityId ? String(item.communityId) : null,
  };
}
