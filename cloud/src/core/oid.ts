import { Types } from 'mongoose';

/** An ObjectId from an id as a string or an ObjectId; anything else (null included) throws. */
export const oid = (id: string | Types.ObjectId): Types.ObjectId => new Types.ObjectId(String(id));

/** An id no document has: a filter on it matches nothing. */
export const NOBODY = new Types.ObjectId('000000000000000000000000');

/**
 * Like `oid`, but a missing id (null, undefined, empty) gives `NOBODY`: a filter on a place the
 * caller does not have then matches nothing instead of failing.
 */
export const oidOrNobody = (id: string | Types.ObjectId | null | undefined): Types.ObjectId => (id ? oid(id) : NOBODY);
