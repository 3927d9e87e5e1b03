import { randomBytes, createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ApplicationContext, Config, ILogger, Inject, Logger, Provide, type IMidwayContainer } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  IMPORT_COLUMNS,
  IMPORT_KIND_LABELS,
  IMPORT_KINDS,
  IMPORT_MAX_ROWS,
  IMPORT_ROW_SCHEMAS,
  TREE_IMPORT_KINDS,
  type DryRunResult,
  type ImportJob,
  type ImportKind,
  type ImportRowError,
  type ImportRowChange,
  type ImportSummary,
  localDateOf,
} from '@gongzhi/shared';
import { recordImportChanges, rowChange } from './import-changes';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { communityInScope } from '../core/place';
import type { Principal } from '../core/principal';
import { ACTIVE, OrgModel, type Org } from '../org/org.model';
import { requirePartyWork } from '../party/party-access';
import { importFilePath } from './imports.sweep';
import { ImportFileModel, ImportJobModel, type ImportFileDoc, type ImportJobDoc } from './import.model';
import { isProblem, type ImportContext, type ImportKindDef, type Planned } from './kind';
import { IMPORT_KIND_DEFS } from './kinds';
import { readCsv, readXlsx, type Sheet } from './read-sheet';
import { createKeyed } from '../core/create-keyed';

/** Rows planned, looked up and written together: bounded memory, and progress every chunk. */
const CHUNK = 1000;
const MAX_ERRORS = 200;

/** What the sheet alone says: schema-valid rows (typed), the errors found so far, the data row count. */
interface Parsed {
  rows: { row: number; data: unknown; cells: Record<string, string> }[];
  errors: ImportRowError[];
  total: number;
}

interface Checked {
  valid: { row: number; plan: Planned; cells: Record<string, string> }[];
  errors: ImportRowError[];
  invalidRows: number;
  total: number;
}

/** Use cases of roster import: list_import_kinds, download_import_template, dry_run_import, commit_import, show_import_job. */
@Provide()
export class ImportsService {
  @Config('gongzhi')
  settings!: Settings;

  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  @Logger()
  logger!: ILogger;

  @ApplicationContext()
  container!: IMidwayContainer;

  /** The kinds the caller may import (the org tree only for tree administrators). */
  listKinds(user: Principal) {
    return {
      kinds: IMPORT_KINDS.filter((k) => !TREE_IMPORT_KINDS.includes(k) || isTreeAdmin(user)).map((kind) => ({
        kind,
        label: IMPORT_KIND_LABELS[kind],
        columns: IMPORT_COLUMNS[kind].map((c) => ({ header: c.header, required: c.required, note: c.note })),
      })),
    };
  }

  /** Checks every row and compares it with what is stored; writes nothing but the file itself. */
  async dryRun(user: Principal, kind: ImportKind, format: 'xlsx' | 'csv', bytes: Buffer): Promise<DryRunResult> {
    const ctx = await this.context(user, kind);
    const parsed = this.parseRows(kind, await this.read(format, bytes));
    const file = await this.keepFile(user, kind, format, bytes, parsed);
    const checked = await this.planRows(ctx, kind, parsed);
    const summary: ImportSummary = {
      total: checked.total,
      new: 0,
      changed: 0,
      unchanged: 0,
      invalid: checked.invalidRows,
    };
    const def = IMPORT_KIND_DEFS[kind];
    const stored = await def.existing(
      ctx,
      checked.valid.map((v) => v.plan),
    );
    const changes: ImportRowChange[] = [];
    for (const v of checked.valid) {
      const state = this.stateOf(ctx, def, v.plan, stored);
      summary[state]++;
      if (state === 'changed' && changes.length < MAX_ERRORS)
        changes.push(rowChange(ctx, kind, def, v, stored.get(v.plan.key)));
    }
    return {
      fileId: String(file._id),
      kind,
      summary,
      errors: checked.errors.slice(0, MAX_ERRORS),
      errorCount: checked.errors.length,
      changes,
    };
  }

