import { Types } from 'mongoose';
import {
  ORG_SUBJECT_LABELS,
  ROLE_LABELS,
  type OrgEventAction,
  type OrgEventView,
  type OrgSubjectKind,
  type Role,
} from '@gongzhi/shared';
import type { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { insertNew } from '../core/insert-new';
import { OrgEventModel, type OrgEvent } from './org-event.model';

export interface Actor {
  id: Types.ObjectId | null;
  name: string;
  role: string;
}

/** The caller as an event names them: their most senior tree role. */
export function actorOf(user: Principal): Actor {
  const role = user.roles.includes('countyAdmin') ? 'countyAdmin' : 'streetAdmin';
  return { id: new Types.ObjectId(user.userId), name: user.name, role };
}

export interface EventInput {
  subjectKind: OrgSubjectKind;
  subjectId: Types.ObjectId;
  /** The target of a merge or close, or the new parent of a move: its history lists the event too. */
  otherId?: Types.ObjectId | null;
  action: OrgEventAction;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  source?: 'api' | 'import';
}

/** The event document; a creation's id derives from the node, so a retried create records it once. */
export function eventDoc(actor: Actor, at: Date, e: EventInput): OrgEvent {
  return {
    _id: e.action === 'create' ? `${String(e.subjectId)}:create` : String(new Types.ObjectId()),
    subjectKind: e.subjectKind,
    subjectId: e.subjectId,
    nodeIds: [e.subjectId, ...(e.otherId && !e.otherId.equals(e.subjectId) ? [e.otherId] : [])],
    action: e.action,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    at,
    before: e.before ?? null,
    after: e.after ?? null,
    reason: e.reason || null,
    source: e.source ?? 'api',
  };
}

export async function recordEvents(db: Db, actor: Actor, at: Date, events: EventInput[]): Promise<void> {
  await insertNew(
    db.model(OrgEventModel),
    events.map((e) => eventDoc(actor, at, e)),
  );
}

/** "周洋 把「老街社区」改名为「老街新社区」": the event in words, from what it stored. */
export function describeEvent(e: OrgEvent, names: Map<string, string>): string {
  const who = e.actorName;
  const what = ORG_SUBJECT_LABELS[e.subjectKind];
  const b = e.before ?? {};
  const a = e.after ?? {};
  const name = String(a.name ?? b.name ?? names.get(String(e.subjectId)) ?? '');
  switch (e.action) {
    case 'create':
      return `${who}新建了${what}「${name}」${a.parentName ? `，属于「${a.parentName}」` : ''}`;
    case 'rename':
      return `${who}把${what}「${b.name}」改名为「${a.name}」`;
    case 'update':
      return `${who}修改了${what}「${name}」的${Object.keys(a)
        .map((k) => FIELD_WORDS[k] ?? k)
        .join('、')}`;
    case 'move':
      return `${who}把${what}「${name}」从「${b.parentName ?? ''}」调整到「${a.parentName ?? ''}」`;
    case 'merge':
      return `${who}把${what}「${name}」合并到「${a.targetName ?? ''}」`;
    case 'deactivate':
      return a.targetName
        ? `${who}停用了${what}「${name}」，内容转到「${a.targetName ?? ''}」`
        : `${who}停用了${what}「${name}」`;
  }
}

const FIELD_WORDS: Record<string, string> = {
  name: '名称',
  old: '老旧小区',
  hasProperty: '有无物业',
  location: '位置',
  kind: '类别',
};

export function presentEvent(e: OrgEvent, names: Map<string, string>): OrgEventView {
  return {
    id: e._id,
    action: e.action,
    subjectKind: e.subjectKind,
    subjectId: String(e.subjectId),
    actor: {
      id: e.actorId ? String(e.actorId) : null,
      name: e.actorName,
      role: ROLE_LABELS[e.actorRole as Role] ?? e.actorRole,
    },
    at: e.at.toISOString(),
    before: e.before,
    after: e.after,
    reason: e.reason,
    text: describeEvent(e, names),
    source: e.source,
  };
}
