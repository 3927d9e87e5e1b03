import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/** A stable ObjectId from a key, so seeding twice writes the same documents (inserts then collide, not duplicate). */
export function seedId(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha1').update(`gongzhi:${key}`).digest('hex').slice(0, 24));
}