  /** Starts the commit as a job and returns at once; the client polls showJob for progress. */
  async commit(
    user: Principal,
    kind: ImportKind,
    fileId: string,
    keyedId: Types.ObjectId | null = null,
  ): Promise<ImportJob> {
    const ctx = await this.context(user, kind);
    // A retry of a crashed attempt answers with the job that attempt started (its file is used up).
    const started = keyedId && (await this.db.model(ImportJobModel).findById(keyedId).lean<ImportJobDoc>());
    if (started) return present(started);
    const file = await this.db.model(ImportFileModel).findById(fileId).lean<ImportFileDoc>();
    if (!file || String(file.ownerId) !== user.userId || file.kind !== kind)
      throw new AppError('NOT_FOUND', '没有找到这份文件，请重新选择文件预检');
    // The rows as the dry run parsed them: the spreadsheet is not read and validated twice.
    const stored = await fs.readFile(this.pathOf(file.storedAs), 'utf8').catch(() => null);
    if (!stored) throw new AppError('NOT_FOUND', '这份文件已经导入过或已过期，请重新选择文件预检');
    const parsed = JSON.parse(this.cipher.decrypt(stored)) as Parsed;
    const job = await createKeyed<ImportJobDoc>(this.db.model(ImportJobModel), keyedId, {
      kind,
      fileId: file._id,
      ownerId: new Types.ObjectId(user.userId),
      status: 'running',
      total: parsed.total,
      processed: 0,
      result: null,
      error: null,
      createdAt: this.clock.now(),
      finishedAt: null,
    });
    setImmediate(() => {
      this.runCommit(ctx, kind, parsed, job._id).catch(async (err) => {
        this.logger.error('[imports] job %s failed: %s', String(job._id), (err as Error).stack);
        await this.db
          .model(ImportJobModel)
          .updateOne(
            { _id: job._id },
            {
              $set: {
                status: 'failed',
                error: '导入中断，已写入的行不受影响，可以重新导入同一文件',
                finishedAt: this.clock.now(),
              },
            },
          )
          .catch(() => undefined);
      });
    });
    return present(job);
  }

  async showJob(user: Principal, id: string): Promise<ImportJob> {
    const job = await this.db.model(ImportJobModel).findById(id).lean<ImportJobDoc>();
    if (!job || String(job.ownerId) !== user.userId) throw new AppError('NOT_FOUND', '没有找到这个导入任务');
    return present(job);
  }

  /** Re-plans against the database as it is now (a row may have changed since the dry run), then writes in chunks. */
  private async runCommit(ctx: ImportContext, kind: ImportKind, parsed: Parsed, jobId: Types.ObjectId) {
    const jobs = this.db.model(ImportJobModel);
    const def = IMPORT_KIND_DEFS[kind];
    const checked = await this.planRows(ctx, kind, parsed);
    const result: ImportSummary = {
      total: checked.total,
      new: 0,
      changed: 0,
      unchanged: 0,
      invalid: checked.invalidRows,
    };
    const stored = await def.existing(
      ctx,
      checked.valid.map((v) => v.plan),
    );
    let processed = checked.invalidRows;
    await jobs.updateOne({ _id: jobId }, { $set: { processed } });
    for (let i = 0; i < checked.valid.length; i += CHUNK) {
      const chunk = checked.valid.slice(i, i + CHUNK).map((v) => v.plan);
      const fresh: Planned[] = [];
      const changed: { plan: Planned; doc: unknown }[] = [];
      for (const p of chunk) {
        const state = this.stateOf(ctx, def, p, stored);
        result[state]++;
        if (state === 'new') fresh.push(p);
        if (state === 'changed') changed.push({ plan: p, doc: stored.get(p.key) });
      }
      await def.write(ctx, fresh, changed);
      await recordImportChanges(this.db, this.cipher, ctx, kind, def, changed);
      processed += chunk.length;
      await jobs.updateOne({ _id: jobId }, { $set: { processed } });
    }
    await jobs.updateOne(
      { _id: jobId },
      { $set: { status: 'done', processed: checked.total, result, finishedAt: this.clock.now() } },
    );
  }

