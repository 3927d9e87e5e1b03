import { isoWeekOf, isoWeekRange, type FindingCategory, type GridDuty, type GridPosition } from '@gongzhi/shared';
import type { Db } from '../core/db';
import type { Place } from '../core/place';
import { UserModel } from '../people/user.model';
import type { GrantsService } from '../grants/grants.service';
import { insertNew } from '../core/insert-new';
import { seedId } from '../core/stable-id';
import { FindingConversionModel, type FindingConversion } from './finding-conversion.model';
import { FindingModel, type Finding } from './finding.model';
import { GridMemberModel, personKeyOf, slotOf, type GridMember } from './grid-member.model';
import { PatrolModel, type Patrol } from './patrol.model';

/**
 * Demo grids of 南门社区 and 西山社区: a grid worker account for every grid (赵敏 is 南门第一网格's),
 * "1+1+3+X" teams (some incomplete, as in life), patrols this week and last week with findings of
 * several categories, and one finding already turned into a need (the grid worker's order for
 * 王桂芳 of the needs seed). 南门第二网格 is left unpatrolled this week, for the coverage tab.
 * Times are relative to now; ids are deterministic (seedId('patrol:<key>'), 'finding:<key>', …).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const STREETS = { nanmen: 'chengguan', xishan: 'xincheng' } as const;
type CommunityKey = keyof typeof STREETS;

interface DemoGrid {
  community: CommunityKey;
  index: number;
  /** Complexes of the grid (demo-county.ts) with their building counts. */
  complex: string;
  buildings: number;
}
const GRIDS: Record<string, DemoGrid> = {
  'nanmen:0': { community: 'nanmen', index: 0, complex: '南门小区', buildings: 3 },
  'nanmen:1': { community: 'nanmen', index: 1, complex: '粮站家属院', buildings: 2 },
  'nanmen:2': { community: 'nanmen', index: 2, complex: '锦绣华庭', buildings: 4 },
  'xishan:0': { community: 'xishan', index: 0, complex: '西山营小区', buildings: 3 },
  'xishan:1': { community: 'xishan', index: 1, complex: '供销社宿舍', buildings: 2 },
};

/** Grid worker accounts of the other grids (赵敏, the demo gridWorker, works 南门第一网格). */
const WORKERS: Record<string, { name: string; phone: string } | 'demo'> = {
  'nanmen:0': 'demo',
  'nanmen:1': { name: '黄磊', phone: '13812340101' },
  'nanmen:2': { name: '林晓燕', phone: '13812340102' },
  'xishan:0': { name: '马俊', phone: '13812340103' },
  'xishan:1': { name: '何雪梅', phone: '13812340104' },
};

/** A member: an account key (seedId('user:<key>')) or a person without an account. */
type Who = { account: string } | { name: string; phone: string; unit?: string };
type DemoMember = [GridPosition, Who, GridDuty[]];

const TEAMS: Record<string, DemoMember[]> = {
  'nanmen:0': [
    ['chief', { account: 'staff' }, ['mediator', 'onSiteHandler']],
    ['worker', { account: 'gridWorker' }, ['infoCollector', 'patroller', 'policyPromoter']],
    ['property', { name: '钱德明', phone: '13912340021' }, ['onSiteHandler']],
    ['security', { name: '孙建华', phone: '13912340022' }, ['patroller']],
    ['cadre', { account: 'partyMember' }, ['policyPromoter', 'mediator']],
    ['unitPartyMember', { name: '吴海燕', phone: '13912340023', unit: '县人民医院' }, ['policyPromoter']],
    ['unitPartyMember', { name: '郑凯', phone: '13912340024', unit: '县农商银行' }, ['infoCollector']],
  ],
  'nanmen:1': [
    ['chief', { account: 'staff' }, ['mediator']],
    ['worker', { account: 'grid:nanmen:1' }, ['infoCollector', 'patroller']],
    ['security', { name: '冯志刚', phone: '13912340025' }, ['patroller', 'onSiteHandler']],
  ],
  'nanmen:2': [
    ['chief', { account: 'staff' }, ['mediator']],
    ['worker', { account: 'grid:nanmen:2' }, ['infoCollector', 'patroller', 'onSiteHandler']],
    ['property', { name: '王立新', phone: '13912340026' }, ['onSiteHandler', 'infoCollector']],
    ['security', { name: '蒋红梅', phone: '13912340027' }, ['patroller']],
    ['cadre', { name: '陶德胜', phone: '13912340028' }, ['policyPromoter', 'mediator']],
  ],
  'xishan:0': [
    ['chief', { account: 'staff2' }, ['mediator', 'onSiteHandler']],
    ['worker', { account: 'grid:xishan:0' }, ['infoCollector', 'patroller']],
    ['cadre', { name: '韩玉兰', phone: '13912340029' }, ['policyPromoter']],
    ['unitPartyMember', { name: '唐伟', phone: '13912340030', unit: '县供电公司' }, ['onSiteHandler']],
  ],
  'xishan:1': [['worker', { account: 'grid:xishan:1' }, ['infoCollector', 'patroller', 'mediator']]],
};

