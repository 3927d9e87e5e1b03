import type { BrandCode } from '@gongzhi/shared';

/** How each service brand looks on cards and tags: the colours follow the menu's categories. */
export const BRAND_LOOKS: Record<BrandCode, { icon: string; color: string }> = {
  studyAid: { icon: '📚', color: '#2E9E6B' },
  trafficGuide: { icon: '🚦', color: '#E0793B' },
  legalAid: { icon: '⚖️', color: '#3B6FE0' },
  cleanHome: { icon: '🧹', color: '#2E8FB0' },
  elderCare: { icon: '🧓', color: '#D9822B' },
  freeClinic: { icon: '🩺', color: '#D94A4A' },
  culture: { icon: '🎭', color: '#C9489A' },
  other: { icon: '🤝', color: '#6B7280' },
};

export function brandLook(code: BrandCode): { icon: string; color: string } {
  return BRAND_LOOKS[code] ?? BRAND_LOOKS.other;
}
