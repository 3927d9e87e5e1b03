import { SERVICE_BRANDS, type BrandCode, addDays, localDateOf, localInstant } from '@gongzhi/shared';
import type { Db } from '../core/db';
import { ActivityModel, type Activity } from '../activities/activity.model';
import { OrgModel, type Org } from '../org/org.model';
import { STREETS, UNITS } from '../seed/demo-county';
import { insertNew } from '../core/insert-new';
import { seedId } from '../core/stable-id';

/**
 * Demo data (SEED_DEMO=full) reproducing the dashboard figures of the seed report's section 三 that
 * come from the four lists and the org tree (the rosters are the people area's):
 * - 73 complexes, 33 old (45.21%), 31 of the old ones without property management (93.94%, "95%");
 * - 547 published volunteer service activities this year: 美丽家园创卫行 78 (14.26%), 爱心助学行 109
 *   (19.93%; the report prints 19.92, truncated), 法律援助进社区 22 (4.02%), 文明交通引导 338 (61.79% → the one-brand warning);
 * - alliance activities (organised by a resident unit) 99%+ meetings: 220 meetings, 2 service.
 * Counts include the activities of activities.seed.ts (listed in EXISTING below). Deterministic: the
 * same ids and the same dates relative to the day it loads.
 */

/** Published service activities activities.seed.ts already has, by brand; the seed adds the rest. */
const EXISTING: Partial<Record<BrandCode, number>> = { cleanHome: 2, studyAid: 1, legalAid: 1, trafficGuide: 1 };
const TARGET: Partial<Record<BrandCode, number>> = { cleanHome: 78, studyAid: 109, legalAid: 22, trafficGuide: 338 };
/** activities.seed.ts has one alliance meeting (县人民医院) and two alliance service activities. */
const MEETINGS = 220 - 1;

const OLD_NAMES = [
  '纺织厂家属院',
  '粮食局宿舍',
  '供电所宿舍',
  '老邮电小区',
  '农机厂宿舍',
  '水利局家属院',
  '糖厂小区',
  '老街一巷',
  '建安公司宿舍',
  '百货公司宿舍',
  '卫生院家属楼',
  '税务所宿舍',
  '交通局家属院',
  '轴承厂小区',
  '酒厂家属院',
  '烟草公司宿舍',
  '棉麻公司宿舍',
  '化肥厂小区',
  '老法院宿舍',
  '文化馆家属院',
  '老银行宿舍',
  '电影院家属楼',
  '老车站小区',
  '印刷厂宿舍',
  '木材公司宿舍',
  '氮肥厂小区',
  '缫丝厂家属院',
];
const NEW_NAMES = [
  '幸福花园',
  '翠湖苑',
  '书香名邸',
  '金色家园',
  '御景湾',
  '和谐家园',
  '紫荆花园',
  '丽景华庭',
  '春晖苑',
  '康乐小区',
  '桂园小区',
  '龙湖苑',
  '东方名城',
  '盛世华庭',
  '阳光水岸',
  '学府壹号',
  '江南春晓',
  '泰和园',
  '锦江花园',
  '怡景苑',
  '君悦府',
  '滨江华府',
  '凤凰城',
  '世纪花园',
  '新华苑',
  '富康小区',
  '金桂园',
  '福馨苑',
  '馨园小区',
  '海棠湾',
  '瑞景苑',
  '天悦城',
  '万泰花园',
  '嘉禾苑',
];

interface GridRef {
  street: string;
  community: string;
  communityName: string;
  index: number;
}

function demoGrids(): GridRef[] {
  return STREETS.flatMap((s) =>
    s.communities.flatMap((c) =>
      c.grids.map((_, index) => ({ street: s.key, community: c.key, communityName: c.name, index })),
    ),
  );
}

/** 61 complexes (27 old, 26 of them without property management) spread over the demo grids, two buildings each. */
function demoComplexes(): Org[] {
  const grids = demoGrids();
  const county = seedId('org:county');
  const orgs: Org[] = [];
  const all = [
    ...OLD_NAMES.map((name, i) => ({ name, old: true, hasProperty: i === 0 })),
    ...NEW_NAMES.map((name, i) => ({ name, old: false, hasProperty: i >= 4 })),
  ];
  all.forEach((x, i) => {
    const g = grids[i % grids.length];
    const ancestors = [
      county,
      seedId(`org:street:${g.street}`),
      seedId(`org:community:${g.community}`),
      seedId(`org:grid:${g.community}:${g.index}`),
    ];
    const complex: Org = {
      _id: seedId(`org:complex:${g.community}:${x.name}`),
      kind: 'complex',
      name: x.name,
      parentId: ancestors[3],
      ancestors,
      old: x.old,
      hasProperty: x.hasProperty,
    };
    orgs.push(complex);
    for (let b = 1; b <= 2; b++) {
      orgs.push({
        _id: seedId(`org:building:${g.community}:${x.name}:${b}`),
        kind: 'building',
        name: `${b}号楼`,
        parentId: complex._id,
        ancestors: [...ancestors, complex._id],
      });
    }
  });
  return orgs;
}

