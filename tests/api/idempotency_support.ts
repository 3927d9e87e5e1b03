import type { TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { IDEMPOTENCY_LEASE_MS } from '../../cloud/src/core/handle';
import { IdempotencyModel } from '../../cloud/src/core/idempotency.model';

// Shared by the *_idempotency_crash test files: puts an Idempotency-Key's record into the state a
// process leaves behind when it is SIGKILLed (or loses its database) in the middle of a create.

/**
 * Turns the finished record of (endpoint, key) back into an unfinished one, as if the process had
 * died after the use case's writes and before storing the answer: no status, no response, and the
 * lease the dead attempt took at `clock.now()`. The record's createdAt (and so the keyed id) stays.
 */
export async function dieBeforeAnswer(t: TestApp, endpointId: string, key: string): Promise<void> {
  const clock = await clockOf(t);
  const res = await t.db
    .model(IdempotencyModel)
    .updateOne(
      { _id: { $regex: `:${endpointId}:${key}$` } },
      { $set: { status: null, response: null, leaseUntil: new Date(clock.now().getTime() + IDEMPOTENCY_LEASE_MS) } },
    );
  if (res.matchedCount !== 1) throw new Error(`no idempotency record for ${endpointId} ${key}`);
}

/** Moves the app's clock past the lease of every attempt started until now. */
export async function leaseRunsOut(t: TestApp): Promise<void> {
  (await clockOf(t)).advance(IDEMPOTENCY_LEASE_MS + 1000);
}

export async function recordOf(t: TestApp, endpointId: string, key: string) {
  return t.db
    .model(IdempotencyModel)
    .findOne({ _id: { $regex: `:${endpointId}:${key}$` } })
    .lean();
}

function clockOf(t: TestApp): Promise<Clock> {
  return t.app.getApplicationContext().getAsync(Clock);
}
