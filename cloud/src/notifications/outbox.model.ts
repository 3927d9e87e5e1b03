import { Schema, Types } from 'mongoose';
import type { SubscribeTopic } from '@gongzhi/shared';
import { defineModel } from '../core/db';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'skipped', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One WeChat subscription message to send (发件箱). `_id` is the notification's own id, so a
 * retried notify finds the row already there instead of queueing a second one.
 * pending → sending (leased) → sent | skipped (no unused consent of the user, or 43101: not subscribed) | failed (gave up);
 * a failed attempt goes back to pending with a later `dueAt`.
 */
export interface OutboxRow {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  openid: string;
  topic: SubscribeTopic;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  status: OutboxStatus;
  /** pending: when to try next; sending: when the lease runs out and another sender may take it. */
  dueAt: Date;
  /** The number of the last lease taken (OutboxLease `_id` is `<row>#<leaseNo>`). */
  leaseNo: number;
  /** Send attempts that reached WeChat or failed on the way (token refreshes are not counted). */
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export const OutboxModel = defineModel<OutboxRow>(
  'Outbox',
  new Schema<OutboxRow>(
    {
      _id: { type: Schema.Types.ObjectId, required: true },
      userId: { type: Schema.Types.ObjectId, required: true },
      openid: { type: String, required: true },
      topic: { type: String, required: true },
      templateId: { type: String, required: true },
      page: { type: String, required: true },
      data: { type: Schema.Types.Mixed, required: true },
      status: { type: String, required: true },
      dueAt: { type: Date, required: true },
      leaseNo: { type: Number, required: true },
      attempts: { type: Number, required: true },
      lastError: { type: String, default: null },
      createdAt: { type: Date, required: true },
      doneAt: { type: Date, default: null },
    },
    { collection: 'outbox', versionKey: false, minimize: false },
  ).index({ status: 1, dueAt: 1 }),
);

/**
 * A sender's lease on an outbox row. Taking lease n is an insert of `<row>#n`: the primary key lets
 * exactly one sender win it, which a conditional update cannot promise on FerretDB 1.24 (its updates
 * are read-modify-write, so two senders could both "win" the same row).
 */
export interface OutboxLease {
  _id: string;
  rowId: Types.ObjectId;
  owner: string;
  until: Date;
}

export const OutboxLeaseModel = defineModel<OutboxLease>(
  'OutboxLease',
  new Schema<OutboxLease>(
    {
      _id: { type: String, required: true },
      rowId: { type: Schema.Types.ObjectId, required: true },
      owner: { type: String, required: true },
      until: { type: Date, required: true },
    },
    { collection: 'outboxLeases', versionKey: false },
  ),
);

/**
 * One answer of a user to wx.requestSubscribeMessage for a topic's template. One insert per answer
 * (counted on read) rather than a counter: `$inc` can lose updates on FerretDB 1.24.
 */
export interface SubscribeConsent {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  topic: SubscribeTopic;
  answer: 'accept' | 'reject' | 'ban' | 'filter';
  at: Date;
}

export const SubscribeConsentModel = defineModel<SubscribeConsent>(
  'SubscribeConsent',
  new Schema<SubscribeConsent>(
    {
      userId: { type: Schema.Types.ObjectId, required: true },
      topic: { type: String, required: true },
      answer: { type: String, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'subscribeConsents', versionKey: false },
  ).index({ userId: 1, topic: 1 }),
);

/**
 * One acceptance spent on one send: WeChat allows one subscription message per acceptance. `_id` is
 * the consent's id, so two senders cannot spend the same acceptance (the second insert hits the
 * primary key); `rowId` lets a retried row reuse the acceptance it already took.
 */
export interface SubscribeConsentUse {
  _id: Types.ObjectId;
  rowId: Types.ObjectId;
  userId: Types.ObjectId;
  topic: SubscribeTopic;
  at: Date;
}

export const SubscribeConsentUseModel = defineModel<SubscribeConsentUse>(
  'SubscribeConsentUse',
  new Schema<SubscribeConsentUse>(
    {
      _id: { type: Schema.Types.ObjectId, required: true },
      rowId: { type: Schema.Types.ObjectId, required: true },
      userId: { type: Schema.Types.ObjectId, required: true },
      topic: { type: String, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'subscribeConsentUses', versionKey: false },
  )
    .index({ rowId: 1 })
    .index({ userId: 1, topic: 1 }),
);
