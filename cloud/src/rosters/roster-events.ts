import { Types } from 'mongoose';
import {
  ROSTER_ACTION_LABELS,
  ROSTER_FIELD_LABELS,
  maskIdNumber,
  maskName,
  maskPhone,
  type RosterAction,
  type RosterEvent,
  type RosterRowKind,
} from '@gongzhi/shared';
import type { DataCipher } from '../core/cipher';
import type { Db } from '../core/db';
import { UserModel, type User } from '../people/user.model';
import { RosterEventModel, type RosterEventDoc, type StoredChange } from './roster-event.model';

/** A row as people read it, field by field (names, not ids; 是/否, not true/false). */
export type Shown = Record<string, string | null>;

/** Fields holding personal data: stored encrypted in the history, shown masked. */
export const PERSONAL_FIELDS = ['name', 'phone', 'idNumber'];

export interface Change {
  field: string;
  from: string | null;
  to: string | null;
}

/** The fields whose shown value differs, in the order of `after`. */
export function diffShown(before: Shown, after: Shown): Change[] {
  return Object.keys(after)
    .filter((k) => (before[k] ?? null) !== (after[k] ?? null))
    .map((k) => ({ field: k, from: before[k] ?? null, to: after[k] ?? null }));
}

export const yesNo = (v: boolean | undefined | null) => (v ? '是' : '否');

/** A value of a personal field as the history shows it. */
export function maskValue(field: string, value: string | null): string | null {
  if (value === null) return null;
  if (field === 'name') return maskName(value);
  if (field === 'phone') return maskPhone(value);
  if (field === 'idNumber') return maskIdNumber(value);
  return value;
}

export interface EventInput {
  rowKind: RosterRowKind;
  rowId: Types.ObjectId;
  communityId: Types.ObjectId | null;
  action: RosterAction;
  changes: Change[];
  reason: string;
  actorId: string | Types.ObjectId;
  via: 'manual' | 'import';
  at: Date;
}

/** Appends events (insert only). Personal values are encrypted before they are stored. */
export async function recordRosterEvents(db: Db, cipher: DataCipher, events: EventInput[]): Promise<void> {
  if (!events.length) return;
  await db.model(RosterEventModel).insertMany(
    events.map((e) => ({
      ...e,
      actorId: new Types.ObjectId(String(e.actorId)),
      changes: e.changes.map((c): StoredChange => {
        const personal = PERSONAL_FIELDS.includes(c.field);
        return {
          field: c.field,
          from: personal ? cipher.encrypt(c.from) : c.from,
          to: personal ? cipher.encrypt(c.to) : c.to,
          personal,
        };
      }),
    })),
    { ordered: false },
  );
}

/** A row's history, oldest first, personal values masked. */
export async function historyOf(db: Db, cipher: DataCipher, rowKind: RosterRowKind, rowId: Types.ObjectId) {
  const docs = await db.model(RosterEventModel).find({ rowId }).sort({ at: 1, _id: 1 }).lean<RosterEventDoc[]>();
  const mine = docs.filter((d) => d.rowKind === rowKind);
  const actors = await db
    .model(UserModel)
    .find({ _id: { $in: [...new Set(mine.map((e) => String(e.actorId)))] } }, { name: 1 })
    .lean<User[]>();
  const actorName = new Map(actors.map((a) => [String(a._id), a.name]));
  const items: RosterEvent[] = mine.map((e) => ({
    id: String(e._id),
    action: e.action,
    actionLabel: ROSTER_ACTION_LABELS[rowKind][e.action],
    changes: e.changes.map((c) => {
      const shown = (v: string | null) => (c.personal ? maskValue(c.field, readPersonal(cipher, v)) : v);
      return { field: c.field, label: ROSTER_FIELD_LABELS[c.field] ?? c.field, from: shown(c.from), to: shown(c.to) };
    }),
    reason: e.reason,
    actorName: actorName.get(String(e.actorId)) ?? '',
    via: e.via,
    at: e.at.toISOString(),
  }));
  return { items };
}

/** A stored personal value; one blanked by an erasure (or unreadable) shows as nothing. */
function readPersonal(cipher: DataCipher, v: string | null): string | null {
  try {
    return cipher.decrypt(v);
  } catch {
    return null;
  }
}
