import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { DashboardService } from './dashboard.service';
import { dashboardFileName, dashboardWorkbook } from './dashboard-workbook';
import { kpiFileName, kpiWorkbook } from './kpi-workbook';
import { StatsService } from './stats.service';

const { getResponseKpis, exportResponseKpis, listOverdueWhistles, getDashboard, exportDashboard } = api.stats;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 三率 (response KPIs of 吹哨报到), the overdue list, and the 数据看板; each table with its Excel export. */
@Controller('/')
export class StatsController {
  @Inject()
  stats!: StatsService;

  @Inject()
  dashboard!: DashboardService;

  @Handle(getResponseKpis)
  async getResponseKpis({ user, query }: Call<typeof getResponseKpis>) {
    return this.stats.responseKpis(user, query);
  }

  @Handle(exportResponseKpis)
  async exportResponseKpis({ user, query, ctx }: Call<typeof exportResponseKpis>) {
    const kpis = await this.stats.responseKpis(user, query);
    const file = await kpiWorkbook(kpis);
    ctx.type = XLSX;
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

  @Handle(getDashboard)
  async getDashboard({ user, query }: Call<typeof getDashboard>) {
    return this.dashboard.overview(user, query);
  }

  @Handle(exportDashboard)
  async exportDashboard({ user, query, ctx }: Call<typeof exportDashboard>) {
    const overview = await this.dashboard.overview(user, query);
    const file = await dashboardWorkbook(overview);
    ctx.type = XLSX;
    ctx.set(
      'Content-Disposition',
      `attachment; filename="dashboard.xlsx"; filename*=UTF-8''${encodeURIComponent(dashboardFileName(overview))}`,
    );
    ctx.set('Cache-Control', 'private, no-store');
    return file;
  }
}
