import { ageOn, type MemberCategory } from '../people/rosters';

/**
 * 党员分类 (积分制分类管理). Section 二.3.1 of the seed: members are put into A/B/C/D "by age, health,
 * post and the nature of their work". Common county practice (and the roster contract) reads:
 *   C 流动党员 — working away from home (外出务工/经商), whatever else holds: they cannot attend locally;
 *   B 离退休/年老体弱 — retired, or aged 60 and over (法定退休年龄), or in poor health;
 *   A 在职在岗 — in work (机关、企事业单位、社区、个体经营) and none of the above;
 *   D 其他 — everyone else: no fixed job, students, members whose situation is not recorded.
 * The rule is applied in that order. Staff may override it with a reason; the computed value stays visible.
 */
export const EMPLOYMENTS = ['inService', 'retired', 'none', 'student'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];
export const EMPLOYMENT_LABELS: Record<Employment, string> = {
  inService: '在职',
  retired: '离退休',
  none: '无固定职业',
  student: '学生',
};

export const HEALTHS = ['good', 'frail'] as const;
export type Health = (typeof HEALTHS)[number];
export const HEALTH_LABELS: Record<Health, string> = { good: '良好', frail: '年老体弱/患病' };

export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, string> = {
  A: 'A类 在职在岗',
  B: 'B类 离退休/年老体弱',
  C: 'C类 流动党员',
  D: 'D类 其他',
};

/** Age at which a member counts as elderly for category B (法定退休年龄 60). */
export const CATEGORY_B_AGE = 60;

export const MEMBER_CATEGORY_RULE =
  '流动党员为C类；否则离退休、年满60岁或身体年老体弱为B类；否则在职在岗为A类；其余（无固定职业、学生等）为D类。';

export interface CategoryInput {
  birthDate: string;
  health: Health;
  employment: Employment;
  mobile: boolean;
}

export function computeMemberCategory(m: CategoryInput, today: string): MemberCategory {
  if (m.mobile) return 'C';
  if (m.employment === 'retired' || m.health === 'frail' || ageOn(m.birthDate, today) >= CATEGORY_B_AGE) return 'B';
  if (m.employment === 'inService') return 'A';
  return 'D';
}
