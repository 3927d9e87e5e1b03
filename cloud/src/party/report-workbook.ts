import ExcelJS from 'exceljs';
import { EVALUATION_RATING_LABELS, type EvaluationRating, localDateOf } from '@gongzhi/shared';

interface Row {
  name: string;
  communityName: string;
  postName: string;
  registeredAt: string;
  evaluation: { rating: EvaluationRating; comment: string; evaluatorName: string; at: string } | null;
}

export function unitReportFileName(unitName: string, year: number): string {
  return `双报告_${unitName}_${year}年度.xlsx`;
}

/** 双报告: the communities' year-end evaluation of one unit's in-service members, to send back to the unit. */
export async function unitReportWorkbook(unitName: string, year: number, rows: Row[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`${year}年度社区评价`);
  sheet.addRow([`${unitName} 在职党员到社区报到 ${year} 年度评价`]);
  sheet.mergeCells(1, 1, 1, 8);
  sheet.getRow(1).font = { bold: true, size: 14 };
  const header = sheet.addRow(['序号', '姓名', '报到社区', '服务岗位', '报到日期', '评价等次', '社区评语', '评价人']);
  header.font = { bold: true };
  rows.forEach((r, i) =>
    sheet.addRow([
      i + 1,
      r.name,
      r.communityName,
      r.postName,
      localDateOf(r.registeredAt),
      r.evaluation ? EVALUATION_RATING_LABELS[r.evaluation.rating] : '未评价',
      r.evaluation?.comment ?? '',
      r.evaluation?.evaluatorName ?? '',
    ]),
  );
  [6, 10, 12, 16, 12, 10, 40, 10].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  sheet.addRow([]);
  sheet.addRow([
    `共 ${rows.length} 人，已评价 ${rows.filter((r) => r.evaluation).length} 人。评价由报到社区作出，供单位年度考核参考。`,
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
