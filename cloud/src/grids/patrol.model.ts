import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';
import { placeSchema, type Place } from '../core/place';

/** 巡查: one patrol of a grid by its worker (or chief), with the places visited. Findings are their own documents. */
export interface Patrol {
  _id: Types.ObjectId;
  /** The grid's place (complexId and buildingId null): every list is scoped by it. */
  place: Place;
  patrollerId: Types.ObjectId;
  startedAt: Date;
  endedAt: Date;
  /** ISO week of startedAt in China time (`2026-W48`): coverage asks "any patrol of this grid this week". */
  week: string;
  /** Complexes and buildings visited, all inside the grid. */
  placeIds: Types.ObjectId[];
  note: string | null;
  createdAt: Date;
}

export const PatrolModel = defineModel<Patrol>(
  'Patrol',
  new Schema<Patrol>(
    {
      place: { type: placeSchema, required: true },
      patrollerId: { type: Schema.Types.ObjectId, required: true },
      startedAt: { type: Date, required: true },
      endedAt: { type: Date, required: true },
      week: { type: String, required: true },
      placeIds: { type: [Schema.Types.ObjectId], default: [] },
      note: { type: String, default: null },
      createdAt: { type: Date, required: true },
    },
    { collection: 'patrols', versionKey: false },
  )
    .index({ 'place.gridId': 1, week: 1 })
    .index({ 'place.gridId': 1, startedAt: -1 })
    .index({ 'place.communityId': 1, startedAt: -1 }),
);
