import { placeScope } from '../core/place';
import { registerPhotoVisibility } from '../uploads/photo-visibility';
import { FindingModel } from './finding.model';

// Staff see the photos of the patrol findings in their area.
registerPhotoVisibility({
  area: 'grids',
  async visible({ db }, user, uploadId) {
    const scope = placeScope(user);
    return !!scope && !!(await db.model(FindingModel).exists({ $and: [scope, { photos: uploadId }] }));
  },
});
