import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { AccountsService } from './accounts.service';
import { GrantPlaces } from './grant-places';
import { GrantsService } from './grants.service';
import { InvitationsService } from './invitations.service';
import { SetupService } from './setup.service';

const {
  listGrants,
  listGrantPlaces,
  revokeGrant,
  createInvitation,
  listInvitations,
  shareInvitation,
  cancelInvitation,
  previewInvitation,
  acceptInvitation,
  disableAccount,
  enableAccount,
  getSetupStatus,
  claimSetup,
} = api.grants;

/** 授权与邀请: posts granted along the tree by invitation, listed and revoked; accounts; first-run setup. */
@Controller('/')
export class GrantsController {
  @Inject()
  grants!: GrantsService;

  @Inject()
  invitations!: InvitationsService;

  @Inject()
  accounts!: AccountsService;

  @Inject()
  setup!: SetupService;

  @Inject()
  places!: GrantPlaces;

  @Handle(listGrants)
  async listGrants({ user, query }: Call<typeof listGrants>) {
    return this.grants.listGrants(user, query);
  }

  @Handle(listGrantPlaces)
  async listGrantPlaces({ user, query }: Call<typeof listGrantPlaces>) {
    return { items: await this.places.grantable(user, query.role) };
  }

  @Handle(revokeGrant)
  async revokeGrant({ user, params, body }: Call<typeof revokeGrant>) {
    return this.grants.revokeGrant(user, params.id, body.reason);
  }

  @Handle(createInvitation)
  async createInvitation({ user, body, keyedId }: Call<typeof createInvitation>) {
    return this.invitations.createInvitation(user, body, keyedId);
  }

  @Handle(listInvitations)
  async listInvitations({ user, query }: Call<typeof listInvitations>) {
    return this.invitations.listInvitations(user, query);
  }

  @Handle(shareInvitation)
  async shareInvitation({ user, params }: Call<typeof shareInvitation>) {
    return this.invitations.shareInvitation(user, params.id);
  }

  @Handle(cancelInvitation)
  async cancelInvitation({ user, params }: Call<typeof cancelInvitation>) {
    return this.invitations.cancelInvitation(user, params.id);
  }

  @Handle(previewInvitation)
  async previewInvitation({ user, params }: Call<typeof previewInvitation>) {
    return this.invitations.previewInvitation(user, params.code);
  }

  @Handle(acceptInvitation)
  async acceptInvitation({ user, body }: Call<typeof acceptInvitation>) {
    return this.invitations.acceptInvitation(user, body.code, body.name);
  }

  @Handle(disableAccount)
  async disableAccount({ user, params, body }: Call<typeof disableAccount>) {
    return this.accounts.disable(user, params.id, body.reason);
  }

  @Handle(enableAccount)
  async enableAccount({ user, params }: Call<typeof enableAccount>) {
    return this.accounts.enable(user, params.id);
  }

  @Handle(getSetupStatus)
  async getSetupStatus() {
    return { needed: await this.setup.needed() };
  }

  @Handle(claimSetup)
  async claimSetup({ user, body }: Call<typeof claimSetup>) {
    return this.setup.claim(user, body);
  }
}
