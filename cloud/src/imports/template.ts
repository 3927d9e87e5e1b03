import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, IMPORT_KIND_LABELS, type ImportKind } from '@gongzhi/shared';

export const templateFileName = (kind: ImportKind) => `${IMPORT_KIND_LABELS[kind]}导入模板.xlsx`;

/**
 * The template of a kind: the header (required columns marked *), one example row — skipped on
 * import when left unchanged — and a second sheet explaining each column. ID number columns are
 * text-formatted so Excel keeps all 18 digits.
 */
export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  const columns = IMPORT_COLUMNS[kind];
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`${IMPORT_KIND_LABELS[kind]}名册`);
  sheet.columns = columns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    width: Math.max(12, c.header.length * 2 + 6, c.example.length + 4),
    style: c.key === 'idNumber' || c.key === 'phone' || c.key === 'date' ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFD42A1F' } };
  });
  const example = sheet.addRow(columns.map((c) => c.example));
  example.font = { italic: true, color: { argb: 'FF888888' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const notes = book.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', width: 16 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 60 },
    { header: '示例', width: 24 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of columns) notes.addRow([c.header, c.required ? '必填' : '选填', c.note, c.example]);
  notes.addRow([]);
  notes.addRow(['提示', '', '第 2 行是示例，原样保留时导入会跳过它；也可以删掉。带 * 的列必须填写。']);
  notes.addRow(['', '', '先“预检”查看每一行的问题，确认无误后再“导入”；同一份文件重复导入不会产生重复数据。']);
  return Buffer.from(await book.xlsx.writeBuffer());
}
