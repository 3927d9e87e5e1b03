import { Inject, Provide } from '@midwayjs/core';
import { Notifier } from '../notifications/notifier';
import { WhistleAccess } from './whistle-access';
import type { WhistleEvent } from './whistle-event.model';
import type { Whistle, WhistleTarget } from './whistle.model';

/** What a step on a target tells the other side. */
@Provide()
export class WhistleNotices {
  @Inject()
  notifier!: Notifier;

  @Inject()
  access!: WhistleAccess;

  async stepTaken(whistle: Whistle, target: WhistleTarget, e: WhistleEvent): Promise<void> {
    const refs = { whistleId: String(whistle._id), targetId: String(target.orgId) };
    // The event is the occurrence: a retried step cannot tell anyone twice.
    const key = String(e._id);
    const what = `「${whistle.title}」`;
    if (e.action === 'report') {
      await this.notifier.notify([whistle.blownBy], 'whistleReported', `${target.name}已就${what}报到`, refs, key);
    } else if (e.action === 'resolve') {
      await this.notifier.notify(
        [whistle.blownBy],
        'whistleResolved',
        `${target.name}已办结${what}，请确认：${e.result}`,
        refs,
        key,
      );
    } else if (e.action === 'confirm') {
      await this.notifier.notify(
        await this.access.responders(target),
        'whistleConfirmed',
        `吹哨方已确认${what}办结（满意度 ${e.satisfaction} 星）`,
        refs,
        key,
      );
    } else if (e.action === 'sendBack') {
      await this.notifier.notify(
        await this.access.responders(target),
        'whistleSentBack',
        `${what}被吹哨方退回，请重新办理。原因：${e.note}`,
        refs,
        key,
      );
    }
  }
}
