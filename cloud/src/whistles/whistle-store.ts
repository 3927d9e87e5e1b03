import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { Db } from '../core/db';
import { WhistleEventModel, type WhistleEvent } from './whistle-event.model';
import { projectWhistle } from './whistle-projection';
import { WhistleModel, type Whistle } from './whistle.model';

/** Reads a whistle's timeline and keeps the projection on the whistle document in step with it. */
@Provide()
export class WhistleStore {
  @Inject()
  db!: Db;

  eventsOf(whistleId: Types.ObjectId): Promise<WhistleEvent[]> {
    return this.db
      .model(WhistleEventModel)
      .find({ whistleId })
      .sort({ at: 1, targetKey: 1, seq: 1 })
      .lean<WhistleEvent[]>();
  }

  /**
   * Re-projects a whistle from all its events and writes the projection. Updates are not atomic on
   * FerretDB and two targets may move at once: after writing, the events are counted again and a
   * write that missed a newer event is redone, so the last writer always wrote the full log.
   */
  async refresh(whistle: Whistle): Promise<{ whistle: Whistle; events: WhistleEvent[] }> {
    const model = this.db.model(WhistleModel);
    let events = await this.eventsOf(whistle._id);
    for (let i = 0; i < 5; i++) {
      const projection = projectWhistle(whistle, events);
      await model.updateOne({ _id: whistle._id }, { $set: projection });
      const latest = await this.eventsOf(whistle._id);
      if (latest.length === events.length) return { whistle: { ...whistle, ...projection }, events };
      events = latest;
    }
    return { whistle: { ...whistle, ...projectWhistle(whistle, events) }, events };
  }

  /** A whistle with its events, repairing a projection that lost a race. */
  async load(id: Types.ObjectId | string): Promise<{ whistle: Whistle; events: WhistleEvent[] } | null> {
    const whistle = await this.db.model(WhistleModel).findById(id).lean<Whistle>();
    if (!whistle) return null;
    const events = await this.eventsOf(whistle._id);
    if (events.length !== whistle.eventCount) return this.refresh(whistle);
    return { whistle, events };
  }
}
