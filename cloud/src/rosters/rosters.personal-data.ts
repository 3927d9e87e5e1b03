import { registerPersonalData } from '../people/personal-data';
import { RosterEventModel, type RosterEventDoc } from './roster-event.model';

// A volunteer's (or resident's) roster history is about them: exported without the personal values
// (they are the person's own name and phone, already in the profile), and on deletion those values are
// blanked in every event (encrypted as they are, they still name the person). The events stay, as
// what happened to the roster row and who did it.
registerPersonalData({
  area: 'rosters',
  collections: ['rosterEvents'],
  async exportFor({ db }, userId) {
    const events = await db
      .model(RosterEventModel)
      .find({ rowId: userId, rowKind: 'person' })
      .sort({ at: 1, _id: 1 })
      .lean<RosterEventDoc[]>();
    return events.map((e) => ({
      action: e.action,
      fields: e.changes.map((c) => c.field),
      changes: e.changes.filter((c) => !c.personal).map((c) => ({ field: c.field, from: c.from, to: c.to })),
      reason: e.reason,
      via: e.via,
      at: e.at,
    }));
  },
  async eraseFor({ db }, userId) {
    const events = await db
      .model(RosterEventModel)
      .find({ rowId: userId, rowKind: 'person' }, { changes: 1 })
      .lean<RosterEventDoc[]>();
    for (const e of events.filter((x) => x.changes.some((c) => c.personal && (c.from || c.to))))
      await db
        .model(RosterEventModel)
        .updateOne(
          { _id: e._id },
          { $set: { changes: e.changes.map((c) => (c.personal ? { ...c, from: null, to: null } : c)) } },
        );
  },
});
