import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * The H5 login page's QR code: a random id (in the code) and a secret (kept by the browser that
 * asked). The signed-in mini-program scans the id and confirms; the browser then collects its
 * session once, with the secret.
 */
export interface LoginTicket {
  _id: string;
  secretHash: string;
  browser: string;
  createdAt: Date;
  expiresAt: Date;
  scannedBy: Types.ObjectId | null;
  scannedAt: Date | null;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  /** The browser session made on confirmation. */
  sessionId: Types.ObjectId | null;
}

export const LoginTicketModel = defineModel<LoginTicket>(
  'LoginTicket',
  new Schema<LoginTicket>(
    {
      _id: { type: String, required: true },
      secretHash: { type: String, required: true },
      browser: { type: String, required: true },
      createdAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
      scannedBy: { type: Schema.Types.ObjectId, default: null },
      scannedAt: { type: Date, default: null },
      confirmedAt: { type: Date, default: null },
      cancelledAt: { type: Date, default: null },
      sessionId: { type: Schema.Types.ObjectId, default: null },
    },
    { collection: 'loginTickets', versionKey: false },
  ),
);

/** The one collection of a confirmed ticket's session: `_id` is the ticket's, so two polls cannot both get a token. */
export const LoginTicketCollectionModel = defineModel<{ _id: string; at: Date }>(
  'LoginTicketCollection',
  new Schema<{ _id: string; at: Date }>(
    { _id: { type: String, required: true }, at: { type: Date, required: true } },
    { collection: 'loginTicketCollections', versionKey: false },
  ),
);