  private stateOf(ctx: ImportContext, def: ImportKindDef, p: Planned, stored: Map<string, unknown>) {
    const doc = stored.get(p.key);
    if (!doc) return 'new' as const;
    return sameView(def.viewOf(ctx, doc), p.view) ? ('unchanged' as const) : ('changed' as const);
  }

  /** Row-level checks of the sheet alone: headers and the row schema. */
  private parseRows(kind: ImportKind, sheet: Sheet): Parsed {
    const columns = IMPORT_COLUMNS[kind];
    const missing = columns.filter((c) => c.required && !sheet.headers.includes(c.header));
    if (missing.length)
      return {
        rows: [],
        total: sheet.rows.length,
        errors: missing.map((c) => ({
          row: 1,
          column: c.header,
          value: null,
          message: `缺少“${c.header}”列，请使用下载的模板`,
        })),
      };
    if (sheet.rows.length > IMPORT_MAX_ROWS)
      throw new AppError('PAYLOAD_TOO_LARGE', `一次最多导入 ${IMPORT_MAX_ROWS} 行，请把文件拆开`);
    const headerOf = new Map(columns.map((c) => [c.key, c.header]));
    const example = columns.map((c) => c.example);
    // The template's example row, left as it was in row 2, is not data.
    const rows = sheet.rows.filter(
      (r) => r.row !== 2 || !columns.every((c, i) => (r.cells[c.header] ?? '') === example[i]),
    );
    const schema = IMPORT_ROW_SCHEMAS[kind];
    const errors: ImportRowError[] = [];
    const parsed: Parsed['rows'] = [];
    for (const r of rows) {
      const input = Object.fromEntries(columns.map((c) => [c.key, r.cells[c.header] ?? '']));
      const rowErrors: ImportRowError[] = [];
      for (const h of r.inexact)
        rowErrors.push({
          row: r.row,
          column: h,
          value: r.cells[h],
          message: '这一格被 Excel 存成了数字，后几位已丢失：请把该列设为“文本”后重新填写',
        });
      const result = schema.safeParse(input);
      if (!result.success) {
        for (const issue of result.error.issues) {
          const key = String(issue.path[0] ?? '');
          const header = headerOf.get(key) ?? null;
          if (rowErrors.some((e) => e.column === header)) continue;
          rowErrors.push({
            row: r.row,
            column: header,
            value: header ? (r.cells[header] ?? '') : null,
            message: issue.message,
          });
        }
      }
      if (rowErrors.length) errors.push(...rowErrors);
      else parsed.push({ row: r.row, data: result.data, cells: r.cells });
    }
    return { rows: parsed, errors, total: rows.length };
  }

  /** Checks against the database: references (community, grid…) and the caller's scope, duplicates within the file. */
  private async planRows(ctx: ImportContext, kind: ImportKind, parsed: Parsed): Promise<Checked> {
    const headerOf = new Map(IMPORT_COLUMNS[kind].map((c) => [c.key, c.header]));
    const def = IMPORT_KIND_DEFS[kind];
    const errors = [...parsed.errors];
    await def.prepare?.(
      ctx,
      parsed.rows.map((p) => p.data),
    );
    const valid: Checked['valid'] = [];
    const seen = new Map<string, number>();
    for (const { row, data, cells } of parsed.rows) {
      const plan = def.plan(ctx, data);
      if (isProblem(plan)) {
        const header = plan.column ? (headerOf.get(plan.column) ?? null) : null;
        errors.push({ row, column: header, value: header ? (cells[header] ?? '') : null, message: plan.message });
        continue;
      }
      const first = seen.get(plan.key);
      if (first !== undefined) {
        errors.push({ row, column: null, value: null, message: `与第 ${first} 行是同一条记录，请删去重复的一行` });
        continue;
      }
      seen.set(plan.key, row);
      valid.push({ row, plan, cells });
    }
    errors.sort((a, b) => a.row - b.row);
    return { valid, errors, invalidRows: new Set(errors.map((e) => e.row)).size, total: parsed.total };
  }

