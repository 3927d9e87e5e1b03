import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';
import { placeSchema, type Place } from '../core/place';

/** A service station (服务站点): where volunteers sign up and teams are based. */
export interface Station {
  _id: Types.ObjectId;
  name: string;
  placeId: Types.ObjectId;
  place: Place;
  address: string;
  openHours: string;
  contactName: string;
  /** The station's desk number; masked to residents. */
  contactPhone: string;
  description: string;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export const StationModel = defineModel<Station>(
  'Station',
  new Schema<Station>(
    {
      name: { type: String, required: true },
      placeId: { type: Schema.Types.ObjectId, required: true },
      place: { type: placeSchema, required: true },
      address: { type: String, required: true },
      openHours: { type: String, required: true },
      contactName: { type: String, required: true },
      contactPhone: { type: String, required: true },
      description: { type: String, default: '' },
      createdBy: { type: Schema.Types.ObjectId, required: true },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'stations', versionKey: false },
  ).index({ 'place.communityId': 1 }),
);
