import type { Types } from 'mongoose';
import { POINTS_KIND_LABELS, chinaYearOf, type PointsKind } from '@gongzhi/shared';
import { ActivityModel, type Activity } from '../activities/activity.model';
import { ServiceRecordModel, type ServiceRecord } from '../activities/attendance.model';
import type { Db } from '../core/db';
import { insertNew } from '../core/insert-new';
import { seedId } from '../core/stable-id';
import { STREETS } from '../seed/demo-county';
import type { PointsEntry } from './points-entry.model';
import { PointsEntryModel } from './points-entry.model';
import { RedemptionModel, ShopItemModel, type Redemption, type ShopItem } from './shop.model';

const DAY = 86_400_000;

/** What a community 积分超市 typically stocks (daily necessities, priced so a few shifts buy one). */
const SHELF: { name: string; description: string; price: number; stock: number }[] = [
  { name: '抽纸（6 包装）', description: '家用原木抽纸，3 层 100 抽', price: 30, stock: 40 },
  { name: '洗衣液 2kg', description: '薰衣草香型，机洗手洗皆可', price: 60, stock: 20 },
  { name: '环保购物袋', description: '可折叠，承重 10 公斤', price: 20, stock: 50 },
  { name: '食用油 1.8L', description: '非转基因一级大豆油', price: 120, stock: 10 },
  { name: '理发券（社区理发室）', description: '凭领取码到党群服务中心理发室使用一次', price: 50, stock: 30 },
];

/**
 * A 积分超市 for every demo community, and a points ledger for the demo volunteer (their confirmed
 * shifts, study sessions, a whistle response and one redemption) and a few neighbours, so 我的 and
 * the rankings have something to show.
 */
export async function seedPoints(db: Db): Promise<void> {
  const now = new Date();
  const items: Partial<ShopItem>[] = [];
  for (const street of STREETS) {
    for (const c of street.communities) {
      SHELF.forEach((s, i) => {
        items.push({
          _id: seedId(`shop:${c.key}:${i}`),
          communityId: seedId(`org:community:${c.key}`),
          name: s.name,
          description: s.description,
          price: s.price,
          stockAdded: s.stock,
          imageUrl: null,
          active: true,
          createdBy: seedId('user:staff'),
          createdAt: now,
          updatedAt: now,
        });
      });
    }
  }
  await insertNew(db.model(ShopItemModel), items);

  const nanmen = seedId('org:community:nanmen');
  const volunteer = seedId('user:volunteer');
  const records = await db.model(ServiceRecordModel).find({ personId: volunteer }).lean<ServiceRecord[]>();
  const titles = await db
    .model(ActivityModel)
    .find({ _id: { $in: records.map((r) => r.activityId) } }, { title: 1 })
    .lean<Pick<Activity, '_id' | 'title'>[]>();
  const bag = items[2];
  const events: Event[] = [
    ...records.map((r) => ({
      kind: 'hoursServed' as const,
      delta: Math.round((r.minutes / 60) * 10),
      key: `hours:${r._id}`,
      note: `服务时长 · ${titles.find((a) => a._id.equals(r.activityId))?.title ?? '志愿服务'}`,
      at: r.confirmedAt,
    })),
    // Study sessions and whistle responses have no records of their own yet: these stand for them.
    { kind: 'studySession', delta: 5, key: 'seed:study:1', note: '“三会一课”专题学习', at: daysAgo(now, 40) },
    { kind: 'studySession', delta: 5, key: 'seed:study:2', note: '志愿服务条例学习', at: daysAgo(now, 33) },
    { kind: 'studySession', delta: 5, key: 'seed:study:3', note: '垃圾分类知识培训', at: daysAgo(now, 26) },
    { kind: 'studySession', delta: 5, key: 'seed:study:4', note: '应急救护知识讲座', at: daysAgo(now, 19) },
    {
      kind: 'whistleResponse',
      delta: 10,
      key: 'seed:whistle:1',
      note: '响应吹哨 · 南门小区路灯抢修',
      at: daysAgo(now, 30),
    },
    {
      kind: 'whistleResponse',
      delta: 10,
      key: 'seed:whistle:2',
      note: '响应吹哨 · 粮站家属院积水清理',
      at: daysAgo(now, 16),
    },
    {
      kind: 'whistleResponse',
      delta: 10,
      key: 'seed:whistle:3',
      note: '响应吹哨 · 锦绣华庭楼道杂物清理',
      at: daysAgo(now, 12),
    },
    {
      kind: 'redemption',
      delta: -(bag.price as number),
      key: `redeem:${seedId('redemption:volunteer:1')}`,
      note: `兑换 · ${bag.name}`,
      at: daysAgo(now, 5),
    },
  ];
  await insertNew(db.model(PointsEntryModel), chain(volunteer, nanmen, events));
  const redemption: Partial<Redemption> = {
    _id: seedId('redemption:volunteer:1'),
    itemId: bag._id,
    unitNo: 1,
    communityId: nanmen,
    personId: volunteer,
    itemName: bag.name,
    price: bag.price,
    pickupCode: '204816',
    status: 'awaitingPickup',
    redeemedAt: daysAgo(now, 5),
    handedOverAt: null,
    handedOverBy: null,
  };
  await insertNew(db.model(RedemptionModel), [redemption]);

  // Neighbours of 南门社区, for the ranking.
  const neighbours: [string, number][] = [
    ['partyMember', 9],
    ['resident', 3],
    ['resident2', 2],
  ];
  for (const [account, sessions] of neighbours) {
    const events: Event[] = Array.from({ length: sessions }, (_, i) => ({
      kind: i % 3 === 2 ? 'whistleResponse' : 'studySession',
      delta: i % 3 === 2 ? 10 : 5,
      key: `seed:${account}:${i + 1}`,
      note: i % 3 === 2 ? '响应吹哨' : '参加学习',
      at: daysAgo(now, 50 - i * 4),
    }));
    await insertNew(db.model(PointsEntryModel), chain(seedId(`user:${account}`), nanmen, events));
  }
}

interface Event {
  kind: PointsKind;
  delta: number;
  key: string;
  note: string;
  at: Date;
}

function daysAgo(now: Date, days: number): Date {
  // Within this year, so the yearly totals show them (early January keeps them on 1 January).
  const t = new Date(now.getTime() - days * DAY);
  return chinaYearOf(t) === chinaYearOf(now) ? t : new Date(`${chinaYearOf(now)}-01-01T10:00:00+08:00`);
}

/** The entries in time order with seq and running balance, as the ledger would have written them. */
function chain(personId: Types.ObjectId, communityId: Types.ObjectId, events: Event[]): Partial<PointsEntry>[] {
  let balance = 0;
  return [...events]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((e, i) => {
      balance += e.delta;
      return {
        _id: seedId(`points:${e.key}`),
        personId,
        seq: i + 1,
        delta: e.delta,
        balance,
        kind: e.kind,
        sourceKey: e.key,
        sourceRef: e.key.startsWith('hours:') ? e.key : null,
        year: chinaYearOf(e.at),
        communityId,
        note: e.note || POINTS_KIND_LABELS[e.kind],
        at: e.at,
      };
    });
}
