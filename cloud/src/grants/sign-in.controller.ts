import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { SignInService } from './sign-in.service';
import { BrowserSignInService } from './browser-sign-in.service';

const {
  listDemoAccounts,
  devLogin,
  wxLogin,
  getMe,
  signOut,
  createLoginTicket,
  pollLoginTicket,
  scanLoginTicket,
  confirmLoginTicket,
  cancelLoginTicket,
  listBrowserSessions,
  endBrowserSession,
} = api.auth;

/** 登录: development sign-in with demo accounts, WeChat sign-in, the H5 version's scan sign-in, and "who am I". */
@Controller('/')
export class SignInController {
  @Inject()
  signIn!: SignInService;

  @Inject()
  browser!: BrowserSignInService;

  @Handle(listDemoAccounts)
  async listDemoAccounts() {
    return { accounts: await this.signIn.listDemoAccounts() };
  }

  @Handle(devLogin)
  async devLogin({ body }: Call<typeof devLogin>) {
    return this.signIn.signInDemo(body.account);
  }

  @Handle(wxLogin)
  async wxLogin({ body }: Call<typeof wxLogin>) {
    return this.signIn.signInWechat(body.code);
  }

  @Handle(getMe)
  async getMe({ user }: Call<typeof getMe>) {
    return this.signIn.showMe(user.userId);
  }

  @Handle(signOut)
  async signOut({ user }: Call<typeof signOut>) {
    await this.browser.signOut(user);
    return { ok: true as const };
  }

  @Handle(createLoginTicket)
  async createLoginTicket({ ctx }: Call<typeof createLoginTicket>) {
    return this.browser.createTicket(ctx.get('user-agent'));
  }

  @Handle(pollLoginTicket)
  async pollLoginTicket({ params, query }: Call<typeof pollLoginTicket>) {
    return this.browser.pollTicket(params.id, query.secret);
  }

  @Handle(scanLoginTicket)
  async scanLoginTicket({ user, params }: Call<typeof scanLoginTicket>) {
    return this.browser.scanTicket(user, params.id);
  }

  @Handle(confirmLoginTicket)
  async confirmLoginTicket({ user, params }: Call<typeof confirmLoginTicket>) {
    return this.browser.confirmTicket(user, params.id);
  }

  @Handle(cancelLoginTicket)
  async cancelLoginTicket({ user, params }: Call<typeof cancelLoginTicket>) {
    return this.browser.cancelTicket(user, params.id);
  }

  @Handle(listBrowserSessions)
  async listBrowserSessions({ user }: Call<typeof listBrowserSessions>) {
    return { items: await this.browser.listSessions(user) };
  }

  @Handle(endBrowserSession)
  async endBrowserSession({ user, params }: Call<typeof endBrowserSession>) {
    await this.browser.endSession(user, params.id);
    return { ok: true as const };
  }
}
