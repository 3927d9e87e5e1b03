import { Schema, Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { AppError } from '../../cloud/src/core/app-error';
import type { Db, ModelDef } from '../../cloud/src/core/db';
import { EventLog, type NextEvent } from '../../cloud/src/core/event-log';

// core/event-log.ts on the real database, with a test entity of its own: a tally whose events add
// amounts in one or two lanes (like a whistle's targets: one seq chain per lane). Its projection is
// the sum and the number of events.

interface TallyEvent {
  _id: Types.ObjectId;
  tallyId: Types.ObjectId;
  lane: string;
  seq: number;
  amount: number;
  at: Date;
}
interface Tally {
  _id: Types.ObjectId;
  total: number;
  eventCount: number;
}

const EventDef: ModelDef<TallyEvent> = {
  name: 'TestTallyEvent',
  schema: new Schema<TallyEvent>(
    {
      tallyId: { type: Schema.Types.ObjectId, required: true },
      lane: { type: String, required: true },
      seq: { type: Number, required: true },
      amount: { type: Number, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'testTallyEvents', versionKey: false },
  ).index({ tallyId: 1, lane: 1, seq: 1 }, { unique: true }),
};
const TallyDef: ModelDef<Tally> = {
  name: 'TestTally',
  schema: new Schema<Tally>(
    { total: { type: Number, required: true }, eventCount: { type: Number, required: true } },
    { collection: 'testTallies', versionKey: false },
  ),
};

const CONFLICT_TEXT = '这笔账刚被其他人记过，请刷新后再试';
const sum = (_: Tally, events: TallyEvent[]) => ({
  total: events.reduce((n, e) => n + e.amount, 0),
  eventCount: events.length,
});

let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
  await t.db.model(EventDef).createIndexes();
  await t.db.model(TallyDef).createIndexes();
});
afterAll(() => t.close());

function logWith(project: (tally: Tally, events: TallyEvent[]) => Partial<Tally> = sum) {
  return new EventLog<TallyEvent, Tally>(t.db, {
    events: EventDef,
    entities: TallyDef,
    entityKey: 'tallyId',
    order: { at: 1, lane: 1, seq: 1 },
    project,
    version: 'eventCount',
    conflict: CONFLICT_TEXT,
  });
}

async function newTally(): Promise<Tally> {
  const tally: Tally = { _id: new Types.ObjectId(), total: 0, eventCount: 0 };
  await t.db.model(TallyDef).create(tally);
  return tally;
}

const add =
  (tally: Tally, amount: number, lane = 'a') =>
  (): NextEvent<TallyEvent> => ({ tallyId: tally._id, lane, amount, at: new Date() });

const stored = (tally: Tally) => t.db.model(TallyDef).findById(tally._id).lean<Tally>();

test('appends take seq 1, 2, 3 in their stream; each lane has its own chain', async () => {
  const log = logWith();
  const tally = await newTally();
  for (const amount of [5, 7, 11]) await log.append({ tallyId: tally._id, lane: 'a' }, add(tally, amount));
  const b = await log.append({ tallyId: tally._id, lane: 'b' }, add(tally, 1, 'b'));
  expect(b.event.seq).toBe(1);
  expect(b.before).toEqual([]);
  const events = await log.eventsOf(tally._id);
  expect(events.map((e) => [e.lane, e.seq, e.amount])).toEqual([
    ['a', 1, 5],
    ['a', 2, 7],
    ['a', 3, 11],
    ['b', 1, 1],
  ]);
  // A stream with no event yet continues from the seq the entity was created at.
  const other = await newTally();
  const first = await log.append({ tallyId: other._id, lane: 'a' }, add(other, 1), 4);
  expect(first.event.seq).toBe(5);
});

test('decide sees the stream as it is and may decline to append', async () => {
  const log = logWith();
  const tally = await newTally();
  await log.append({ tallyId: tally._id, lane: 'a' }, add(tally, 2));
  const seen: number[] = [];
  const none = await log.append({ tallyId: tally._id, lane: 'a' }, (before) => {
    seen.push(...before.map((e) => e.amount));
    return null;
  });
  expect(none).toBeNull();
  expect(seen).toEqual([2]);
  expect(await log.eventsOf(tally._id)).toHaveLength(1);
});

