import { endpoint } from '../endpoint';
import {
  createMenuItemBody,
  menuAdminList,
  menuAdminQuery,
  menuItemAdmin,
  menuItemDetail,
  menuItemParams,
  menuOverrideBody,
  menuOverrideQuery,
  menuOverrideResponse,
  menuQuery,
  menuResponse,
  updateMenuItemBody,
} from './schemas';

/** Who curates menus: staff their community, street admins their street's communities, county admins all and the defaults. */
const CURATORS = ['staff', 'streetAdmin', 'countyAdmin'] as const;

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

export const listMenuAdmin = endpoint({
  id: 'listMenuAdmin',
  method: 'get',
  path: '/api/v1/menu/items',
  summary: '菜单管理：某社区的全部菜单项（含县级默认项、已隐藏和已停用的），分页',
  tag: 'menu',
  access: CURATORS,
  query: menuAdminQuery,
  response: menuAdminList,
});

const itemExample = {
  categoryCode: 'elderCare',
  name: '助浴服务',
  summary: '失能半失能老人上门助浴',
  description: '由专业护理员上门为失能、半失能老人提供助浴服务，每次约 1 小时。',
  resourceKinds: ['volunteer', 'talent'],
  timeLimits: { acceptHours: 24, completeHours: 72 },
  fields: [
    {
      code: 'mobility',
      label: '老人行动情况',
      type: 'singleChoice',
      required: true,
      order: 1,
      options: [
        { key: 'bed', label: '卧床' },
        { key: 'wheelchair', label: '轮椅' },
        { key: 'walk', label: '可自行走动' },
      ],
    },
    {
      code: 'preferredTime',
      label: '希望上门时间',
      type: 'datetime',
      required: false,
      order: 2,
      help: '不填则电话约定',
    },
  ],
};

export const createMenuItem = endpoint({
  id: 'createMenuItem',
  method: 'post',
  path: '/api/v1/menu/items',
  summary: '新增菜单项：社区自有项（社区工作者、街道管理员）或县级默认项（县级管理员，communityId 为 null）',
  tag: 'menu',
  access: CURATORS,
  body: createMenuItemBody,
  response: menuItemAdmin,
  example: itemExample,
  idempotent: true,
});

export const updateMenuItem = endpoint({
  id: 'updateMenuItem',
  method: 'patch',
  path: '/api/v1/menu/items/:id',
  summary: '修改菜单项（附加填写项目整体替换）',
  tag: 'menu',
  access: CURATORS,
  params: menuItemParams,
  body: updateMenuItemBody,
  response: menuItemAdmin,
  example: { summary: '失能半失能老人上门助浴，每月一次', timeLimits: { acceptHours: 12, completeHours: 72 } },
});

export const deactivateMenuItem = endpoint({
  id: 'deactivateMenuItem',
  method: 'post',
  path: '/api/v1/menu/items/:id/deactivate',
  summary: '停用菜单项：居民不再能点单，已有需求不受影响',
  tag: 'menu',
  access: CURATORS,
  params: menuItemParams,
  response: menuItemAdmin,
});

export const activateMenuItem = endpoint({
  id: 'activateMenuItem',
  method: 'post',
  path: '/api/v1/menu/items/:id/activate',
  summary: '重新启用已停用的菜单项',
  tag: 'menu',
  access: CURATORS,
  params: menuItemParams,
  response: menuItemAdmin,
});

export const hideMenuItem = endpoint({
  id: 'hideMenuItem',
  method: 'post',
  path: '/api/v1/menu/items/:id/hide',
  summary: '本社区不提供某个县级默认项：从本社区菜单中隐藏',
  tag: 'menu',
  access: CURATORS,
  params: menuItemParams,
  body: menuOverrideBody,
  response: menuOverrideResponse,
  example: {},
});

export const unhideMenuItem = endpoint({
  id: 'unhideMenuItem',
  method: 'delete',
  path: '/api/v1/menu/items/:id/hide',
  summary: '恢复本社区菜单中被隐藏的县级默认项',
  tag: 'menu',
  access: CURATORS,
  params: menuItemParams,
  query: menuOverrideQuery,
  response: menuOverrideResponse,
});
