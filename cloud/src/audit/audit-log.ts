import { Inject, Provide } from '@midwayjs/core';
import { Schema, Types } from 'mongoose';
import { Db, defineModel } from '../core/db';
import { findByIds } from '../core/filters';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { UserModel, type User } from '../people/user.model';
import { PartyMemberModel, type PartyMemberDoc } from '../party/party-member.model';
import { StaffMemberModel, type StaffMemberDoc } from '../people/staff-member.model';
import { oid } from '../core/oid';

/**
 * Whose data a read was: an account (`user`), a party roster record (`partyMember`, which may be
 * linked to an account), a 两委 roster record (`staffMember`), or a resident a grid worker ordered a
 * need for who has no account (`onBehalfOf`: `subjectId` is then the need).
 */
export type AuditSubjectKind = 'user' | 'partyMember' | 'staffMember' | 'onBehalfOf';

/**
 * Who read whose personal data, what, when, and through which case (PIPL: staff access is logged).
 * Append-only: only AuditLog writes this collection, nothing updates or deletes it (kept at least
 * 180 days, 等保 2.0; tests/api/audit_log.test.ts checks the sources). It holds ids and codes only, so
 * it survives a person's erasure without naming them.
 */
export interface AuditEntry {
  _id: Types.ObjectId;
  actorId: Types.ObjectId;
  actorRoles: string[];
  /** The reader's most senior post at the time (a grant's place: org node or unit); absent on old entries. */
  actorPlaceKind?: string | null;
  actorPlaceId?: Types.ObjectId | null;
  subjectId: Types.ObjectId;
  subjectKind?: AuditSubjectKind;
  /** The account the data belongs to (a linked party member's, an on-behalf resident's found by phone). */
  subjectUserId?: Types.ObjectId | null;
  /**
   * Streets the read concerns: those of the reader's posts at the time and the subject's home street.
   * A street administrator's search is `{ streetIds: theirStreet }` (one top-level equality).
   */
  streetIds?: Types.ObjectId[];
  /** What was read, e.g. `phone`, `idNumber`, `partyMembership` (labels: shared AUDIT_WHAT_LABELS). */
  what: string[];
  /** The case that justified it, e.g. `need:<id>`. */
  via: string;
  at: Date;
}

export const AuditModel = defineModel<AuditEntry>(
  'Audit',
  new Schema<AuditEntry>(
    {
      actorId: { type: Schema.Types.ObjectId, required: true, index: true },
      actorRoles: { type: [String], required: true },
      actorPlaceKind: { type: String, default: null },
      actorPlaceId: { type: Schema.Types.ObjectId, default: null },
      subjectId: { type: Schema.Types.ObjectId, required: true, index: true },
      subjectKind: { type: String },
      subjectUserId: { type: Schema.Types.ObjectId, default: null, index: true },
      streetIds: { type: [Schema.Types.ObjectId], default: [], index: true },
      what: { type: [String], required: true },
      via: { type: String, required: true },
      at: { type: Date, required: true, index: true },
    },
    { collection: 'audit', versionKey: false },
  ),
);

interface Subject {
  id: Types.ObjectId;
  kind: AuditSubjectKind;
  userId: Types.ObjectId | null;
  streetId: Types.ObjectId | null;
}

/** The only writer of the `audit` collection: every entry is inserted here and never changed. */
@Provide()
export class AuditLog {
  @Inject()
  db!: Db;

  /** Records a staff read of a person's data; call it before the data is returned. */
  async personalDataRead(
    actor: Principal,
    subjectId: string | Types.ObjectId,
    what: string[],
    via: string,
  ): Promise<void> {
    await this.personalDataReads(actor, [subjectId], what, via);
  }

  /** Records a staff read of several people at once (a list page): one entry per person. */
  async personalDataReads(
    actor: Principal,
    subjectIds: (string | Types.ObjectId)[],
    what: string[],
    via: string,
  ): Promise<void> {
    const others = [...new Set(subjectIds.map(String))].filter((id) => id !== actor.userId);
    if (!others.length) return;
    const subjects = await this.resolve(others.map(oid));
    await this.insert(actor, subjects, what, via);
  }

