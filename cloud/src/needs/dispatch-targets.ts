import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { servingName, type NeedRoute, PLACEHOLDER_NAME } from '@gongzhi/shared';
import { ActivityModel, type Activity } from '../activities/activity.model';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import type { Place } from '../core/place';
import { OrgModel, type Org } from '../org/org.model';
import { GrantsService } from '../grants/grants.service';
import { UserModel, type User } from '../people/user.model';
import { ProjectModel, type Project } from '../projects/project.model';
import { ResourceModel, type Resource } from '../resources/resource.model';
import type { Need } from './need.model';

/** Who a dispatched need goes to: a name people read, and the users who must act on it. */
export interface DispatchTarget {
  title: string;
  mustAct: Types.ObjectId[];
  /** A person resource with an account: the need is theirs to take, decline or complete (待我服务). */
  assignee?: { id: Types.ObjectId; name: string };
}

const refuse = (message: string) => new AppError('VALIDATION_FAILED', message, [{ path: 'body.targetId', message }]);

/**
 * Checks a dispatch target against the need (it exists, is live, and serves the need's place and
 * category) and names whoever must act: the unit's admins, the activity's or project's organiser,
 * or the department's officials.
 */
@Provide()
export class DispatchTargets {
  @Inject()
  db!: Db;

  @Inject()
  grants!: GrantsService;

  async resolve(need: Pick<Need, 'place' | 'categoryCode'>, route: NeedRoute): Promise<DispatchTarget> {
    const _id = new Types.ObjectId(route.targetId);
    const sameStreet = (p: Place) => p.streetId.equals(need.place.streetId);
    switch (route.kind) {
      case 'resource': {
        const r = await this.db.model(ResourceModel).findById(_id).lean<Resource>();
        if (!r || !r.active) throw refuse('没有找到派单对象');
        if (!sameStreet(r.place)) throw refuse('该资源不服务这条需求所在的街道');
        // A person with an account who still serves the unit serves it themselves; otherwise the
        // unit's administrators arrange it.
        const assignee = await this.assigneeOf(r);
        if (assignee) return { title: r.name, mustAct: [assignee.id], assignee };
        const admins = r.unitId ? await this.grants.holders('unitAdmin', r.unitId) : [];
        return { title: r.name, mustAct: admins };
      }
      case 'activity': {
        const a = await this.db.model(ActivityModel).findById(_id).lean<Activity>();
        if (!a || a.status !== 'published') throw refuse('没有找到可派单的活动');
        if (!sameStreet(a.place)) throw refuse('该活动不在这条需求所在的街道');
        return { title: a.title, mustAct: [a.createdBy] };
      }
      case 'project': {
        const p = await this.db.model(ProjectModel).findById(_id).lean<Project>();
        if (!p || p.status === 'delivered' || p.status === 'cancelled') throw refuse('没有找到可并入的项目');
        if (p.categoryCode !== need.categoryCode) throw refuse('项目与需求的类别不同');
        if (!sameStreet(p.place)) throw refuse('该项目不在这条需求所在的街道');
        return { title: p.title, mustAct: [p.createdBy] };
      }
      case 'whistle': {
        const dept = await this.db.model(OrgModel).findOne({ _id, kind: 'department' }).lean<Org>();
        if (!dept) throw refuse('没有找到这个职能部门');
        return { title: dept.name, mustAct: await this.grants.holders('department', dept._id) };
      }
    }
  }

  /** The resource's own person, while their service-person grant at its unit is active, named as residents read it. */
  private async assigneeOf(r: Resource): Promise<{ id: Types.ObjectId; name: string } | null> {
    if (!r.personId || !r.unitId) return null;
    const serving = await this.grants.holders('servicePerson', r.unitId);
    if (!serving.some((id) => id.equals(r.personId!))) return null;
    const user = await this.db.model(UserModel).findById(r.personId, { name: 1 }).lean<Pick<User, 'name'>>();
    const own = user?.name && user.name !== PLACEHOLDER_NAME ? user.name : null;
    const name = own ?? r.contact?.name ?? r.name.replace(/[（(].*$/, '');
    return { id: r.personId, name: servingName(name, r.kind) };
  }
}
