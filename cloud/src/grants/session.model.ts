import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * A browser signed in by scanning (H5): its token names this session, and ending it (by the person,
 * or by signing out) stops that token at the next request. No password is stored anywhere.
 */
export interface BrowserSession {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  /** "Chrome · Windows", from the User-Agent of the browser that asked for the QR code. */
  browser: string;
  createdAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export const BrowserSessionModel = defineModel<BrowserSession>(
  'BrowserSession',
  new Schema<BrowserSession>(
    {
      userId: { type: Schema.Types.ObjectId, required: true, index: true },
      browser: { type: String, required: true },
      createdAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
      endedAt: { type: Date, default: null },
    },
    { collection: 'browserSessions', versionKey: false },
  ),
);
