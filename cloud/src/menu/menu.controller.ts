import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { MenuCurationService } from './menu-curation.service';
import { MenuService } from './menu.service';

const {
  listMenu,
  getMenuItem,
  listMenuAdmin,
  createMenuItem,
  updateMenuItem,
  deactivateMenuItem,
  activateMenuItem,
  hideMenuItem,
  unhideMenuItem,
} = api.menu;

/** 服务菜单: what residents can order, and how staff curate it. */
@Controller('/')
export class MenuController {
  @Inject()
  menu!: MenuService;

  @Inject()
  curation!: MenuCurationService;

  @Handle(listMenu)
  async listMenu({ user, query }: Call<typeof listMenu>) {
    return this.menu.listMenu(user, query.communityId);
  }

  @Handle(getMenuItem)
  async getMenuItem({ user, params }: Call<typeof getMenuItem>) {
    return this.menu.showMenuItem(user, params.id);
  }

  @Handle(listMenuAdmin)
  async listMenuAdmin({ user, query }: Call<typeof listMenuAdmin>) {
    return this.curation.listMenuAdmin(user, query);
  }

  @Handle(createMenuItem)
  async createMenuItem({ user, body, keyedId }: Call<typeof createMenuItem>) {
    return this.curation.createMenuItem(user, body, keyedId);
  }

  @Handle(updateMenuItem)
  async updateMenuItem({ user, params, body }: Call<typeof updateMenuItem>) {
    return this.curation.updateMenuItem(user, params.id, body);
  }

  @Handle(deactivateMenuItem)
  async deactivateMenuItem({ user, params }: Call<typeof deactivateMenuItem>) {
    return this.curation.setMenuItemActive(user, params.id, false);
  }

  @Handle(activateMenuItem)
  async activateMenuItem({ user, params }: Call<typeof activateMenuItem>) {
    return this.curation.setMenuItemActive(user, params.id, true);
  }

  @Handle(hideMenuItem)
  async hideMenuItem({ user, params, body }: Call<typeof hideMenuItem>) {
    return this.curation.hideMenuItem(user, params.id, body.communityId);
  }

  @Handle(unhideMenuItem)
  async unhideMenuItem({ user, params, query }: Call<typeof unhideMenuItem>) {
    return this.curation.unhideMenuItem(user, params.id, query.communityId);
  }
}
