import ExcelJS from 'exceljs';
import type { CountedItem, DashboardOverview } from '@gongzhi/shared';

/** 数据看板_南门社区_2026-11-26.xlsx */
export function dashboardFileName(d: DashboardOverview): string {
  return `数据看板_${d.scope.name}_${d.asOf}.xlsx`;
}

type Cell = string | number | null;
const dash = (v: Cell) => (v === null ? '—' : v);

/** One sheet: a bold Chinese header row, then the rows; shares are percentages with two decimals. */
function addSheet(book: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][], widths: number[] = []) {
  const sheet = book.addWorksheet(name);
  sheet.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? Math.max(12, h.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map(dash));
  header.forEach((h, i) => {
    if (h.includes('（%）')) sheet.getColumn(i + 1).numFmt = '0.00';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return sheet;
}

const counted = (items: CountedItem[]): Cell[][] => items.map((i) => [i.label, i.count, i.share]);
const SHARE_HEADER = ['项目', '数量', '占比（%）'];

/** The whole dashboard, one sheet per figure, the definitions last. */
export async function dashboardWorkbook(d: DashboardOverview): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '共治通';
  const b = d.branches;
  addSheet(
    book,
    '党支部规模',
    ['党支部', '所在社区/街道', '党员人数', `超过${b.limit}人`],
    b.items.map((x) => [x.name, x.placeName, x.members, x.overLimit ? '是' : '否']),
    [28, 16, 12, 12],
  );
  addSheet(
    book,
    '党支部规模汇总',
    ['项目', '数量', '占比（%）', '说明'],
    [
      ['党支部总数', b.total, null, ''],
      [`超过${b.limit}人的党支部`, b.overLimit, b.overLimitShare, b.rule],
      ['超过100人的党支部', b.over100, null, ''],
    ],
    [22, 10, 12, 60],
  );
  const m = d.partyMembers;
  addSheet(book, '党员结构', SHARE_HEADER, [
    ['在册党员', m.total, null],
    ['50岁以上党员', m.aged50Plus, m.aged50PlusShare],
    ['流动党员', m.mobile, m.mobileShare],
    ...counted(m.ageBands),
  ]);
  const c = d.complexes;
  addSheet(book, '老旧小区', SHARE_HEADER, [
    ['小区总数', c.total, null],
    ['老旧小区', c.old, c.oldShare],
    ['无物业小区', c.noProperty, c.noPropertyShare],
    ['老旧小区中无物业（占老旧小区）', c.oldNoProperty, c.oldNoPropertyShare],
  ]);
  const s = d.staff;
  addSheet(book, '两委人员', SHARE_HEADER, [
    ['“两委”人员', s.total, null],
    ['平均年龄（岁）', s.averageAge, null],
    ['40岁以上', s.aged40Plus, s.aged40PlusShare],
    ['专科及以下学历', s.collegeOrBelow, s.collegeOrBelowShare],
    ...counted(s.ageBands),
    ...counted(s.education),
  ]);
  const brands = addSheet(
    book,
    '志愿服务品牌',
    ['服务品牌', '活动数', '占比（%）'],
    [...counted(d.brands.items), ['合计', d.brands.total, d.brands.total ? 100 : null]],
  );
  if (d.brands.warning) brands.addRow(['提示', d.brands.warning.message]);
  addSheet(
    book,
    '联建活动形式',
    ['活动形式', '活动数', '占比（%）'],
    [
      ['座谈式/报告式', d.formats.meeting, d.formats.meetingShare],
      ['服务式', d.formats.service, d.formats.serviceShare],
      ['合计', d.formats.total, d.formats.total ? 100 : null],
    ],
  );
  addSheet(
    book,
    '驻区单位参与度',
    ['排名', '驻区单位', '组织活动（次）', '人员认领名额（个）', '参与度'],
    d.units.items.map((u) => [u.rank, u.name, u.organised, u.seats, u.participation]),
    [8, 24, 16, 20, 10],
  );
  addSheet(book, '需求类别', ['服务类别', '需求数', '占比（%）'], counted(d.needs.byCategory));
  addSheet(book, '需求状态', ['状态', '需求数', '占比（%）'], counted(d.needs.byStatus));
  addSheet(
    book,
    '指标口径',
    ['指标', '口径'],
    [...d.definitions.map((x) => [x.label, x.definition]), ['统计范围', d.scope.name], ['参考日期', d.asOf]],
    [18, 100],
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
