import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { OrgEventsService } from './org-events.service';
import { OrgTreeService } from './tree.service';
import { OrgUnitsService } from './units.service';

const o = api.org;

/** 组织架构: the county's and streets' administration of the tree and of resident units. */
@Controller('/')
export class OrgAdminController {
  @Inject()
  tree!: OrgTreeService;

  @Inject()
  units!: OrgUnitsService;

  @Inject()
  events!: OrgEventsService;

  @Handle(o.listOrgChildren)
  async listOrgChildren({ user, query }: Call<typeof o.listOrgChildren>) {
    return this.tree.listChildren(user, query);
  }

  @Handle(o.getOrgNode)
  async getOrgNode({ user, params }: Call<typeof o.getOrgNode>) {
    return this.tree.show(user, params.id);
  }

  @Handle(o.createOrgNode)
  async createOrgNode({ user, body, keyedId }: Call<typeof o.createOrgNode>) {
    return this.tree.create(user, body, keyedId);
  }

  @Handle(o.updateOrgNode)
  async updateOrgNode({ user, params, body }: Call<typeof o.updateOrgNode>) {
    return this.tree.update(user, params.id, body);
  }

  @Handle(o.moveOrgNode)
  async moveOrgNode({ user, params, body }: Call<typeof o.moveOrgNode>) {
    return this.tree.move(user, params.id, body.parentId, body.reason);
  }

  @Handle(o.getOrgNodeImpact)
  async getOrgNodeImpact({ user, params, query }: Call<typeof o.getOrgNodeImpact>) {
    return this.tree.impact(user, params.id, query.targetId);
  }

  @Handle(o.mergeOrgNode)
  async mergeOrgNode({ user, params, body }: Call<typeof o.mergeOrgNode>) {
    return this.tree.close(user, params.id, body.targetId, body.reason, 'merge');
  }

  @Handle(o.deactivateOrgNode)
  async deactivateOrgNode({ user, params, body }: Call<typeof o.deactivateOrgNode>) {
    return this.tree.close(user, params.id, body.targetId, body.reason, 'deactivate');
  }

  @Handle(o.listOrgEvents)
  async listOrgEvents({ user, query }: Call<typeof o.listOrgEvents>) {
    return this.events.list(user, query);
  }

  @Handle(o.listOrgUnits)
  async listOrgUnits({ user, query }: Call<typeof o.listOrgUnits>) {
    return this.units.list(user, query);
  }

  @Handle(o.getOrgUnit)
  async getOrgUnit({ user, params }: Call<typeof o.getOrgUnit>) {
    return this.units.show(user, params.id);
  }

  @Handle(o.createOrgUnit)
  async createOrgUnit({ user, body, keyedId }: Call<typeof o.createOrgUnit>) {
    return this.units.create(user, body, keyedId);
  }

  @Handle(o.updateOrgUnit)
  async updateOrgUnit({ user, params, body }: Call<typeof o.updateOrgUnit>) {
    return this.units.update(user, params.id, body);
  }

  @Handle(o.moveOrgUnit)
  async moveOrgUnit({ user, params, body }: Call<typeof o.moveOrgUnit>) {
    return this.units.move(user, params.id, body.streetId, body.reason);
  }

  @Handle(o.getOrgUnitImpact)
  async getOrgUnitImpact({ user, params, query }: Call<typeof o.getOrgUnitImpact>) {
    return this.units.impact(user, params.id, query.targetId);
  }

  @Handle(o.mergeOrgUnit)
  async mergeOrgUnit({ user, params, body }: Call<typeof o.mergeOrgUnit>) {
    return this.units.close(user, params.id, body.targetId, body.reason, 'merge');
  }

  @Handle(o.deactivateOrgUnit)
  async deactivateOrgUnit({ user, params, body }: Call<typeof o.deactivateOrgUnit>) {
    return this.units.close(user, params.id, body.targetId, body.reason, 'deactivate');
  }
}
