import type { Types } from 'mongoose';
import type { Db } from '../core/db';
import { NeedModel, type Need } from '../needs/need.model';
import { NotificationModel } from '../notifications/notification.model';
import { OutboxModel } from '../notifications/outbox.model';
import { registerPersonalData } from '../people/personal-data';
import { WhistleEventModel } from './whistle-event.model';
import { WhistleModel, type Whistle } from './whistle.model';

const ERASED_TEXT = '（提出需求的居民已注销账号，原始描述已删除）';
const ERASED_MESSAGE = '（相关居民已注销账号，消息内容已删除）';

/** Whistles blown from the person's orders: their words, photos and address travelled into them. */
async function fromTheirNeeds(db: Db, userId: Types.ObjectId): Promise<Whistle[]> {
  const needs = await db.model(NeedModel).find({ owner: userId }, { _id: 1 }).lean<Pick<Need, '_id'>[]>();
  if (!needs.length) return [];
  return db
    .model(WhistleModel)
    .find({ 'subject.kind': 'need', 'subject.refId': { $in: needs.map((n) => n._id) } })
    .lean<Whistle[]>();
}

// A whistle is the departments' record and counts in 三率: it stays, with its targets, times and
// results. What came from a resident's order (their words, photos, the address down to the door)
// goes, and so does the text of the messages about it that told staff where to go.
registerPersonalData({
  area: 'whistles',
  // whistleReminders: a supervisor's 督办 (their id and words): work in office, kept with the whistle.
  collections: ['whistles', 'whistleEvents', 'whistleReminders'],
  async exportFor({ db }, userId) {
    const whistles = await fromTheirNeeds(db, userId);
    return whistles.map((w) => ({
      id: String(w._id),
      needId: String(w.subject.refId),
      title: w.title,
      status: w.status,
      departments: w.targets.map((t) => t.name),
      blownAt: w.blownAt,
    }));
  },
  async eraseFor({ db }, userId) {
    const whistles = await fromTheirNeeds(db, userId);
    if (!whistles.length) return;
    for (const w of whistles) {
      await db.model(WhistleModel).updateOne(
        { _id: w._id },
        // The label keeps the community: where the work was, not whose door.
        { $set: { description: ERASED_TEXT, photos: [], placeLabel: w.origin.name, 'place.buildingId': null } },
      );
    }
    const ids = whistles.map((w) => w._id);
    // The blow and report steps are the departments' own; only photos that were the resident's go.
    await db
      .model(WhistleEventModel)
      .updateMany({ whistleId: { $in: ids }, actorId: userId }, { $set: { note: null, photos: [] } });
    const about = { 'refs.whistleId': { $in: ids.map(String) } };
    const notes = await db.model(NotificationModel).find(about, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
    await db.model(NotificationModel).updateMany(about, { $set: { text: ERASED_MESSAGE } });
    // Queued WeChat copies of those messages go (one being sent right now is left to finish).
    await db.model(OutboxModel).deleteMany({ _id: { $in: notes.map((n) => n._id) }, status: { $ne: 'sending' } });
  },
});
