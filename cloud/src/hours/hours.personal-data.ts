import { ERASED_NAME, reassign, registerPersonalData } from '../people/personal-data';
import { CertificateModel, type Certificate } from './hours.model';

// Service records stay (anonymous under the person's id). Issued certificates carry the name as
// printed: after deletion a check of the code says whose it was no more.
registerPersonalData({
  area: 'hours',
  collections: ['certificates'],
  async exportFor({ db }, userId) {
    const certs = await db
      .model(CertificateModel)
      .find({ personId: userId })
      .sort({ issuedAt: -1 })
      .lean<Certificate[]>();
    return {
      certificates: certs.map((c) => ({
        code: c._id,
        issuer: c.issuerName,
        totalMinutes: c.totalMinutes,
        star: c.star,
        issuedAt: c.issuedAt,
        lines: c.lines,
      })),
    };
  },
  async eraseFor({ db }, userId) {
    await db.model(CertificateModel).updateMany({ personId: userId }, { $set: { personName: ERASED_NAME } });
  },
  async mergeInto({ db }, from, to) {
    await reassign(db.model(CertificateModel), 'personId', from, to);
  },
});
