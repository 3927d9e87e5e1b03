import { Types } from 'mongoose';
import type { ResidentRow, Role } from '@gongzhi/shared';
import { ACTIVE, OrgModel, type Org } from '../../org/org.model';
import { UserModel, type User } from '../../people/user.model';
import { linkByIdHashes } from '../../party/member-links';
import {
  communityNameOf,
  communityOf,
  insertIgnoringDuplicates,
  isProblem,
  keyId,
  setEach,
  shownFlag,
  shownText,
  type ImportContext,
  type ImportKindDef,
  type Planned,
} from '../kind';

interface PersonData {
  _id: Types.ObjectId;
  idHash: string;
  idNumber: string;
  name: string;
  phone: string | null;
  orgId: Types.ObjectId;
  communityId: Types.ObjectId;
}

/** Complexes and buildings under the communities in scope, by "community/complex[/building]". */
const places = new WeakMap<ImportContext, Map<string, Org>>();
/** "南门小区 2号楼" by org id, for the history. */
const homeNames = new WeakMap<ImportContext, Map<string, string>>();

/**
 * Residents and volunteers are users keyed by their ID number's blind index (the user's _id is
 * derived from it): the same person imported as resident and as volunteer is one user with both roles.
 */
export function peopleKind(kind: 'residents' | 'volunteers', role: Role): ImportKindDef<ResidentRow, PersonData, User> {
  return {
    kind,
    async prepare(ctx) {
      const ids = [...ctx.communities.values()].map((c) => c._id);
      const below = await ctx.db
        .model(OrgModel)
        .find(
          { ancestors: { $in: ids }, kind: { $in: ['complex', 'building'] }, ...ACTIVE },
          { name: 1, kind: 1, parentId: 1, ancestors: 1 },
        )
        .lean<Org[]>();
      const byId = new Map(below.map((o) => [String(o._id), o]));
      const community = new Map([...ctx.communities.values()].map((c) => [String(c._id), c.name]));
      const map = new Map<string, Org>();
      const names = new Map<string, string>();
      for (const o of below) {
        const c = o.ancestors.map((a) => community.get(String(a))).find(Boolean);
        if (o.kind === 'complex') {
          map.set(`${c}/${o.name}`, o);
          names.set(String(o._id), `${c} ${o.name}`);
        } else {
          const complex = byId.get(String(o.parentId));
          if (complex) map.set(`${c}/${complex.name}/${o.name}`, o);
          if (complex) names.set(String(o._id), `${c} ${complex.name} ${o.name}`);
        }
      }
      places.set(ctx, map);
      homeNames.set(ctx, names);
    },
    plan(ctx, row) {
      const community = communityOf(ctx, row.community);
      if (isProblem(community)) return community;
      let orgId = community._id;
      if (row.complex) {
        const complex = places.get(ctx)!.get(`${row.community}/${row.complex}`);
        if (!complex) return { column: 'complex', message: `${row.community}没有名为「${row.complex}」的小区` };
        orgId = complex._id;
        if (row.building) {
          const building = places.get(ctx)!.get(`${row.community}/${row.complex}/${row.building}`);
          if (!building) return { column: 'building', message: `${row.complex}没有「${row.building}」` };
          orgId = building._id;
        }
      } else if (row.building) return { column: 'complex', message: '填写楼栋时请同时填写小区' };
      const idHash = ctx.cipher.blindIndex('idNumber', row.idNumber);
      return {
        key: idHash,
        view: { name: row.name, phone: row.phone, orgId: String(orgId), role: true },
        data: {
          _id: keyId('person', idHash),
          idHash,
          idNumber: row.idNumber,
          name: row.name,
          phone: row.phone,
          orgId,
          communityId: community._id,
        },
      };
    },
    async existing(ctx) {
      const docs = await ctx.db
        .model(UserModel)
        .find({
          communityId: { $in: [...ctx.communities.values()].map((c) => c._id) },
          idNumberHash: { $exists: true },
        })
        .lean<User[]>();
      return new Map(docs.map((d) => [d.idNumberHash ?? '', d]));
    },
    viewOf(_ctx, doc) {
      return { name: doc.name, phone: doc.phone, orgId: String(doc.orgId), role: doc.roles.includes(role) };
    },
    history: {
      rowKind: 'person',
      show: (ctx, v) => ({
        name: shownText(v.name),
        phone: shownText(v.phone),
        home: homeNames.get(ctx)?.get(String(v.orgId)) ?? communityNameOf(ctx, v.orgId),
        ...(role === 'volunteer' ? { volunteer: shownFlag(v.role) } : {}),
      }),
      rowOf: (_ctx, doc, plan) => ({ rowId: doc._id, communityId: plan.data.communityId }),
    },
    async write(ctx, fresh, changed) {
      const model = ctx.db.model(UserModel);
      await insertIgnoringDuplicates(
        model,
        fresh.map((p: Planned<PersonData>) => ({
          _id: p.data._id,
          name: p.data.name,
          roles: [role],
          phone: p.data.phone,
          orgId: p.data.orgId,
          communityId: p.data.communityId,
          unitId: null,
          duties: [],
          idNumberHash: p.data.idHash,
          idNumberEnc: ctx.cipher.encrypt(p.data.idNumber),
          createdAt: ctx.now,
        })),
      );
      await setEach(
        model,
        changed.map(({ plan, doc }) => ({
          filter: { _id: doc._id },
          set: {
            name: plan.data.name,
            phone: plan.data.phone,
            orgId: plan.data.orgId,
            communityId: plan.data.communityId,
            roles: doc.roles.includes(role) ? doc.roles : [...doc.roles, role],
          },
        })),
      );
      // A person already on a party roster (same ID number) is linked to that member.
      await linkByIdHashes(
        ctx.db,
        [...fresh.map((p) => p.data.idHash), ...changed.map((c) => c.plan.data.idHash)],
        ctx.now,
      );
    },
  };
}
