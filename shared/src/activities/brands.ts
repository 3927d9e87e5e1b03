import type { MenuCategoryCode } from '../menu/categories';

/**
 * Volunteer service brands (志愿服务品牌). The first four are the seed report's; the dashboard's
 * "activity mix by brand" groups by these codes, so codes are stable and labels are what people read.
 */
export const SERVICE_BRANDS = [
  { code: 'studyAid', name: '爱心助学行', categoryCode: 'studyAid' },
  { code: 'trafficGuide', name: '文明交通引导', categoryCode: 'other' },
  { code: 'legalAid', name: '法律援助进社区', categoryCode: 'legalAid' },
  { code: 'cleanHome', name: '美丽家园创卫行', categoryCode: 'sanitation' },
  { code: 'elderCare', name: '敬老爱老暖夕阳', categoryCode: 'elderCare' },
  { code: 'freeClinic', name: '爱心义诊进社区', categoryCode: 'freeClinic' },
  { code: 'culture', name: '文化惠民进小区', categoryCode: 'culture' },
  { code: 'other', name: '其他志愿服务', categoryCode: 'other' },
] as const satisfies readonly { code: string; name: string; categoryCode: MenuCategoryCode }[];

export type BrandCode = (typeof SERVICE_BRANDS)[number]['code'];
export const BRAND_CODES = SERVICE_BRANDS.map((b) => b.code) as unknown as readonly [BrandCode, ...BrandCode[]];

export function brandName(code: BrandCode): string {
  return SERVICE_BRANDS.find((b) => b.code === code)?.name ?? code;
}

/** Volunteer teams (志愿队) built around residents' needs, as in the seed report. */
export const VOLUNTEER_TEAMS = [
  { code: 'peacemaker', name: '和事佬' },
  { code: 'helpingHand', name: '搭把手' },
  { code: 'culturePioneer', name: '文化先锋' },
  { code: 'povertyRelief', name: '扶贫帮困' },
  { code: 'elderAndChild', name: '敬老爱幼' },
  { code: 'civilityGuard', name: '文明卫士' },
  { code: 'redPatrol', name: '红色巡逻' },
] as const;

export type TeamCode = (typeof VOLUNTEER_TEAMS)[number]['code'];
export const TEAM_CODES = VOLUNTEER_TEAMS.map((t) => t.code) as unknown as readonly [TeamCode, ...TeamCode[]];

export function teamName(code: TeamCode | null): string | null {
  if (!code) return null;
  return VOLUNTEER_TEAMS.find((t) => t.code === code)?.name ?? code;
}
