/** Service categories of the seed's 需求清单 and service brands. Codes are stable; labels are what people read. */
export const MENU_CATEGORIES = [
  { code: 'legalAid', name: '法律援助', icon: '⚖️', color: '#3B6FE0' },
  { code: 'elderCare', name: '助老', icon: '🧓', color: '#E0793B' },
  { code: 'studyAid', name: '助学', icon: '📚', color: '#2E9E6B' },
  { code: 'freeClinic', name: '义诊', icon: '🩺', color: '#D94A4A' },
  { code: 'applianceRepair', name: '家电维修', icon: '🔧', color: '#7A5AD6' },
  { code: 'sanitation', name: '环境卫生', icon: '🧹', color: '#2E8FB0' },
  { code: 'culture', name: '文化活动', icon: '🎭', color: '#C9489A' },
  { code: 'other', name: '其他', icon: '💬', color: '#6B7280' },
] as const;

export type MenuCategoryCode = (typeof MENU_CATEGORIES)[number]['code'];
export const MENU_CATEGORY_CODES = MENU_CATEGORIES.map((c) => c.code) as unknown as readonly [
  MenuCategoryCode,
  ...MenuCategoryCode[],
];

/** Kinds of resource that can serve a menu item (资源清单). */
export const RESOURCE_KINDS = [
  'talent',
  'teacher',
  'lawyer',
  'doctor',
  'venue',
  'equipment',
  'volunteer',
  'fund',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  talent: '专业人才',
  teacher: '师资',
  lawyer: '律师',
  doctor: '医生',
  venue: '场地',
  equipment: '设备',
  volunteer: '志愿者',
  fund: '资金',
};
