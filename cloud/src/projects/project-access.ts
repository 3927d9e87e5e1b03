import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { PROJECT_EDITORS, PROJECT_PUBLIC_STATUSES, type Role } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import { placeInScope, placeScope } from '../core/place';
import type { Principal } from '../core/principal';
import { ProjectModel, type Project } from './project.model';
import { oid } from '../core/oid';

export type ProjectNeedLevel = 'read' | 'edit' | 'report';

const isEditorRole = (r: Role) => (PROJECT_EDITORS as readonly Role[]).includes(r);
export const projectNotFound = () => new AppError('NOT_FOUND', '没有找到这个项目');

/**
 * Who may see and change a project.
 * - Editors (staff, streetAdmin, countyAdmin) see every project in their place scope, drafts included, and edit them.
 * - Everyone sees the public projects (open, delivering, delivered) of their own community, and
 *   street projects of their street; unit admins those their unit is responsible for (and may report
 *   progress on them); departments all public ones (projects whistle to departments).
 * Out of sight answers 404; in sight but not theirs to change answers 403.
 */
@Provide()
export class ProjectAccess {
  @Inject()
  db!: Db;

  /** The unit a unit admin acts for (not carried in the token). */
  async unitOf(user: Principal): Promise<Types.ObjectId | null> {
    if (!user.roles.includes('unitAdmin')) return null;
    return user.unitId ? oid(user.unitId) : null;
  }

  /** The mongo filter of the projects a caller may read. */
  readFilter(user: Principal, unitId: Types.ObjectId | null): Record<string, unknown> {
    const pub = { status: { $in: PROJECT_PUBLIC_STATUSES } };
    const or: Record<string, unknown>[] = [];
    const scope = user.roles.some(isEditorRole) ? placeScope(user) : null;
    if (scope) or.push(scope);
    if (user.roles.includes('department')) or.push(pub);
    if (user.communityId) {
      or.push({ ...pub, 'place.communityId': oid(user.communityId) });
      if (user.streetId) or.push({ ...pub, level: 'street', 'place.streetId': oid(user.streetId) });
    }
    if (unitId) or.push({ ...pub, responsibleUnitIds: unitId });
    if (!or.length) return { _id: null };
    return or.length === 1 ? or[0] : { $or: or };
  }

  canRead(user: Principal, unitId: Types.ObjectId | null, p: Project): boolean {
    if (this.canEdit(user, p)) return true;
    if (!PROJECT_PUBLIC_STATUSES.includes(p.status)) return false;
    if (user.roles.includes('department')) return true;
    if (user.communityId && String(p.place.communityId) === user.communityId) return true;
    if (user.communityId && p.level === 'street' && String(p.place.streetId) === user.streetId) return true;
    return !!unitId && p.responsibleUnitIds.some((u) => u.equals(unitId));
  }

  canEdit(user: Principal, p: Project): boolean {
    return user.roles.some(isEditorRole) && placeInScope(user, p.place);
  }

  /** Progress reports (milestone progress, public updates): editors, and admins of a responsible unit. */
  canReport(user: Principal, unitId: Types.ObjectId | null, p: Project): boolean {
    if (this.canEdit(user, p)) return true;
    return !!unitId && p.responsibleUnitIds.some((u) => u.equals(unitId)) && this.canRead(user, unitId, p);
  }

  /** Loads a project for a use case at the given level, or fails the way the rules above say. */
  async load(
    user: Principal,
    id: string,
    level: ProjectNeedLevel,
  ): Promise<{ project: Project; unitId: Types.ObjectId | null }> {
    const [project, unitId] = await Promise.all([
      this.db.model(ProjectModel).findById(oid(id)).lean<Project>(),
      this.unitOf(user),
    ]);
    if (!project || !this.canRead(user, unitId, project)) throw projectNotFound();
    if (level === 'edit' && !this.canEdit(user, project))
      throw new AppError('FORBIDDEN', '只有项目所在社区、街道或县级的管理人员可以修改项目');
    if (level === 'report' && !this.canReport(user, unitId, project)) {
      throw new AppError('FORBIDDEN', '只有项目管理人员和责任单位可以报告进展');
    }
    return { project, unitId };
  }

  /** The editor role the caller acts in, for timelines. */
  roleOf(user: Principal): Role {
    return user.roles.find(isEditorRole) ?? user.roles[0];
  }
}
