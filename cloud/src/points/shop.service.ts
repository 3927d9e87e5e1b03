import { randomInt } from 'node:crypto';
import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type {
  Redemption as RedemptionView,
  RedemptionStatus,
  ShopItem as ShopItemView,
  createShopItemBody,
  shopItemsQuery,
  updateShopItemBody,
  z,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { UserModel, type User } from '../people/user.model';
import { PointsLedger } from './ledger';
import { PointsEntryModel } from './points-entry.model';
import { RedemptionModel, ShopItemModel, type Redemption, type ShopItem } from './shop.model';
import { createKeyed } from '../core/create-keyed';
import { oid } from '../core/oid';

/** Concurrent redeemers start at a random one of the lowest free units: fewer collisions. */
const SPREAD = 8;
/** A reservation whose debit never finished (the process died in between) is released after this. */
const STALE_RESERVATION_MS = 2 * 60_000;

type Filter = Record<string, unknown>;

/** Use cases of the 积分超市: list/create/update items, redeem, list redemptions, hand over. */
@Provide()
export class ShopService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  ledger!: PointsLedger;

  async listItems(user: Principal, q: z.output<typeof shopItemsQuery>) {
    const communityId = q.communityId ?? user.communityId;
    if (!communityId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const keeper = this.keeps(user, communityId);
    if (!keeper && communityId !== user.communityId) throw new AppError('NOT_FOUND', '没有找到这个社区的积分超市');
    const filter: Filter = { communityId: oid(communityId) };
    if (!(keeper && q.all === 'true')) filter.active = true;
    const [rows, total] = await Promise.all([
      this.db
        .model(ShopItemModel)
        .find(filter)
        .sort({ price: 1, _id: 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<ShopItem[]>(),
      this.db.model(ShopItemModel).countDocuments(filter),
    ]);
    const taken = await this.takenUnits(rows.map((r) => r._id));
    return {
      items: rows.map((r) => itemView(r, taken.get(String(r._id)) ?? 0)),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async createItem(
    user: Principal,
    body: z.output<typeof createShopItemBody>,
    keyedId: Types.ObjectId | null = null,
  ): Promise<ShopItemView> {
    const communityId = body.communityId ?? user.communityId;
    if (!communityId) {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'body.communityId', message: '请选择社区' }]);
    }
    const community = await this.db.model(OrgModel).findById(communityId).lean<Org>();
    if (community?.kind !== 'community' || !this.keeps(user, communityId)) {
      throw new AppError('NOT_FOUND', '没有找到这个社区');
    }
    const now = this.clock.now();
    const doc = await createKeyed<ShopItem>(this.db.model(ShopItemModel), keyedId, {
      communityId: community._id,
      name: body.name,
      description: body.description,
      price: body.price,
      stockAdded: body.stock,
      imageUrl: body.imageUrl,
      active: true,
      createdBy: oid(user.userId),
      createdAt: now,
      updatedAt: now,
    });
    return itemView(doc, 0);
  }

  async updateItem(user: Principal, id: string, body: z.output<typeof updateShopItemBody>): Promise<ShopItemView> {
    const item = await this.keptItem(user, id);
    const { addStock, ...fields } = body;
    // Restocking is a rare staff action; FerretDB's $inc is not atomic, so two restocks in the same
    // instant could lose one (the shelf would show fewer units, never more than were added).
    await this.db
      .model(ShopItemModel)
      .updateOne(
        { _id: item._id },
        { $set: { ...fields, updatedAt: this.clock.now() }, ...(addStock ? { $inc: { stockAdded: addStock } } : {}) },
      );
    const fresh = (await this.db.model(ShopItemModel).findById(item._id).lean<ShopItem>())!;
    return itemView(fresh, (await this.takenUnits([item._id])).get(String(item._id)) ?? 0);
  }

  /**
   * Redeems one unit: first takes a unit by a unique insert (the shelf cannot go negative), then
   * debits the points on the ledger chain (the balance cannot go negative); when the debit is refused
   * the reservation is deleted, which puts the unit back. The reservation's id is `keyedId` when
   * given: a retry of a crashed attempt finishes that attempt's reservation (the debit is keyed by it).
   */
  async redeem(user: Principal, itemId: string, keyedId: Types.ObjectId | null = null): Promise<RedemptionView> {
    const item = await this.db.model(ShopItemModel).findById(itemId).lean<ShopItem>();
    if (!item || !item.active || String(item.communityId) !== user.communityId) {
      throw new AppError('NOT_FOUND', '没有找到这件商品（只能兑换本社区积分超市的商品）');
    }
    const personId = oid(user.userId);
    const first = keyedId && (await this.db.model(RedemptionModel).findById(keyedId).lean<Redemption>());
    const balance = first ? item.price : await this.ledger.balanceOf(personId);
    if (balance < item.price) {
      throw new AppError('INSUFFICIENT_POINTS', `积分不足：兑换需要 ${item.price} 分，您现有 ${balance} 分`);
    }
    if (!first) await this.releaseStale(item._id);
    const reservation = first || (await this.takeUnit(item, personId, keyedId));
    try {
      await this.ledger.append({
        personId,
        kind: 'redemption',
        sourceKey: `redeem:${reservation._id}`,
        sourceRef: null,
        note: `兑换 · ${item.name}`,
        delta: () => -item.price,
      });
    } catch (err) {
      await this.db.model(RedemptionModel).deleteOne({ _id: reservation._id });
      throw err;
    }
    await this.db
      .model(RedemptionModel)
      .updateOne({ _id: reservation._id, status: 'reserved' }, { $set: { status: 'awaitingPickup' } });
    return redemptionView(
      { ...reservation, status: reservation.status === 'reserved' ? 'awaitingPickup' : reservation.status },
      null,
    );
  }

  async listMyRedemptions(user: Principal, status: RedemptionStatus | undefined, page: number, pageSize: number) {
    return this.list({ personId: oid(user.userId) }, status, page, pageSize, false);
  }

  async listRedemptions(user: Principal, status: RedemptionStatus | undefined, page: number, pageSize: number) {
    const scope: Filter = user.roles.includes('countyAdmin')
      ? {}
      : { communityId: user.communityId ? oid(user.communityId) : new Types.ObjectId('000000000000000000000000') };
    return this.list(scope, status, page, pageSize, true);
  }

  async handOver(user: Principal, id: string, pickupCode: string): Promise<RedemptionView> {
    const r = await this.db.model(RedemptionModel).findById(id).lean<Redemption>();
    if (!r || r.status === 'reserved' || !this.keeps(user, String(r.communityId))) {
      throw new AppError('NOT_FOUND', '没有找到这条兑换记录');
    }
    if (r.pickupCode !== pickupCode) {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'body.pickupCode', message: '领取码不对，请核对' }]);
    }
    if (r.status === 'handedOver') throw new AppError('INVALID_TRANSITION', '这件商品已经领取过了');
    const now = this.clock.now();
    await this.db
      .model(RedemptionModel)
      .updateOne(
        { _id: r._id, status: 'awaitingPickup' },
        { $set: { status: 'handedOver', handedOverAt: now, handedOverBy: oid(user.userId) } },
      );
    const fresh = (await this.db.model(RedemptionModel).findById(r._id).lean<Redemption>())!;
    const person = await this.db.model(UserModel).findById(r.personId, { name: 1 }).lean<Pick<User, 'name'>>();
    return redemptionView(fresh, person?.name ?? '（已注销）');
  }

  // ——— helpers ———

  /** Staff keep their own community's shop; the county keeps every one. */
  private keeps(user: Principal, communityId: string): boolean {
    if (user.roles.includes('countyAdmin')) return true;
    return user.roles.includes('staff') && user.communityId === communityId;
  }

  private async keptItem(user: Principal, id: string): Promise<ShopItem> {
    const item = await this.db.model(ShopItemModel).findById(id).lean<ShopItem>();
    if (!item || !this.keeps(user, String(item.communityId))) throw new AppError('NOT_FOUND', '没有找到这件商品');
    return item;
  }

  private async takenUnits(itemIds: Types.ObjectId[]): Promise<Map<string, number>> {
    if (!itemIds.length) return new Map();
    const rows = await this.db
      .model(RedemptionModel)
      .aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: { itemId: { $in: itemIds } } },
        { $group: { _id: '$itemId', n: { $sum: 1 } } },
      ]);
    return new Map(rows.map((r) => [String(r._id), r.n]));
  }

  /** Tries the free unit numbers until one insert wins; OUT_OF_STOCK when none is left. */
  private async takeUnit(
    item: ShopItem,
    personId: Types.ObjectId,
    keyedId: Types.ObjectId | null,
  ): Promise<Redemption> {
    const redemptions = this.db.model(RedemptionModel);
    for (let round = 0; round < 3; round++) {
      const used = new Set(
        (await redemptions.find({ itemId: item._id }, { unitNo: 1 }).lean<Pick<Redemption, 'unitNo'>[]>()).map(
          (r) => r.unitNo,
        ),
      );
      const fresh = await this.db.model(ShopItemModel).findById(item._id, { stockAdded: 1 }).lean<ShopItem>();
      const free: number[] = [];
      for (let n = 1; n <= (fresh?.stockAdded ?? 0); n++) if (!used.has(n)) free.push(n);
      if (!free.length) break;
      const start = randomInt(Math.min(SPREAD, free.length));
      const order = [...free.slice(start), ...free.slice(0, start)];
      for (const unitNo of order) {
        const doc: Redemption = {
          _id: new Types.ObjectId(),
          itemId: item._id,
          unitNo,
          communityId: item.communityId,
          personId,
          itemName: item.name,
          price: item.price,
          pickupCode: String(randomInt(1_000_000)).padStart(6, '0'),
          status: 'reserved',
          redeemedAt: this.clock.now(),
          handedOverAt: null,
          handedOverBy: null,
        };
        try {
          return await createKeyed<Redemption>(redemptions, keyedId, doc);
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
      }
    }
    throw new AppError('OUT_OF_STOCK', `“${item.name}”已兑完，请等社区补货`);
  }

  /** Finishes or releases reservations left by a process that died between taking a unit and the debit. */
  private async releaseStale(itemId: Types.ObjectId) {
    const before = new Date(this.clock.now().getTime() - STALE_RESERVATION_MS);
    const stale = await this.db
      .model(RedemptionModel)
      .find({ itemId, status: 'reserved', redeemedAt: { $lt: before } })
      .lean<Redemption[]>();
    for (const r of stale) {
      const paid = await this.db.model(PointsEntryModel).exists({ sourceKey: `redeem:${r._id}` });
      if (paid) await this.db.model(RedemptionModel).updateOne({ _id: r._id }, { $set: { status: 'awaitingPickup' } });
      else await this.db.model(RedemptionModel).deleteOne({ _id: r._id, status: 'reserved' });
    }
  }

  private async list(
    scope: Filter,
    status: RedemptionStatus | undefined,
    page: number,
    pageSize: number,
    withNames: boolean,
  ) {
    const filter: Filter = { ...scope, status: status ?? { $in: ['awaitingPickup', 'handedOver'] } };
    const [rows, total] = await Promise.all([
      this.db
        .model(RedemptionModel)
        .find(filter)
        .sort({ redeemedAt: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<Redemption[]>(),
      this.db.model(RedemptionModel).countDocuments(filter),
    ]);
    const people = withNames
      ? await this.db
          .model(UserModel)
          .find({ _id: { $in: rows.map((r) => r.personId) } }, { name: 1 })
          .lean<Pick<User, '_id' | 'name'>[]>()
      : [];
    return {
      items: rows.map((r) =>
        redemptionView(r, withNames ? (people.find((p) => p._id.equals(r.personId))?.name ?? '（已注销）') : null),
      ),
      total,
      page,
      pageSize,
    };
  }
}

function itemView(r: ShopItem, taken: number): ShopItemView {
  return {
    id: String(r._id),
    communityId: String(r.communityId),
    name: r.name,
    description: r.description,
    price: r.price,
    stock: Math.max(0, r.stockAdded - taken),
    imageUrl: r.imageUrl,
    active: r.active,
  };
}

function redemptionView(r: Redemption, personName: string | null): RedemptionView {
  return {
    id: String(r._id),
    item: { id: String(r.itemId), name: r.itemName },
    communityId: String(r.communityId),
    price: r.price,
    pickupCode: r.pickupCode,
    status: r.status === 'handedOver' ? 'handedOver' : 'awaitingPickup',
    personName,
    redeemedAt: r.redeemedAt.toISOString(),
    handedOverAt: r.handedOverAt?.toISOString() ?? null,
  };
}
