import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * One half-hour cell of a resource held by a booking. The unique index (resourceId, start) is the
 * race guard: of two bookings that want the same cell, exactly one insert succeeds (E11000 for the
 * other), on MongoDB and FerretDB alike. Freeing a slot is deleting its documents.
 */
export interface BookingSlot {
  _id: Types.ObjectId;
  resourceId: Types.ObjectId;
  start: Date;
  bookingId: Types.ObjectId;
  createdAt: Date;
}

export const BookingSlotModel = defineModel<BookingSlot>(
  'BookingSlot',
  new Schema<BookingSlot>(
    {
      resourceId: { type: Schema.Types.ObjectId, required: true },
      start: { type: Date, required: true },
      bookingId: { type: Schema.Types.ObjectId, required: true, index: true },
      createdAt: { type: Date, required: true },
    },
    { collection: 'bookingSlots', versionKey: false },
  ).index({ resourceId: 1, start: 1 }, { unique: true }),
);
