import { registerPhotoVisibility } from '../uploads/photo-visibility';
import { ProjectsService } from './projects.service';

// Everyone who may read a project sees the photos of its public updates.
registerPhotoVisibility({
  area: 'projects',
  async visible({ resolve }, user, uploadId) {
    return (await resolve(ProjectsService)).photoVisible(user, uploadId);
  },
});
