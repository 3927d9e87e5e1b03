import { z } from '../validation';
import { BRANCH_MEMBER_LIMIT, EDUCATION_LEVELS } from '../people/rosters';
import { roundedShare } from './kpis';

/**
 * The 数据看板: every finding of the seed report's section 三, computed from the rosters and the four
 * lists. One place for the definitions: the API docs, the Excel export and the admin tab read them.
 */

/** 《中国共产党支部工作条例（试行）》, the rule a branch over BRANCH_MEMBER_LIMIT breaks. */
export const BRANCH_RULE = `《中国共产党支部工作条例（试行）》规定：党支部党员人数一般不超过${BRANCH_MEMBER_LIMIT}人`;

/** A brand above this share of volunteer activities is flagged (活动形式单一). */
export const BRAND_WARNING_SHARE = 50;
/** Party members aged this or more on the reference date count as 50岁以上. */
export const MEMBER_OLD_AGE = 50;
/** Staff aged this or more count as 40岁以上. */
export const STAFF_OLDER_AGE = 40;
/** The education levels counted as 专科及以下 (the first three of EDUCATION_LEVELS). */
export const COLLEGE_OR_BELOW = EDUCATION_LEVELS.slice(0, 3);

/** A share as a percentage with two decimals, half up: 102 of 280 → 36.43. Null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return roundedShare(part, whole, 100, 2);
}

/** Age bands the charts show (lower bound inclusive). */
export const AGE_BANDS = [
  { label: '30岁以下', min: 0, max: 29 },
  { label: '30–39岁', min: 30, max: 39 },
  { label: '40–49岁', min: 40, max: 49 },
  { label: '50–59岁', min: 50, max: 59 },
  { label: '60岁及以上', min: 60, max: 200 },
] as const;

/**
 * 统计口径: one sentence per figure that a leader reads under the dashboard and in the Excel file.
 * Plain words only — no field names, no "为真" (tests/unit/stats_definitions_words.test.ts).
 */
export const DASHBOARD_DEFINITIONS = [
  {
    key: 'scope',
    label: '范围',
    definition:
      '社区工作者看本社区；街道管理员看本街道及其各社区；县级管理员看全县。年龄按统计日期（默认今天，北京时间）算周岁。',
  },
  {
    key: 'branches',
    label: '党支部规模',
    definition: `每个党支部的在册党员人数：党员名册上属于这个支部、没有转出或停用的党员。支部排名里的人数也按这个算。超过 ${BRANCH_MEMBER_LIMIT} 人的支部不符合${BRANCH_RULE}。支部算在它所在的社区或街道。`,
  },
  {
    key: 'partyMembers',
    label: '党员结构',
    definition: `在册党员（没有转出或停用的）按居住的社区统计。${MEMBER_OLD_AGE}岁以上 = 到统计日期满 ${MEMBER_OLD_AGE} 周岁；流动党员 = 名册上登记为在外务工等流动在外的党员。占比 = 人数 ÷ 在册党员总数。`,
  },
  {
    key: 'complexes',
    label: '老旧小区',
    definition:
      '组织架构里现有的全部小区（已合并或撤销的不算）。老旧小区占比 = 老旧小区数 ÷ 小区总数；无物业占比 = 没有物业服务企业的小区数 ÷ 小区总数；老旧小区无物业占比 = 没有物业的老旧小区数 ÷ 老旧小区数。',
  },
  {
    key: 'staff',
    label: '社区“两委”人员',
    definition: `在职的社区“两委”成员（已离任的不算）。平均年龄 = 各人到统计日期的周岁的平均数，保留一位小数；${STAFF_OLDER_AGE}岁以上 = 满 ${STAFF_OLDER_AGE} 周岁；专科及以下 = 学历为${COLLEGE_OR_BELOW.join('、')}。`,
  },
  {
    key: 'brands',
    label: '志愿服务品牌',
    definition: `已发布（不含草稿和已取消）的志愿服务活动（座谈、报告类不算），按服务品牌计数；占比 = 该品牌活动数 ÷ 活动总数。某一品牌超过 ${BRAND_WARNING_SHARE}% 时提示“活动形式单一”。`,
  },
  {
    key: 'formats',
    label: '联建活动形式',
    definition:
      '已发布的联建活动，即由驻区单位组织的活动，分为座谈式/报告式和服务式两种；占比 = 该形式活动数 ÷ 联建活动总数。',
  },
  {
    key: 'units',
    label: '驻区单位参与度',
    definition:
      '参与度 = 该单位组织的已发布活动数 + 该单位人员在本辖区活动中认领的名额数；按参与度从高到低排名，相同时按名称排。街道和社区看本街道的驻区单位。',
  },
  {
    key: 'needs',
    label: '需求',
    definition: '辖区内居民提交的全部需求（点单），按服务类别和目前办理到哪一步分别计数；占比 = 该项数量 ÷ 需求总数。',
  },
  {
    key: 'rounding',
    label: '取整',
    definition: '占比为百分数，四舍五入保留两位小数（如 102 ÷ 280 = 36.43%）；没有可以相除的数时显示“—”。',
  },
] as const;

