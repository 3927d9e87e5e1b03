import { Schema, Types } from 'mongoose';
import { BOOKING_STATUSES, RESOURCE_KINDS, type BookingStatus, type ResourceKind } from '@gongzhi/shared';
import { defineModel } from '../core/db';
import { placeSchema, type Place } from '../core/place';

/**
 * A booking of one or more consecutive slots of a venue or device. The slots themselves are held
 * by `bookingSlots` documents; `status` and `seq` are a projection of the `bookingEvents` log.
 */
export interface Booking {
  _id: Types.ObjectId;
  resourceId: Types.ObjectId;
  /** Copied from the resource: who may handle the booking is decided by these. */
  resourceName: string;
  resourceKind: ResourceKind;
  unitId: Types.ObjectId | null;
  place: Place;
  bookerId: Types.ObjectId;
  bookerName: string;
  start: Date;
  end: Date;
  slots: number;
  purpose: string;
  attendees: number;
  status: BookingStatus;
  /** The seq of the event the status was projected from. */
  seq: number;
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const BookingModel = defineModel<Booking>(
  'Booking',
  new Schema<Booking>(
    {
      resourceId: { type: Schema.Types.ObjectId, required: true },
      resourceName: { type: String, required: true },
      resourceKind: { type: String, enum: RESOURCE_KINDS, required: true },
      unitId: { type: Schema.Types.ObjectId, default: null },
      place: { type: placeSchema, required: true },
      bookerId: { type: Schema.Types.ObjectId, required: true },
      bookerName: { type: String, required: true },
      start: { type: Date, required: true },
      end: { type: Date, required: true },
      slots: { type: Number, required: true },
      purpose: { type: String, required: true },
      attendees: { type: Number, required: true },
      status: { type: String, enum: BOOKING_STATUSES, required: true },
      seq: { type: Number, required: true },
      reason: { type: String, default: null },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'bookings', versionKey: false },
  )
    .index({ resourceId: 1, start: 1 })
    .index({ bookerId: 1, start: -1 }),
);
