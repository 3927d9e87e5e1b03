import { Inject, Provide } from '@midwayjs/core';
import { NEED_HANDLER_ROLES, type FieldError, type NeedActor, type Role } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import type { NeedActorRef } from './need-log';
import { actorsOf } from './need-views';
import { NeedModel, type Need } from './need.model';
import { UploadModel } from '../uploads/upload.model';
import { oid } from '../core/oid';

const isHandlerRole = (r: Role) => (NEED_HANDLER_ROLES as readonly Role[]).includes(r);

/** Who may see a need and in which capacity they act on it; photos a caller may attach. */
@Provide()
export class NeedsAccess {
  @Inject()
  db!: Db;

  /** The need if the caller owns it or handles needs at its place; otherwise 404 (existence is not revealed). */
  async findVisible(user: Principal, id: string): Promise<{ need: Need; actors: NeedActor[] }> {
    const need = await this.db.model(NeedModel).findById(id).lean<Need>();
    const actors = need ? actorsOf(user, need) : [];
    if (!need || !actors.length) throw new AppError('NOT_FOUND', '没有找到这条需求');
    return { need, actors };
  }

  /** The capacities of another area's or a job's actor (its own permissions are checked by the caller). */
  actorsOfRef(need: Need, actor: NeedActorRef): NeedActor[] {
    const actors: NeedActor[] = [];
    if (actor.userId === null) actors.push('system');
    else {
      if (String(need.owner) === actor.userId) actors.push('owner');
      if (isHandlerRole(actor.role as Role)) actors.push('handler');
    }
    return actors;
  }

  /** Photos named in a request must be the caller's own uploads. */
  async ownPhotoErrors(user: Principal, photos: string[]): Promise<FieldError[]> {
    if (!photos.length) return [];
    const mine = await this.db
      .model(UploadModel)
      .find({ _id: { $in: photos.map(oid) }, owner: oid(user.userId) }, { _id: 1 })
      .lean();
    const found = new Set(mine.map((u) => String(u._id)));
    return photos.flatMap((id, i) =>
      found.has(id) ? [] : [{ path: `body.photos.${i}`, message: '没有找到这张照片，请重新上传' }],
    );
  }
}
