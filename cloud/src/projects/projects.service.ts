import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  MAX_MILESTONES,
  PROJECT_ACTIVE_STATUSES,
  PROJECT_DETAIL_UPDATES,
  allowedProjectActions,
  nextProjectStatus,
  projectProgress,
  type CreateProjectBody,
  type MilestoneView,
  type ProjectAction,
  type ProjectDetail,
  type ProjectSummary,
  type ProjectUpdateView,
  type UpdateProjectBody,
  type Role,
  type z,
  type addMilestoneBody,
  type postProjectUpdateBody,
  type projectListQuery,
  type updateMilestoneBody,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { placeInScope, type Place } from '../core/place';
import { PlaceService } from '../org/place.service';
import type { Principal } from '../core/principal';
import { UploadModel } from '../uploads/upload.model';
import { OrgModel, type Org } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { MilestoneModel, type Milestone } from './milestone.model';
import { ProjectAccess, projectNotFound } from './project-access';
import { ProjectNeedModel } from './project-need.model';
import { ProjectUpdateModel, type ProjectUpdate } from './project-update.model';
import { projectLog, projectOfEvents } from './project-log';
import { ProjectModel, type Project } from './project.model';
import { ContentGuard } from '../wechat/content-guard';
import { createKeyed } from '../core/create-keyed';

type ListQuery = z.output<typeof projectListQuery>;
type AddMilestone = z.output<typeof addMilestoneBody>;
type UpdateMilestone = z.output<typeof updateMilestoneBody>;
type PostUpdate = z.output<typeof postProjectUpdateBody>;
type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

const oid = (id: string | Types.ObjectId) => new Types.ObjectId(String(id));
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * Use cases of the projects list (项目清单): list_projects, show_project, create_project,
 * update_project, change_status (open, start, cancel; deliver lives in ProjectNeedsService),
 * add_milestone, update_milestone, post_project_update, list_project_updates.
 */
