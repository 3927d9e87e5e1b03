import type { ProjectStatus } from '@gongzhi/shared';
import type { Tone } from '../../components/ResidentKit';

export const PROJECT_TONES: Record<ProjectStatus, Tone> = {
  draft: 'grey',
  open: 'orange',
  delivering: 'blue',
  delivered: 'green',
  cancelled: 'grey',
};
