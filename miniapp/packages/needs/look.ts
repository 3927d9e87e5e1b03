import type { NeedStatus, NeedSummary } from '@gongzhi/shared';
import type { Tone } from '../../components/ResidentKit';

/** Colour of each need status: waiting orange, moving blue, finished green, stopped grey. */
export const NEED_TONES: Record<NeedStatus, Tone> = {
  submitted: 'orange',
  accepted: 'blue',
  routed: 'blue',
  in_progress: 'blue',
  done: 'green',
  closed: 'grey',
  rejected: 'red',
  withdrawn: 'grey',
};

/** The red badge of a need past its time limit. */
export function overdueText(overdue: NeedSummary['overdue']): string | null {
  if (overdue === 'accept') return '超时未受理';
  if (overdue === 'complete') return '超时未办结';
  return null;
}