test('two appends that read the same stream: exactly one wins, the other gets CONFLICT with the area message', async () => {
  const log = logWith();
  const tally = await newTally();
  await log.append({ tallyId: tally._id, lane: 'a' }, add(tally, 1));
  // Both writers decide only once both have read the stream, so both want seq 2.
  let arrived = 0;
  let release!: () => void;
  const bothRead = new Promise<void>((resolve) => (release = resolve));
  const racer = (amount: number) =>
    log.append({ tallyId: tally._id, lane: 'a' }, async (before) => {
      expect(before).toHaveLength(1);
      if (++arrived === 2) release();
      await bothRead;
      return add(tally, amount)();
    });
  const results = await Promise.allSettled([racer(10), racer(20)]);
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect(lost[0].reason).toBeInstanceOf(AppError);
  expect((lost[0].reason as AppError).code).toBe('CONFLICT');
  expect((lost[0].reason as AppError).message).toBe(CONFLICT_TEXT);
  const events = await log.eventsOf(tally._id);
  expect(events.map((e) => e.seq)).toEqual([1, 2]);
});

test('re-projection writes the fold of the whole log, across lanes', async () => {
  const log = logWith();
  const tally = await newTally();
  await log.append({ tallyId: tally._id, lane: 'a' }, add(tally, 3));
  await log.append({ tallyId: tally._id, lane: 'b' }, add(tally, 4, 'b'));
  const { entity, events } = await log.reproject(tally);
  expect(entity).toMatchObject({ total: 7, eventCount: 2 });
  expect(events).toHaveLength(2);
  expect(await stored(tally)).toMatchObject({ total: 7, eventCount: 2 });
});

test('an event stored while the projection is written is not lost: the writer folds again', async () => {
  const tally = await newTally();
  await logWith().append({ tallyId: tally._id, lane: 'a' }, add(tally, 1));
  // Another writer appends right after this writer's projection write, before it reads the log again.
  let sneaked = false;
  const tallies = t.db.model(TallyDef);
  const racingDb = {
    model: (def: ModelDef<unknown>) =>
      def !== TallyDef
        ? t.db.model(def)
        : new Proxy(tallies, {
            get(target, prop, receiver) {
              if (prop !== 'updateOne') return Reflect.get(target, prop, receiver);
              return async (...args: Parameters<typeof tallies.updateOne>) => {
                const res = await target.updateOne(...args);
                if (!sneaked) {
                  sneaked = true;
                  await t.db.model(EventDef).create({ ...add(tally, 100, 'b')(), _id: new Types.ObjectId(), seq: 1 });
                }
                return res;
              };
            },
          }),
  } as unknown as Db;
  const log = new EventLog<TallyEvent, Tally>(racingDb, {
    events: EventDef,
    entities: TallyDef,
    entityKey: 'tallyId',
    project: sum,
    version: 'eventCount',
    conflict: CONFLICT_TEXT,
  });
  const { entity, events } = await log.reproject(tally);
  expect(sneaked).toBe(true);
  expect(events).toHaveLength(2);
  expect(entity).toMatchObject({ total: 101, eventCount: 2 });
  expect(await stored(tally)).toMatchObject({ total: 101, eventCount: 2 });
});

test('a crash after the append (before the projection) and a lost projection write: the next read converges', async () => {
  const log = logWith();
  const tally = await newTally();
  await log.append({ tallyId: tally._id, lane: 'a' }, add(tally, 5));
  await log.reproject(tally);
  // The process dies while writing the projection of the second event.
  const dying = logWith(() => {
    throw new Error('process died');
  });
  await log.append({ tallyId: tally._id, lane: 'a' }, add(tally, 6));
  await expect(dying.reproject(tally)).rejects.toThrow('process died');
  expect(await stored(tally)).toMatchObject({ total: 5, eventCount: 1 });
  // A slower writer's stale projection lands last (updates are not atomic on FerretDB).
  await t.db.model(TallyDef).updateOne({ _id: tally._id }, { $set: { total: 0, eventCount: 0 } });

  const read = await log.current((await stored(tally))!);
  expect(read.entity).toMatchObject({ total: 11, eventCount: 2 });
  expect(read.events.map((e) => e.amount)).toEqual([5, 6]);
  expect(await stored(tally)).toMatchObject({ total: 11, eventCount: 2 });
  // Once in step, a read writes nothing and answers the stored entity.
  const again = await log.current((await stored(tally))!);
  expect(again.entity).toEqual(await stored(tally));
});

test('an opening event is recorded once: a retry gets back the one stored first', async () => {
  const log = logWith();
  const tally = await newTally();
  const opening = (amount: number): TallyEvent => ({ ...add(tally, amount)(), _id: new Types.ObjectId(), seq: 1 });
  const first = await log.record(opening(1), { tallyId: tally._id, lane: 'a' });
  expect(first).toMatchObject({ adopted: false });
  const retry = await log.record(opening(2), { tallyId: tally._id, lane: 'a' });
  expect(retry?.adopted).toBe(true);
  expect(retry?.event._id).toEqual(first!.event._id);
  expect(retry?.event.amount).toBe(1);
  expect(await log.eventsOf(tally._id)).toHaveLength(1);
});
