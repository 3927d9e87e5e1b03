import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * One taken seat of a shift. Two unique indexes hold the claim races (inserts only; FerretDB
 * updates are not atomic): (shiftId, seatNo) — never more claims than seats, as seatNo is 1..seats;
 * (shiftId, personId) — never one person twice in a shift. Taken counts are counts of these.
 */
export interface Seat {
  _id: Types.ObjectId;
  shiftId: Types.ObjectId;
  seatNo: number;
  personId: Types.ObjectId;
  activityId: Types.ObjectId;
  createdAt: Date;
}

export const SeatModel = defineModel<Seat>(
  'Seat',
  new Schema<Seat>(
    {
      shiftId: { type: Schema.Types.ObjectId, required: true },
      seatNo: { type: Number, required: true },
      personId: { type: Schema.Types.ObjectId, required: true },
      activityId: { type: Schema.Types.ObjectId, required: true },
      createdAt: { type: Date, required: true },
    },
    { collection: 'seats', versionKey: false },
  )
    .index({ shiftId: 1, seatNo: 1 }, { unique: true })
    .index({ shiftId: 1, personId: 1 }, { unique: true })
    .index({ personId: 1 }),
);

/**
 * A person's 15-minute time bucket taken by a seat: the unique (personId, bucketStart) index
 * forbids one person in two overlapping shifts, whatever the concurrency.
 */
export interface PersonTime {
  _id: Types.ObjectId;
  personId: Types.ObjectId;
  bucketStart: Date;
  shiftId: Types.ObjectId;
}

export const PersonTimeModel = defineModel<PersonTime>(
  'PersonTime',
  new Schema<PersonTime>(
    {
      personId: { type: Schema.Types.ObjectId, required: true },
      bucketStart: { type: Date, required: true },
      shiftId: { type: Schema.Types.ObjectId, required: true },
    },
    { collection: 'personTime', versionKey: false },
  ).index({ personId: 1, bucketStart: 1 }, { unique: true }),
);

/** A place on a full shift's waitlist (候补), served in (createdAt, _id) order. */
export interface WaitlistEntry {
  _id: Types.ObjectId;
  shiftId: Types.ObjectId;
  personId: Types.ObjectId;
  createdAt: Date;
}

export const WaitlistModel = defineModel<WaitlistEntry>(
  'Waitlist',
  new Schema<WaitlistEntry>(
    {
      shiftId: { type: Schema.Types.ObjectId, required: true },
      personId: { type: Schema.Types.ObjectId, required: true },
      createdAt: { type: Date, required: true },
    },
    { collection: 'waitlist', versionKey: false },
  )
    .index({ shiftId: 1, personId: 1 }, { unique: true })
    .index({ personId: 1 }),
);
