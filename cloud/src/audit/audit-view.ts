import { Inject, Provide } from '@midwayjs/core';
import {
  AUDIT_ROLE_ORDER,
  ROLE_LABELS,
  auditViaLabel,
  auditViaNeedId,
  auditWhatLabel,
  maskName,
  type AuditRow,
  type MyDataReader,
  type Role,
} from '@gongzhi/shared';
import type { AuditEntry } from './audit-log';
import { Cipher } from '../core/cipher';
import { Db } from '../core/db';
import { findByIds } from '../core/filters';
import { NeedModel, type Need } from '../needs/need.model';
import { OrgModel, type Org } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { PartyMemberModel, type PartyMemberDoc } from '../party/party-member.model';
import { StaffMemberModel, type StaffMemberDoc } from '../people/staff-member.model';
import { UserModel, type User } from '../people/user.model';
import { userNames } from '../people/names';

const SUBJECT_KIND_LABELS = {
  user: '居民',
  partyMember: '党员名册',
  staffMember: '两委名册',
  onBehalfOf: '代办居民',
} as const;

/** The role a reader acted in: the most senior one they held at the time, in Chinese. */
export function roleLabelOf(roles: readonly string[]): string {
  const role = AUDIT_ROLE_ORDER.find((r) => roles.includes(r));
  return role ? ROLE_LABELS[role as Role] : '—';
}

/**
 * Audit entries as people read them: readers by name (or masked name, for residents' own page), their
 * role and post's place, subjects by masked name, what and why in Chinese. One lookup per distinct id.
 */
@Provide()
export class AuditView {
  @Inject()
  db!: Db;

  @Inject()
  cipher!: Cipher;

  async rows(entries: AuditEntry[]): Promise<AuditRow[]> {
    const [actors, places, subjects] = await Promise.all([
      userNames(
        this.db,
        entries.map((e) => e.actorId),
      ),
      this.places(entries),
      this.subjects(entries),
    ]);
    return entries.map((e) => {
      const self = e.actorId.equals(e.subjectId);
      const subject = subjects.get(String(e.subjectId));
      return {
        id: String(e._id),
        at: e.at.toISOString(),
        actor: {
          id: String(e.actorId),
          name: actors.get(String(e.actorId)) ?? '（已不存在）',
          role: roleLabelOf(e.actorRoles),
          place: e.actorPlaceId ? (places.get(String(e.actorPlaceId)) ?? null) : null,
        },
        subject: {
          id: String(e.subjectId),
          name: self ? '本人' : subject ? maskName(subject.name) : '（已不存在）',
          kind: self ? '本人' : SUBJECT_KIND_LABELS[subject?.kind ?? e.subjectKind ?? 'user'],
        },
        what: e.what,
        whatLabels: e.what.map(auditWhatLabel),
        via: e.via,
        viaLabel: auditViaLabel(e.via),
        needId: auditViaNeedId(e.via),
      };
    });
  }

  /** For the person read: the reader as role, place and masked name (王*强), what and why. */
  async readers(entries: AuditEntry[]): Promise<MyDataReader[]> {
    const [actors, places] = await Promise.all([
      userNames(
        this.db,
        entries.map((e) => e.actorId),
      ),
      this.places(entries),
    ]);
    return entries.map((e) => {
      const name = actors.get(String(e.actorId));
      return {
        at: e.at.toISOString(),
        role: roleLabelOf(e.actorRoles),
        place: e.actorPlaceId ? (places.get(String(e.actorPlaceId)) ?? null) : null,
        name: name ? maskName(name) : '—',
        what: e.what.map(auditWhatLabel),
        why: auditViaLabel(e.via),
      };
    });
  }

  private async places(entries: AuditEntry[]): Promise<Map<string, string>> {
    const units = entries.filter((e) => e.actorPlaceId && e.actorPlaceKind === 'unit').map((e) => e.actorPlaceId!);
    const orgs = entries.filter((e) => e.actorPlaceId && e.actorPlaceKind !== 'unit').map((e) => e.actorPlaceId!);
    const [u, o] = await Promise.all([
      findByIds<Unit>(this.db.model(UnitModel), units, { name: 1 }),
      findByIds<Org>(this.db.model(OrgModel), orgs, { name: 1 }),
    ]);
    return new Map([...u, ...o].map((x) => [String(x._id), x.name]));
  }

  /** Names of subjects, from the record their kind says (old entries without a kind: tried in turn). */
  private async subjects(entries: AuditEntry[]) {
    const out = new Map<string, { name: string; kind: keyof typeof SUBJECT_KIND_LABELS }>();
    const ofKind = (kind: AuditEntry['subjectKind']) =>
      entries
        .filter((e) => (e.subjectKind ?? 'user') === kind && !out.has(String(e.subjectId)))
        .map((e) => e.subjectId);
    for (const u of await findByIds<User>(this.db.model(UserModel), ofKind('user'), { name: 1 }))
      out.set(String(u._id), { name: u.name, kind: 'user' });
    const legacy = entries.filter((e) => !e.subjectKind && !out.has(String(e.subjectId))).map((e) => e.subjectId);
    const members = await findByIds<PartyMemberDoc>(
      this.db.model(PartyMemberModel),
      [...ofKind('partyMember'), ...legacy],
      { nameEnc: 1 },
    );
    for (const m of members)
      out.set(String(m._id), { name: this.cipher.decrypt(m.nameEnc) ?? '', kind: 'partyMember' });
    const staff = await findByIds<StaffMemberDoc>(
      this.db.model(StaffMemberModel),
      [...ofKind('staffMember'), ...legacy.filter((id) => !out.has(String(id)))],
      { name: 1 },
    );
    for (const s of staff) out.set(String(s._id), { name: s.name, kind: 'staffMember' });
    for (const n of await findByIds<Need>(this.db.model(NeedModel), ofKind('onBehalfOf'), { onBehalfOf: 1 }))
      if (n.onBehalfOf) out.set(String(n._id), { name: n.onBehalfOf.name, kind: 'onBehalfOf' });
    return out;
  }
}
