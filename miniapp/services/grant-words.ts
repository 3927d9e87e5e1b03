import { ROLE_LABELS, localDateOf, type GrantPlace, type GrantRole } from '@gongzhi/shared';

// Posts (授权) in words a person reads: where, what, until when. China time, whatever the phone's zone.

/** `2026年12月31日` */
export function dayText(iso: string | Date): string {
  const [y, m, d] = localDateOf(iso).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * A grant's end as the granter chose it: stored as the first moment after the last day, so the day
 * shown is the one before. Null: until revoked.
 */
export function untilText(until: string | null): string {
  if (!until) return '长期有效，直到被撤销';
  return `到 ${dayText(new Date(Date.parse(until) - 1))} 为止`;
}

/** `南门社区 的 社区工作者` */
export function postText(role: GrantRole, place: Pick<GrantPlace, 'name'>): string {
  return `${place.name} 的 ${ROLE_LABELS[role]}`;
}

/** `城关街道 · 南门社区`: the place under what it belongs to, for people who do not know the tree. */
export function placeText(place: Pick<GrantPlace, 'name' | 'path'>): string {
  return place.path ? `${place.path} · ${place.name}` : place.name;
}
