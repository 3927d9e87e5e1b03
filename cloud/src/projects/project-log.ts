import type { Db } from '../core/db';
import { EventLog } from '../core/event-log';
import { ProjectEventModel, ProjectModel, type Project, type ProjectEvent } from './project.model';

/** The status fields of a project folded from its events (in seq order, at least one). */
export function projectOfEvents(project: Project, events: readonly ProjectEvent[]): Partial<Project> {
  const last = events[events.length - 1];
  const latest = (action: ProjectEvent['action']) => [...events].reverse().find((e) => e.action === action);
  const cancel = latest('cancel');
  return {
    status: last.to,
    seq: last.seq,
    // Edits (title, milestones…) also touch updatedAt: never move it back.
    updatedAt: new Date(Math.max(project.updatedAt.getTime(), last.at.getTime())),
    openedAt: latest('open')?.at ?? project.openedAt,
    deliveredAt: latest('deliver')?.at ?? project.deliveredAt,
    cancelReason: cancel ? cancel.note : project.cancelReason,
  };
}

/** A project's timeline: one seq chain per project, its status fields the projection (core/event-log.ts). */
export const projectLog = (db: Db) =>
  new EventLog<ProjectEvent, Project>(db, {
    events: ProjectEventModel,
    entities: ProjectModel,
    entityKey: 'projectId',
    project: projectOfEvents,
    version: 'seq',
    conflict: '这个项目刚被其他人改过状态，请刷新后再试',
  });
