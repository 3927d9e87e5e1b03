import type { Principal } from './principal';

/** The parts of a place that scoping reads (ids as ObjectIds or strings). */
interface PlaceIds {
  streetId: unknown;
  communityId: unknown;
  gridId?: unknown;
  complexId?: unknown;
  buildingId?: unknown;
}

const KINDS = ['street', 'community', 'grid', 'complex', 'building'] as const;
export type PlaceKeyKind = (typeof KINDS)[number];

/** One key, `<kind>:<id>`, the format of whistles' `targetKeys`. */
export function placeKeyOf(kind: PlaceKeyKind, id: unknown): string {
  return `${kind}:${String(id)}`;
}

/**
 * Every org node a place lies in, as top-level keys of a record (`placeKeys`).
 * Why: FerretDB 1.24 sends only top-level equality to PostgreSQL; `{ placeKeys: k }` becomes
 * `@>` (an array element matches) and the GIN index serves it, where `{ 'place.communityId': id }`
 * made it decode the whole collection in Go (docs/performance.md).
 */
export function placeKeysOf(place: PlaceIds): string[] {
  const ids: Record<PlaceKeyKind, unknown> = {
    street: place.streetId,
    community: place.communityId,
    grid: place.gridId,
    complex: place.complexId,
    building: place.buildingId,
  };
  return KINDS.filter((k) => ids[k] != null).map((k) => placeKeyOf(k, ids[k]));
}

/**
 * `placeScope` (core/place.ts) as one top-level equality on `placeKeys`: {} for the county, null
 * for roles that see no place. A missing id in the token gives a key that matches nothing.
 */
export function placeKeyScope(user: Principal): Record<string, string> | null {
  const key = (kind: PlaceKeyKind, id: string | null) => ({ placeKeys: placeKeyOf(kind, id ?? 'none') });
  if (user.roles.includes('countyAdmin')) return {};
  if (user.roles.includes('streetAdmin')) return key('street', user.streetId);
  if (user.roles.includes('staff')) return key('community', user.communityId);
  if (user.roles.includes('gridWorker')) return key('grid', user.orgId);
  return null;
}
