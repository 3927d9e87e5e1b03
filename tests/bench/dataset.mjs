// The county-scale dataset of `npm run bench`: residents, needs with their events, activities with
// shifts, whistles, spread over a generated org tree of 50 communities under the demo county. Written
// with bulk insertMany through the MongoDB driver (unordered batches), shaped as the mongoose models
// in cloud/src; the API creates the indexes itself (it is started once on the empty database first).
// Deterministic (seeded), so ids and figures are the same on every machine for the same scale.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ObjectId } from 'mongodb';
import { ROOT, seedId, seededRandom } from '../support/cluster.mjs';

// The API's own pure functions, from its build: loaded when generating, after the runner has built
// the API (an import-time require failed on a fresh clone, before any build).
const require = createRequire(import.meta.url);
const fromCloud = (file) => require(path.join(ROOT, 'cloud', 'dist', file));

/** Bump when the shape or the sizes change: a cached dataset of another version is regenerated. */
// 2: needs carry placeKeys (the inbox's scope). 3: whistles carry blownMonth (the statistics' reads).
// 4: a need's fate depends on its age (open needs are the recent ones, plus a stuck tail). 5: so
// does a whistle's.
export const DATASET_VERSION = 5;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const BATCH = Number(process.env.BENCH_BATCH ?? 2000);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 4);

/** Sizes at BENCH_SCALE=1 (the county): at least 100k residents, 500k needs, 10k activities. */
export function sizesFor(scale) {
  return {
    streets: 5,
    communitiesPerStreet: 10,
    gridsPerCommunity: 4,
    complexesPerGrid: 2,
    buildingsPerComplex: 5,
    residents: Math.round(100_000 * scale),
    needs: Math.round(500_000 * scale),
    activities: Math.round(10_000 * scale),
    shiftsPerActivity: 2,
    whistles: Math.round(10_000 * scale),
  };
}

/** The demo county's ids (cloud/src/seed/seed-demo.ts). */
export const COUNTY = seedId('org:county');
const DEPARTMENTS = ['县住房和城乡建设局', '县城市管理局', '县卫生健康局', '县民政局', '县司法局', '县公安局交警大队'];

/** Ids the scenarios need: stable for a scale, derived like the generator derives them. */
export const benchId = (key) => seedId(`bench:${key}`);

/** The generated org tree (also used by the runner to pick callers). */
export function orgTree(sizes) {
  const orgs = [];
  const add = (key, kind, name, parent, extra = {}) => {
    const org = {
      _id: benchId(`org:${key}`),
      kind,
      name,
      parentId: parent ? parent._id : COUNTY,
      ancestors: parent ? [...parent.ancestors, parent._id] : [COUNTY],
      ...extra,
    };
    orgs.push(org);
    return org;
  };
  const communities = [];
  for (let s = 0; s < sizes.streets; s++) {
    const street = add(`street:${s}`, 'street', `测试第${s + 1}街道`, null);
    for (let c = 0; c < sizes.communitiesPerStreet; c++) {
      const community = add(`community:${s}:${c}`, 'community', `测试${s + 1}-${c + 1}社区`, street);
      const buildings = [];
      const grids = [];
      for (let g = 0; g < sizes.gridsPerCommunity; g++) {
        const grid = add(`grid:${s}:${c}:${g}`, 'grid', `第${g + 1}网格`, community);
        grids.push(grid);
        for (let x = 0; x < sizes.complexesPerGrid; x++) {
          const complex = add(`complex:${s}:${c}:${g}:${x}`, 'complex', `第${g + 1}-${x + 1}小区`, grid, {
            old: x % 2 === 0,
            hasProperty: x % 2 === 1,
          });
          for (let b = 0; b < sizes.buildingsPerComplex; b++) {
            const building = add(`building:${s}:${c}:${g}:${x}:${b}`, 'building', `${b + 1}号楼`, complex);
            buildings.push({
              building,
              complex,
              place: {
                streetId: street._id,
                communityId: community._id,
                gridId: grid._id,
                complexId: complex._id,
                buildingId: building._id,
              },
              label: `${complex.name} ${building.name}`,
            });
          }
        }
      }
      communities.push({ street, community, grids, buildings });
    }
  }
  return { orgs, communities };
}

/** Who the i-th resident is (the runner signs tokens for them without reading the database). */
export function residentAt(i, tree) {
  const c = tree.communities[i % tree.communities.length];
  const b = c.buildings[Math.floor(i / tree.communities.length) % c.buildings.length];
  return {
    _id: benchId(`resident:${i}`),
    community: c,
    building: b,
  };
}

