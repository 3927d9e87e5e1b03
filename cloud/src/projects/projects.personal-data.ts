import { ERASED_NAME, registerPersonalData } from '../people/personal-data';
import { ProjectUpdateModel } from './project-update.model';
import { ProjectEventModel } from './project.model';

// Projects keep their public record; a deleted account's name on updates and events is replaced.
registerPersonalData({
  area: 'projects',
  async exportFor({ db }, userId) {
    const updates = await db.model(ProjectUpdateModel).countDocuments({ authorId: userId });
    return { updatesWritten: updates };
  },
  async eraseFor({ db }, userId) {
    await db.model(ProjectUpdateModel).updateMany({ authorId: userId }, { $set: { authorName: ERASED_NAME } });
    await db.model(ProjectEventModel).updateMany({ actorId: userId }, { $set: { actorName: ERASED_NAME } });
  },
});
