import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import { EventLog } from '../core/event-log';
import { WhistleEventModel, type WhistleEvent } from './whistle-event.model';
import { projectWhistle } from './whistle-projection';
import { WhistleModel, type Whistle } from './whistle.model';

/**
 * A whistle's timeline (core/event-log.ts): one seq chain per target (whistleId, targetKey), the
 * whistle document the projection of all of them, in time order.
 */
export const whistleLog = (db: Db) =>
  new EventLog<WhistleEvent, Whistle>(db, {
    events: WhistleEventModel,
    entities: WhistleModel,
    entityKey: 'whistleId',
    order: { at: 1, targetKey: 1, seq: 1 },
    project: projectWhistle,
    version: 'eventCount',
    conflict: '这个报到任务刚被其他人处理过，请刷新后再试',
  });

/** Reads a whistle's timeline and keeps the projection on the whistle document in step with it. */
@Provide()
export class WhistleStore {
  @Inject()
  db!: Db;

  get log() {
    return whistleLog(this.db);
  }

  eventsOf(whistleId: Types.ObjectId): Promise<WhistleEvent[]> {
    return this.log.eventsOf(whistleId);
  }

  /** Re-projects a whistle from all its events and writes the projection (until no event was missed). */
  async refresh(whistle: Whistle): Promise<{ whistle: Whistle; events: WhistleEvent[] }> {
    const { entity, events } = await this.log.reproject(whistle);
    return { whistle: entity, events };
  }

  /**
   * A timeline entry that changes no status (升级 escalate, 督办 remind) after the target's last step,
   * with an id the caller derives from the occurrence: a second writer finds it and stops. A seq taken
   * meanwhile by a responder's step (or by another writer of this very entry) is looked at again.
   */
  async appendAside(
    _id: Types.ObjectId,
    stream: Pick<WhistleEvent, 'whistleId' | 'targetKey'>,
    entry: Pick<WhistleEvent, 'action' | 'actorId' | 'actorRole' | 'at' | 'note' | 'level' | 'supervisor'>,
  ): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      if (await this.db.model(WhistleEventModel).exists({ _id })) return;
      try {
        await this.log.append(stream, (own) => {
          const last = own[own.length - 1];
          if (!last) return null;
          return { _id, ...stream, ...entry, from: last.to, to: last.to, result: null, photos: [], satisfaction: null };
        });
        return;
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      }
    }
    throw new AppError('CONFLICT', '这个报到任务刚被其他人处理过，请刷新后再试');
  }

  /** A whistle with its events, repairing a projection that lost a race. */
  async load(id: Types.ObjectId | string): Promise<{ whistle: Whistle; events: WhistleEvent[] } | null> {
    const whistle = await this.db.model(WhistleModel).findById(id).lean<Whistle>();
    if (!whistle) return null;
    const { entity, events } = await this.log.current(whistle);
    return { whistle: entity, events };
  }
}
