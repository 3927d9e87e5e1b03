import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { JoinService } from './join.service';
import { LinkRecordService } from './link-record.service';

const { listJoinCommunities, listJoinPlaces, setMyHome, bindMyPhone, linkMyRecord } = api.people;

/** 加入社区, 绑定手机号, 关联登记信息: what a person does after their first WeChat sign-in. */
@Controller('/')
export class JoinController {
  @Inject()
  join!: JoinService;

  @Inject()
  links!: LinkRecordService;

  @Handle(listJoinCommunities)
  async listJoinCommunities({ query }: Call<typeof listJoinCommunities>) {
    return this.join.listCommunities(query);
  }

  @Handle(listJoinPlaces)
  async listJoinPlaces({ params }: Call<typeof listJoinPlaces>) {
    return this.join.listPlaces(params.id);
  }

  @Handle(setMyHome)
  async setMyHome({ user, body }: Call<typeof setMyHome>) {
    return this.join.setHome(user, body);
  }

  @Handle(bindMyPhone)
  async bindMyPhone({ user, body }: Call<typeof bindMyPhone>) {
    return this.join.bindPhone(user, body.code);
  }

  @Handle(linkMyRecord)
  async linkMyRecord({ user, body }: Call<typeof linkMyRecord>) {
    return this.links.link(user, body);
  }
}
