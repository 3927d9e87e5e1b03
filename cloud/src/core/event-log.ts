import { Types, type FilterQuery, type UpdateQuery } from 'mongoose';
import { AppError } from './app-error';
import { isDuplicateKey, type Db, type ModelDef } from './db';

/**
 * The project's one concurrency rule for entities with a timeline (needs, whistles, projects,
 * bookings): the events are the truth and the entity document holds their projection.
 * - A change reads its stream, decides, and inserts event seq n+1. A unique index on
 *   (stream keys…, seq) lets exactly one of two simultaneous writers win; the other gets CONFLICT.
 *   Inserts against a unique index are atomic on FerretDB and MongoDB alike; no transactions.
 * - The projection is then rewritten from the whole log. Updates are not atomic on FerretDB, so a
 *   write may overwrite a newer one: after writing, the log is read again and a write that missed
 *   an event is redone, so the last writer always wrote the full log. A process that died between
 *   the insert and the write leaves a stale projection, which `current` repairs on the next read.
 */

/** What every logged event has. */
export interface LoggedEvent {
  _id: Types.ObjectId;
  seq: number;
}

export interface EventLogSpec<E extends LoggedEvent, T extends { _id: Types.ObjectId }> {
  events: ModelDef<E>;
  entities: ModelDef<T>;
  /** The event field naming its entity (needId, whistleId…). */
  entityKey: keyof E & string;
  /** The entity's whole log in projection order (default: by seq). */
  order?: Record<string, 1 | -1>;
  /** The projection of a non-empty log onto the entity: the fields to set. */
  project: (entity: T, events: E[]) => Partial<T>;
  /** The projected field telling which log a stored projection reflects (seq, eventCount). */
  version: keyof T & string;
  /** The area's message when another writer took the seq. */
  conflict: string;
}

/** An event as the area decides it: the module gives it its seq (and an _id unless the area chose one). */
export type NextEvent<E extends LoggedEvent> = Omit<E, '_id' | 'seq'> & { _id?: Types.ObjectId };

type Decided<R> = R | Promise<R>;
/** The stored event, and the stream as it was before it. */
export type Appended<E> = { event: E; before: E[] };

/** Tries of the projection write before the last one is accepted as it is (read repairs the rest). */
const PROJECTION_TRIES = 5;

export class EventLog<E extends LoggedEvent, T extends { _id: Types.ObjectId }> {
  constructor(
    private readonly db: Db,
    private readonly spec: EventLogSpec<E, T>,
  ) {}

  /** One entity's whole log, in projection order. */
  eventsOf(entityId: Types.ObjectId): Promise<E[]> {
    const filter = { [this.spec.entityKey]: entityId } as FilterQuery<E>;
    return this.db
      .model(this.spec.events)
      .find(filter)
      .sort(this.spec.order ?? { seq: 1 })
      .lean<E[]>();
  }

  /** One seq chain (e.g. { needId } or { whistleId, targetKey }), by seq. */
  streamOf(stream: Partial<E>): Promise<E[]> {
    return this.db
      .model(this.spec.events)
      .find(stream as FilterQuery<E>)
      .sort({ seq: 1 })
      .lean<E[]>();
  }

  /**
   * Appends the event `decide` makes of the stream as it is (null: nothing to append) with seq
   * n+1, n being the last seq of the stream or `emptySeq` when it has none. Another writer's seq n+1
   * (or the event's own _id, written already) answers CONFLICT with the area's message.
   */
  append(stream: Partial<E>, decide: (before: E[]) => Decided<NextEvent<E>>, emptySeq?: number): Promise<Appended<E>>;
  append(
    stream: Partial<E>,
    decide: (before: E[]) => Decided<NextEvent<E> | null>,
    emptySeq?: number,
  ): Promise<Appended<E> | null>;
  async append(
    stream: Partial<E>,
    decide: (before: E[]) => Decided<NextEvent<E> | null>,
    emptySeq = 0,
  ): Promise<Appended<E> | null> {
    const before = await this.streamOf(stream);
    const next = await decide(before);
    if (!next) return null;
    const seq = (before[before.length - 1]?.seq ?? emptySeq) + 1;
    const event = { _id: new Types.ObjectId(), ...next, ...stream, seq } as E;
    try {
      await this.db.model(this.spec.events).create(event);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', this.spec.conflict);
      throw err;
    }
    return { event, before };
  }

  /**
   * Stores an event whose seq the area fixed (an entity's opening event). A retry finds the one an
   * earlier attempt stored at that place and gets it back instead; null when the duplicate is another.
   */
  async record(event: E, stream: Partial<E>): Promise<{ event: E; adopted: boolean } | null> {
    try {
      await this.db.model(this.spec.events).create(event);
      return { event, adopted: false };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const stored = await this.db
        .model(this.spec.events)
        .findOne({ ...stream, seq: event.seq } as FilterQuery<E>)
        .lean<E>();
      return stored ? { event: stored, adopted: true } : null;
    }
  }

  /** Rewrites the entity's projection from its whole log until no event was missed (see above). */
  async reproject(entity: T): Promise<{ entity: T; events: E[] }> {
    const model = this.db.model(this.spec.entities);
    let events = await this.eventsOf(entity._id);
    for (let i = 0; i < PROJECTION_TRIES && events.length; i++) {
      const projection = this.spec.project(entity, events);
      await model.updateOne({ _id: entity._id } as FilterQuery<T>, { $set: projection } as UpdateQuery<T>);
      const latest = await this.eventsOf(entity._id);
      if (sameLog(latest, events)) return { entity: { ...entity, ...projection }, events };
      events = latest;
    }
    return { entity: events.length ? { ...entity, ...this.spec.project(entity, events) } : entity, events };
  }

  /** The entity with its log, its projection repaired first when it lags the log (a lost write, a crash). */
  async current(entity: T): Promise<{ entity: T; events: E[] }> {
    const events = await this.eventsOf(entity._id);
    if (!events.length) return { entity, events };
    const version = this.spec.project(entity, events)[this.spec.version];
    if (version === entity[this.spec.version]) return { entity, events };
    return this.reproject(entity);
  }
}

function sameLog(a: readonly LoggedEvent[], b: readonly LoggedEvent[]): boolean {
  return a.length === b.length && a.every((e, i) => e._id.equals(b[i]._id));
}
