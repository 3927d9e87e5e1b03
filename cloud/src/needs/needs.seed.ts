import { Types } from 'mongoose';
import { NEED_TRANSITIONS, OTHER_NEED_LIMITS, type NeedAction, type NeedStatus, type RouteKind } from '@gongzhi/shared';
import type { Db } from '../core/db';
import { placeKeysOf } from '../core/place-keys';
import { ACCOUNTS } from '../seed/demo-county';
import { MENU } from '../seed/demo-menu';
import { insertNew } from '../core/insert-new';
import { seedId } from '../core/stable-id';
import { NeedEventModel, type NeedEvent } from './need-event.model';
import { NeedModel, type Need } from './need.model';
import { projectNeed } from './need-projection';

/**
 * Demo needs of 南门社区 (ordered by resident and resident2 at the buildings of 南门小区): every
 * status, overdue ones, a reopened one, an auto-closed one, an order placed by the grid worker,
 * and two 楼道灯 needs dispatched to the lighting project (SEED_LIGHTING_NEEDS, for the projects
 * seed to link). Times are relative to now; ids are deterministic (seedId('need:<key>')).
 */

const HOUR = 3600 * 1000;

/** The status after a demo step: 催办 (urge) leaves it as it was. */
function toOf(action: NeedEvent['action'], before: NeedStatus | null): NeedStatus {
  if (action === 'submit') return 'submitted';
  const to = NEED_TRANSITIONS[action].to;
  return to === 'unchanged' ? (before ?? 'submitted') : to;
}

type Who = 'resident' | 'resident2' | 'staff' | 'gridWorker' | 'system';
/** One step: action, hours ago, who, note, and for dispatch the route / for rate the stars. */
type Step = [
  NeedAction,
  number,
  Who,
  string?,
  { route?: [RouteKind, Types.ObjectId]; stars?: number; assignee?: { id: Types.ObjectId; name: string } }?,
];

interface DemoNeed {
  key: string;
  owner: 'resident' | 'resident2' | 'gridWorker';
  /** A MENU key of demo-county.ts, or null for 其他. */
  item: string | null;
  otherText?: string;
  description: string;
  building: 1 | 2 | 3;
  answers?: Record<string, string | number | string[]>;
  onBehalfOf?: { name: string; phone: string };
  submittedHoursAgo: number;
  steps: Step[];
}

const resource = (key: string): [RouteKind, Types.ObjectId] => ['resource', seedId(`resource:${key}`)];
const activity = (key: string): [RouteKind, Types.ObjectId] => ['activity', seedId(`activity:${key}`)];
const lightingProject: [RouteKind, Types.ObjectId] = ['project', seedId('project:nanmen-lighting')];
const whistle: [RouteKind, Types.ObjectId] = ['whistle', seedId('org:department:县城市管理局')];