  /**
   * Records a read of the resident a grid worker ordered a need for (`need.onBehalfOf`): the subject
   * is that resident — their account when one has the phone they gave, else the need's person.
   */
  async onBehalfOfRead(
    actor: Principal,
    need: { _id: Types.ObjectId; onBehalfOf: { phone: string }; place: { streetId: Types.ObjectId } },
    what: string[],
    via: string,
  ): Promise<void> {
    const account = need.onBehalfOf.phone
      ? await this.db
          .model(UserModel)
          .findOne({ phone: need.onBehalfOf.phone }, { _id: 1, communityId: 1 })
          .lean<Pick<User, '_id' | 'communityId'>>()
      : null;
    if (account && String(account._id) === actor.userId) return;
    const subject: Subject = account
      ? (await this.resolve([account._id]))[0]
      : { id: need._id, kind: 'onBehalfOf', userId: null, streetId: need.place.streetId };
    await this.insert(actor, [subject], what, via);
  }

  /** Records what people do with their own data (download, erasure) and administrators' searches of this log. */
  async ownAction(actor: Principal, what: string[], via: string, at = new Date()): Promise<void> {
    const self: Subject = { id: oid(actor.userId), kind: 'user', userId: oid(actor.userId), streetId: null };
    await this.insert(actor, [self], what, via, at);
  }

  private async insert(actor: Principal, subjects: Subject[], what: string[], via: string, at = new Date()) {
    const post = actor.grants[0] ?? null;
    const actorStreets = actor.grants.flatMap((g) => (g.streetId ? [g.streetId] : []));
    await this.db.model(AuditModel).insertMany(
      subjects.map((s) => ({
        actorId: oid(actor.userId),
        actorRoles: actor.roles,
        actorPlaceKind: post?.placeKind ?? null,
        actorPlaceId: post ? oid(post.placeId) : null,
        subjectId: s.id,
        subjectKind: s.kind,
        subjectUserId: s.userId,
        streetIds: [...new Set([...actorStreets, ...(s.streetId ? [String(s.streetId)] : [])])].map(oid),
        what,
        via,
        at,
      })),
    );
  }

  /** Which kind of record each id is (an account, else a party or 两委 roster record) and its street. */
  private async resolve(ids: Types.ObjectId[]): Promise<Subject[]> {
    const users = await findByIds<User>(this.db.model(UserModel), ids, { communityId: 1 });
    const userIds = new Set(users.map((u) => String(u._id)));
    const rest = ids.filter((id) => !userIds.has(String(id)));
    const members = rest.length
      ? await findByIds<PartyMemberDoc>(this.db.model(PartyMemberModel), rest, { streetId: 1, userId: 1 })
      : [];
    const memberIds = new Set(members.map((m) => String(m._id)));
    const rest2 = rest.filter((id) => !memberIds.has(String(id)));
    const staff = rest2.length
      ? await findByIds<StaffMemberDoc>(this.db.model(StaffMemberModel), rest2, { streetId: 1 })
      : [];
    const streetOf = await this.streetsOfCommunities(users.flatMap((u) => (u.communityId ? [u.communityId] : [])));
    const byId = new Map<string, Subject>();
    for (const u of users)
      byId.set(String(u._id), {
        id: u._id,
        kind: 'user',
        userId: u._id,
        streetId: u.communityId ? (streetOf.get(String(u.communityId)) ?? null) : null,
      });
    for (const m of members)
      byId.set(String(m._id), { id: m._id, kind: 'partyMember', userId: m.userId ?? null, streetId: m.streetId });
    for (const s of staff)
      byId.set(String(s._id), { id: s._id, kind: 'staffMember', userId: null, streetId: s.streetId });
    // An id found nowhere is still logged (as a person's id) rather than lost.
    return ids.map((id) => byId.get(String(id)) ?? { id, kind: 'user', userId: id, streetId: null });
  }

  private async streetsOfCommunities(ids: Types.ObjectId[]): Promise<Map<string, Types.ObjectId>> {
    const communities = await findByIds<Org>(this.db.model(OrgModel), ids, { ancestors: 1 });
    const ancestors = await findByIds<Org>(
      this.db.model(OrgModel),
      communities.flatMap((c) => c.ancestors),
      { kind: 1 },
    );
    const streets = new Set(ancestors.filter((a) => a.kind === 'street').map((a) => String(a._id)));
    const out = new Map<string, Types.ObjectId>();
    for (const c of communities) {
      const street = c.ancestors.find((a) => streets.has(String(a)));
      if (street) out.set(String(c._id), street);
    }
    return out;
  }
}
