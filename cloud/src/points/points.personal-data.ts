import { chinaYearOf } from '@gongzhi/shared';
import { isDuplicateKey } from '../core/db';
import { reassign, registerPersonalData } from '../people/personal-data';
import { UserModel, type User } from '../people/user.model';
import { PointsEntryModel, type PointsEntry } from './points-entry.model';
import { RedemptionModel, type Redemption } from './shop.model';

// The ledger and redemptions name no one (only the person's id): yearly totals and rankings keep
// counting them after an account is deleted, so erasure leaves them. Pickup codes still waiting are void.
registerPersonalData({
  area: 'points',
  collections: ['pointsEntries', 'redemptions'],
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
  // Each chain is a person's own (seq and running balance), so the bare account's lines stay where they
  // are and its balance is carried over as one line at the head of the person's chain (once: sourceKey).
  async mergeInto({ db, now }, from, to) {
    await reassign(db.model(RedemptionModel), 'personId', from, to);
    const entries = db.model(PointsEntryModel);
    const sourceKey = `merge:${String(from)}`;
    const carried = (await entries.findOne({ personId: from }).sort({ seq: -1 }).lean<PointsEntry>())?.balance ?? 0;
    if (carried <= 0) return;
    const person = await db.model(UserModel).findById(to, { communityId: 1 }).lean<Pick<User, 'communityId'>>();
    for (let attempt = 0; attempt < 50; attempt++) {
      if (await entries.exists({ sourceKey })) return;
      const head = await entries.findOne({ personId: to }).sort({ seq: -1 }).lean<PointsEntry>();
      try {
        await entries.create({
          personId: to,
          seq: (head?.seq ?? 0) + 1,
          delta: carried,
          balance: (head?.balance ?? 0) + carried,
          kind: 'adjustment',
          sourceKey,
          sourceRef: null,
          year: chinaYearOf(now),
          communityId: person?.communityId ?? null,
          note: '关联登记信息，转入原微信账号的积分',
          at: now,
        });
        return;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
  },
});
