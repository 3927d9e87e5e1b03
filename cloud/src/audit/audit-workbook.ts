import ExcelJS from 'exceljs';
import { AUDIT_RETENTION_DAYS, type AuditRow, localDateOf } from '@gongzhi/shared';

/** `at` in China time as people read it: 2026-12-06 08:05:09. */
function chinaTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** The export's columns: Chinese headers, one row per read, newest first. */
const COLUMNS: { header: string; width: number; cell: (r: AuditRow) => string }[] = [
  { header: '时间（北京时间）', width: 20, cell: (r) => chinaTime(r.at) },
  { header: '查看人', width: 12, cell: (r) => r.actor.name },
  { header: '岗位', width: 14, cell: (r) => r.actor.role },
  { header: '单位/辖区', width: 20, cell: (r) => r.actor.place ?? '' },
  { header: '被查看人', width: 12, cell: (r) => r.subject.name },
  { header: '类别', width: 10, cell: (r) => r.subject.kind },
  { header: '查看内容', width: 22, cell: (r) => r.whatLabels.join('、') },
  { header: '事由', width: 18, cell: (r) => r.viaLabel },
  { header: '事由编号', width: 40, cell: (r) => r.via },
];

export const AUDIT_HEADERS = COLUMNS.map((c) => c.header);

export function auditFileName(now: Date): string {
  return `审计日志_${localDateOf(now)}.xlsx`;
}

/** Sheet 1: the reads; sheet 2: what the columns mean and how long the log is kept. */
export async function auditWorkbook(rows: AuditRow[], truncated: boolean): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '共治通';
  const sheet = book.addWorksheet('审计日志');
  sheet.columns = COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(Object.fromEntries(COLUMNS.map((c, i) => [`c${i}`, c.cell(r)])));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const notes = book.addWorksheet('说明');
  notes.columns = [
    { header: '项目', key: 'label', width: 14 },
    { header: '说明', key: 'text', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  notes.addRow({
    label: '内容',
    text: '工作人员查看个人信息的记录（谁、何时、看了谁的什么、因何查看），以及查询和导出本日志的记录。',
  });
  notes.addRow({ label: '姓名', text: '查看人为工作人员，显示全名；被查看人姓名脱敏。' });
  notes.addRow({ label: '保留', text: `记录至少保留 ${AUDIT_RETENTION_DAYS} 天（等保 2.0），系统不提供修改或删除。` });
  if (truncated) notes.addRow({ label: '条数', text: `只导出了最新的 ${rows.length} 条，请缩小日期范围分次导出。` });
  return Buffer.from(await book.xlsx.writeBuffer());
}
