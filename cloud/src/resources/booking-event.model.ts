import { Schema, Types } from 'mongoose';
import { BOOKING_ACTIONS, BOOKING_STATUSES, type BookingAction, type BookingStatus } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * One step of a booking's life (its timeline). The unique index (bookingId, seq) is the race guard
 * of transitions: two approvals, or an approval and a cancellation, both want seq n+1; one wins.
 */
export interface BookingEvent {
  _id: Types.ObjectId;
  bookingId: Types.ObjectId;
  seq: number;
  action: BookingAction;
  from: BookingStatus | null;
  to: BookingStatus;
  actorId: Types.ObjectId;
  actorRole: string;
  note: string | null;
  at: Date;
}

export const BookingEventModel = defineModel<BookingEvent>(
  'BookingEvent',
  new Schema<BookingEvent>(
    {
      bookingId: { type: Schema.Types.ObjectId, required: true },
      seq: { type: Number, required: true },
      action: { type: String, enum: BOOKING_ACTIONS, required: true },
      from: { type: String, enum: [...BOOKING_STATUSES, null], default: null },
      to: { type: String, enum: BOOKING_STATUSES, required: true },
      actorId: { type: Schema.Types.ObjectId, required: true },
      actorRole: { type: String, required: true },
      note: { type: String, default: null },
      at: { type: Date, required: true },
    },
    { collection: 'bookingEvents', versionKey: false },
  ).index({ bookingId: 1, seq: 1 }, { unique: true }),
);
