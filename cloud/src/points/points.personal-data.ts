import { registerPersonalData } from '../people/personal-data';
import { PointsEntryModel, type PointsEntry } from './points-entry.model';
import { RedemptionModel, type Redemption } from './shop.model';

// The ledger and redemptions name no one (only the person's id): yearly totals and rankings keep
// counting them after an account is deleted, so erasure leaves them. Pickup codes still waiting are void.
registerPersonalData({
  area: 'points',
  async exportFor({ db }, userId) {
    const entries = await db.model(PointsEntryModel).find({ personId: userId }).sort({ seq: 1 }).lean<PointsEntry[]>();
    const redemptions = await db
      .model(RedemptionModel)
      .find({ personId: userId })
      .sort({ redeemedAt: -1 })
      .lean<Redemption[]>();
    return {
      entries: entries.map((e) => ({
        delta: e.delta,
        balance: e.balance,
        kind: e.kind,
        year: e.year,
        note: e.note,
        at: e.at,
      })),
      redemptions: redemptions.map((r) => ({
        itemName: r.itemName,
        price: r.price,
        status: r.status,
        redeemedAt: r.redeemedAt,
        handedOverAt: r.handedOverAt,
      })),
    };
  },
  async eraseFor({ db }, userId) {
    await db.model(RedemptionModel).updateMany({ personId: userId }, { $set: { pickupCode: '' } });
  },
});
