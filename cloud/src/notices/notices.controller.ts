import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { NoticesService } from './notices.service';

const { listNotices, postNotice, withdrawNotice } = api.notices;

/** 社区公告: shown on the 首页, posted by community staff. */
@Controller('/')
export class NoticesController {
  @Inject()
  notices!: NoticesService;

  @Handle(listNotices)
  async listNotices({ user, query }: Call<typeof listNotices>) {
    return this.notices.listNotices(user, query.communityId, query.page, query.pageSize);
  }

  @Handle(postNotice)
  async postNotice({ user, body, keyedId }: Call<typeof postNotice>) {
    return this.notices.postNotice(user, body, keyedId);
  }

  @Handle(withdrawNotice)
  async withdrawNotice({ user, params }: Call<typeof withdrawNotice>) {
    return this.notices.withdrawNotice(user, params.id);
  }
}
