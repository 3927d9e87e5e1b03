import { SHIFT_RULES } from '@gongzhi/shared';

const BUCKET_MS = SHIFT_RULES.bucketMinutes * 60_000;

/** The 15-minute buckets a shift covers: [start, end) cut into quarter hours. */
export function quarterBuckets(start: Date, end: Date): Date[] {
  const out: Date[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += BUCKET_MS) out.push(new Date(t));
  return out;
}
