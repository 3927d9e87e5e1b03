import type { Types } from 'mongoose';
import { findingActions, type FindingStatus, type FindingView } from '@gongzhi/shared';
import type { Db } from '../core/db';
import { OrgModel, type Org } from '../org/org.model';
import { userNames } from '../people/names';
import type { FindingConversion } from './finding-conversion.model';
import type { Finding } from './finding.model';

/** The finding's status as its outcome record and closing say (the stored status is their projection). */
export function statusOf(f: Pick<Finding, 'closedAt'>, conversion: FindingConversion | null): FindingStatus {
  if (f.closedAt || (conversion?.done && conversion.kind === 'onSite')) return 'closed';
  return conversion?.done ? 'converted' : 'open';
}

/** The outcome fields a finding shows for its outcome record. */
export function projectionOf(finding: Finding, c: FindingConversion): Partial<Finding> {
  const outcome = { kind: c.kind, targetId: c.targetId, at: c.at, by: c.by, note: c.note };
  if (c.kind === 'onSite') return { outcome, closedAt: c.at, closedBy: c.by, closeNote: c.note };
  return { outcome, closedAt: finding.closedAt, closedBy: finding.closedBy, closeNote: finding.closeNote };
}

/** Findings as the API shows them, with the names of who reported and who handled them. */
export async function presentFindings(db: Db, rows: Finding[]): Promise<FindingView[]> {
  if (!rows.length) return [];
  const userIds = rows.flatMap((f) => [f.reportedBy, ...(f.outcome ? [f.outcome.by] : [])]);
  const orgIds = rows.flatMap((f) => [f.place.gridId!, f.placeId]);
  const [name, orgs] = await Promise.all([
    userNames(db, userIds),
    db
      .model(OrgModel)
      .find({ _id: { $in: orgIds } }, { name: 1, kind: 1 })
      .lean<Org[]>(),
  ]);
  const org = new Map(orgs.map((o) => [String(o._id), o]));
  const ref = (id: Types.ObjectId) => ({ id: String(id), name: name.get(String(id)) ?? '' });
  return rows.map((f) => ({
    id: String(f._id),
    patrolId: String(f.patrolId),
    grid: { id: String(f.place.gridId), name: org.get(String(f.place.gridId))?.name ?? '' },
    category: f.category,
    description: f.description,
    photos: f.photos.map((p) => ({ id: String(p), url: `/api/v1/uploads/${p}` })),
    location: f.location ? { lat: f.location.lat, lng: f.location.lng } : null,
    place: {
      id: String(f.placeId),
      kind: org.get(String(f.placeId))?.kind ?? 'grid',
      name: org.get(String(f.placeId))?.name ?? '',
      label: f.placeLabel,
    },
    status: f.status,
    reportedBy: ref(f.reportedBy),
    foundAt: f.foundAt.toISOString(),
    outcome: f.outcome
      ? {
          kind: f.outcome.kind,
          targetId: f.outcome.targetId ? String(f.outcome.targetId) : null,
          at: f.outcome.at.toISOString(),
          by: ref(f.outcome.by),
          note: f.outcome.note,
        }
      : null,
    closedAt: f.closedAt?.toISOString() ?? null,
    closeNote: f.closeNote,
    actions: findingActions(f.status),
  }));
}
