import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { SignInService } from './sign-in.service';

const { listDemoAccounts, devLogin, wxLogin, getMe } = api.auth;

/** 登录: development sign-in with demo accounts, WeChat sign-in, and "who am I". */
@Controller('/')
export class SignInController {
  @Inject()
  signIn!: SignInService;

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
}
