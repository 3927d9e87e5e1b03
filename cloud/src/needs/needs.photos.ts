import { Types } from 'mongoose';
import { placeScope } from '../core/place';
import { registerPhotoVisibility } from '../uploads/photo-visibility';
import { NeedModel } from './need.model';

// Staff see the photos of the needs in their area; the resident those of the work done for them;
// the service person those of the need they serve.
registerPhotoVisibility({
  area: 'needs',
  async visible({ db }, user, uploadId) {
    const scope = placeScope(user);
    const inNeed = { $or: [{ photos: uploadId }, { resultPhotos: uploadId }] };
    const me = new Types.ObjectId(user.userId);
    return (
      (!!scope && !!(await db.model(NeedModel).exists({ $and: [scope, inNeed] }))) ||
      !!(await db.model(NeedModel).exists({ owner: me, resultPhotos: uploadId })) ||
      !!(await db.model(NeedModel).exists({ assigneeId: me, ...inNeed }))
    );
  },
});
