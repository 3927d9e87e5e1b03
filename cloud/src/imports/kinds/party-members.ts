import { Types } from 'mongoose';
import {
  EMPLOYMENT_LABELS,
  HEALTH_LABELS,
  birthDateOfIdNumber,
  computeMemberCategory,
  type Employment,
  type Health,
  type PartyMemberRow,
} from '@gongzhi/shared';
import { BranchModel, type BranchDoc } from '../../party/branch.model';
import { linkByIdHashes } from '../../party/member-links';
import { PartyMemberModel, type PartyMemberDoc } from '../../party/party-member.model';
import {
  communityNameOf,
  communityOf,
  insertIgnoringDuplicates,
  isProblem,
  keyId,
  setEach,
  shownFlag,
  shownText,
  streetIdOf,
  type ImportContext,
  type ImportKindDef,
} from '../kind';

interface MemberData {
  row: PartyMemberRow;
  idHash: string;
  birthDate: string;
  branch: { _id: Types.ObjectId; name: string; placeId: Types.ObjectId; streetId: Types.ObjectId; exists: boolean };
  placeId: Types.ObjectId;
  streetId: Types.ObjectId;
}

const branchesOf = new WeakMap<ImportContext, Map<string, BranchDoc>>();
/** Branch names by id, those a file creates included: the history names the branch, not its id. */
const branchNames = new WeakMap<ImportContext, Map<string, string>>();

/** Party members keyed by the blind index of their ID number (unique in `partyMembers`). */
export const partyMembersKind: ImportKindDef<PartyMemberRow, MemberData, PartyMemberDoc> = {
  kind: 'partyMembers',
  async prepare(ctx) {
    const branches = await ctx.db
      .model(BranchModel)
      .find({ placeId: { $in: [...ctx.communities.values()].map((c) => c._id) } })
      .lean<BranchDoc[]>();
    branchesOf.set(ctx, new Map(branches.map((b) => [`${b.placeId}/${b.name}`, b])));
    branchNames.set(ctx, new Map(branches.map((b) => [String(b._id), b.name])));
  },
  plan(ctx, row) {
    const community = communityOf(ctx, row.community);
    if (isProblem(community)) return community;
    const found = branchesOf.get(ctx)!.get(`${community._id}/${row.branch}`);
    // A branch the community does not have yet is created with the first member (deterministic id).
    const branch = found
      ? { ...found, exists: true }
      : {
          _id: keyId('branch', `${community._id}/${row.branch}`),
          name: row.branch,
          placeId: community._id,
          streetId: streetIdOf(community),
          exists: false,
        };
    branchNames.get(ctx)!.set(String(branch._id), branch.name);
    const idHash = ctx.cipher.blindIndex('idNumber', row.idNumber);
    const birthDate = birthDateOfIdNumber(row.idNumber)!;
    return {
      key: idHash,
      view: {
        name: row.name,
        phone: row.phone,
        placeId: String(community._id),
        branchId: String(branch._id),
        employment: row.employment,
        health: row.health,
        mobile: row.mobile,
      },
      data: { row, idHash, birthDate, branch, placeId: community._id, streetId: streetIdOf(community) },
    };
  },
  async existing(ctx) {
    const docs = await ctx.db
      .model(PartyMemberModel)
      .find({ placeId: { $in: [...ctx.communities.values()].map((c) => c._id) } })
      .lean<PartyMemberDoc[]>();
    return new Map(docs.map((d) => [d.idHash, d]));
  },
  viewOf(ctx, doc) {
    return {
      name: ctx.cipher.decrypt(doc.nameEnc),
      phone: ctx.cipher.decrypt(doc.phoneEnc),
      placeId: String(doc.placeId),
      branchId: String(doc.branchId),
      employment: doc.employment,
      health: ctx.cipher.decrypt(doc.healthEnc),
      mobile: doc.mobile,
    };
  },
  history: {
    rowKind: 'partyMember',
    show: (ctx, v) => ({
      name: shownText(v.name),
      phone: shownText(v.phone),
      employment: EMPLOYMENT_LABELS[v.employment as Employment] ?? null,
      health: HEALTH_LABELS[v.health as Health] ?? null,
      mobile: shownFlag(v.mobile),
      branch: branchNames.get(ctx)?.get(String(v.branchId)) ?? null,
      community: communityNameOf(ctx, v.placeId),
    }),
    rowOf: (_ctx, doc, plan) => ({ rowId: doc._id, communityId: plan.data.placeId }),
  },
  async write(ctx, fresh, changed) {
    const all = [...fresh, ...changed.map((c) => c.plan)];
    const newBranches = new Map(
      all.filter((p) => !p.data.branch.exists).map((p) => [String(p.data.branch._id), p.data.branch]),
    );
    await insertIgnoringDuplicates(
      ctx.db.model(BranchModel),
      [...newBranches.values()].map((b) => ({
        _id: b._id,
        name: b.name,
        placeId: b.placeId,
        unitId: null,
        streetId: b.streetId,
      })),
    );
    const fields = (d: MemberData) => {
      const { row } = d;
      const computed = computeMemberCategory(
        { birthDate: d.birthDate, health: row.health, employment: row.employment, mobile: row.mobile },
        ctx.today,
      );
      return {
        branchId: d.branch._id,
        placeId: d.placeId,
        streetId: d.streetId,
        birthDate: d.birthDate,
        mobile: row.mobile,
        computedCategory: computed,
        employment: row.employment,
        nameEnc: ctx.cipher.encrypt(row.name),
        phoneEnc: ctx.cipher.encrypt(row.phone),
        healthEnc: ctx.cipher.encrypt(row.health),
        updatedAt: ctx.now,
      };
    };
    await insertIgnoringDuplicates(
      ctx.db.model(PartyMemberModel),
      fresh.map((p) => {
        const f = fields(p.data);
        return {
          ...f,
          category: f.computedCategory,
          overrideCategory: null,
          active: true,
          idHash: p.data.idHash,
          idNumberEnc: ctx.cipher.encrypt(p.data.row.idNumber),
          userId: null,
        };
      }),
    );
    await setEach(
      ctx.db.model(PartyMemberModel),
      changed.map(({ plan, doc }) => {
        const f = fields(plan.data);
        // A staff override outlives re-imports; without one the category follows the new data.
        return { filter: { _id: doc._id }, set: { ...f, category: doc.overrideCategory ?? f.computedCategory } };
      }),
    );
    // A member whose ID number an account already carries is that person: link them.
    await linkByIdHashes(
      ctx.db,
      all.map((p) => p.data.idHash),
      ctx.now,
    );
  },
};
