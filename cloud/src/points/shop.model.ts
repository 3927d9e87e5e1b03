import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/** An item of a community's 积分超市. */
export interface ShopItem {
  _id: Types.ObjectId;
  communityId: Types.ObjectId;
  name: string;
  description: string;
  price: number;
  /**
   * Units ever put on the shelf. Units are numbered 1..stockAdded and a redemption takes one by a
   * unique (itemId, unitNo) insert, so the shelf can never go below zero however many redeem at once.
   */
  stockAdded: number;
  imageUrl: string | null;
  active: boolean;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export const ShopItemModel = defineModel<ShopItem>(
  'ShopItem',
  new Schema<ShopItem>(
    {
      communityId: { type: Schema.Types.ObjectId, required: true, index: true },
      name: { type: String, required: true },
      description: { type: String, default: '' },
      price: { type: Number, required: true },
      stockAdded: { type: Number, required: true },
      imageUrl: { type: String, default: null },
      active: { type: Boolean, default: true },
      createdBy: { type: Schema.Types.ObjectId, required: true },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'shopItems', versionKey: false },
  ),
);

/**
 * A redemption (兑换): one unit of an item for its price. `reserved` while the points are being
 * debited; a failed debit deletes it (the unit goes back on the shelf).
 */
export interface Redemption {
  _id: Types.ObjectId;
  itemId: Types.ObjectId;
  unitNo: number;
  communityId: Types.ObjectId;
  personId: Types.ObjectId;
  itemName: string;
  price: number;
  pickupCode: string;
  status: 'reserved' | 'awaitingPickup' | 'handedOver';
  redeemedAt: Date;
  handedOverAt: Date | null;
  handedOverBy: Types.ObjectId | null;
}

export const RedemptionModel = defineModel<Redemption>(
  'Redemption',
  new Schema<Redemption>(
    {
      itemId: { type: Schema.Types.ObjectId, required: true },
      unitNo: { type: Number, required: true },
      communityId: { type: Schema.Types.ObjectId, required: true },
      personId: { type: Schema.Types.ObjectId, required: true },
      itemName: { type: String, required: true },
      price: { type: Number, required: true },
      pickupCode: { type: String, required: true },
      status: { type: String, enum: ['reserved', 'awaitingPickup', 'handedOver'], required: true },
      redeemedAt: { type: Date, required: true },
      handedOverAt: { type: Date, default: null },
      handedOverBy: { type: Schema.Types.ObjectId, default: null },
    },
    { collection: 'redemptions', versionKey: false },
  )
    .index({ itemId: 1, unitNo: 1 }, { unique: true })
    .index({ personId: 1, redeemedAt: -1 })
    .index({ communityId: 1, status: 1 }),
);
