import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * A stable ObjectId from a key, so writing twice writes the same documents (inserts then collide, not
 * duplicate): the demo seed, and records of a retried request or a repeated sweep.
 */
export function seedId(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha1').update(`gongzhi:${key}`).digest('hex').slice(0, 24));
}
