/**
 * Star levels (星级) by cumulative confirmed service hours, in the manner of the national volunteer
 * star rating: 一星 at 100 h … 五星 at 1500 h. A region may set its own thresholds (the nearest
 * ancestor's setting wins); these are the county default.
 */
export const DEFAULT_STAR_THRESHOLDS = [100, 300, 600, 1000, 1500] as const;
export const STAR_NAMES = ['未评星', '一星志愿者', '二星志愿者', '三星志愿者', '四星志愿者', '五星志愿者'] as const;

export interface StarLevel {
  /** 0 (not rated yet) to 5. */
  level: number;
  name: string;
  /** Hours needed for the next star; null at five stars. */
  nextAtHours: number | null;
}

/** The star a person holds with `minutes` of confirmed service under the given thresholds (hours, ascending). */
export function starOf(minutes: number, thresholds: readonly number[]): StarLevel {
  const hours = minutes / 60;
  let level = 0;
  for (const t of thresholds) if (hours >= t) level += 1;
  return { level, name: STAR_NAMES[level], nextAtHours: thresholds[level] ?? null };
}

/** Thresholds must rise strictly: five numbers of hours. */
export function validThresholds(values: readonly number[]): boolean {
  return values.length === 5 && values.every((v, i) => Number.isInteger(v) && v > 0 && (i === 0 || v > values[i - 1]));
}
