import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { callCommunityWords, dispatchSentence } from '@gongzhi/shared';
import { Db } from '../core/db';
import { communityContact } from '../org/community-contact';
import { GrantsService } from '../grants/grants.service';
import { Notifier } from '../notifications/notifier';
import type { Principal } from '../core/principal';
import type { DispatchTarget } from './dispatch-targets';
import type { NeedEvent } from './need-event.model';
import type { Need } from './need.model';

/**
 * The messages a need's steps send: whoever must act now, and the resident in plain words (who
 * serves them, what was done). Each is keyed by the need and the event's seq, so a retry sends nothing twice.
 */
@Provide()
export class NeedNotices {
  @Inject()
  notifier!: Notifier;

  @Inject()
  grants!: GrantsService;

  @Inject()
  db!: Db;

  /** Dispatch: the service person (待我服务) or whoever arranges it, and the resident. */
  async dispatched(user: Principal, need: Need, target: DispatchTarget, event: NeedEvent): Promise<void> {
    const { refs, key } = this.keyOf(need, event);
    const where = `「${need.title}」（${need.placeLabel}）`;
    const assigneeId = target.assignee?.id;
    if (assigneeId && String(assigneeId) !== user.userId) {
      await this.notifier.notify([assigneeId], 'needAssigned', `新的服务：${where}，请在“待我服务”中接单`, refs, key);
    }
    const others = target.mustAct.filter((id) => String(id) !== user.userId && !id.equals(assigneeId ?? ''));
    await this.notifier.notify(others, 'needDispatched', `新派单：${where}，请及时处理`, refs, key);
    const sentence = dispatchSentence({
      route: event.route ? { kind: event.route.kind, targetId: '', title: event.route.title ?? null } : null,
      assignee: event.assignee ? { id: String(event.assignee.id), name: event.assignee.name } : null,
    });
    await this.notifier.notify([need.owner], 'needRouted', `您的需求「${need.title}」：${sentence}`, refs, key);
  }

  /** 接单: the resident learns who is coming. */
  async taken(need: Need, event: NeedEvent, assigneeName: string): Promise<void> {
    const { refs, key } = this.keyOf(need, event);
    await this.notifier.notify(
      [need.owner],
      'needTaken',
      `${assigneeName}已接单，将为您办理「${need.title}」`,
      refs,
      key,
    );
  }

  /** 无法服务: the staff member who handles it and the community's staff dispatch it again. */
  async declined(need: Need, event: NeedEvent, assigneeName: string, handlerId: Types.ObjectId | null): Promise<void> {
    const { refs, key } = this.keyOf(need, event);
    const staff = await this.grants.holders('staff', need.place.communityId);
    const to = [...(handlerId ? [handlerId] : []), ...staff];
    const text = `${assigneeName}无法服务「${need.title}」（${need.placeLabel}）：${event.note ?? ''}，请重新派单`;
    await this.notifier.notify(to, 'needDeclined', text, refs, key);
  }

  /** 办结: the resident reads the result and is asked to rate it. */
  async completed(need: Need, event: NeedEvent): Promise<void> {
    const { refs, key } = this.keyOf(need, event);
    const text = `您的需求「${need.title}」服务已完成${event.note ? `：${event.note}` : ''}，请为这次服务评价`;
    await this.notifier.notify([need.owner], 'needCompleted', text, refs, key);
  }

  /** 驳回: the resident reads why, and the community's phone to call about it. */
  async rejected(need: Need, event: NeedEvent): Promise<void> {
    const { refs, key } = this.keyOf(need, event);
    const call = callCommunityWords(await communityContact(this.db, need.place.communityId));
    const why = event.note ? `：${event.note}` : '';
    const text = `您的需求「${need.title}」社区没有受理${why}。${call}`;
    await this.notifier.notify([need.owner], 'needRejected', text, refs, key);
  }

  /** 催办: whoever has it in hand (the handler, or the community's staff while nobody does) and the person serving it. */
  async urged(need: Need, event: NeedEvent): Promise<void> {
    const { refs, key } = this.keyOf(need, event);
    const staff = need.handlerId ? [need.handlerId] : await this.grants.holders('staff', need.place.communityId);
    const late = need.status === 'submitted' ? '超时未受理' : '已超过办结时限';
    const text = `居民催办：「${need.title}」（${need.placeLabel}）${late}，请尽快处理`;
    await this.notifier.notify(staff, 'needUrged', text, refs, key);
    if (need.assigneeId) await this.notifier.notify([need.assigneeId], 'needUrgedServing', text, refs, key);
  }

  private keyOf(need: Need, event: NeedEvent) {
    return { refs: { needId: String(need._id) }, key: `${String(need._id)}:${event.seq}` };
  }
}
