import type { Model } from 'mongoose';
import { isDuplicateKey } from './db';

/**
 * Inserts that tolerate documents already there: seeding is safe to repeat or to run twice at once,
 * and an import's unique keys hold the race of a concurrent or repeated import.
 */
export async function insertNew<T>(model: Model<T>, docs: Partial<T>[]): Promise<void> {
  if (!docs.length) return;
  try {
    await model.insertMany(docs, { ordered: false });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
    const onlyDuplicates = writeErrors?.every((e) => isDuplicateKey(e) || isDuplicateKey(e.err));
    if (!onlyDuplicates && !isDuplicateKey(err)) throw err;
  }
}