/** The staff member of the i-th community. */
export const staffOf = (ci) => benchId(`staff:${ci}`);

const pick = (rand, list) => list[Math.floor(rand() * list.length)];

/**
 * Statuses a generated need ends in, and how often (per thousand), by its age. Needs of the last
 * RECENT_DAYS are anywhere in their lifecycle; older ones are nearly all finished (the acceptance
 * limit is a day and unrated needs close themselves after a week), with a tail still in progress or
 * dispatched and long overdue. Until version 4 every need drew from the recent table whatever its
 * age, so a year's needs were a third open and a tenth never accepted: 997 waiting in each
 * community's inbox, which no county that uses the system has (docs/performance.md has both runs).
 */
const RECENT_DAYS = 14;
const RECENT_PATHS = [
  [100, ['submit']],
  [50, ['submit', 'accept']],
  [50, ['submit', 'reject']],
  [30, ['submit', 'withdraw']],
  [70, ['submit', 'accept', 'dispatch']],
  [100, ['submit', 'accept', 'dispatch', 'start']],
  [100, ['submit', 'accept', 'dispatch', 'start', 'complete']],
  [500, ['submit', 'accept', 'dispatch', 'start', 'complete', 'rate']],
];
const OLD_PATHS = [
  [50, ['submit', 'reject']],
  [30, ['submit', 'withdraw']],
  [5, ['submit', 'accept', 'dispatch']],
  [10, ['submit', 'accept', 'dispatch', 'start']],
  [905, ['submit', 'accept', 'dispatch', 'start', 'complete', 'rate']],
];
const TO = {
  submit: 'submitted',
  accept: 'accepted',
  reject: 'rejected',
  withdraw: 'withdrawn',
  dispatch: 'routed',
  start: 'in_progress',
  complete: 'done',
  rate: 'closed',
};

/** Unordered batches, a few in flight at once (FerretDB turns each into PostgreSQL inserts). */
async function insertAll(coll, docs, stats) {
  const batches = [];
  for (let i = 0; i < docs.length; i += BATCH) batches.push(docs.slice(i, i + BATCH));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await coll.insertMany(batches[next++], { ordered: false });
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  stats[coll.collectionName] = (stats[coll.collectionName] ?? 0) + docs.length;
}

/**
 * Writes the dataset into `db` (a mongodb Db whose demo county is loaded and indexes exist).
 * `now` anchors every date: needs over the past year, shifts 30–365 days ahead.
 */
