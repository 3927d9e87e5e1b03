import ExcelJS from 'exceljs';
import {
  RESPONSE_KPI_DEFINITIONS,
  RESPONSE_KPI_LEVEL_DEFINITIONS,
  RESPONSE_KPI_LEVEL_LABELS,
  type ResponseKpiRow,
  type ResponseKpis,
  localDateOf,
} from '@gongzhi/shared';

/** The columns of the export: Chinese header, the row's field, and how the cell is shown. */
const COLUMNS: { header: string; key: keyof ResponseKpiRow; format?: 'percent' | 'minutes' }[] = [
  { header: '名称', key: 'name' },
  { header: '收到（个）', key: 'received' },
  { header: '已报到（个）', key: 'reported' },
  { header: '按时报到（个）', key: 'reportedInTime' },
  { header: '未到报到时限（个）', key: 'notDueReport' },
  { header: '响应率', key: 'responseRate', format: 'percent' },
  { header: '已办结（个）', key: 'resolved' },
  { header: '办结并确认（个）', key: 'confirmed' },
  { header: '未到办结时限（个）', key: 'notDueResolve' },
  { header: '解决率', key: 'resolutionRate', format: 'percent' },
  { header: '评价数', key: 'rated' },
  { header: '满意数', key: 'satisfied' },
  { header: '满意率', key: 'satisfactionRate', format: 'percent' },
  { header: '平均报到用时（分钟）', key: 'avgReportMinutes', format: 'minutes' },
  { header: '九成任务报到用时（分钟）', key: 'p90ReportMinutes', format: 'minutes' },
  { header: '平均办结用时（分钟）', key: 'avgResolveMinutes', format: 'minutes' },
  { header: '九成任务办结用时（分钟）', key: 'p90ResolveMinutes', format: 'minutes' },
  { header: '超时（个）', key: 'overdue' },
];

/** The file name people see: 三率统计_职能部门_2026-11-01至2026-11-30.xlsx (`to` is the exclusive end). */
export function kpiFileName(k: ResponseKpis): string {
  const last = new Date(new Date(k.to).getTime() - 1);
  return `三率统计_${RESPONSE_KPI_LEVEL_LABELS[k.level]}_${localDateOf(new Date(k.from))}至${localDateOf(last)}.xlsx`;
}

/** Sheet 1: the figures (a Chinese header row, one row per responder, the total last). Sheet 2: the definitions. */
export async function kpiWorkbook(k: ResponseKpis): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '共治通';
  const sheet = book.addWorksheet('三率统计');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'name' ? 24 : 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of [...k.rows, k.total]) {
    const added = sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, row[c.key] ?? '—'])));
    if (row === k.total) added.font = { bold: true };
  }
  COLUMNS.forEach((c, i) => {
    if (c.format === 'percent') sheet.getColumn(i + 1).numFmt = '0.00%';
    if (c.format === 'minutes') sheet.getColumn(i + 1).numFmt = '0.0';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const notes = book.addWorksheet('指标口径');
  notes.columns = [
    { header: '指标', key: 'label', width: 16 },
    { header: '口径', key: 'definition', width: 100 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const d of RESPONSE_KPI_DEFINITIONS) notes.addRow({ label: d.label, definition: d.definition });
  notes.addRow({
    label: '分组',
    definition: `${RESPONSE_KPI_LEVEL_LABELS[k.level]}：${RESPONSE_KPI_LEVEL_DEFINITIONS[k.level]}`,
  });
  notes.addRow({
    label: '统计期',
    definition: `${localDateOf(new Date(k.from))} 至 ${localDateOf(new Date(new Date(k.to).getTime() - 1))}（按吹哨日期，北京时间）`,
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