@Provide()
export class ProjectsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  places!: PlaceService;

  @Inject()
  access!: ProjectAccess;

  @Inject()
  contentGuard!: ContentGuard;

  // ——— Reading ———

  async listProjects(user: Principal, q: ListQuery): Promise<Paged<ProjectSummary>> {
    const unitId = await this.access.unitOf(user);
    const filter = {
      $and: [
        this.access.readFilter(user, unitId),
        {
          ...(q.status ? { status: q.status } : {}),
          ...(q.categoryCode ? { categoryCode: q.categoryCode } : {}),
          ...(q.communityId ? { 'place.communityId': oid(q.communityId) } : {}),
        },
      ],
    };
    const model = this.db.model(ProjectModel);
    const [total, rows] = await Promise.all([
      model.countDocuments(filter),
      model
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<Project[]>(),
    ]);
    return { items: await this.summaries(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async showProject(user: Principal, id: string): Promise<ProjectDetail> {
    const { project, unitId } = await this.access.load(user, id, 'read');
    return this.detail(user, unitId, project);
  }

  async listProjectUpdates(
    user: Principal,
    id: string,
    page: number,
    pageSize: number,
  ): Promise<Paged<ProjectUpdateView>> {
    const { project } = await this.access.load(user, id, 'read');
    const model = this.db.model(ProjectUpdateModel);
    const [total, rows] = await Promise.all([
      model.countDocuments({ projectId: project._id }),
      model
        .find({ projectId: project._id })
        .sort({ at: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<ProjectUpdate[]>(),
    ]);
    return { items: rows.map(updateView), total, page, pageSize };
  }

  // ——— Writing ———

  async createProject(
    user: Principal,
    body: CreateProjectBody,
    keyedId: Types.ObjectId | null = null,
  ): Promise<ProjectDetail> {
    const place = await this.placeInCallerScope(user, body.placeId);
    await this.checkUnits(body.responsibleUnitIds);
    const now = this.clock.now();
    const actor = await this.actor(user);
    const project = await createKeyed<Project>(this.db.model(ProjectModel), keyedId, {
      title: body.title,
      goal: body.goal,
      categoryCode: body.categoryCode,
      level: body.level,
      place,
      budgetFen: body.budgetFen,
      responsibleUnitIds: body.responsibleUnitIds.map(oid),
      status: 'draft',
      seq: 1,
      cancelReason: null,
      createdBy: oid(user.userId),
      createdAt: now,
      updatedAt: now,
      openedAt: null,
      deliveredAt: null,
    });
    // A retry of a crashed attempt finds its create event already stored (unique projectId + seq).
    const created = await projectLog(this.db).record(
      {
        _id: new Types.ObjectId(),
        projectId: project._id,
        seq: 1,
        action: 'create',
        from: null,
        to: 'draft',
        ...actor,
        at: now,
        note: null,
      },
      { projectId: project._id },
    );
    if (!created || (created.adopted && !keyedId))
      throw new Error(`project ${String(project._id)}: its first event is taken`);
    return this.detail(user, null, project);
  }

  async updateProject(user: Principal, id: string, body: UpdateProjectBody): Promise<ProjectDetail> {
    const { project } = await this.access.load(user, id, 'edit');
    this.mustBeActive(project, '修改');
    const set: Partial<Project> = { updatedAt: this.clock.now() };
    if (body.placeId) set.place = await this.placeInCallerScope(user, body.placeId);
    const movesNeeds =
      (body.categoryCode !== undefined && body.categoryCode !== project.categoryCode) ||
      (set.place && !set.place.communityId.equals(project.place.communityId)) ||
      (body.level !== undefined && body.level !== project.level);
    if (movesNeeds && (await this.db.model(ProjectNeedModel).exists({ projectId: project._id }))) {
      throw new AppError('CONFLICT', '项目已纳入需求，不能再修改类别、级别或所在社区');
    }
    if (body.responsibleUnitIds) {
      await this.checkUnits(body.responsibleUnitIds);
      set.responsibleUnitIds = body.responsibleUnitIds.map(oid);
    }
    for (const key of ['title', 'goal', 'categoryCode', 'level', 'budgetFen'] as const) {
      if (body[key] !== undefined) (set as Record<string, unknown>)[key] = body[key];
    }
    const updated = await this.db
      .model(ProjectModel)
      .findOneAndUpdate({ _id: project._id }, { $set: set }, { new: true })
      .lean<Project>();
    if (!updated) throw projectNotFound();
    return this.detail(user, null, updated);
  }

  /** open, start or cancel, from the endpoints; returns the project as it is after. */
  async changeStatus(
    user: Principal,
    id: string,
    action: Exclude<ProjectAction, 'deliver'>,
    note?: string,
  ): Promise<ProjectDetail> {
    const { project } = await this.access.load(user, id, 'edit');
    let released: Types.ObjectId[] | undefined;
    if (action === 'cancel') {
      released = (await this.db.model(ProjectNeedModel).find({ projectId: project._id }, { needId: 1 }).lean()).map(
        (l) => l.needId,
      );
    }
    const after = await this.transition(user, project, action, note, released);
    if (action === 'cancel') {
      // A cancelled project lets go of its needs, so they can be dispatched elsewhere (a need belongs to one project at most).
      await this.db.model(ProjectNeedModel).deleteMany({ projectId: project._id });
    }
    return this.detail(user, null, after);
  }

  /**
   * A status change: reads the current status from the last event (the projection may lag), then
   * inserts event seq n+1. UNIQUE (projectId, seq) lets exactly one of two simultaneous changes
   * win; the other answers 409. The project document is then brought up to date.
   */
  async transition(
    user: Principal,
    project: Project,
    action: ProjectAction,
    note?: string,
    needIds?: Types.ObjectId[],
  ): Promise<Project> {
    const log = projectLog(this.db);
    const { event, before } = await log.append(
      { projectId: project._id },
      async (events) => {
        const status = events[events.length - 1]?.to ?? project.status;
        const verdict = nextProjectStatus(status, action);
        if (!verdict.ok) throw new AppError('INVALID_TRANSITION', verdict.reason);
        return {
          projectId: project._id,
          action,
          from: status,
          to: verdict.to,
          ...(await this.actor(user)),
          at: this.clock.now(),
          note: note?.trim() || null,
          ...(needIds ? { needIds } : {}),
        };
      },
      // A project whose create event was lost with a crash is at its own seq.
      project.seq,
    );
    await log.reproject(project);
    return { ...project, ...projectOfEvents(project, [...before, event]) };
  }

  async addMilestone(
    user: Principal,
    id: string,
    body: AddMilestone,
    keyedId: Types.ObjectId | null = null,
  ): Promise<MilestoneView> {
    const { project } = await this.access.load(user, id, 'edit');
    this.mustBeActive(project, '添加里程碑');
    if ((await this.db.model(MilestoneModel).countDocuments({ projectId: project._id })) >= MAX_MILESTONES) {
      throw new AppError('CONFLICT', `每个项目最多 ${MAX_MILESTONES} 个里程碑`);
    }
    const now = this.clock.now();
    const m = await createKeyed<Milestone>(this.db.model(MilestoneModel), keyedId, {
      projectId: project._id,
      title: body.title,
      due: body.due,
      progress: body.progress,
      doneAt: body.progress === 100 ? now : null,
      createdAt: now,
    });
    await this.touch(project._id, now);
    return milestoneView(m);
  }

  async updateMilestone(
    user: Principal,
    id: string,
    milestoneId: string,
    body: UpdateMilestone,
  ): Promise<MilestoneView> {
    const { project } = await this.access.load(user, id, 'report');
    this.mustBeActive(project, '更新里程碑');
    const m = await this.db
      .model(MilestoneModel)
      .findOne({ _id: oid(milestoneId), projectId: project._id })
      .lean<Milestone>();
    if (!m) throw new AppError('NOT_FOUND', '没有找到这个里程碑');
    const now = this.clock.now();
    const set: Partial<Milestone> = { ...body };
    if (body.progress !== undefined) set.doneAt = body.progress === 100 ? (m.doneAt ?? now) : null;
    const updated = await this.db
      .model(MilestoneModel)
      .findOneAndUpdate({ _id: m._id }, { $set: set }, { new: true })
      .lean<Milestone>();
    if (!updated) throw new AppError('NOT_FOUND', '没有找到这个里程碑');
    await this.touch(project._id, now);
    return milestoneView(updated);
  }

  async postProjectUpdate(
    user: Principal,
    id: string,
    body: PostUpdate,
    keyedId: Types.ObjectId | null = null,
  ): Promise<ProjectUpdateView> {
    const { project } = await this.access.load(user, id, 'report');
    if (project.status === 'cancelled') throw new AppError('INVALID_TRANSITION', '已撤销的项目不能再发布进展');
    await this.checkPhotos(user, body.photos);
    // 内容安全: a public progress note is read by the whole community.
    const { review } = await this.contentGuard.text(user, { 'body.text': body.text }, 3);
    const now = this.clock.now();
    const actor = await this.actor(user);
    const u = await createKeyed<ProjectUpdate>(this.db.model(ProjectUpdateModel), keyedId, {
      projectId: project._id,
      text: body.text,
      photos: body.photos.map(oid),
      at: now,
      authorId: actor.actorId,
      authorName: actor.actorName,
      authorRole: actor.actorRole,
      ...(review ? { contentReview: 'pending' as const } : {}),
    });
    await this.touch(project._id, now);
    return updateView(u);
  }

  /**
   * Whether a caller may see an uploaded photo because it illustrates a public update of a
   * project they can read (for the uploads area's access check).
   */
  async photoVisible(user: Principal, uploadId: string | Types.ObjectId): Promise<boolean> {
    const ids = (
      await this.db
        .model(ProjectUpdateModel)
        .find({ photos: oid(uploadId) }, { projectId: 1 })
        .lean()
    ).map((u) => u.projectId);
    if (!ids.length) return false;
    const unitId = await this.access.unitOf(user);
    return !!(await this.db
      .model(ProjectModel)
      .exists({ $and: [{ _id: { $in: ids } }, this.access.readFilter(user, unitId)] }));
  }

  // ——— Helpers ———

  mustBeActive(project: Project, what: string): void {
    if (!PROJECT_ACTIVE_STATUSES.includes(project.status)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `${project.status === 'delivered' ? '已交付' : '已撤销'}的项目不能再${what}`,
      );
    }
  }

  /** Who acts, as the timeline records them. */
  async actor(user: Principal): Promise<{ actorId: Types.ObjectId; actorRole: Role; actorName: string }> {
    return { actorId: oid(user.userId), actorRole: this.access.roleOf(user), actorName: user.name };
  }

  private touch(projectId: Types.ObjectId, now: Date) {
    return this.db.model(ProjectModel).updateOne({ _id: projectId }, { $set: { updatedAt: now } });
  }

  private async placeInCallerScope(user: Principal, placeId: string): Promise<Place> {
    const place = await this.places.placeOf(placeId);
    if (!placeInScope(user, place)) throw new AppError('NOT_FOUND', '没有找到该地点');
    return place;
  }

  private async checkUnits(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const found = new Set(
      (
        await this.db
          .model(UnitModel)
          .find({ _id: { $in: ids.map(oid) } }, { _id: 1 })
          .lean<Unit[]>()
      ).map((u) => String(u._id)),
    );
    const fields = ids.flatMap((id, i) =>
      found.has(id) ? [] : [{ path: `body.responsibleUnitIds.${i}`, message: '没有找到该驻区单位' }],
    );
    if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
  }

  /** Photos must be the caller's own uploads. */
  private async checkPhotos(user: Principal, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const mine = new Set(
      (
        await this.db
          .model(UploadModel)
          .find({ _id: { $in: ids.map(oid) }, owner: oid(user.userId) }, { _id: 1 })
          .lean()
      ).map((u) => String(u._id)),
    );
    const fields = ids.flatMap((id, i) =>
      mine.has(id) ? [] : [{ path: `body.photos.${i}`, message: '没有找到这张照片' }],
    );
    if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
  }

  private async summaries(rows: Project[]): Promise<ProjectSummary[]> {
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
      this.unitNames(rows.flatMap((p) => p.responsibleUnitIds)),
      this.orgNames(rows.map((p) => p.place.communityId)),
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
      this.unitNames(p.responsibleUnitIds),
      this.orgNames([p.place.streetId, p.place.communityId, p.place.gridId, p.place.complexId, p.place.buildingId]),
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

  private async unitNames(ids: Types.ObjectId[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.map(String))].map(oid);
    if (!wanted.length) return new Map();
    const units = await this.db
      .model(UnitModel)
      .find({ _id: { $in: wanted } }, { name: 1 })
      .lean<Unit[]>();
    return new Map(units.map((u) => [String(u._id), u.name]));
  }

  private async orgNames(ids: (Types.ObjectId | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is Types.ObjectId => !!x).map(String))].map(oid);
    if (!wanted.length) return new Map();
    const orgs = await this.db
      .model(OrgModel)
      .find({ _id: { $in: wanted } }, { name: 1 })
      .lean<Org[]>();
    return new Map(orgs.map((o) => [String(o._id), o.name]));
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

function milestoneView(m: Milestone): MilestoneView {
  return { id: String(m._id), title: m.title, due: m.due, progress: m.progress, doneAt: iso(m.doneAt) };
}

function updateView(u: ProjectUpdate): ProjectUpdateView {
  return {
    id: String(u._id),
    text: u.text,
    photos: u.photos.map((p) => ({ id: String(p), url: `/api/v1/uploads/${p}` })),
    at: new Date(u.at).toISOString(),
    author: { id: String(u.authorId), name: u.authorName, role: u.authorRole as Role },
  };
}
