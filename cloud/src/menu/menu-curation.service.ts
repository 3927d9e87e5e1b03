import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { CreateMenuItemBody, MenuItemAdmin, UpdateMenuItemBody, z } from '@gongzhi/shared';
import type { menuAdminQuery } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Db, isDuplicateKey } from '../core/db';
import { communityInScope } from '../core/place';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { MenuItemModel, type MenuItem } from './menu-item.model';
import { MenuOverrideModel } from './menu-override.model';
import { toSummary } from './menu.service';
import { createKeyed } from '../core/create-keyed';

type AdminQuery = z.output<typeof menuAdminQuery>;

const COUNTY_ONLY = '县级默认菜单项只能由县级管理员维护';
const itemNotFound = () => new AppError('NOT_FOUND', '没有找到这个服务项目');
const communityNotFound = () => new AppError('NOT_FOUND', '没有找到该社区');

/**
 * Use cases of menu curation (admin tab): list_menu_admin, create/update/deactivate/activate_menu_item,
 * hide/unhide_menu_item. Staff curate their community, street admins the communities of their
 * street, county admins any community and the county defaults (communityId null).
 */
@Provide()
export class MenuCurationService {
  @Inject()
  db!: Db;

  async listMenuAdmin(
    user: Principal,
    q: AdminQuery,
  ): Promise<{ items: MenuItemAdmin[]; total: number; page: number; pageSize: number }> {
    const here = q.communityId ? await this.communityInScope(user, q.communityId) : await this.ownCommunity(user);
    let owners: (Types.ObjectId | null)[] | null;
    if (here) owners = [null, here._id];
    else if (user.roles.includes('countyAdmin'))
      owners = null; // everything
    else owners = [null, ...(await this.streetCommunities(user)).map((c) => c._id)];
    const filter: Record<string, unknown> = {
      ...(owners ? { communityId: { $in: owners } } : {}),
      ...(q.includeInactive ? {} : { active: true }),
      ...(q.categoryCode ? { categoryCode: q.categoryCode } : {}),
    };
    const model = this.db.model(MenuItemModel);
    const [total, items] = await Promise.all([
      model.countDocuments(filter),
      model
        .find(filter)
        .sort({ order: 1, _id: 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<MenuItem[]>(),
    ]);
    const hidden = here
      ? new Set(
          (
            await this.db
              .model(MenuOverrideModel)
              .find({ communityId: here._id, menuItemId: { $in: items.map((i) => i._id) } })
              .lean()
          ).map((o) => String(o.menuItemId)),
        )
      : new Set<string>();
    const names = await this.communityNames(items);
    const editable = await this.editableOwners(user);
    return {
      items: items.map((i) => toAdmin(i, names, hidden.has(String(i._id)), editable(i.communityId))),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async createMenuItem(
    user: Principal,
    body: CreateMenuItemBody,
    keyedId: Types.ObjectId | null = null,
  ): Promise<MenuItemAdmin> {
    const owner = await this.targetCommunity(user, body.communityId, 'body.communityId');
    const created = await createKeyed<MenuItem>(this.db.model(MenuItemModel), keyedId, {
      communityId: owner?._id ?? null,
      categoryCode: body.categoryCode,
      name: body.name,
      summary: body.summary,
      description: body.description,
      resourceKinds: body.resourceKinds,
      timeLimits: body.timeLimits,
      fields: body.fields,
      order: body.order,
      active: true,
    });
    return this.adminView(created);
  }

  async updateMenuItem(user: Principal, id: string, body: UpdateMenuItemBody): Promise<MenuItemAdmin> {
    const item = await this.editableItem(user, id);
    const updated = await this.db
      .model(MenuItemModel)
      .findOneAndUpdate({ _id: item._id }, { $set: body }, { new: true })
      .lean<MenuItem>();
    if (!updated) throw itemNotFound();
    return this.adminView(updated);
  }

  async setMenuItemActive(user: Principal, id: string, active: boolean): Promise<MenuItemAdmin> {
    const item = await this.editableItem(user, id);
    if (item.active === active) throw new AppError('CONFLICT', active ? '该服务项目已在使用中' : '该服务项目已停用');
    const updated = await this.db
      .model(MenuItemModel)
      .findOneAndUpdate({ _id: item._id }, { $set: { active } }, { new: true })
      .lean<MenuItem>();
    if (!updated) throw itemNotFound();
    return this.adminView(updated);
  }

  /** Hides a county default from one community's menu; hiding again leaves the one record. */
  async hideMenuItem(user: Principal, id: string, communityId: string | undefined) {
    const { item, community } = await this.overrideTarget(user, id, communityId, 'body.communityId');
    try {
      await this.db.model(MenuOverrideModel).create({
        communityId: community._id,
        menuItemId: item._id,
        hiddenBy: new Types.ObjectId(user.userId),
        at: new Date(),
      });
    } catch (err) {
      // Already hidden (by an earlier or a simultaneous request): the outcome is the same.
      if (!isDuplicateKey(err)) throw err;
    }
    return { menuItemId: String(item._id), communityId: String(community._id), hidden: true };
  }

  async unhideMenuItem(user: Principal, id: string, communityId: string | undefined) {
    const { item, community } = await this.overrideTarget(user, id, communityId, 'query.communityId');
    await this.db.model(MenuOverrideModel).deleteOne({ communityId: community._id, menuItemId: item._id });
    return { menuItemId: String(item._id), communityId: String(community._id), hidden: false };
  }

  // ——— scope ———

  private async overrideTarget(user: Principal, id: string, communityId: string | undefined, path: string) {
    const community = communityId ? await this.communityInScope(user, communityId) : await this.ownCommunity(user);
    if (!community) throw new AppError('VALIDATION_FAILED', undefined, [{ path, message: '请选择社区' }]);
    const item = await this.db.model(MenuItemModel).findById(new Types.ObjectId(id)).lean<MenuItem>();
    if (!item) throw itemNotFound();
    if (item.communityId !== null) {
      if (!item.communityId.equals(community._id)) throw itemNotFound();
      throw new AppError('CONFLICT', '只有县级默认项可以隐藏；本社区自有的项目请直接停用');
    }
    return { item, community };
  }

  /** The item if the caller may change it: county defaults are visible to every curator but only county admins edit them. */
  private async editableItem(user: Principal, id: string): Promise<MenuItem> {
    const item = await this.db.model(MenuItemModel).findById(new Types.ObjectId(id)).lean<MenuItem>();
    if (!item) throw itemNotFound();
    if (item.communityId === null) {
      if (!user.roles.includes('countyAdmin')) throw new AppError('FORBIDDEN', COUNTY_ONLY);
      return item;
    }
    const community = await this.db.model(OrgModel).findById(item.communityId).lean<Org>();
    if (!community || !communityInScope(user, community)) throw itemNotFound();
    return item;
  }

  /** Where a new item goes: null (county default), a named community in scope, or the caller's own. */
  private async targetCommunity(
    user: Principal,
    requested: string | null | undefined,
    path: string,
  ): Promise<Org | null> {
    if (requested === null) {
      if (!user.roles.includes('countyAdmin')) throw new AppError('FORBIDDEN', COUNTY_ONLY);
      return null;
    }
    if (requested) return this.communityInScope(user, requested);
    const own = await this.ownCommunity(user);
    if (own) return own;
    if (user.roles.includes('countyAdmin')) return null;
    throw new AppError('VALIDATION_FAILED', undefined, [{ path, message: '请选择社区' }]);
  }

  private async communityInScope(user: Principal, id: string): Promise<Org> {
    const community = await this.db
      .model(OrgModel)
      .findOne({ _id: new Types.ObjectId(id), kind: 'community' })
      .lean<Org>();
    if (!community || !communityInScope(user, community)) throw communityNotFound();
    return community;
  }

  private async ownCommunity(user: Principal): Promise<Org | null> {
    if (!user.communityId) return null;
    return this.db
      .model(OrgModel)
      .findOne({ _id: new Types.ObjectId(user.communityId), kind: 'community' })
      .lean<Org>();
  }

  private async streetCommunities(user: Principal): Promise<Org[]> {
    if (!user.roles.includes('streetAdmin') || !user.streetId) return [];
    return this.db
      .model(OrgModel)
      .find({ kind: 'community', ancestors: new Types.ObjectId(user.streetId) })
      .lean<Org[]>();
  }

  /** Which owners' items the caller may change, as a predicate. */
  private async editableOwners(user: Principal): Promise<(owner: Types.ObjectId | null) => boolean> {
    if (user.roles.includes('countyAdmin')) return () => true;
    const mine = new Set((await this.streetCommunities(user)).map((c) => String(c._id)));
    if (user.roles.includes('staff') && user.communityId) mine.add(user.communityId);
    return (owner) => owner !== null && mine.has(String(owner));
  }

  private async communityNames(items: MenuItem[]): Promise<Map<string, string>> {
    const ids = [...new Set(items.filter((i) => i.communityId).map((i) => String(i.communityId)))];
    if (!ids.length) return new Map();
    const orgs = await this.db
      .model(OrgModel)
      .find({ _id: { $in: ids.map((i) => new Types.ObjectId(i)) } }, { name: 1 })
      .lean<Org[]>();
    return new Map(orgs.map((o) => [String(o._id), o.name]));
  }

  /** The admin view of one item the caller has just changed (so it is editable by them). */
  private async adminView(item: MenuItem): Promise<MenuItemAdmin> {
    const names = await this.communityNames([item]);
    return toAdmin(item, names, false, true);
  }
}

function toAdmin(item: MenuItem, names: Map<string, string>, hidden: boolean, editable: boolean): MenuItemAdmin {
  return {
    ...toSummary(item),
    description: item.description,
    resourceKinds: item.resourceKinds,
    timeLimits: { acceptHours: item.timeLimits.acceptHours, completeHours: item.timeLimits.completeHours },
    fields: [...item.fields].sort((a, b) => a.order - b.order).map(cleanField),
    communityName: item.communityId ? (names.get(String(item.communityId)) ?? null) : null,
    order: item.order,
    active: item.active,
    hidden,
    editable,
  };
}

/** Lean documents carry `help`/`options` as undefined or absent; keep the response free of nulls. */
function cleanField(f: MenuItem['fields'][number]): MenuItem['fields'][number] {
  return {
    code: f.code,
    label: f.label,
    type: f.type,
    required: f.required,
    order: f.order,
    ...(f.help !== undefined && f.help !== null ? { help: f.help } : {}),
    ...(f.options ? { options: f.options.map((o) => ({ key: o.key, label: o.label })) } : {}),
  };
}
