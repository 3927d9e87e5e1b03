import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Handle, type Call } from '../core/handle';
import { ImportsService } from './imports.service';
import { importTemplate, templateFileName } from './template';

const { listImportKinds, downloadImportTemplate, dryRunImport, commitImport, showImportJob } = api.imports;

/** The format of an upload, from its declared type (xlsx, csv; octet-stream is sniffed: xlsx is a zip). */
function formatOf(contentType: string, bytes: Buffer): 'xlsx' | 'csv' | null {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return 'csv';
  if (type === 'application/octet-stream') return bytes[0] === 0x50 && bytes[1] === 0x4b ? 'xlsx' : 'csv';
  return null;
}

/** Roster import: templates, dry run of an uploaded file (the request body), commit as a job. */
@Controller('/')
export class ImportsController {
  @Inject()
  imports!: ImportsService;

  @Handle(listImportKinds)
  async listImportKinds({ user }: Call<typeof listImportKinds>) {
    return this.imports.listKinds(user);
  }

  @Handle(downloadImportTemplate)
  async downloadImportTemplate({ params, ctx }: Call<typeof downloadImportTemplate>) {
    const file = await importTemplate(params.kind);
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    ctx.set(
      'Content-Disposition',
      `attachment; filename="${params.kind}-template.xlsx"; filename*=UTF-8''${encodeURIComponent(templateFileName(params.kind))}`,
    );
    return file;
  }

  @Handle(dryRunImport)
  async dryRunImport({ user, params, ctx, raw }: Call<typeof dryRunImport>) {
    const body = raw!;
    if (body.tooLarge) throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过 8 MB，请拆成几个文件');
    const format = formatOf(ctx.get('content-type'), body.bytes);
    if (!format) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能导入 .xlsx 或 .csv 文件');
    if (!body.bytes.length)
      throw new AppError('VALIDATION_FAILED', '没有收到文件内容', [{ path: 'body', message: '请选择要导入的文件' }]);
    return this.imports.dryRun(user, params.kind, format, body.bytes);
  }

  @Handle(commitImport)
  async commitImport({ user, params, body, keyedId }: Call<typeof commitImport>) {
    return this.imports.commit(user, params.kind, body.fileId, keyedId);
  }

  @Handle(showImportJob)
  async showImportJob({ user, params }: Call<typeof showImportJob>) {
    return this.imports.showJob(user, params.id);
  }
}
