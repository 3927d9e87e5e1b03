import { Schema, Types } from 'mongoose';
import { UPLOAD_TYPES, type UploadType } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/** A photo a user uploaded (kept under settings.uploadDir); needs, whistles, projects and findings refer to it by id. */
export interface Upload {
  _id: Types.ObjectId;
  owner: Types.ObjectId;
  contentType: UploadType;
  size: number;
  /** Random file name inside the upload folder: nothing of the user's input reaches the path. */
  fileName: string;
  createdAt: Date;
  /** Set by the sweep once something refers to it (uploads.sweep.ts): it is not looked at again. */
  attached?: boolean;
  /** 内容安全: WeChat's trace_id of the photo's mediaCheckAsync; its verdict is pushed later. */
  checkTraceId?: string;
  /** WeChat could not take the photo for checking: staff should look. */
  contentReview?: 'pending';
  /** WeChat judged the photo risky: nobody is shown it any more. */
  hidden?: boolean;
}

export const UploadModel = defineModel<Upload>(
  'Upload',
  new Schema<Upload>(
    {
      owner: { type: Schema.Types.ObjectId, required: true, index: true },
      contentType: { type: String, enum: UPLOAD_TYPES, required: true },
      size: { type: Number, required: true },
      fileName: { type: String, required: true },
      createdAt: { type: Date, required: true },
      attached: { type: Boolean },
      checkTraceId: { type: String, index: true },
      contentReview: { type: String, enum: ['pending'] },
      hidden: { type: Boolean },
    },
    { collection: 'uploads', versionKey: false },
  ),
);
