import type { WhistleStatus, WhistleTargetStatus, WhistleUrgency } from '@gongzhi/shared';
import type { Tone } from '../../components/ResidentKit';

/** Colour of a whistle's status: waiting orange, moving blue, waiting for the originator brand red, done green. */
export const WHISTLE_TONES: Record<WhistleStatus, Tone> = {
  pending: 'orange',
  inProgress: 'blue',
  resolved: 'brand',
  closed: 'green',
};

export const TARGET_TONES: Record<WhistleTargetStatus, Tone> = {
  pending: 'orange',
  reported: 'blue',
  resolved: 'brand',
  sentBack: 'red',
  confirmed: 'green',
};

export const URGENCY_TONES: Record<WhistleUrgency, Tone> = { emergency: 'red', urgent: 'orange', normal: 'grey' };

/** `2小时05分` / `3天4小时` / `12分钟`. */
function span(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days) return `${days}天${hours ? `${hours}小时` : ''}`;
  if (hours) return `${hours}小时${String(mins).padStart(2, '0')}分`;
  return `${mins}分钟`;
}

/** The deadline a target is working against now, or null when it has none (resolved or confirmed). */
export function activeDeadline(t: {
  status: WhistleTargetStatus;
  reportDueAt: string;
  resolveDueAt: string;
}): { what: '报到' | '办结'; at: string } | null {
  if (t.status === 'pending') return { what: '报到', at: t.reportDueAt };
  if (t.status === 'reported' || t.status === 'sentBack') return { what: '办结', at: t.resolveDueAt };
  return null;
}

/** `报到剩 1小时55分` or `报到已超时 20分钟`, with whether it is late. */
export function countdown(
  deadline: { what: string; at: string },
  now: number = Date.now(),
): { text: string; late: boolean } {
  const left = new Date(deadline.at).getTime() - now;
  return left >= 0
    ? { text: `${deadline.what}剩 ${span(left)}`, late: false }
    : { text: `${deadline.what}已超时 ${span(-left)}`, late: true };
}