export async function generate(db, { scale, now = new Date(), log = console.log }) {
  const sizes = sizesFor(scale);
  const { projectNeed } = fromCloud('needs/need-projection.js');
  const { placeKeysOf } = fromCloud('core/place-keys.js');
  const { chinaMonthOf } = require('@gongzhi/shared');
  const rand = seededRandom(20261126);
  const stats = {};
  const t0 = Date.now();
  const tree = orgTree(sizes);
  await insertAll(db.collection('orgs'), tree.orgs, stats);

  // One staff member per generated community (the inbox scenario signs in as one of them).
  const staff = tree.communities.map((c, ci) => ({
    _id: staffOf(ci),
    name: `社区工作者${ci + 1}`,
    roles: ['staff'],
    phone: `139${String(ci).padStart(8, '0')}`,
    orgId: c.community._id,
    communityId: c.community._id,
    unitId: null,
    createdAt: now,
  }));
  await insertAll(db.collection('users'), staff, stats);

  // Residents, in chunks so memory stays flat.
  const CHUNK = 20_000;
  for (let from = 0; from < sizes.residents; from += CHUNK) {
    const docs = [];
    for (let i = from; i < Math.min(sizes.residents, from + CHUNK); i++) {
      const r = residentAt(i, tree);
      docs.push({
        _id: r._id,
        name: `居民${i + 1}`,
        roles: i % 5 === 0 ? ['resident', 'volunteer'] : ['resident'],
        phone: `13${String(100_000_000 + i).slice(-9)}`,
        orgId: r.building.building._id,
        communityId: r.community.community._id,
        unitId: null,
        createdAt: new Date(now.getTime() - 400 * DAY + i),
      });
    }
    await insertAll(db.collection('users'), docs, stats);
    log(`  residents ${Math.min(sizes.residents, from + CHUNK)}/${sizes.residents} (${secondsSince(t0)} s)`);
  }

  // Needs with their events: each resident orders a few over the past year.
  const menu = await db.collection('menuItems').find({ communityId: null, active: true }).toArray();
  if (!menu.length) throw new Error('the demo menu is missing: start the API once with SEED_DEMO=county first');
  const draw = (paths) => {
    const total = paths.reduce((sum, [w]) => sum + w, 0);
    let x = rand() * total;
    for (const [w, p] of paths) if ((x -= w) < 0) return p;
    return paths[0][1];
  };
  for (let from = 0; from < sizes.needs; from += CHUNK) {
    const needs = [];
    const events = [];
    for (let i = from; i < Math.min(sizes.needs, from + CHUNK); i++) {
      const ri = Math.floor(rand() * sizes.residents);
      const r = residentAt(ri, tree);
      const ci = ri % tree.communities.length;
      const item = pick(rand, menu);
      const limits = { ...item.timeLimits };
      const needId = benchId(`need:${i}`);
      const submittedAt = new Date(now.getTime() - Math.floor(rand() * 365 * DAY));
      let at = submittedAt.getTime();
      const steps = draw(now.getTime() - submittedAt.getTime() < RECENT_DAYS * DAY ? RECENT_PATHS : OLD_PATHS);
      const evs = steps.map((action, k) => {
        if (k > 0) at += Math.floor(rand() * 48 * HOUR) + 60_000;
        const byOwner = action === 'submit' || action === 'withdraw' || action === 'rate';
        return {
          _id: new ObjectId(),
          needId,
          seq: k + 1,
          action,
          from: k === 0 ? null : TO[steps[k - 1]],
          to: TO[action],
          actorId: byOwner ? r._id : staffOf(ci),
          actorRole: byOwner ? 'resident' : 'staff',
          at: new Date(Math.min(at, now.getTime())),
          note: action === 'reject' ? '不属于社区服务范围' : null,
          route: action === 'dispatch' ? { kind: 'resource', targetId: benchId(`resource:${ci}`) } : null,
          rating: action === 'rate' ? { stars: 3 + Math.floor(rand() * 3), comment: '' } : null,
        };
      });
      events.push(...evs);
      needs.push({
        _id: needId,
        owner: r._id,
        onBehalfOf: null,
        menuItemId: item._id,
        categoryCode: item.categoryCode,
        title: item.name,
        otherText: null,
        description: `测试需求 ${i + 1}：${item.summary}`,
        preferredTime: null,
        place: r.building.place,
        placeKeys: placeKeysOf(r.building.place),
        placeLabel: r.building.label,
        contactPhone: `13${String(100_000_000 + ri).slice(-9)}`,
        photos: [],
        answers: {},
        limits,
        ...projectNeed(limits, evs),
      });
    }
    // Events first, as createNeed does.
    await insertAll(db.collection('needEvents'), events, stats);
    await insertAll(db.collection('needs'), needs, stats);
    log(
      `  needs ${Math.min(sizes.needs, from + CHUNK)}/${sizes.needs}, events ${stats.needEvents} (${secondsSince(t0)} s)`,
    );
  }

  // Activities (community-wide), each with shifts 30–365 days ahead: the claim scenario's seats.
  const brands = [
    ['trafficGuide', 'other'],
    ['cleanHome', 'sanitation'],
    ['elderCare', 'elderCare'],
  ];
  const activities = [];
  const shifts = [];
  for (let i = 0; i < sizes.activities; i++) {
    const ci = i % tree.communities.length;
    const c = tree.communities[ci];
    const id = benchId(`activity:${i}`);
    const day = now.getTime() + (30 + (i % 335)) * DAY;
    const start = new Date(Math.floor(day / HOUR) * HOUR);
    const list = [];
    for (let k = 0; k < sizes.shiftsPerActivity; k++) {
      const s = new Date(start.getTime() + k * 3 * HOUR);
      list.push({
        _id: benchId(`shift:${i}:${k}`),
        activityId: id,
        start: s,
        end: new Date(s.getTime() + 2 * HOUR),
        seats: 20,
        cutoffHours: 2,
        codeSecret: `bench${i}x${k}`,
        createdAt: now,
      });
    }
    shifts.push(...list);
    activities.push({
      _id: id,
      title: `志愿服务活动 ${i + 1}`,
      brand: brands[i % brands.length][0],
      categoryCode: brands[i % brands.length][1],
      team: null,
      organiserUnitId: null,
      placeId: c.community._id,
      place: { streetId: c.street._id, communityId: c.community._id, gridId: null, complexId: null, buildingId: null },
      address: `${c.community.name}活动室`,
      description: '测试活动',
      format: 'service',
      status: 'published',
      cancelReason: null,
      startsAt: list[0].start,
      endsAt: list[list.length - 1].end,
      createdBy: staffOf(ci),
      createdAt: now,
      updatedAt: now,
    });
  }
  await insertAll(db.collection('activities'), activities, stats);
  await insertAll(db.collection('shifts'), shifts, stats);
  log(`  activities ${activities.length}, shifts ${shifts.length} (${secondsSince(t0)} s)`);

  // Whistles from the communities to the county departments, over the past year: the dashboard's figures.
  const departments = DEPARTMENTS.map((name) => ({ _id: seedId(`org:department:${name}`), name }));
  const FAR = new Date('9999-12-31T00:00:00Z');
  const whistles = [];
  for (let i = 0; i < sizes.whistles; i++) {
    const ci = i % tree.communities.length;
    const c = tree.communities[ci];
    const b = pick(rand, c.buildings);
    const dep = pick(rand, departments);
    const blownAt = new Date(now.getTime() - Math.floor(rand() * 365 * DAY));
    // As with needs: whistles of the last RECENT_DAYS are at any stage; older ones are nearly all
    // confirmed, with a 3 % tail still open (until version 5, a tenth of a year's whistles were pending).
    const recent = now.getTime() - blownAt.getTime() < RECENT_DAYS * DAY;
    const stage = recent || rand() < 0.03 ? rand() : 0.5 + rand() * 0.5;
    const reportedAt = stage > 0.1 ? new Date(blownAt.getTime() + Math.floor(rand() * 4 * HOUR)) : null;
    const resolvedAt = stage > 0.3 ? new Date(blownAt.getTime() + Math.floor(rand() * 5 * DAY)) : null;
    const confirmed = stage > 0.5;
    const status = confirmed ? 'confirmed' : resolvedAt ? 'resolved' : reportedAt ? 'reported' : 'pending';
    const reportDueAt = new Date(blownAt.getTime() + 2 * HOUR);
    const resolveDueAt = new Date(blownAt.getTime() + 3 * DAY);
    const target = {
      orgId: dep._id,
      kind: 'department',
      name: dep.name,
      limits: { reportMinutes: 120, resolveMinutes: 3 * 24 * 60 },
      reportDueAt,
      resolveDueAt,
      status,
      seq: 1 + (reportedAt ? 1 : 0) + (resolvedAt ? 1 : 0) + (confirmed ? 1 : 0),
      reportedAt,
      reportedBy: reportedAt ? benchId(`deptUser:${dep.name}`) : null,
      resolvedAt,
      result: resolvedAt ? '已处理' : null,
      resultPhotos: [],
      confirmedAt: confirmed ? new Date(resolvedAt.getTime() + HOUR) : null,
      satisfaction: confirmed ? 3 + Math.floor(rand() * 3) : null,
      sendBacks: 0,
      lastSendBackReason: null,
      escalationLevel: 0,
    };
    const open = status === 'pending' || status === 'reported';
    whistles.push({
      _id: benchId(`whistle:${i}`),
      type: 'govToDepartment',
      urgency: 'normal',
      category: 'livelihood',
      title: `吹哨 ${i + 1}`,
      description: '测试吹哨',
      photos: [],
      origin: { kind: 'community', refId: c.community._id, name: c.community.name },
      place: { ...b.place },
      placeLabel: b.label,
      subject: { kind: 'text', refId: null },
      blownBy: staffOf(ci),
      blownByRole: 'staff',
      blownAt,
      blownMonth: chinaMonthOf(blownAt),
      volunteerCall: null,
      targets: [target],
      targetKeys: [`department:${dep._id}`],
      status: confirmed ? 'closed' : resolvedAt ? 'resolved' : reportedAt ? 'inProgress' : 'pending',
      dueAt: open ? (reportedAt ? resolveDueAt : reportDueAt) : FAR,
      nextEscalationAt: FAR,
      eventCount: target.seq,
    });
  }
  await insertAll(db.collection('whistles'), whistles, stats);
  log(`  whistles ${whistles.length} (${secondsSince(t0)} s)`);
  return { sizes, counts: stats, seconds: Number(secondsSince(t0)) };
}

function secondsSince(t0) {
  return ((Date.now() - t0) / 1000).toFixed(1);
}
