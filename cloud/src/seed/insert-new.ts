import type { Model } from 'mongoose';

/** Inserts that tolerate documents already there: seeding is safe to repeat or to run twice at once. */
export async function insertNew<T>(model: Model<T>, docs: Partial<T>[]): Promise<void> {
  if (!docs.length) return;
  try {
    await model.insertMany(docs, { ordered: false });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
    const onlyDuplicates = writeErrors?.every((e) => (e.code ?? e.err?.code) === 11000);
    if (!onlyDuplicates && (err as { code?: number }).code !== 11000) throw err;
  }
}
