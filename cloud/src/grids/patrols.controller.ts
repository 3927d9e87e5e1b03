import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { FindingsService } from './findings.service';
import { PatrolsService } from './patrols.service';

const {
  logPatrol,
  listPatrols,
  getPatrol,
  addPatrolFinding,
  listFindings,
  getFinding,
  convertFindingToNeed,
  convertFindingToWhistle,
  closeFinding,
} = api.grids;

/** 巡查: grid workers log weekly patrols; what they find becomes a need, a whistle, or is handled on the spot. */
@Controller('/')
export class PatrolsController {
  @Inject()
  patrols!: PatrolsService;

  @Inject()
  findings!: FindingsService;

  @Handle(logPatrol)
  async logPatrol({ user, body, keyedId }: Call<typeof logPatrol>) {
    return this.patrols.logPatrol(user, body, keyedId);
  }

  @Handle(listPatrols)
  async listPatrols({ user, query }: Call<typeof listPatrols>) {
    return this.patrols.listPatrols(user, query);
  }

  @Handle(getPatrol)
  async getPatrol({ user, params }: Call<typeof getPatrol>) {
    return this.patrols.showPatrol(user, params.id);
  }

  @Handle(addPatrolFinding)
  async addPatrolFinding({ user, params, body, keyedId }: Call<typeof addPatrolFinding>) {
    return this.patrols.addPatrolFinding(user, params.id, body, keyedId);
  }

  @Handle(listFindings)
  async listFindings({ user, query }: Call<typeof listFindings>) {
    return this.findings.listFindings(user, query);
  }

  @Handle(getFinding)
  async getFinding({ user, params }: Call<typeof getFinding>) {
    return this.findings.showFinding(user, params.id);
  }

  @Handle(convertFindingToNeed)
  async convertFindingToNeed({ user, params, body }: Call<typeof convertFindingToNeed>) {
    return this.findings.convertFindingToNeed(user, params.id, body);
  }

  @Handle(convertFindingToWhistle)
  async convertFindingToWhistle({ user, params, body }: Call<typeof convertFindingToWhistle>) {
    return this.findings.convertFindingToWhistle(user, params.id, body);
  }

  @Handle(closeFinding)
  async closeFinding({ user, params, body }: Call<typeof closeFinding>) {
    return this.findings.closeFinding(user, params.id, body.note);
  }
}
