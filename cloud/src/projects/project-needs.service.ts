import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { NEED_STATUS_LABELS, type DeliverProjectResponse, type FieldError, type NeedStatus } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { placeInScope } from '../core/place';
import type { Principal } from '../core/principal';
import { NeedModel, type Need } from '../needs/need.model';
import { NeedsService } from '../needs/needs.service';
import { ProjectAccess } from './project-access';
import { ProjectNeedModel, type ProjectNeed } from './project-need.model';
import { projectLog } from './project-log';
import { ProjectModel, type Project } from './project.model';
import { mustBeActive } from './project-rules';
import { ProjectsService } from './projects.service';
import { oid } from '../core/oid';

/** A need can join a project once accepted and until it is done. */
const LINKABLE: readonly NeedStatus[] = ['accepted', 'routed', 'in_progress'];

/**
 * Use cases linking projects and needs: link_needs, unlink_need, list_project_needs,
 * deliver_project (every linked need moves to done, each with its own event on its timeline).
 */
@Provide()
export class ProjectNeedsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  access!: ProjectAccess;

  @Inject()
  projects!: ProjectsService;

  @Inject()
  needs!: NeedsService;

  /**
   * Links needs of the project's category and community (street, for a street project), all or
   * none. UNIQUE (needId) on projectNeeds keeps a need in one project even when two staff link it
   * at once. An accepted need is dispatched to the project, so that delivery can complete it.
   */
  async linkNeeds(user: Principal, id: string, needIds: string[]): Promise<{ linked: number; needsCount: number }> {
    const { project } = await this.access.load(user, id, 'edit');
    mustBeActive(project, '纳入需求');
    const found = new Map(
      (
        await this.db
          .model(NeedModel)
          .find({ _id: { $in: needIds.map(oid) } })
          .lean<Need[]>()
      ).map((n) => [String(n._id), n]),
    );
    // A need dispatched to another project belongs there, unless that project was cancelled (it let go of its needs).
    const otherProjects = [...found.values()].flatMap((n) =>
      n.route?.kind === 'project' && !n.route.targetId.equals(project._id) ? [n.route.targetId] : [],
    );
    const liveElsewhere = new Set(
      otherProjects.length
        ? (
            await this.db
              .model(ProjectModel)
              .find({ _id: { $in: otherProjects }, status: { $ne: 'cancelled' } }, { _id: 1 })
              .lean<Project[]>()
          ).map((p) => String(p._id))
        : [],
    );
    const invalid: FieldError[] = [];
    const blocked: FieldError[] = [];
    needIds.forEach((needId, i) => {
      const path = `body.needIds.${i}`;
      const n = found.get(needId);
      if (!n || !placeInScope(user, n.place)) return invalid.push({ path, message: '没有找到该需求' });
      if (n.categoryCode !== project.categoryCode) return invalid.push({ path, message: '需求类别与项目不同' });
      const sameArea =
        project.level === 'street'
          ? n.place.streetId.equals(project.place.streetId)
          : n.place.communityId.equals(project.place.communityId);
      if (!sameArea)
        return invalid.push({
          path,
          message: project.level === 'street' ? '需求不在项目所在街道' : '需求不在项目所在社区',
        });
      if (!LINKABLE.includes(n.status)) {
        const why = n.status === 'submitted' ? '请先受理该需求' : `${NEED_STATUS_LABELS[n.status]}的需求不能纳入项目`;
        return blocked.push({ path, message: why });
      }
      if (n.route?.kind === 'project' && liveElsewhere.has(String(n.route.targetId)))
        blocked.push({ path, message: '该需求已派给其他项目' });
    });
    if (invalid.length) throw new AppError('VALIDATION_FAILED', undefined, invalid);

    const existing = await this.db
      .model(ProjectNeedModel)
      .find({ needId: { $in: needIds.map(oid) } })
      .lean<ProjectNeed[]>();
    if (existing.length) {
      throw new AppError(
        'CONFLICT',
        '有需求已纳入项目，一个需求只能纳入一个项目',
        existing.map((l) => ({
          path: `body.needIds.${needIds.indexOf(String(l.needId))}`,
          message: l.projectId.equals(project._id) ? '该需求已纳入本项目' : '该需求已纳入其他项目',
        })),
      );
    }
    if (blocked.length) throw new AppError('INVALID_TRANSITION', '有需求当前的状态不能纳入项目', blocked);

    const now = this.clock.now();
    const inserted: Types.ObjectId[] = [];
    const undo = () =>
      this.db.model(ProjectNeedModel).deleteMany({ projectId: project._id, needId: { $in: inserted } });
    for (const needId of needIds) {
      try {
        await this.db
          .model(ProjectNeedModel)
          .create({ projectId: project._id, needId: oid(needId), linkedBy: oid(user.userId), linkedAt: now });
        inserted.push(oid(needId));
      } catch (err) {
        await undo();
        if (isDuplicateKey(err)) {
          throw new AppError('CONFLICT', '有需求刚被纳入了其他项目，请刷新后再试', [
            { path: `body.needIds.${needIds.indexOf(needId)}`, message: '该需求已纳入其他项目' },
          ]);
        }
        throw err;
      }
    }
    // A delivery or cancellation that won meanwhile has already read its links: ours would be left behind.
    const log = await projectLog(this.db).eventsOf(project._id);
    const last = log[log.length - 1];
    if (last && !['draft', 'open', 'delivering'].includes(last.to)) {
      await undo();
      throw new AppError('INVALID_TRANSITION', '项目刚刚已交付或撤销，不能再纳入需求');
    }
    const actor = { userId: user.userId, role: this.access.roleOf(user) };
    for (const needId of needIds) {
      if (found.get(needId)!.status !== 'accepted') continue;
      await this.needs
        .transition(needId, 'dispatch', actor, `纳入项目「${project.title}」`, {
          route: { kind: 'project', targetId: String(project._id) },
        })
        // Moved by someone else meanwhile: it stays linked; delivery reports it if it cannot complete it.
        .catch((err) => {
          if (!(err instanceof AppError)) throw err;
        });
    }
    return {
      linked: inserted.length,
      needsCount: await this.db.model(ProjectNeedModel).countDocuments({ projectId: project._id }),
    };
  }

  async unlinkNeed(user: Principal, id: string, needId: string): Promise<{ needsCount: number }> {
    const { project } = await this.access.load(user, id, 'edit');
    mustBeActive(project, '移出需求');
    const res = await this.db.model(ProjectNeedModel).deleteOne({ projectId: project._id, needId: oid(needId) });
    if (!res.deletedCount) throw new AppError('NOT_FOUND', '该需求不在这个项目中');
    return { needsCount: await this.db.model(ProjectNeedModel).countDocuments({ projectId: project._id }) };
  }

  async listProjectNeeds(user: Principal, id: string, page: number, pageSize: number) {
    const { project } = await this.access.load(user, id, 'edit');
    const model = this.db.model(ProjectNeedModel);
    const [total, links] = await Promise.all([
      model.countDocuments({ projectId: project._id }),
      model
        .find({ projectId: project._id })
        .sort({ linkedAt: 1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<ProjectNeed[]>(),
    ]);
    const needs = new Map(
      (
        await this.db
          .model(NeedModel)
          .find({ _id: { $in: links.map((l) => l.needId) } }, { title: 1, status: 1 })
          .lean<Need[]>()
      ).map((n) => [String(n._id), n]),
    );
    const items = links.flatMap((l) => {
      const n = needs.get(String(l.needId));
      return n ? [{ needId: String(n._id), title: n.title, status: n.status, linkedAt: l.linkedAt.toISOString() }] : [];
    });
    return { items, total, page, pageSize };
  }

  /**
   * Delivers a project: the 'deliver' event is inserted first (UNIQUE (projectId, seq): of two
   * simultaneous deliveries one wins, the other answers 409), then every linked need is completed
   * through the needs area, each with its own event. A need that cannot complete now (withdrawn,
   * already done, not yet dispatched…) is left as it is and reported.
   */
  async deliverProject(user: Principal, id: string, note?: string): Promise<DeliverProjectResponse> {
    const { project } = await this.access.load(user, id, 'edit');
    const delivered: Project = await this.projects.transition(user, project, 'deliver', note);
    await this.adoptDispatchedNeeds(user, delivered);
    const links = await this.db
      .model(ProjectNeedModel)
      .find({ projectId: project._id })
      .sort({ linkedAt: 1, _id: 1 })
      .lean<ProjectNeed[]>();
    const actor = { userId: user.userId, role: this.access.roleOf(user) };
    const text = [`项目「${project.title}」已交付`, note?.trim()].filter(Boolean).join('：');
    let done = 0;
    const skipped: DeliverProjectResponse['skipped'] = [];
    for (const link of links) {
      try {
        await this.needs.transition(String(link.needId), 'complete', actor, text);
        done++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        skipped.push({ needId: String(link.needId), reason: err.message });
      }
    }
    return { delivered: done, skipped };
  }

  /**
   * Needs dispatched to this project from the needs area (route = project) count as linked:
   * link those not linked yet. One already in another project stays there (UNIQUE needId).
   */
  private async adoptDispatchedNeeds(user: Principal, project: Project): Promise<void> {
    const routed = await this.db
      .model(NeedModel)
      .find({ 'route.kind': 'project', 'route.targetId': project._id }, { _id: 1 })
      .lean<Need[]>();
    const now = this.clock.now();
    for (const n of routed) {
      await this.db
        .model(ProjectNeedModel)
        .create({ projectId: project._id, needId: n._id, linkedBy: oid(user.userId), linkedAt: now })
        .catch((err) => {
          if (!isDuplicateKey(err)) throw err;
        });
    }
  }
}
