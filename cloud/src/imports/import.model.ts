import { Schema, Types } from 'mongoose';
import { IMPORT_JOB_STATUSES, IMPORT_KINDS, type ImportKind, type ImportSummary } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/** An uploaded roster file, kept (under the upload folder) between its dry run and its commit. */
export interface ImportFileDoc {
  _id: Types.ObjectId;
  kind: ImportKind;
  ownerId: Types.ObjectId;
  format: 'xlsx' | 'csv';
  /** The parsed rows, encrypted, under the upload folder (random name; never served back). */
  storedAs: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

export const ImportFileModel = defineModel<ImportFileDoc>(
  'ImportFile',
  new Schema<ImportFileDoc>(
    {
      kind: { type: String, enum: IMPORT_KINDS, required: true },
      ownerId: { type: Schema.Types.ObjectId, required: true },
      format: { type: String, enum: ['xlsx', 'csv'], required: true },
      storedAs: { type: String, required: true },
      size: { type: Number, required: true },
      sha256: { type: String, required: true },
      createdAt: { type: Date, required: true },
    },
    { collection: 'importFiles', versionKey: false },
  ),
);

/** A commit running in the background; the client polls processed/total. */
export interface ImportJobDoc {
  _id: Types.ObjectId;
  kind: ImportKind;
  fileId: Types.ObjectId;
  ownerId: Types.ObjectId;
  status: (typeof IMPORT_JOB_STATUSES)[number];
  total: number;
  processed: number;
  result: ImportSummary | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const summarySchema = new Schema<ImportSummary>(
  { total: Number, new: Number, changed: Number, unchanged: Number, invalid: Number },
  { _id: false },
);

export const ImportJobModel = defineModel<ImportJobDoc>(
  'ImportJob',
  new Schema<ImportJobDoc>(
    {
      kind: { type: String, enum: IMPORT_KINDS, required: true },
      fileId: { type: Schema.Types.ObjectId, required: true },
      ownerId: { type: Schema.Types.ObjectId, required: true, index: true },
      status: { type: String, enum: IMPORT_JOB_STATUSES, required: true },
      total: { type: Number, required: true },
      processed: { type: Number, required: true },
      result: { type: summarySchema, default: null },
      error: { type: String, default: null },
      createdAt: { type: Date, required: true },
      finishedAt: { type: Date, default: null },
    },
    { collection: 'importJobs', versionKey: false },
  ),
);