interface DemoFinding {
  key: string;
  category: FindingCategory;
  description: string;
  /** Building number in the grid's complex; the complex itself when absent. */
  building?: number;
  location?: { lat: number; lng: number };
  /** Already handled: turned into a seeded need, or closed on the spot. */
  outcome?: { kind: 'need'; needKey: string; hoursAgo: number } | { kind: 'onSite'; note: string };
}

interface DemoPatrol {
  key: string;
  grid: string;
  /** 'this': within the current week (China time); 'last': the week before. */
  week: 'this' | 'last';
  /** Where in the week: 0 = Monday 00:00, 1 = now (this week) or the next Monday (last week). */
  at: number;
  note?: string;
  findings: DemoFinding[];
}

const PATROLS: DemoPatrol[] = [
  {
    key: 'nanmen:0:last',
    grid: 'nanmen:0',
    week: 'last',
    at: 0.35,
    note: '重点走访独居老人',
    findings: [
      {
        key: 'wang-alone',
        category: 'other',
        description: '3 号楼王桂芳奶奶独居，腿脚不便，希望有志愿者每周上门看看',
        building: 3,
        outcome: { kind: 'need', needKey: 'elder-visit-on-behalf', hoursAgo: 5 },
      },
      {
        key: 'bike-shed',
        category: 'security',
        description: '2 号楼车棚私拉电线给电动车充电，有火灾隐患',
        building: 2,
        location: { lat: 30.27412, lng: 120.15531 },
        outcome: { kind: 'onSite', note: '已当场劝离并拆除飞线，告知居民到集中充电桩充电' },
      },
    ],
  },
  {
    key: 'nanmen:0:this',
    grid: 'nanmen:0',
    week: 'this',
    at: 0.4,
    findings: [
      {
        key: 'stair-lamp',
        category: 'facilities',
        description: '1 号楼 3 单元楼道灯不亮，老人晚上下楼看不清',
        building: 1,
        location: { lat: 30.27398, lng: 120.15502 },
      },
      {
        key: 'noise',
        category: 'dispute',
        description: '2 号楼 3 楼与 4 楼因装修噪音发生争吵，双方情绪激动',
        building: 2,
      },
    ],
  },
  {
    key: 'nanmen:1:last',
    grid: 'nanmen:1',
    week: 'last',
    at: 0.6,
    findings: [
      {
        key: 'rubbish',
        category: 'sanitation',
        description: '粮站家属院北侧空地堆放建筑垃圾，已有异味',
        location: { lat: 30.27501, lng: 120.15622 },
      },
    ],
  },
  {
    key: 'nanmen:2:this',
    grid: 'nanmen:2',
    week: 'this',
    at: 0.25,
    findings: [
      {
        key: 'stall',
        category: 'cityManagement',
        description: '锦绣华庭东门外早市摊贩占道经营，堵塞消防通道',
        location: { lat: 30.27255, lng: 120.15703 },
      },
    ],
  },
  { key: 'xishan:0:last', grid: 'xishan:0', week: 'last', at: 0.5, findings: [] },
  {
    key: 'xishan:0:this',
    grid: 'xishan:0',
    week: 'this',
    at: 0.5,
    findings: [
      {
        key: 'manhole',
        category: 'facilities',
        description: '西山营小区 1 号楼前窨井盖破损',
        building: 1,
        location: { lat: 30.28101, lng: 120.14812 },
      },
    ],
  },
  {
    key: 'xishan:1:last',
    grid: 'xishan:1',
    week: 'last',
    at: 0.45,
    findings: [
      { key: 'door', category: 'security', description: '供销社宿舍单元门禁损坏，外来人员随意进出', building: 2 },
    ],
  },
];

/** The grid itself, its complex, or one of the complex's buildings. */
function placeOf(gridKey: string, at: 'grid' | 'complex' | number = 'grid'): Place {
  const g = GRIDS[gridKey];
  return {
    streetId: seedId(`org:street:${STREETS[g.community]}`),
    communityId: seedId(`org:community:${g.community}`),
    gridId: seedId(`org:grid:${gridKey}`),
    complexId: at === 'grid' ? null : seedId(`org:complex:${g.community}:${g.complex}`),
    buildingId: typeof at === 'number' ? seedId(`org:building:${g.community}:${g.complex}:${at}`) : null,
  };
}

