import { Inject, Provide } from '@midwayjs/core';
import type { Types } from 'mongoose';
import {
  PROJECT_DETAIL_UPDATES,
  allowedProjectActions,
  projectProgress,
  type MilestoneView,
  type ProjectDetail,
  type ProjectSummary,
  type ProjectUpdateView,
  type Role,
} from '@gongzhi/shared';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgModel } from '../org/org.model';
import { UnitModel } from '../org/unit.model';
import { namesOf } from '../people/names';
import { MilestoneModel, type Milestone } from './milestone.model';
import { ProjectAccess } from './project-access';
import { projectLog } from './project-log';
import { ProjectNeedModel } from './project-need.model';
import { ProjectUpdateModel, type ProjectUpdate } from './project-update.model';
import type { Project } from './project.model';

export const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** How projects read: list rows, the detail with milestones, updates and timeline. */
@Provide()
export class ProjectViews {
  @Inject()
  db!: Db;

  @Inject()
  access!: ProjectAccess;

  async summaries(rows: Project[]): Promise<ProjectSummary[]> {
    if (!rows.length) return [];
    const ids = rows.map((p) => p._id);
    const [progress, needs, units, communities] = await Promise.all([
      // Milestones are few per project; FerretDB 1.24 returns a wrong count when one $group has
      // two $sum accumulators, so progress is computed here with the shared rule.
      this.db
        .model(MilestoneModel)
        .find({ projectId: { $in: ids } }, { projectId: 1, progress: 1 })
        .lean<{ projectId: Types.ObjectId; progress: number }[]>(),
      this.db
        .model(ProjectNeedModel)
        .aggregate<{ _id: Types.ObjectId; n: number }>([
          { $match: { projectId: { $in: ids } } },
          { $group: { _id: '$projectId', n: { $sum: 1 } } },
        ]),
      namesOf(
        this.db,
        UnitModel,
        rows.flatMap((p) => p.responsibleUnitIds),
      ),
      namesOf(
        this.db,
        OrgModel,
        rows.map((p) => p.place.communityId),
      ),
    ]);
    const byProject = new Map<string, number[]>();
    for (const m of progress)
      byProject.set(String(m.projectId), [...(byProject.get(String(m.projectId)) ?? []), m.progress]);
    const progressOf = new Map([...byProject].map(([id, list]) => [id, projectProgress(list)]));
    const needsOf = new Map(needs.map((g) => [String(g._id), g.n]));
    return rows.map((p) =>
      summary(p, progressOf.get(String(p._id)) ?? 0, needsOf.get(String(p._id)) ?? 0, units, communities),
    );
  }

  async detail(user: Principal, unitId: Types.ObjectId | null, p: Project): Promise<ProjectDetail> {
    const canEdit = this.access.canEdit(user, p);
    const canReport = this.access.canReport(user, unitId ?? (await this.access.unitOf(user)), p);
    const [milestones, needsCount, updates, updatesTotal, events, units, orgs] = await Promise.all([
      this.db.model(MilestoneModel).find({ projectId: p._id }).sort({ due: 1, _id: 1 }).lean<Milestone[]>(),
      this.db.model(ProjectNeedModel).countDocuments({ projectId: p._id }),
      this.db
        .model(ProjectUpdateModel)
        .find({ projectId: p._id })
        .sort({ at: -1, _id: -1 })
        .limit(PROJECT_DETAIL_UPDATES)
        .lean<ProjectUpdate[]>(),
      this.db.model(ProjectUpdateModel).countDocuments({ projectId: p._id }),
      canEdit ? projectLog(this.db).eventsOf(p._id) : [],
      namesOf(this.db, UnitModel, p.responsibleUnitIds),
      namesOf(this.db, OrgModel, [
        p.place.streetId,
        p.place.communityId,
        p.place.gridId,
        p.place.complexId,
        p.place.buildingId,
      ]),
    ]);
    const placeIds = [p.place.streetId, p.place.communityId, p.place.complexId, p.place.buildingId];
    return {
      ...summary(p, projectProgress(milestones.map((m) => m.progress)), needsCount, units, orgs),
      goal: p.goal,
      place: {
        streetId: String(p.place.streetId),
        communityId: String(p.place.communityId),
        gridId: p.place.gridId ? String(p.place.gridId) : null,
        complexId: p.place.complexId ? String(p.place.complexId) : null,
        buildingId: p.place.buildingId ? String(p.place.buildingId) : null,
        label: placeIds.flatMap((id) => (id && orgs.has(String(id)) ? [orgs.get(String(id))!] : [])).join(' '),
      },
      milestones: milestones.map(milestoneView),
      updates: updates.map(updateView),
      updatesTotal,
      cancelReason: p.cancelReason ?? null,
      openedAt: iso(p.openedAt),
      deliveredAt: iso(p.deliveredAt),
      canEdit,
      canReport,
      actions: canEdit ? allowedProjectActions(p.status) : [],
      history: events.map((e) => ({
        seq: e.seq,
        action: e.action,
        from: e.from,
        to: e.to,
        actor: { id: String(e.actorId), name: e.actorName, role: e.actorRole },
        at: e.at.toISOString(),
        note: e.note,
      })),
    };
  }
}

function summary(
  p: Project,
  progress: number,
  needsCount: number,
  units: Map<string, string>,
  orgs: Map<string, string>,
): ProjectSummary {
  return {
    id: String(p._id),
    title: p.title,
    categoryCode: p.categoryCode,
    status: p.status,
    level: p.level,
    community: { id: String(p.place.communityId), name: orgs.get(String(p.place.communityId)) ?? '' },
    budgetFen: p.budgetFen,
    progress,
    needsCount,
    units: p.responsibleUnitIds.map((u) => ({ id: String(u), name: units.get(String(u)) ?? '' })),
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

export function milestoneView(m: Milestone): MilestoneView {
  return { id: String(m._id), title: m.title, due: m.due, progress: m.progress, doneAt: iso(m.doneAt) };
}

export function updateView(u: ProjectUpdate): ProjectUpdateView {
  return {
    id: String(u._id),
    text: u.text,
    photos: u.photos.map((p) => ({ id: String(p), url: `/api/v1/uploads/${p}` })),
    at: new Date(u.at).toISOString(),
    author: { id: String(u.authorId), name: u.authorName, role: u.authorRole as Role },
  };
}
