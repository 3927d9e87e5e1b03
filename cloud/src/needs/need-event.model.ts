import { Schema, Types } from 'mongoose';
import { NEED_EVENT_ACTIONS, NEED_STATUSES, ROUTE_KINDS, type NeedEventAction, type NeedStatus } from '@gongzhi/shared';
import { defineModel } from '../core/db';
import type { NeedAssigneeDoc, NeedRatingDoc, NeedRouteDoc } from './need.model';

/**
 * One transition of a need: its timeline entry and audit record. The unique (needId, seq) index
 * is the lock: two people moving the same need at once both try seq n+1, and only one insert wins.
 */
export interface NeedEvent {
  _id: Types.ObjectId;
  needId: Types.ObjectId;
  seq: number;
  action: NeedEventAction;
  from: NeedStatus | null;
  to: NeedStatus;
  /** null for the system (auto-close, a delivering project). */
  actorId: Types.ObjectId | null;
  actorRole: string;
  at: Date;
  note: string | null;
  /** dispatch: where it went. */
  route: NeedRouteDoc | null;
  /** rate: the stars and comment given. */
  rating: NeedRatingDoc | null;
  /** dispatch to a person with an account: who serves it, named as residents read it (刘明律师). */
  assignee?: NeedAssigneeDoc | null;
  /** complete: photos of the work done (uploads of the completer). */
  photos?: Types.ObjectId[];
}

export const NeedEventModel = defineModel<NeedEvent>(
  'NeedEvent',
  new Schema<NeedEvent>(
    {
      needId: { type: Schema.Types.ObjectId, required: true },
      seq: { type: Number, required: true },
      action: { type: String, enum: NEED_EVENT_ACTIONS, required: true },
      from: { type: String, enum: NEED_STATUSES, default: null },
      to: { type: String, enum: NEED_STATUSES, required: true },
      actorId: { type: Schema.Types.ObjectId, default: null },
      actorRole: { type: String, required: true },
      at: { type: Date, required: true },
      note: { type: String, default: null },
      route: {
        type: new Schema(
          { kind: { type: String, enum: ROUTE_KINDS }, targetId: Schema.Types.ObjectId, title: String },
          { _id: false },
        ),
        default: null,
      },
      rating: { type: new Schema({ stars: Number, comment: String }, { _id: false }), default: null },
      assignee: { type: new Schema({ id: Schema.Types.ObjectId, name: String }, { _id: false }), default: null },
      photos: { type: [Schema.Types.ObjectId], default: undefined },
    },
    { collection: 'needEvents', versionKey: false },
  ).index({ needId: 1, seq: 1 }, { unique: true }),
);
