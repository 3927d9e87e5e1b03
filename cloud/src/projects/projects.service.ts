import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  MAX_MILESTONES,
  nextProjectStatus,
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
import { MilestoneModel, type Milestone } from './milestone.model';
import { ProjectAccess, projectNotFound } from './project-access';
import { ProjectNeedModel } from './project-need.model';
import { ProjectUpdateModel, type ProjectUpdate } from './project-update.model';
import { projectLog, projectOfEvents } from './project-log';
import { ProjectModel, type Project } from './project.model';
import { ContentGuard } from '../wechat/content-guard';
import { createKeyed } from '../core/create-keyed';
import { oid } from '../core/oid';
import { checkPhotos, checkUnits, mustBeActive } from './project-rules';
import { ProjectViews, milestoneView, updateView } from './project-views';

type ListQuery = z.output<typeof projectListQuery>;
type AddMilestone = z.output<typeof addMilestoneBody>;
type UpdateMilestone = z.output<typeof updateMilestoneBody>;
type PostUpdate = z.output<typeof postProjectUpdateBody>;
type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

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

  @Inject()
  views!: ProjectViews;

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
    return { items: await this.views.summaries(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async showProject(user: Principal, id: string): Promise<ProjectDetail> {
    const { project, unitId } = await this.access.load(user, id, 'read');
    return this.views.detail(user, unitId, project);
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
    await checkUnits(this.db, body.responsibleUnitIds);
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
    return this.views.detail(user, null, project);
  }

  async updateProject(user: Principal, id: string, body: UpdateProjectBody): Promise<ProjectDetail> {
    const { project } = await this.access.load(user, id, 'edit');
    mustBeActive(project, '修改');
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
      await checkUnits(this.db, body.responsibleUnitIds);
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
    return this.views.detail(user, null, updated);
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
    return this.views.detail(user, null, after);
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
    mustBeActive(project, '添加里程碑');
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
    mustBeActive(project, '更新里程碑');
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
    await checkPhotos(this.db, user, body.photos);
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
}
