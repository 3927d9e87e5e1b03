import { endpoint } from '../endpoint';
import { z, objectId } from '../validation';
import { orgNode } from './schemas';

export const listPlaces = endpoint({
  id: 'listPlaces',
  method: 'get',
  path: '/api/v1/places',
  summary: '地址选择：某社区的小区与楼栋（不传 communityId 时为本人所在社区），下单时选择服务地址用',
  tag: 'grids',
  access: 'signedIn',
  query: z.strictObject({ communityId: objectId.optional() }),
  response: z.object({
    community: orgNode,
    grids: z.array(orgNode),
    complexes: z.array(orgNode),
    buildings: z.array(orgNode),
  }),
});

export const listCommunities = endpoint({
  id: 'listCommunities',
  method: 'get',
  path: '/api/v1/communities',
  summary: '全县的街道与社区（筛选、切换社区用）',
  tag: 'grids',
  access: 'signedIn',
  response: z.object({ streets: z.array(orgNode), communities: z.array(orgNode) }),
});
