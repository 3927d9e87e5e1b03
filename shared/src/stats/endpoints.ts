import { endpoint } from '../endpoint';
import { z } from '../validation';
import { dashboardDefinitionText, dashboardOverview, dashboardQuery } from './dashboard';
import { RESPONSE_KPI_LEVEL_DEFINITIONS, responseKpiDefinitionText } from './kpis';
import { overdueWhistleList, overdueWhistlesQuery, responseKpis, responseKpisQuery } from './schemas';

// Endpoints of the response KPIs (三率). Only endpoints are exported from this file.

const KPI_ROLES = ['staff', 'streetAdmin', 'department', 'countyAdmin'] as const;

const kpiDescription =
  `口径：${responseKpiDefinitionText()}` +
  `分组：部门—${RESPONSE_KPI_LEVEL_DEFINITIONS.department}；街道—${RESPONSE_KPI_LEVEL_DEFINITIONS.street}；` +
  `社区—${RESPONSE_KPI_LEVEL_DEFINITIONS.community}。` +
  '范围：县级看全部；街道管理员看本街道各社区吹出的哨（含各部门对这些哨的响应）；' +
  '职能部门看吹给本部门的哨；社区工作者看本社区吹出的哨。日期为吹哨日期（北京时间，含首尾两天）。';

export const getResponseKpis = endpoint({
  id: 'getResponseKpis',
  method: 'get',
  path: '/api/v1/stats/responses',
  summary: '三率统计：按部门、街道或社区统计响应率、解决率、满意率，平均与 90 百分位报到、办结用时，超时数',
  description: kpiDescription,
  tag: 'stats',
  access: KPI_ROLES,
  query: responseKpisQuery,
  response: responseKpis,
});

export const exportResponseKpis = endpoint({
  id: 'exportResponseKpis',
  method: 'get',
  path: '/api/v1/stats/responses.xlsx',
  summary: '导出三率统计为 Excel：第一张表为统计数据（中文表头，末行合计），第二张表为指标口径',
  description: kpiDescription,
  tag: 'stats',
  access: KPI_ROLES,
  query: responseKpisQuery,
  response: z.any().meta({ description: 'Excel 文件（.xlsx）' }),
  expensive: true,
});

export const listOverdueWhistles = endpoint({
  id: 'listOverdueWhistles',
  method: 'get',
  path: '/api/v1/stats/overdue',
  summary: '超时清单：当前超过报到或办结时限的报到任务，超时最久的在前（范围同三率统计）',
  tag: 'stats',
  access: KPI_ROLES,
  query: overdueWhistlesQuery,
  response: overdueWhistleList,
});

/** The 数据看板 is about places (rosters, complexes, activities, needs): roles that have a place. */
const DASHBOARD_ROLES = ['staff', 'streetAdmin', 'countyAdmin'] as const;

export const getDashboard = endpoint({
  id: 'getDashboard',
  method: 'get',
  path: '/api/v1/stats/overview',
  summary:
    '数据看板：党支部规模（超 50 人）、党员年龄与流动党员占比、老旧小区与无物业小区占比、社区“两委”年龄与学历、志愿服务品牌构成、联建活动形式、驻区单位参与度排名、需求按类别与状态',
  description: `口径：\n${dashboardDefinitionText()}`,
  tag: 'stats',
  access: DASHBOARD_ROLES,
  query: dashboardQuery,
  response: dashboardOverview,
});

export const exportDashboard = endpoint({
  id: 'exportDashboard',
  method: 'get',
  path: '/api/v1/stats/overview.xlsx',
  summary: '导出数据看板为 Excel：每项统计一张表（中文表头），最后一张为指标口径',
  description: `口径同数据看板：\n${dashboardDefinitionText()}`,
  tag: 'stats',
  access: DASHBOARD_ROLES,
  query: dashboardQuery,
  response: z.any().meta({ description: 'Excel 文件（.xlsx）' }),
  expensive: true,
});