export function dashboardDefinitionText(): string {
  return DASHBOARD_DEFINITIONS.map((d) => `${d.label}：${d.definition}`).join('\n');
}

export const dashboardQuery = z.strictObject({
  /** Reference date for ages (YYYY-MM-DD, China time); today when absent. */
  asOf: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).optional(),
});

const share = z.number().nullable().meta({ description: '百分数，两位小数（36.43 即 36.43%）；分母为 0 时为 null' });
const counted = z.object({ code: z.string(), label: z.string(), count: z.number().int(), share });
export type CountedItem = z.infer<typeof counted>;

export const dashboardOverview = z.object({
  scope: z.object({ id: z.string().nullable(), name: z.string(), kind: z.enum(['county', 'street', 'community']) }),
  asOf: z.string(),
  branches: z.object({
    limit: z.number().int(),
    rule: z.string(),
    total: z.number().int(),
    overLimit: z.number().int(),
    overLimitShare: share,
    over100: z.number().int(),
    /** Largest first. */
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        placeName: z.string(),
        members: z.number().int(),
        overLimit: z.boolean(),
      }),
    ),
  }),
  partyMembers: z.object({
    total: z.number().int(),
    aged50Plus: z.number().int(),
    aged50PlusShare: share,
    mobile: z.number().int(),
    mobileShare: share,
    ageBands: z.array(counted),
  }),
  complexes: z.object({
    total: z.number().int(),
    old: z.number().int(),
    oldShare: share,
    noProperty: z.number().int(),
    noPropertyShare: share,
    oldNoProperty: z.number().int(),
    /** Of the old complexes. */
    oldNoPropertyShare: share,
  }),
  staff: z.object({
    total: z.number().int(),
    /** Years, one decimal; null with no staff. */
    averageAge: z.number().nullable(),
    aged40Plus: z.number().int(),
    aged40PlusShare: share,
    collegeOrBelow: z.number().int(),
    collegeOrBelowShare: share,
    ageBands: z.array(counted),
    education: z.array(counted),
  }),
  brands: z.object({
    total: z.number().int(),
    items: z.array(counted),
    /** The brand above BRAND_WARNING_SHARE, with the message people read; null when the mix is balanced. */
    warning: z.object({ code: z.string(), label: z.string(), share: z.number(), message: z.string() }).nullable(),
  }),
  formats: z.object({
    total: z.number().int(),
    meeting: z.number().int(),
    meetingShare: share,
    service: z.number().int(),
    serviceShare: share,
  }),
  units: z.object({
    /** Highest participation first. */
    items: z.array(
      z.object({
        rank: z.number().int(),
        id: z.string(),
        name: z.string(),
        organised: z.number().int(),
        seats: z.number().int(),
        participation: z.number().int(),
      }),
    ),
  }),
  needs: z.object({ total: z.number().int(), byCategory: z.array(counted), byStatus: z.array(counted) }),
  definitions: z.array(z.object({ key: z.string(), label: z.string(), definition: z.string() })),
});
export type DashboardOverview = z.infer<typeof dashboardOverview>;
