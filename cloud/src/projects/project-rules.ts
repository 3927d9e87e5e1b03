import { PROJECT_ACTIVE_STATUSES } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import type { Db } from '../core/db';
import { oid } from '../core/oid';
import type { Principal } from '../core/principal';
import { UploadModel } from '../uploads/upload.model';
import { UnitModel, type Unit } from '../org/unit.model';
import type { Project } from './project.model';

// Rules a project's changes must keep.

export function mustBeActive(project: Project, what: string): void {
  if (!PROJECT_ACTIVE_STATUSES.includes(project.status)) {
    throw new AppError(
      'INVALID_TRANSITION',
      `${project.status === 'delivered' ? '已交付' : '已撤销'}的项目不能再${what}`,
    );
  }
}

export async function checkUnits(db: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = new Set(
    (
      await db
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
export async function checkPhotos(db: Db, user: Principal, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const mine = new Set(
    (
      await db
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
