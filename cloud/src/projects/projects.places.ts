import { countPlaced, movePlaced, registerPlaceRecords, writeEach } from '../org/place-records';
import { ProjectModel, type Project } from './project.model';

const OPEN = { status: { $in: ['draft', 'open', 'delivering'] } };

/**
 * How projects follow the tree (their place, delivered ones too), and how a merged unit's
 * responsibilities go to the unit taking over.
 */
registerPlaceRecords({
  area: 'projects',
  collections: ['projects'],
  async count(ctx, node) {
    return [{ kind: 'openProjects', count: await countPlaced(ctx, ProjectModel, node, { where: OPEN }) }];
  },
  async move(ctx, change) {
    await movePlaced(ctx, ProjectModel, change);
  },
  async countUnit(ctx, unit) {
    return [
      {
        kind: 'openProjects',
        count: await ctx.db.model(ProjectModel).countDocuments({ responsibleUnitIds: unit._id, ...OPEN }),
      },
    ];
  },
  async moveUnit(ctx, { from, to }) {
    if (from._id.equals(to._id)) return;
    const model = ctx.db.model(ProjectModel);
    const docs = await model.find({ responsibleUnitIds: from._id }, { responsibleUnitIds: 1 }).lean<Project[]>();
    await writeEach(
      model,
      docs.map((p) => {
        const ids = p.responsibleUnitIds.map((id) => (id.equals(from._id) ? to._id : id));
        return {
          _id: p._id,
          set: { responsibleUnitIds: ids.filter((id, i) => ids.findIndex((x) => x.equals(id)) === i) },
        };
      }),
    );
  },
});
