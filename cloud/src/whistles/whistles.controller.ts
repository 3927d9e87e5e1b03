import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { ACTIVE, OrgModel, type Org } from '../org/org.model';
import { Db } from '../core/db';
import { WhistleReminders } from './whistle-reminder.service';
import { WhistlesService } from './whistles.service';

const {
  blowWhistle,
  listWhistles,
  getWhistle,
  reportWhistle,
  resolveWhistle,
  confirmWhistle,
  sendBackWhistle,
  remindWhistle,
  listWhistleRules,
  updateWhistleRule,
  listWhistleDepartments,
} = api.whistles;

/** 吹哨报到: blowing, the lists, each target's steps, and the time-limit rules. */
@Controller('/')
export class WhistlesController {
  @Inject()
  whistles!: WhistlesService;

  @Inject()
  reminders!: WhistleReminders;

  @Inject()
  db!: Db;

  @Handle(listWhistleDepartments)
  async listWhistleDepartments() {
    const orgs = await this.db
      .model(OrgModel)
      .find({ kind: 'department', ...ACTIVE }, { name: 1 })
      .lean<Org[]>();
    const items = orgs.map((o) => ({ id: String(o._id), name: o.name }));
    return { items: items.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN')) };
  }

  @Handle(blowWhistle)
  async blowWhistle({ user, body, keyedId }: Call<typeof blowWhistle>) {
    return this.whistles.blowWhistle(user, body, keyedId);
  }

  @Handle(listWhistles)
  async listWhistles({ user, query }: Call<typeof listWhistles>) {
    return this.whistles.listWhistles(user, query);
  }

  @Handle(getWhistle)
  async getWhistle({ user, params }: Call<typeof getWhistle>) {
    return this.whistles.getWhistle(user, params.id);
  }

  @Handle(reportWhistle)
  async reportWhistle({ user, params, body }: Call<typeof reportWhistle>) {
    return this.whistles.actOnWhistle(user, params.id, params.targetId, 'report', { note: body.note });
  }

  @Handle(resolveWhistle)
  async resolveWhistle({ user, params, body }: Call<typeof resolveWhistle>) {
    return this.whistles.actOnWhistle(user, params.id, params.targetId, 'resolve', {
      result: body.result,
      photos: body.photos,
    });
  }

  @Handle(confirmWhistle)
  async confirmWhistle({ user, params, body }: Call<typeof confirmWhistle>) {
    return this.whistles.actOnWhistle(user, params.id, params.targetId, 'confirm', {
      satisfaction: body.satisfaction,
      note: body.comment,
    });
  }

  @Handle(sendBackWhistle)
  async sendBackWhistle({ user, params, body }: Call<typeof sendBackWhistle>) {
    return this.whistles.actOnWhistle(user, params.id, params.targetId, 'sendBack', { note: body.reason });
  }

  @Handle(remindWhistle)
  async remindWhistle({ user, params, body }: Call<typeof remindWhistle>) {
    await this.reminders.remindWhistle(user, params.id, params.targetId, body.note);
    return this.whistles.getWhistle(user, params.id);
  }

  @Handle(listWhistleRules)
  async listWhistleRules({ query }: Call<typeof listWhistleRules>) {
    return this.whistles.listWhistleRules(query.page, query.pageSize);
  }

  @Handle(updateWhistleRule)
  async updateWhistleRule({ user, params, body }: Call<typeof updateWhistleRule>) {
    return this.whistles.updateWhistleRule(user, params.type, params.category, body.limits);
  }
}
