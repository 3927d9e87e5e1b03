import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { MenuService } from './menu.service';

const { listMenu, getMenuItem } = api.menu;

/** 服务菜单: what residents can order. */
@Controller('/')
export class MenuController {
  @Inject()
  menu!: MenuService;

  @Handle(listMenu)
  async listMenu({ user, query }: Call<typeof listMenu>) {
    return this.menu.listMenu(user, query.communityId);
  }

  @Handle(getMenuItem)
  async getMenuItem({ user, params }: Call<typeof getMenuItem>) {
    return this.menu.showMenuItem(user, params.id);
  }
}
