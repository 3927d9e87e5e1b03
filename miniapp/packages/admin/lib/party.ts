import { MEMBER_CATEGORY_LABELS, type MemberCategory } from '@gongzhi/shared';
import type { Tone } from '../components/ui';

export const PARTY_ONLY =
  '党员信息属于敏感个人信息，只对负责党务工作的人员开放。如需查看，请联系街道党工委开通党务职责。';

export const CATEGORY_TONES: Record<MemberCategory, Tone> = { A: 'brand', B: 'orange', C: 'blue', D: 'grey' };

export const categoryShort = (c: MemberCategory) => MEMBER_CATEGORY_LABELS[c].split(' ')[0];
