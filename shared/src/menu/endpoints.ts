import { endpoint } from '../endpoint';
import { menuItemDetail, menuItemParams, menuQuery, menuResponse } from './schemas';

export const listMenu = endpoint({
  id: 'listMenu',
  method: 'get',
  path: '/api/v1/menu',
  summary: '本社区的服务菜单（县级默认项加本社区自有项），按类别分组',
  tag: 'menu',
  access: 'signedIn',
  query: menuQuery,
  response: menuResponse,
});

export const getMenuItem = endpoint({
  id: 'getMenuItem',
  method: 'get',
  path: '/api/v1/menu/items/:id',
  summary: '菜单项详情：说明、可服务的资源类型、办理时限和需要填写的项目',
  tag: 'menu',
  access: 'signedIn',
  params: menuItemParams,
  response: menuItemDetail,
});
