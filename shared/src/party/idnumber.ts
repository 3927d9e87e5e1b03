/** 居民身份证号 (GB 11643-1999): 17 digits and a check character; the birth date sits at 7–14. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECKS = '10X98765432';

export function idNumberCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECKS[sum % 11];
}

/** A Chinese message when the number is not a valid ID number, or null. */
export function idNumberProblem(value: string): string | null {
  const v = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return '身份证号应为 18 位（最后一位可以是 X）';
  const birth = birthDateOfIdNumber(v);
  if (!birth) return '身份证号里的出生日期不存在';
  if (idNumberCheck(v.slice(0, 17)) !== v[17]) return '身份证号校验位不对，请核对是否抄错';
  return null;
}

/** YYYY-MM-DD from an ID number, or null when it is not a real date. */
export function birthDateOfIdNumber(v: string): string | null {
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
}

/** 510123********1234: region and the last four only. */
export function maskIdNumber(v: string | null): string | null {
  if (!v) return null;
  return `${v.slice(0, 6)}********${v.slice(-4)}`;
}
