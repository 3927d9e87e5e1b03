import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, idNumberCheck, type ImportKind } from '@gongzhi/shared';
import type { TestApp } from '../support/app';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A valid ID number born on `birth` (YYYYMMDD) with sequence `n`. */
export function idNumber(birth: string, n: number): string {
  const first17 = `110105${birth}${String(n).padStart(3, '0')}`;
  return first17 + idNumberCheck(first17);
}

/** An .xlsx with the kind's headers and these rows (values by header). */
export async function xlsxOf(kind: ImportKind, rows: Record<string, string | number>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名册');
  const headers = IMPORT_COLUMNS[kind].map((c) => c.header);
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function dryRun(t: TestApp, auth: string, kind: ImportKind, file: Buffer, type = XLSX) {
  return t
    .http()
    .post(`/api/v1/imports/${kind}/dry-run`)
    .set('Authorization', auth)
    .set('Content-Type', type)
    .send(file);
}

/** Commits a dry-run file and polls the job until it is no longer running; returns the final job. */
export async function commitAndWait(t: TestApp, auth: string, kind: ImportKind, fileId: string) {
  const started = await t.http().post(`/api/v1/imports/${kind}/commit`).set('Authorization', auth).send({ fileId });
  if (started.status !== 200) throw new Error(`commit: ${started.status} ${JSON.stringify(started.body)}`);
  const seen: number[] = [started.body.processed];
  for (;;) {
    const job = await t.http().get(`/api/v1/imports/jobs/${started.body.id}`).set('Authorization', auth);
    seen.push(job.body.processed);
    if (job.body.status !== 'running') return { job: job.body, started: started.body, seen };
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function residentRows(n: number, community = '南门社区', offset = 0) {
  return Array.from({ length: n }, (_, i) => ({
    姓名: `居民${offset + i}`,
    身份证号: idNumber(`19${60 + ((offset + i) % 40)}0${1 + (i % 9)}1${i % 10}`, (offset + i) % 1000),
    手机号: `135${String(10000000 + offset + i).slice(-8)}`,
    社区: community,
    小区: i % 2 ? '南门小区' : '',
    楼栋: i % 4 === 1 ? '2号楼' : '',
  }));
}
