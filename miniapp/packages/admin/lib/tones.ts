import type { ProjectStatus } from '@gongzhi/shared';
import type { Tone } from '../components/ui';

export const PROJECT_TONES: Record<ProjectStatus, Tone> = {
  draft: 'orange',
  open: 'brand',
  delivering: 'blue',
  delivered: 'green',
  cancelled: 'grey',
};
