import { useMemo } from 'react';
import { GRANTS_BY, api, type MyPost, type OrgNode } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';

export interface PlaceOption {
  id: string;
  label: string;
}

/**
 * Streets and communities the caller oversees as a granter (the county: all; a street: itself and
 * its communities), to narrow the list of grants by place. Empty when there is nothing to choose.
 */
export function usePlaceFilter(posts: readonly MyPost[], enabled: boolean): PlaceOption[] {
  const granting = posts.filter((p) => GRANTS_BY[p.role].length > 0 && p.place.kind !== 'unit');
  const wide = granting.some((p) => p.place.kind === 'county' || p.place.kind === 'street');
  const tree = useRemote(() => call(api.grids.listCommunities), [], enabled && wide);
  return useMemo(() => {
    if (!tree.data) return [];
    const county = granting.some((p) => p.place.kind === 'county');
    const streets = new Set(granting.filter((p) => p.place.kind === 'street').map((p) => p.place.id));
    const streetName = new Map(tree.data.streets.map((s) => [s.id, s.name]));
    const shownStreets = tree.data.streets.filter((s) => county || streets.has(s.id));
    const shownCommunities = tree.data.communities.filter(
      (c: OrgNode) => county || (c.parentId !== null && streets.has(c.parentId)),
    );
    const options = [
      ...shownStreets.map((s) => ({ id: s.id, label: `${s.name}（整个街道）` })),
      ...shownCommunities.map((c) => ({ id: c.id, label: `${c.name}（${streetName.get(c.parentId ?? '') ?? ''}）` })),
    ];
    return options.length > 1 ? options : [];
    // `granting` follows `posts`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tree.data, posts]);
}
