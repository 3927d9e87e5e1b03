import { ERASED_NAME, reassign, registerPersonalData } from '../people/personal-data';
import { ProjectUpdateModel } from './project-update.model';
import { ProjectEventModel } from './project.model';

// Projects keep their public record; a deleted account's name on updates and events is replaced.
registerPersonalData({
  area: 'projects',
  collections: ['projectEvents', 'projectUpdates'],
  async exportFor({ db }, userId) {
    const updates = await db.model(ProjectUpdateModel).countDocuments({ authorId: userId });
    return { updatesWritten: updates };
  },
  async eraseFor({ db }, userId) {
    await db.model(ProjectUpdateModel).updateMany({ authorId: userId }, { $set: { authorName: ERASED_NAME } });
    await db.model(ProjectEventModel).updateMany({ actorId: userId }, { $set: { actorName: ERASED_NAME } });
  },
  async mergeInto({ db }, from, to) {
    await reassign(db.model(ProjectUpdateModel), 'authorId', from, to);
    await reassign(db.model(ProjectEventModel), 'actorId', from, to);
  },
});
