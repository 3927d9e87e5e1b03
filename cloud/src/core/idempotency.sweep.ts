import { IdempotencyModel, IdempotencyTakeoverModel } from './idempotency.model';
import { KEEP_MS, registerSweep } from './sweeps';

// A retry comes within minutes; after a day the stored answer (which may hold what a person wrote)
// is only a copy: records and takeovers older than that go.
registerSweep('idempotency', async ({ db, now }) => {
  const before = new Date(now.getTime() - KEEP_MS);
  const records = await db.model(IdempotencyModel).deleteMany({ createdAt: { $lt: before } });
  const takeovers = await db.model(IdempotencyTakeoverModel).deleteMany({ createdAt: { $lt: before } });
  return records.deletedCount + takeovers.deletedCount;
});
