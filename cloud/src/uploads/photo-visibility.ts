import type { Types } from 'mongoose';
import type { Db } from '../core/db';
import type { Principal } from '../core/principal';

/** What an area's check may use: the database and the area's own services. */
export interface PhotoVisibilityContext {
  db: Db;
  resolve<T>(cls: new (...args: any[]) => T): Promise<T>;
}

/**
 * An area whose records show photos (a need, a patrol finding, a public project update, a whistle)
 * tells uploads whether a person may see one there. Uploads imports no area: each registers itself
 * in its `<area>.photos.ts`, as personal data does with registerPersonalData.
 */
export interface PhotoVisibility {
  area: string;
  /** Whether one of the area's records that `user` may read shows the photo. */
  visible(ctx: PhotoVisibilityContext, user: Principal, uploadId: Types.ObjectId): Promise<boolean>;
}

const registered = new Map<string, PhotoVisibility>();

/** Registers an area's check; the app loads every file under cloud/src, so `<area>.photos.ts` plugs in alone. */
export function registerPhotoVisibility(v: PhotoVisibility): void {
  registered.set(v.area, v);
}

/** The registered areas, for UploadsService.showUpload. */
export function photoVisibilities(): PhotoVisibility[] {
  return [...registered.values()];
}
