import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/** 社区公告. Withdrawn notices stay (who said what, when) but are no longer listed. */
export interface NoticeDoc {
  _id: Types.ObjectId;
  communityId: Types.ObjectId;
  streetId: Types.ObjectId;
  title: string;
  body: string;
  /** 内容安全: WeChat could not judge its text (unreachable, or `review`): staff should look (cloud/src/wechat/content-guard.ts). */
  contentReview?: 'pending';
  pinned: boolean;
  authorId: Types.ObjectId;
  publishedAt: Date;
  withdrawnAt: Date | null;
}

export const NoticeModel = defineModel<NoticeDoc>(
  'Notice',
  new Schema<NoticeDoc>(
    {
      communityId: { type: Schema.Types.ObjectId, required: true },
      streetId: { type: Schema.Types.ObjectId, required: true },
      title: { type: String, required: true },
      body: { type: String, required: true },
      contentReview: { type: String, enum: ['pending'] },
      pinned: { type: Boolean, default: false },
      authorId: { type: Schema.Types.ObjectId, required: true },
      publishedAt: { type: Date, required: true },
      withdrawnAt: { type: Date, default: null },
    },
    { collection: 'notices', versionKey: false },
  ).index({ communityId: 1, withdrawnAt: 1, pinned: -1, publishedAt: -1 }),
);