const DAY = 24 * 3_600_000;
/** A past morning, `daysAgo` before today (China time), 9:00–11:00. */
function pastMorning(daysAgo: number): { startsAt: Date; endsAt: Date } {
  const startsAt = localInstant(addDays(localDateOf(new Date()), -daysAgo), 9 * 60);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000) };
}

const SERVICE_TITLES: Partial<Record<BrandCode, string[]>> = {
  trafficGuide: ['路口文明交通劝导', '上下学时段护学岗', '非机动车规范停放引导'],
  studyAid: ['“四点半课堂”作业辅导', '留守儿童结对助学', '暑期阅读陪伴'],
  cleanHome: ['楼道杂物清理', '背街小巷卫生大扫除', '垃圾分类宣传'],
  legalAid: ['律师坐诊日', '防诈骗法律讲座'],
};
const MEETING_TITLES = ['党建联盟联席会议', '共驻共建座谈会', '“大党委”工作情况报告会', '结对共建推进会'];

/** 542 service activities (with activities.seed.ts: 547) and 219 alliance meetings, over the past 300 days. */
function demoActivities(): Partial<Activity>[] {
  const grids = demoGrids();
  const communities = [...new Map(grids.map((g) => [g.community, g])).values()];
  const out: Partial<Activity>[] = [];
  const add = (
    key: string,
    i: number,
    a: Pick<Activity, 'title' | 'brand' | 'categoryCode' | 'format'>,
    unitOf: ((street: string) => string) | null,
  ) => {
    const c = communities[i % communities.length];
    const unit = unitOf ? unitOf(c.street) : null;
    const when = pastMorning(1 + ((i * 7) % 300));
    out.push({
      _id: seedId(`activity:dashboard:${key}:${i}`),
      ...a,
      team: null,
      organiserUnitId: unit ? seedId(`unit:${unit}`) : null,
      placeId: seedId(`org:community:${c.community}`),
      place: {
        streetId: seedId(`org:street:${c.street}`),
        communityId: seedId(`org:community:${c.community}`),
        gridId: null,
        complexId: null,
        buildingId: null,
      },
      address: `${c.communityName}党群服务中心`,
      description: '',
      status: 'published',
      cancelReason: null,
      ...when,
      createdBy: seedId(`user:${c.street === 'chengguan' ? 'staff' : 'staff2'}`),
      createdAt: new Date(when.startsAt.getTime() - 7 * DAY),
      updatedAt: new Date(when.startsAt.getTime() - 7 * DAY),
    });
  };
  for (const brand of SERVICE_BRANDS) {
    const n = (TARGET[brand.code] ?? 0) - (EXISTING[brand.code] ?? 0);
    const titles = SERVICE_TITLES[brand.code] ?? [brand.name];
    for (let i = 0; i < n; i++) {
      add(
        brand.code,
        i,
        {
          title: `${brand.name}·${titles[i % titles.length]}`,
          brand: brand.code,
          categoryCode: brand.categoryCode,
          format: 'service',
        },
        null,
      );
    }
  }
  // In each street's alliance the lead unit organises most meetings, the others a few (牵头单位“一头热”).
  const poolOf = (street: string) =>
    UNITS.filter((u) => u.street === street).flatMap((u, i) =>
      Array.from({ length: i === 0 ? 10 : 1 + (i % 3) }, () => u.name),
    );
  for (let i = 0; i < MEETINGS; i++) {
    add(
      'meeting',
      i,
      { title: MEETING_TITLES[i % MEETING_TITLES.length], brand: 'other', categoryCode: 'other', format: 'meeting' },
      (street) => {
        const pool = poolOf(street);
        return pool[(i * 5) % pool.length];
      },
    );
  }
  return out;
}

export async function seedDashboard(db: Db): Promise<void> {
  await insertNew(db.model(OrgModel), demoComplexes());
  await insertNew(db.model(ActivityModel), demoActivities());
}
