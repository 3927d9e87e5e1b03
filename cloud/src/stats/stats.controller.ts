import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { kpiFileName, kpiWorkbook } from './kpi-workbook';
import { StatsService } from './stats.service';

const { getResponseKpis, exportResponseKpis, listOverdueWhistles } = api.stats;

/** 三率: response KPIs of 吹哨报到, their Excel export, and the overdue list. */
@Controller('/')
export class StatsController {
  @Inject()
  stats!: StatsService;

  @Handle(getResponseKpis)
  async getResponseKpis({ user, query }: Call<typeof getResponseKpis>) {
    return this.stats.responseKpis(user, query);
  }

  @Handle(exportResponseKpis)
  async exportResponseKpis({ user, query, ctx }: Call<typeof exportResponseKpis>) {
    const kpis = await this.stats.responseKpis(user, query);
    const file = await kpiWorkbook(kpis);
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    // ASCII fallback first; filename* carries the Chinese name (RFC 6266 / 5987).
    ctx.set(
      'Content-Disposition',
      `attachment; filename="response-kpis.xlsx"; filename*=UTF-8''${encodeURIComponent(kpiFileName(kpis))}`,
    );
    ctx.set('Cache-Control', 'private, no-store');
    return file;
  }

  @Handle(listOverdueWhistles)
  async listOverdueWhistles({ user, query }: Call<typeof listOverdueWhistles>) {
    return this.stats.listOverdue(user, query.page, query.pageSize);
  }
}
