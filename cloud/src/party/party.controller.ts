import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { MemberLinksService } from './member-links.service';
import { MembersService } from './members.service';
import { StudySessionsService } from './study-sessions.service';
import { RegistrationsService } from './registrations.service';

const p = api.party;

/** Party branches and members (党务 staff), 双报到 (party members) and 双报告 (党务 staff). */
@Controller('/')
export class PartyController {
  @Inject()
  members!: MembersService;

  @Inject()
  registrations!: RegistrationsService;

  @Inject()
  links!: MemberLinksService;

  @Inject()
  studies!: StudySessionsService;

  @Handle(p.linkPartyMember)
  async linkPartyMember({ user, params, body }: Call<typeof p.linkPartyMember>) {
    return this.links.link(user, params.id, body.phone);
  }

  @Handle(p.unlinkPartyMember)
  async unlinkPartyMember({ user, params }: Call<typeof p.unlinkPartyMember>) {
    return this.links.unlink(user, params.id);
  }

  @Handle(p.listBranchLinkedMembers)
  async listBranchLinkedMembers({ user, params }: Call<typeof p.listBranchLinkedMembers>) {
    return this.links.linkedMembers(user, params.id);
  }

  @Handle(p.listStudySessions)
  async listStudySessions({ user, query }: Call<typeof p.listStudySessions>) {
    return this.studies.list(user, query);
  }

  @Handle(p.recordStudySession)
  async recordStudySession({ user, body, keyedId }: Call<typeof p.recordStudySession>) {
    return this.studies.record(user, body, keyedId);
  }

  @Handle(p.listBranches)
  async listBranches({ user, query }: Call<typeof p.listBranches>) {
    return this.members.listBranches(user, query.communityId);
  }

  @Handle(p.listPartyMembers)
  async listPartyMembers({ user, query }: Call<typeof p.listPartyMembers>) {
    return this.members.listMembers(user, query);
  }

  @Handle(p.showPartyMember)
  async showPartyMember({ user, params }: Call<typeof p.showPartyMember>) {
    return this.members.showMember(user, params.id);
  }

  @Handle(p.revealPartyMember)
  async revealPartyMember({ user, params }: Call<typeof p.revealPartyMember>) {
    return this.members.revealMember(user, params.id);
  }

  @Handle(p.overrideMemberCategory)
  async overrideMemberCategory({ user, params, body }: Call<typeof p.overrideMemberCategory>) {
    return this.members.overrideCategory(user, params.id, body.category, body.reason);
  }

  @Handle(p.showMyRegistration)
  async showMyRegistration({ user }: Call<typeof p.showMyRegistration>) {
    return this.registrations.showMine(user);
  }

  @Handle(p.registerAtCommunity)
  async registerAtCommunity({ user, body }: Call<typeof p.registerAtCommunity>) {
    return this.registrations.register(user, body.postId, body.unitId);
  }

  @Handle(p.listRegistrations)
  async listRegistrations({ user, query }: Call<typeof p.listRegistrations>) {
    return this.registrations.listRegistrations(user, query);
  }

  @Handle(p.evaluateRegistration)
  async evaluateRegistration({ user, body }: Call<typeof p.evaluateRegistration>) {
    return this.registrations.evaluate(user, body);
  }

  @Handle(p.listReportUnits)
  async listReportUnits({ user, query }: Call<typeof p.listReportUnits>) {
    return this.registrations.reportUnits(user, query.year);
  }

  @Handle(p.exportUnitReport)
  async exportUnitReport({ user, params, query, ctx }: Call<typeof p.exportUnitReport>) {
    const { file, fileName } = await this.registrations.exportUnit(user, params.unitId, query.year);
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    ctx.set(
      'Content-Disposition',
      `attachment; filename="report-back.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    ctx.set('Cache-Control', 'private, no-store');
    return file;
  }
}