const NEEDS: DemoNeed[] = [
  {
    key: 'legal-waiting',
    owner: 'resident',
    item: 'legal-consult',
    description: '儿子离婚后孙子的抚养费一直不给，想咨询怎么办',
    building: 1,
    answers: { topic: 'family', way: 'phone' },
    submittedHoursAgo: 72, // acceptance limit 24 h: overdue
    steps: [],
  },
  {
    key: 'clinic-new',
    owner: 'resident2',
    item: 'clinic-checkup',
    description: '老伴血压一直偏高，想请医生上门量一量',
    building: 2,
    answers: { age: 76 },
    submittedHoursAgo: 2,
    steps: [],
  },
  {
    key: 'elder-visit-on-behalf',
    owner: 'gridWorker',
    item: 'elder-visit',
    description: '巡查时发现王奶奶独居，腿脚不便，希望志愿者每周上门看看',
    building: 3,
    answers: { frequency: 'weekly' },
    onBehalfOf: { name: '王桂芳', phone: '13912345678' },
    submittedHoursAgo: 5,
    steps: [],
  },
  {
    key: 'meal-late',
    owner: 'resident',
    item: 'elder-meal',
    description: '腿摔伤了，这两周下不了楼，想订社区食堂送餐',
    building: 1,
    submittedHoursAgo: 96,
    steps: [['accept', 94, 'staff', '已核实，安排送餐']], // completion limit 48 h: overdue
  },
  {
    key: 'other-rejected',
    owner: 'resident2',
    item: null,
    otherText: '想申请低保',
    description: '家里收入低，想问问能不能申请低保',
    building: 2,
    submittedHoursAgo: 144,
    steps: [['reject', 120, 'staff', '低保申请请到社区民政窗口办理，已电话告知所需材料']],
  },
  {
    key: 'repair-withdrawn',
    owner: 'resident',
    item: 'repair-appliance',
    description: '电饭煲不加热了',
    building: 1,
    answers: { appliance: '电饭煲不加热' },
    submittedHoursAgo: 72,
    steps: [['withdraw', 48, 'resident', '已自己送修']],
  },
  {
    key: 'legal-routed',
    owner: 'resident2',
    item: 'legal-consult',
    description: '物业费涨价没有开业主大会，想问问合不合法',
    building: 2,
    answers: { topic: 'housing', way: 'visit' },
    submittedHoursAgo: 30,
    steps: [
      ['accept', 29, 'staff'],
      // 刘明 has an account (resources.seed.ts): the need waits in his 待我服务.
      [
        'dispatch',
        28,
        'staff',
        '派给县司法局驻社区律师',
        { route: resource('justice-lawyer-liu'), assignee: { id: seedId('user:servicePerson'), name: '刘明律师' } },
      ],
    ],
  },
  {
    key: 'tutor-in-progress',
    owner: 'resident',
    item: 'study-tutor',
    description: '孙子数学跟不上，放学后没人辅导',
    building: 1,
    answers: { grade: '小学四年级', subjects: ['math', 'english'] },
    submittedHoursAgo: 120,
    steps: [
      ['accept', 118, 'staff'],
      ['dispatch', 116, 'staff', '四点半课堂周老师', { route: resource('school-teacher-zhou') }],
      ['start', 96, 'staff', '每周二、四下午辅导'],
    ],
  },
  {
    key: 'sanitation-done',
    owner: 'resident2',
    item: 'sanitation-cleanup',
    description: '楼道里堆了很多旧家具，影响通行',
    building: 2,
    answers: { place: '2 号楼 1 单元楼道' },
    submittedHoursAgo: 100,
    steps: [
      ['accept', 99, 'gridWorker'],
      ['dispatch', 98, 'gridWorker', '并入本周“美丽家园创卫行”', { route: activity('clean-nanmen') }],
      ['start', 60, 'gridWorker'],
      ['complete', 48, 'gridWorker', '杂物已清运'],
    ],
  },
  {
    key: 'clinic-closed',
    owner: 'resident',
    item: 'clinic-checkup',
    description: '想测一下血糖',
    building: 1,
    answers: { age: 68 },
    submittedHoursAgo: 300,
    steps: [
      ['accept', 298, 'staff'],
      ['dispatch', 297, 'staff', undefined, { route: resource('hospital-doctor-wang') }],
      ['start', 250, 'staff'],
      ['complete', 249, 'staff', '血糖正常，已给出饮食建议'],
      ['rate', 240, 'resident', '王医生很耐心，谢谢社区', { stars: 5 }],
    ],
  },
  {
    key: 'repair-unhappy',
    owner: 'resident2',
    item: 'repair-appliance',
    description: '洗衣机不脱水',
    building: 3,
    answers: { appliance: '洗衣机不脱水' },
    submittedHoursAgo: 200,
    steps: [
      ['accept', 199, 'staff'],
      ['dispatch', 198, 'staff', undefined, { route: whistle }],
      ['complete', 150, 'staff', '已上门查看'],
      ['rate', 140, 'resident2', '来看了一眼说修不了就走了', { stars: 2 }], // may still be reopened
    ],
  },
  {
    key: 'legal-reopened',
    owner: 'resident',
    item: 'legal-consult',
    description: '劳务公司拖欠工资三个月',
    building: 1,
    answers: { topic: 'labour', way: 'visit' },
    submittedHoursAgo: 260,
    steps: [
      ['accept', 258, 'staff'],
      ['dispatch', 257, 'staff', undefined, { route: resource('justice-lawyer-he') }],
      ['start', 230, 'staff'],
      ['complete', 200, 'staff'],
      ['rate', 190, 'resident', '只说让我去起诉，没帮我准备材料', { stars: 1 }],
      ['reopen', 20, 'staff', '回访：改为协助申请法律援助'],
    ],
  },
  {
    key: 'visit-auto-closed',
    owner: 'resident',
    item: 'elder-visit',
    description: '老伴住院，家里只有我一个人，想有人来看看',
    building: 3,
    answers: { frequency: 'once' },
    submittedHoursAgo: 400,
    steps: [
      ['accept', 398, 'gridWorker'],
      ['dispatch', 397, 'gridWorker', undefined, { route: activity('clean-nanmen') }],
      ['complete', 380, 'gridWorker', '志愿者已上门探访'],
      ['autoClose', 212, 'system', '办结 7 天未评价，系统自动关闭'],
    ],
  },
  {
    key: 'lighting-1',
    owner: 'resident',
    item: 'repair-appliance',
    description: '1 号楼 3 单元楼道灯坏了好几个月，晚上下楼看不见',
    building: 1,
    answers: { appliance: '楼道声控灯不亮' },
    submittedHoursAgo: 500,
    steps: [
      ['accept', 498, 'staff'],
      ['dispatch', 490, 'staff', '并入“老旧小区楼道照明改造”项目', { route: lightingProject }],
    ],
  },
  {
    key: 'lighting-2',
    owner: 'resident2',
    item: 'repair-appliance',
    description: '2 号楼楼道灯全不亮，老人摔过一跤',
    building: 2,
    answers: { appliance: '楼道灯不亮' },
    submittedHoursAgo: 480,
    steps: [
      ['accept', 479, 'staff'],
      ['dispatch', 470, 'staff', '并入“老旧小区楼道照明改造”项目', { route: lightingProject }],
      ['start', 300, 'staff', '县供电公司已入户摸底'],
    ],
  },
];

