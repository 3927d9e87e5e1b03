import { endpoint } from '../endpoint';
import { z, objectId } from '../validation';

/** 派单建议: what the routing proposes for an accepted need, best first, each with its reasons. */
export const ROUTE_MATCH_KINDS = ['resource', 'activity', 'project'] as const;

export const routeMatch = z.object({
  kind: z.enum(ROUTE_MATCH_KINDS),
  targetId: z.string(),
  title: z.string(),
  /** 1 = best. */
  rank: z.number().int(),
  /** Free at the preferred time (resources), has free seats (activities), open (projects). */
  available: z.boolean(),
  /** Why it is proposed, in words staff read: 同网格、律师、11月27日 14:00 有空 … */
  reasons: z.array(z.string()),
});
export type RouteMatch = z.infer<typeof routeMatch>;

export const routeMatches = z.object({
  needId: z.string(),
  preferredTime: z.string().nullable(),
  matches: z.array(routeMatch),
});
export type RouteMatches = z.infer<typeof routeMatches>;

export const suggestRoutes = endpoint({
  id: 'suggestRoutes',
  method: 'get',
  path: '/api/v1/needs/:id/matches',
  summary:
    '派单建议：能服务该需求的资源（同网格→同社区→同街道，优先期望时间有空的）、有空余名额的同类活动、进行中的同类项目，按优先顺序列出并说明理由',
  tag: 'needs',
  access: ['staff', 'streetAdmin', 'gridWorker', 'countyAdmin'],
  params: z.strictObject({ id: objectId }),
  response: routeMatches,
});