export async function seedGrids(db: Db, grants: GrantsService): Promise<void> {
  const now = Date.now();
  const addedAt = new Date(now - 30 * DAY);

  // Grid worker accounts of the other grids: people, and their posts as grants (the invitation's use case).
  const workers = Object.entries(WORKERS).flatMap(([key, w]) => (w === 'demo' ? [] : [{ key, w }]));
  await insertNew(
    db.model(UserModel),
    workers.map(({ key, w }) => ({
      _id: seedId(`user:grid:${key}`),
      name: w.name,
      roles: [],
      phone: w.phone,
      orgId: null,
      communityId: null,
      createdAt: addedAt,
    })),
  );
  for (const { key } of workers) {
    await grants.grantRole({
      personId: seedId(`user:grid:${key}`),
      role: 'gridWorker',
      placeId: seedId(`org:grid:${key}`),
      grantedBy: null,
    });
  }

  const members: GridMember[] = Object.entries(TEAMS).flatMap(([key, team]) => {
    const place = placeOf(key);
    return team.map(([position, who, duties], i) => {
      const id = seedId(`gridMember:${key}:${position}:${i}`);
      const userId = 'account' in who ? seedId(`user:${who.account}`) : null;
      return {
        _id: id,
        gridId: place.gridId!,
        communityId: place.communityId,
        streetId: place.streetId,
        position,
        slot: slotOf(position, id),
        personKey: personKeyOf(userId, id),
        userId,
        name: 'account' in who ? null : who.name,
        phone: 'account' in who ? null : who.phone,
        unitId: 'unit' in who && who.unit ? seedId(`unit:${who.unit}`) : null,
        duties,
        addedBy: seedId('user:staff'),
        addedAt,
      };
    });
  });
  await insertNew(db.model(GridMemberModel), members);

  const thisWeek = isoWeekRange(isoWeekOf(new Date(now))).from.getTime();
  const patrols: Patrol[] = [];
  const findings: Finding[] = [];
  const conversions: FindingConversion[] = [];
  for (const p of PATROLS) {
    // Inside the week and never in the future, however early in the week the demo is loaded.
    const span = p.week === 'this' ? now - thisWeek : 7 * DAY;
    const weekStart = p.week === 'this' ? thisWeek : thisWeek - 7 * DAY;
    const startedAt = new Date(weekStart + p.at * span);
    const endedAt = new Date(startedAt.getTime() + Math.min(1.5 * HOUR, 0.2 * span));
    const worker = WORKERS[p.grid] === 'demo' ? 'gridWorker' : `grid:${p.grid}`;
    const g = GRIDS[p.grid];
    const patrolId = seedId(`patrol:${p.key}`);
    patrols.push({
      _id: patrolId,
      place: placeOf(p.grid),
      patrollerId: seedId(`user:${worker}`),
      startedAt,
      endedAt,
      week: isoWeekOf(startedAt),
      placeIds: [
        seedId(`org:complex:${g.community}:${g.complex}`),
        ...Array.from({ length: g.buildings }, (_, b) => seedId(`org:building:${g.community}:${g.complex}:${b + 1}`)),
      ],
      note: p.note ?? null,
      createdAt: endedAt,
    });
    for (const f of p.findings) {
      const id = seedId(`finding:${f.key}`);
      const place = placeOf(p.grid, f.building ?? 'complex');
      const by = seedId(`user:${worker}`);
      let outcome: Finding['outcome'] = null;
      if (f.outcome?.kind === 'need') {
        const at = new Date(now - f.outcome.hoursAgo * HOUR);
        outcome = { kind: 'need', targetId: seedId(`need:${f.outcome.needKey}`), at, by, note: null };
      } else if (f.outcome?.kind === 'onSite') {
        outcome = { kind: 'onSite', targetId: null, at: endedAt, by, note: f.outcome.note };
      }
      if (outcome) conversions.push({ _id: id, ...outcome, done: true });
      findings.push({
        _id: id,
        patrolId,
        place,
        placeId: (place.buildingId ?? place.complexId)!,
        placeLabel: f.building === undefined ? g.complex : `${g.complex} ${f.building}号楼`,
        category: f.category,
        description: f.description,
        photos: [],
        location: f.location ?? null,
        reportedBy: by,
        foundAt: endedAt,
        status: outcome ? (outcome.kind === 'onSite' ? 'closed' : 'converted') : 'open',
        outcome,
        closedAt: outcome?.kind === 'onSite' ? outcome.at : null,
        closedBy: outcome?.kind === 'onSite' ? by : null,
        closeNote: outcome?.kind === 'onSite' ? outcome.note : null,
      });
    }
  }
  // Outcome records first: a finding never shows an outcome its guard does not hold.
  await insertNew(db.model(FindingConversionModel), conversions);
  await insertNew(db.model(PatrolModel), patrols);
  await insertNew(db.model(FindingModel), findings);
}
