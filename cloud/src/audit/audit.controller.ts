import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Clock } from '../core/clock';
import { Handle, type Call } from '../core/handle';
import { AUDIT_EXPORT_LIMIT, AuditSearchService } from './audit-search.service';
import { auditFileName, auditWorkbook } from './audit-workbook';
import { MyDataReaders } from './my-data-readers.service';

const { searchAuditLog, exportAuditLog, listMyDataReaders } = api.audit;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 管理 › 审计日志 (search, Excel) and 隐私与数据 › 谁查看过我的信息. No route changes the log. */
@Controller('/')
export class AuditController {
  @Inject()
  search!: AuditSearchService;

  @Inject()
  readers!: MyDataReaders;

  @Inject()
  clock!: Clock;

  @Handle(searchAuditLog)
  async searchAuditLog({ user, query }: Call<typeof searchAuditLog>) {
    return this.search.search(user, query);
  }

  @Handle(exportAuditLog)
  async exportAuditLog({ user, query, ctx }: Call<typeof exportAuditLog>) {
    const rows = await this.search.exportRows(user, query);
    const file = await auditWorkbook(rows, rows.length >= AUDIT_EXPORT_LIMIT);
    ctx.type = XLSX;
    ctx.set(
      'Content-Disposition',
      `attachment; filename="audit-log.xlsx"; filename*=UTF-8''${encodeURIComponent(auditFileName(this.clock.now()))}`,
    );
    ctx.set('Cache-Control', 'private, no-store');
    return file;
  }

  @Handle(listMyDataReaders)
  async listMyDataReaders({ user, query }: Call<typeof listMyDataReaders>) {
    return this.readers.page(user.userId, query.page, query.pageSize);
  }
}
