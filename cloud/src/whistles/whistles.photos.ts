import { registerPhotoVisibility } from '../uploads/photo-visibility';
import { WhistlesService } from './whistles.service';

// Everyone sees the photos of the whistles they may read (on the whistle or in its timeline).
registerPhotoVisibility({
  area: 'whistles',
  async visible({ resolve }, user, uploadId) {
    return (await resolve(WhistlesService)).photoVisible(user, uploadId);
  },
});
