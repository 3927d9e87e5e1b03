import type { Db } from '../core/db';
import { EventLog } from '../core/event-log';
import { NeedEventModel, type NeedEvent } from './need-event.model';
import { projectNeed } from './need-projection';
import { NeedModel, type Need } from './need.model';

/** A need's timeline: one seq chain per need, the need document its projection (core/event-log.ts). */
export const needLog = (db: Db) =>
  new EventLog<NeedEvent, Need>(db, {
    events: NeedEventModel,
    entities: NeedModel,
    entityKey: 'needId',
    project: (need, events) => projectNeed(need.limits, events),
    version: 'seq',
    conflict: '这条需求刚被其他人处理过，请刷新后再试',
  });
