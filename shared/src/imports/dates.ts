import { parseLocalDate } from '../china-time';
import { z } from '../validation';

/**
 * Dates as people type them into a spreadsheet, or as Excel hands them over: Excel on Chinese
 * Windows writes `2026/3/15`; others write `2026-03-15`, `2026.3.15`, `20260315` or `2026年3月15日`.
 * A date cell of an .xlsx arrives already as `2026-03-15` (read-sheet.ts); a date cell whose format
 * Excel did not mark as a date arrives as its serial number (46096 = 2026-03-15), which is taken too.
 */
const SEPARATED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: serial 25569 is 1970-01-01. */
const EXCEL_EPOCH_SERIAL = 25569;

/** YYYY-MM-DD of a spreadsheet date, or null when it is none of the accepted forms or not a real day. */
export function parseSheetDate(text: string): string | null {
  const v = text.trim();
  const parts = SEPARATED.exec(v) ?? COMPACT.exec(v);
  let iso: string | null = null;
  if (parts) iso = `${parts[1]}-${parts[2].padStart(2, '0')}-${parts[3].padStart(2, '0')}`;
  else if (/^\d{5}(\.0+)?$/.test(v)) {
    const serial = Number(v);
    // 1927–2173: a serial outside it is a number someone typed, not a date.
    if (serial >= 10_000 && serial <= 99_999)
      iso = new Date((serial - EXCEL_EPOCH_SERIAL) * 86_400_000).toISOString().slice(0, 10);
  }
  return iso && parseLocalDate(iso) ? iso : null;
}

export const SHEET_DATE_FORMS = '2026-03-15、2026/3/15、2026.3.15 或 20260315';

/** A required date column: YYYY-MM-DD out, a Chinese message naming the accepted forms otherwise. */
export const sheetDate = (what: string) =>
  z.string({ error: `请填写${what}` }).transform((v, ctx) => {
    if (!v) {
      ctx.addIssue({ code: 'custom', message: `请填写${what}` });
      return z.NEVER;
    }
    const iso = parseSheetDate(v);
    if (!iso) {
      ctx.addIssue({ code: 'custom', message: `${what}「${v}」看不懂或不存在，请写成 ${SHEET_DATE_FORMS}` });
      return z.NEVER;
    }
    return iso;
  });
