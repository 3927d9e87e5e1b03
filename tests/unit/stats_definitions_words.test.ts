import {
  BRANCH_RULE,
  DASHBOARD_DEFINITIONS,
  NOT_DUE_LABEL,
  RESPONSE_KPI_DEFINITIONS,
  RESPONSE_KPI_LEVEL_DEFINITIONS,
} from '@gongzhi/shared';

// 统计口径 are read by leaders: a field name ("active 为真", organiserUnitId) or a statistician's
// word ("90 百分位（最近秩法）") on the screen means nobody can check the figure. Every definition
// text is scanned here.

/** Words that are code or jargon, not Chinese a leader reads. */
const JARGON = ['为真', '为假', '为空', '不为空', '指向', '字段', '百分位', '分位数', '秩', '90%', 'null'];

function problems(text: string): string[] {
  const found: string[] = [];
  const ascii = text.match(/[A-Za-z_][A-Za-z0-9_]*/g);
  if (ascii) found.push(...ascii.map((w) => `ASCII word “${w}”`));
  for (const j of JARGON) if (text.includes(j)) found.push(`jargon “${j}”`);
  return found;
}

const texts: [string, string][] = [
  ...DASHBOARD_DEFINITIONS.map((d): [string, string] => [`数据看板 ${d.label}`, `${d.label}：${d.definition}`]),
  ...RESPONSE_KPI_DEFINITIONS.map((d): [string, string] => [`三率 ${d.label}`, `${d.label}：${d.definition}`]),
  ...Object.entries(RESPONSE_KPI_LEVEL_DEFINITIONS).map(([k, v]): [string, string] => [`三率分组 ${k}`, v]),
  ['支部人数规定', BRANCH_RULE],
  ['未到时限', NOT_DUE_LABEL],
];

test.each(texts)('%s reads as plain Chinese (no field names, no jargon)', (_, text) => {
  expect(problems(text)).toEqual([]);
});

test('the scan catches what the walk-through found', () => {
  expect(problems('在册党员（active 为真、branchId 指向该支部）')).toEqual([
    'ASCII word “active”',
    'ASCII word “branchId”',
    'jargon “为真”',
    'jargon “指向”',
  ]);
  expect(problems('平均值与 90 百分位（最近秩法）')).toEqual(['jargon “百分位”', 'jargon “秩”']);
  expect(problems('报到 平均2小时/90% 10小时')).toEqual(['jargon “90%”']);
  expect(problems('小区（kind 为 complex）')).toEqual(['ASCII word “kind”', 'ASCII word “complex”']);
});

test('every figure on the dashboard and in the 三率 has a definition', () => {
  expect(DASHBOARD_DEFINITIONS.map((d) => d.key)).toEqual([
    'scope',
    'branches',
    'partyMembers',
    'complexes',
    'staff',
    'brands',
    'formats',
    'units',
    'needs',
    'rounding',
  ]);
  expect(RESPONSE_KPI_DEFINITIONS.map((d) => d.label)).toEqual([
    '收到',
    '响应率',
    '解决率',
    '满意率',
    '报到用时',
    '办结用时',
    '超时',
  ]);
});
