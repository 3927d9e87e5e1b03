import { registerPersonalData } from '../people/personal-data';
import { EvaluationModel, RegistrationModel, type EvaluationDoc, type RegistrationDoc } from './registration.model';

// 双报到 is the person's own record (and says they are a party member): exported with its year-end
// evaluations, and deleted with the account.
registerPersonalData({
  area: 'party',
  async exportFor({ db }, userId) {
    const reg = await db.model(RegistrationModel).findOne({ userId }).lean<RegistrationDoc>();
    if (!reg) return { registration: null, evaluations: [] };
    const evaluations = await db
      .model(EvaluationModel)
      .find({ registrationId: reg._id })
      .sort({ year: -1 })
      .lean<EvaluationDoc[]>();
    return {
      registration: {
        communityId: String(reg.communityId),
        postId: String(reg.postId),
        unitId: String(reg.unitId),
        registeredAt: reg.registeredAt,
      },
      evaluations: evaluations.map((e) => ({ year: e.year, rating: e.rating, comment: e.comment, at: e.at })),
    };
  },
  async eraseFor({ db }, userId) {
    const reg = await db.model(RegistrationModel).findOne({ userId }, { _id: 1 }).lean<{ _id: unknown }>();
    if (!reg) return;
    await db.model(EvaluationModel).deleteMany({ registrationId: reg._id });
    await db.model(RegistrationModel).deleteOne({ _id: reg._id });
  },
});
