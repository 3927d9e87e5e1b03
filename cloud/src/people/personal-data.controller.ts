import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { PersonalDataService } from './personal-data.service';

const { exportMyData, eraseMe } = api.people;

/** 隐私与数据: a person downloads everything held about them, or deletes their account. */
@Controller('/')
export class PersonalDataController {
  @Inject()
  personalData!: PersonalDataService;

  @Handle(exportMyData)
  async exportMyData({ user, ctx }: Call<typeof exportMyData>) {
    // A download, not a page: the browser (H5) saves it under this name.
    ctx.set('Content-Disposition', `attachment; filename="my-data-${user.userId}.json"`);
    return this.personalData.exportMyData(user);
  }

  @Handle(eraseMe)
  async eraseMe({ user }: Call<typeof eraseMe>) {
    return this.personalData.eraseMe(user);
  }
}
