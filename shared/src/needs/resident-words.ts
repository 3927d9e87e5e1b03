import type { ResourceKind } from '../menu/categories';
import type { NeedEventView } from './schemas';

/**
 * What a resident reads about their need, in plain words: who will serve them and what was done.
 * Staff notes, decline reasons and the words of routing (资源, 路由, 派单对象) stay out; the result
 * note, the reason a need was not taken on and the resident's own words come through.
 */

/** How a person is called after their name: 刘明律师, 王医生, 周老师. */
const PERSON_TITLES: Partial<Record<ResourceKind, string>> = {
  lawyer: '律师',
  doctor: '医生',
  teacher: '老师',
};

/** A service person as residents name them: "刘明律师"; a name alone for other kinds. */
export function servingName(name: string, kind: ResourceKind): string {
  const title = PERSON_TITLES[kind] ?? '';
  const plain = name.trim();
  return title && !plain.endsWith(title) ? `${plain}${title}` : plain;
}

/**
 * How a resident reaches their community: "如有疑问，请拨打社区电话 028-84561201（工作日 8:30–17:30）",
 * or the office itself when no number is kept.
 */
export function callCommunityWords(contact: { phone: string | null; officeHours: string | null } | null): string {
  if (!contact?.phone) return '如有疑问，请到社区办公室咨询';
  return `如有疑问，请拨打社区电话 ${contact.phone}${contact.officeHours ? `（${contact.officeHours}）` : ''}`;
}

/** One line of the resident's timeline. */
export interface ResidentLine {
  seq: number;
  action: NeedEventView['action'];
  at: string;
  /** The sentence: 已安排 刘明律师 为您服务. */
  text: string;
  /** Words quoted under it: the result of the service, the reason given, the resident's comment. */
  detail: string | null;
  /** complete: photos of the work done. */
  photos: { id: string; url: string }[];
}

type EventLike = Pick<NeedEventView, 'seq' | 'action' | 'at' | 'note' | 'route' | 'assignee' | 'rating'> & {
  photos?: NeedEventView['photos'];
};

/** The sentence for where a need was sent: what the resident's timeline and message say on dispatch. */
export function dispatchSentence(e: Pick<EventLike, 'route' | 'assignee'>): string {
  if (e.assignee) return `已安排 ${e.assignee.name} 为您服务`;
  const title = e.route?.title ?? null;
  switch (e.route?.kind) {
    case 'resource':
      return title ? `已安排「${title}」为您服务` : '社区已安排专人为您服务';
    case 'activity':
      return title ? `已安排志愿者为您服务（${title}）` : '已安排志愿者为您服务';
    case 'project':
      return title ? `已纳入公益项目「${title}」一并办理` : '已纳入社区公益项目一并办理';
    case 'whistle':
      return title ? `社区已请${title}协助办理` : '社区已请上级部门协助办理';
    default:
      return '社区已安排人员为您服务';
  }
}

/**
 * Each event as the sentence a resident reads, oldest first. Pure: the need page renders it, and
 * the same words go into the resident's messages.
 */
export function residentTimeline(events: readonly EventLike[]): ResidentLine[] {
  let serving: string | null = null;
  const lines: ResidentLine[] = [];
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const line = (text: string, detail: string | null = null, photos: ResidentLine['photos'] = []): void => {
      lines.push({ seq: e.seq, action: e.action, at: e.at, text, detail, photos });
    };
    switch (e.action) {
      case 'submit':
        line('您提交了需求');
        break;
      case 'accept':
        line('社区已受理，正在为您安排');
        break;
      case 'reject':
        line('社区没有受理这项需求', e.note);
        break;
      case 'withdraw':
        line('您撤回了这项需求');
        break;
      case 'dispatch':
        serving = e.assignee?.name ?? null;
        line(dispatchSentence(e));
        break;
      case 'take':
        line(serving ? `${serving}已接单` : '服务人员已接单');
        break;
      case 'decline':
        // Why the person could not come is between them and staff: the resident learns what happens next.
        serving = null;
        line('社区正在为您重新安排服务人员');
        break;
      case 'start':
        line('已开始为您办理');
        break;
      case 'complete':
        line(e.note ? `服务已完成：${e.note}` : '服务已完成', null, e.photos ?? []);
        break;
      case 'rate':
        line(`您评价了 ${e.rating?.stars ?? 0} 星`, e.rating?.comment || null);
        break;
      case 'reopen':
        serving = null;
        line('社区回访后重新为您办理');
        break;
      case 'autoClose':
        line('服务完成 7 天未评价，已自动结束');
        break;
      case 'urge':
        line('您催办了一次，社区会尽快处理');
        break;
    }
  }
  return lines;
}

/**
 * Notes a resident may read on their own need's timeline: their own words, the reason it was not
 * taken on, the result, and the system's word on closing it.
 */
export const RESIDENT_NOTE_ACTIONS: readonly NeedEventView['action'][] = [
  'submit',
  'withdraw',
  'reject',
  'complete',
  'rate',
  'autoClose',
];
