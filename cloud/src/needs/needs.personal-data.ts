import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { reassign, registerPersonalData } from '../people/personal-data';
import { NotificationModel } from '../notifications/notification.model';
import { OutboxModel } from '../notifications/outbox.model';
import { NeedEventModel, type NeedEvent } from './need-event.model';
import { NeedModel, type Need } from './need.model';
import { UploadModel, type Upload } from '../uploads/upload.model';

const ERASED_TEXT = '（账号已注销，内容已删除）';

// A person's orders with their timelines, and their photos. On erasure the needs stay (category,
// place down to the complex, statuses, times, ratings' stars: what the statistics count) and lose
// what a person wrote or could be found by: phone, words, answers, photos, building.
registerPersonalData({
  area: 'needs',
  collections: ['needEvents', 'needs', 'uploads'],
  async exportFor({ db }, userId) {
    const needs = await db.model(NeedModel).find({ owner: userId }).sort({ submittedAt: -1 }).lean<Need[]>();
    const events = await db
      .model(NeedEventModel)
      .find({ needId: { $in: needs.map((n) => n._id) } })
      .sort({ needId: 1, seq: 1 })
      .lean<NeedEvent[]>();
    const uploads = await db.model(UploadModel).find({ owner: userId }).lean<Upload[]>();
    return {
      needs: needs.map((n) => ({
        id: String(n._id),
        title: n.title,
        categoryCode: n.categoryCode,
        description: n.description,
        otherText: n.otherText,
        answers: n.answers,
        placeLabel: n.placeLabel,
        contactPhone: n.contactPhone,
        preferredTime: n.preferredTime,
        status: n.status,
        rating: n.rating,
        submittedAt: n.submittedAt,
        photos: n.photos.map(String),
        // Staff ids are left out: the timeline says what happened and when, and in what role.
        timeline: events
          .filter((e) => e.needId.equals(n._id))
          .map((e) => ({ action: e.action, from: e.from, to: e.to, by: e.actorRole, at: e.at, note: e.note })),
      })),
      photos: uploads.map((u) => ({ id: String(u._id), contentType: u.contentType, size: u.size, at: u.createdAt })),
    };
  },
  async eraseFor({ db, settings }, userId) {
    const needs = db.model(NeedModel);
    await needs.updateMany(
      { owner: userId },
      {
        $set: {
          description: ERASED_TEXT,
          contactPhone: '',
          onBehalfOf: null,
          answers: {},
          photos: [],
          preferredTime: null,
          placeLabel: '已注销',
          'place.buildingId': null,
        },
      },
    );
    // 其他: the title is the person's own words.
    await needs.updateMany(
      { owner: userId, otherText: { $ne: null } },
      { $set: { title: '其他需求', otherText: null } },
    );
    await needs.updateMany({ owner: userId, rating: { $ne: null } }, { $set: { 'rating.comment': '' } });
    const mine = await needs.find({ owner: userId }, { _id: 1 }).lean<Pick<Need, '_id'>[]>();
    const events = db.model(NeedEventModel);
    const own = { needId: { $in: mine.map((n) => n._id) }, actorId: userId };
    await events.updateMany(own, { $set: { note: null } });
    await events.updateMany({ ...own, rating: { $ne: null } }, { $set: { 'rating.comment': '' } });
    // Messages to staff and service people about these orders quoted them: their text goes.
    const about = { 'refs.needId': { $in: mine.map((n) => String(n._id)) }, userId: { $ne: userId } };
    const told = await db.model(NotificationModel).find(about, { _id: 1 }).lean<{ _id: unknown }[]>();
    await db.model(NotificationModel).updateMany(about, { $set: { text: '（下单的居民已注销账号，消息内容已删除）' } });
    await db.model(OutboxModel).deleteMany({ _id: { $in: told.map((n) => n._id) }, status: { $ne: 'sending' } });
    const uploads = await db.model(UploadModel).find({ owner: userId }).lean<Upload[]>();
    for (const u of uploads)
      await fs.rm(path.join(settings.uploadDir, path.basename(u.fileName)), { force: true }).catch(() => undefined);
    await db.model(UploadModel).deleteMany({ owner: userId });
  },
  // The orders keep their place (where the service was wanted); the person's own steps go with them.
  async mergeInto({ db }, from, to) {
    await reassign(db.model(NeedModel), 'owner', from, to);
    await reassign(db.model(UploadModel), 'owner', from, to);
    await reassign(db.model(NeedEventModel), 'actorId', from, to);
  },
});