  private async read(format: 'xlsx' | 'csv', bytes: Buffer): Promise<Sheet> {
    try {
      return format === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
    } catch {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '文件无法读取：请上传用模板填写的 .xlsx 或 .csv 文件');
    }
  }

  private pathOf(storedAs: string) {
    return importFilePath(this.settings.uploadDir, storedAs);
  }

  /** Keeps the parsed rows (encrypted, under the upload folder, never served) for the commit. */
  private async keepFile(user: Principal, kind: ImportKind, format: 'xlsx' | 'csv', bytes: Buffer, parsed: Parsed) {
    await fs.mkdir(path.join(this.settings.uploadDir, 'imports'), { recursive: true });
    // Rosters hold ID numbers: only the parsed rows are kept, encrypted like the records they become.
    const storedAs = `${randomBytes(16).toString('hex')}.rows`;
    await fs.writeFile(this.pathOf(storedAs), this.cipher.encrypt(JSON.stringify(parsed)), { flag: 'wx' });
    return this.db.model(ImportFileModel).create({
      kind,
      ownerId: new Types.ObjectId(user.userId),
      format,
      storedAs,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      createdAt: this.clock.now(),
    });
  }

  /** The places the caller may import into: their community (staff), street (street admin) or all (county). */
  private async context(user: Principal, kind: ImportKind): Promise<ImportContext> {
    if (kind === 'partyMembers') requirePartyWork(user);
    if (TREE_IMPORT_KINDS.includes(kind) && !isTreeAdmin(user))
      throw new AppError('FORBIDDEN', '组织架构只能由县级或街道管理员导入');
    const orgs = await this.db
      .model(OrgModel)
      .find({ kind: { $in: ['community', 'street'] }, ...ACTIVE })
      .lean<Org[]>();
    const communities = orgs.filter((o) => o.kind === 'community');
    const streets = orgs.filter((o) => o.kind === 'street');
    const mine = communities.filter((c) => communityInScope(user, c));
    const myStreets = streets.filter((s) => user.roles.includes('countyAdmin') || String(s._id) === user.streetId);
    const now = this.clock.now();
    return {
      db: this.db,
      cipher: this.cipher,
      user,
      now,
      today: localDateOf(now),
      communities: new Map(mine.map((c) => [c.name, c])),
      allCommunities: new Set(communities.map((c) => c.name)),
      streets: new Map(myStreets.map((s) => [s.name, s])),
      allStreets: new Set(streets.map((s) => s.name)),
      resolve: (cls) => this.container.getAsync(cls),
    };
  }
}

const isTreeAdmin = (user: Principal) => user.roles.some((r) => r === 'countyAdmin' || r === 'streetAdmin');

function sameView(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? null) === (b[k] ?? null));
}

function present(job: ImportJobDoc): ImportJob {
  const r = job.result;
  const message =
    job.status === 'running'
      ? `正在导入：${job.processed} / ${job.total}`
      : job.status === 'failed'
        ? (job.error ?? '导入失败')
        : `导入完成：新增 ${r!.new} 条，更新 ${r!.changed} 条，未变 ${r!.unchanged} 条${r!.invalid ? `，跳过有误的 ${r!.invalid} 行` : ''}`;
  return {
    id: String(job._id),
    kind: job.kind,
    status: job.status,
    total: job.total,
    processed: job.processed,
    result: r ? { total: r.total, new: r.new, changed: r.changed, unchanged: r.unchanged, invalid: r.invalid } : null,
    message,
    createdAt: job.createdAt.toISOString(),
  };
}
