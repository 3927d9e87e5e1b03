import { birthDateOfIdNumber, type StaffRow } from '@gongzhi/shared';
import { StaffMemberModel, type StaffMemberDoc } from '../../people/staff-member.model';
import {
  communityNameOf,
  communityOf,
  insertIgnoringDuplicates,
  isProblem,
  setEach,
  shownFlag,
  shownText,
  streetIdOf,
  type ImportKindDef,
} from '../kind';
import type { Types } from 'mongoose';

interface StaffData {
  row: StaffRow;
  idHash: string;
  placeId: Types.ObjectId;
  streetId: Types.ObjectId;
}

/** Community staff (两委 and workers) keyed by the blind index of their ID number. */
export const staffKind: ImportKindDef<StaffRow, StaffData, StaffMemberDoc> = {
  kind: 'staff',
  plan(ctx, row) {
    const community = communityOf(ctx, row.community);
    if (isProblem(community)) return community;
    const idHash = ctx.cipher.blindIndex('idNumber', row.idNumber);
    return {
      key: idHash,
      view: {
        name: row.name,
        phone: row.phone,
        placeId: String(community._id),
        education: row.education,
        post: row.post,
        committee: row.committee,
      },
      data: { row, idHash, placeId: community._id, streetId: streetIdOf(community) },
    };
  },
  async existing(ctx) {
    const docs = await ctx.db
      .model(StaffMemberModel)
      .find({ placeId: { $in: [...ctx.communities.values()].map((c) => c._id) } })
      .lean<StaffMemberDoc[]>();
    return new Map(docs.map((d) => [d.idHash, d]));
  },
  viewOf(ctx, d) {
    return {
      name: d.name,
      phone: ctx.cipher.decrypt(d.phoneEnc),
      placeId: String(d.placeId),
      education: d.education,
      post: d.post,
      committee: d.committee,
    };
  },
  history: {
    rowKind: 'staffMember',
    show: (ctx, v) => ({
      name: shownText(v.name),
      phone: shownText(v.phone),
      post: shownText(v.post),
      committee: shownFlag(v.committee),
      education: shownText(v.education),
      community: communityNameOf(ctx, v.placeId),
    }),
    rowOf: (_ctx, doc, plan) => ({ rowId: doc._id, communityId: plan.data.placeId }),
  },
  async write(ctx, fresh, changed) {
    const fields = (d: StaffData) => ({
      name: d.row.name,
      placeId: d.placeId,
      streetId: d.streetId,
      birthDate: birthDateOfIdNumber(d.row.idNumber)!,
      education: d.row.education,
      post: d.row.post,
      committee: d.row.committee,
      phoneEnc: ctx.cipher.encrypt(d.row.phone),
      updatedAt: ctx.now,
    });
    const model = ctx.db.model(StaffMemberModel);
    await insertIgnoringDuplicates(
      model,
      fresh.map((p) => ({
        ...fields(p.data),
        active: true,
        idHash: p.data.idHash,
        idNumberEnc: ctx.cipher.encrypt(p.data.row.idNumber),
      })),
    );
    await setEach(
      model,
      changed.map(({ plan, doc }) => ({ filter: { _id: doc._id }, set: fields(plan.data) })),
    );
  },
};