/** Needs dispatched to the lighting project (seedId('project:nanmen-lighting')): for linkSeedNeeds of the projects seed. */
export const SEED_LIGHTING_NEEDS: Types.ObjectId[] = [seedId('need:lighting-1'), seedId('need:lighting-2')];

export async function seedNeeds(db: Db): Promise<void> {
  const now = Date.now();
  const ago = (hours: number) => new Date(now - hours * HOUR);
  const phone = (account: string) => ACCOUNTS.find((a) => a.account === account)!.phone;
  const complex = '南门小区';
  const needs: Need[] = [];
  const events: NeedEvent[] = [];

  for (const d of NEEDS) {
    const item = d.item ? MENU.find((m) => m.key === d.item)! : null;
    const limits = item
      ? { acceptHours: item.acceptHours, completeHours: item.completeHours }
      : { ...OTHER_NEED_LIMITS };
    const needId = seedId(`need:${d.key}`);
    const owner = seedId(`user:${d.owner}`);
    const mine: NeedEvent[] = [];
    const event = (
      seq: number,
      action: NeedEvent['action'],
      at: Date,
      who: Who,
      rest: Partial<NeedEvent> = {},
    ): NeedEvent => ({
      _id: seedId(`needEvent:${d.key}:${seq}`),
      needId,
      seq,
      action,
      from: mine.length ? mine[mine.length - 1].to : null,
      to: toOf(action, mine.length ? mine[mine.length - 1].to : null),
      actorId: who === 'system' ? null : seedId(`user:${who}`),
      actorRole: who === 'resident2' ? 'resident' : who,
      at,
      note: null,
      route: null,
      rating: null,
      ...rest,
    });
    mine.push(event(1, 'submit', ago(d.submittedHoursAgo), d.owner));
    for (const [action, hoursAgo, who, note, extra] of d.steps) {
      mine.push(
        event(mine.length + 1, action, ago(hoursAgo), who, {
          note: note ?? null,
          route: extra?.route ? { kind: extra.route[0], targetId: extra.route[1] } : null,
          rating: extra?.stars ? { stars: extra.stars, comment: note ?? '' } : null,
          assignee: extra?.assignee ?? null,
        }),
      );
    }
    const place = {
      streetId: seedId('org:street:chengguan'),
      communityId: seedId('org:community:nanmen'),
      gridId: seedId('org:grid:nanmen:0'),
      complexId: seedId(`org:complex:nanmen:${complex}`),
      buildingId: seedId(`org:building:nanmen:${complex}:${d.building}`),
    };
    needs.push({
      _id: needId,
      owner,
      onBehalfOf: d.onBehalfOf ?? null,
      menuItemId: item ? seedId(`menu:${item.key}`) : null,
      categoryCode: item?.category ?? 'other',
      title: item?.name ?? d.otherText!,
      otherText: d.otherText ?? null,
      description: d.description,
      preferredTime: null,
      place,
      placeKeys: placeKeysOf(place),
      placeLabel: `${complex} ${d.building}号楼`,
      contactPhone: d.onBehalfOf?.phone ?? phone(d.owner),
      photos: [],
      answers: d.answers ?? {},
      limits,
      ...projectNeed(limits, mine),
    });
    events.push(...mine);
  }
  // Events first: a need never shows without its timeline.
  await insertNew(db.model(NeedEventModel), events);
  await insertNew(db.model(NeedModel), needs);
}
