import ExcelJS from 'exceljs';

/** A data row of an uploaded sheet: its number as Excel shows it, and each cell as trimmed text by header. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
  /** Headers whose cell held a number too long to be exact (an ID number Excel turned into 5.1E+17). */
  inexact: string[];
}
export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** Header as written, without the required mark the template adds ("姓名*" → "姓名"). */
const cleanHeader = (h: string) => h.replace(/[*＊]|（必填）|\(必填\)/g, '').trim();

function cellText(value: ExcelJS.CellValue): { text: string; inexact: boolean } {
  if (value === null || value === undefined) return { text: '', inexact: false };
  if (typeof value === 'number')
    return { text: String(value), inexact: !Number.isSafeInteger(value) && Math.abs(value) > 1e15 };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', inexact: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), inexact: false };
  if (typeof value === 'object') {
    if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), inexact: false };
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return { text: String(value.text), inexact: false };
    if ('error' in value) return { text: '', inexact: false };
  }
  return { text: String(value), inexact: false };
}

export async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cleanHeader(cellText(cell.value).text);
  });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    const inexact: string[] = [];
    headers.forEach((h, i) => {
      if (!h) return;
      const c = cellText(r.getCell(i + 1).value);
      cells[h] = c.text.trim();
      if (c.inexact) inexact.push(h);
    });
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: rowNumber, cells, inexact });
  });
  return { headers: headers.filter(Boolean), rows };
}

/** Text of a CSV file: UTF-8 (with or without BOM) or, as Excel on Chinese Windows saves it, GBK. */
export function decodeCsv(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/**
 * RFC 4180 CSV, every value kept as text: a general-purpose reader would turn an 18-digit ID number
 * into an inexact number, or 0012 into 12.
 */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}

export function readCsv(bytes: Buffer): Sheet {
  const table = parseCsv(decodeCsv(bytes));
  const headers = (table[0] ?? []).map(cleanHeader);
  const rows: SheetRow[] = [];
  table.slice(1).forEach((r, i) => {
    const cells: Record<string, string> = {};
    headers.forEach((h, j) => {
      if (h) cells[h] = (r[j] ?? '').trim();
    });
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: i + 2, cells, inexact: [] });
  });
  return { headers: headers.filter(Boolean), rows };
}
