import type { NeedStatus } from '@gongzhi/shared';
import type { Tone } from '../../components/ResidentKit';

/** What a need is to the person serving it. */
export const SERVING_LABELS: Partial<Record<NeedStatus, string>> = {
  routed: '待接单',
  in_progress: '服务中',
  done: '已完成',
  closed: '已完成',
};

export const SERVING_TONES: Partial<Record<NeedStatus, Tone>> = {
  routed: 'orange',
  in_progress: 'blue',
  done: 'green',
  closed: 'grey',
};
