import { Types } from 'mongoose';
import type {
  ActivityFormat,
  ActivityStatus,
  BrandCode,
  EducationLevel,
  MenuCategoryCode,
  NeedStatus,
} from '@gongzhi/shared';
import type { TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { ActivityModel } from '../../cloud/src/activities/activity.model';

// Shared by the stats_dashboard* files: roster rows written straight into the people area's
// collections exactly per shared/src/people/rosters.ts (ids as strings), and activities/needs with
// the fields the dashboard counts.

export const AS_OF = '2026-06-30';
export const street = (key: string) => String(seedId(`org:street:${key}`));
export const community = (key: string) => String(seedId(`org:community:${key}`));
export const unit = (name: string) => String(seedId(`unit:${name}`));

const STREET_OF: Record<string, string> = {
  nanmen: 'chengguan',
  beijie: 'chengguan',
  tuqiao: 'chengguan',
  xishan: 'xincheng',
  xinyuan: 'xincheng',
  qichun: 'xincheng',
};

/** A birth date giving exactly `age` on AS_OF; `dayAfter` is born a day later (one year younger on AS_OF). */
export const bornAged = (age: number, dayAfter = false) => `${2026 - age}-${dayAfter ? '07-01' : '06-30'}`;

export async function addBranch(t: TestApp, name: string, placeId: string, unitId: string | null = null) {
  const res = await t.db.connection.collection('branches').insertOne({ name, placeId, unitId });
  return String(res.insertedId);
}

export interface MemberSpec {
  count: number;
  placeId: string;
  age?: number;
  dayAfter?: boolean;
  mobile?: boolean;
  active?: boolean;
}

export async function addMembers(t: TestApp, branchId: string, ...specs: MemberSpec[]) {
  const rows = specs.flatMap((s) =>
    Array.from({ length: s.count }, () => ({
      branchId,
      placeId: s.placeId,
      birthDate: bornAged(s.age ?? 40, s.dayAfter),
      mobile: s.mobile ?? false,
      category: s.mobile ? 'C' : 'A',
      active: s.active ?? true,
    })),
  );
  if (rows.length) await t.db.connection.collection('partyMembers').insertMany(rows);
}

export async function addStaff(
  t: TestApp,
  placeId: string,
  rows: { age: number; dayAfter?: boolean; education: EducationLevel; committee?: boolean; active?: boolean }[],
) {
  await t.db.connection.collection('staffMembers').insertMany(
    rows.map((r, i) => ({
      name: `工作人员${i + 1}`,
      placeId,
      birthDate: bornAged(r.age, r.dayAfter),
      education: r.education,
      post: r.committee === false ? '网格员' : '委员',
      committee: r.committee ?? true,
      active: r.active ?? true,
    })),
  );
}

export async function addActivities(
  t: TestApp,
  n: number,
  a: {
    community: string;
    brand: BrandCode;
    format?: ActivityFormat;
    status?: ActivityStatus;
    unit?: string | null;
    categoryCode?: MenuCategoryCode;
  },
): Promise<Types.ObjectId[]> {
  const at = new Date('2026-03-01T01:00:00Z');
  const docs = Array.from({ length: n }, (_, i) => ({
    _id: new Types.ObjectId(),
    title: `统计用活动 ${a.brand} ${i + 1}`,
    brand: a.brand,
    categoryCode: a.categoryCode ?? 'other',
    team: null,
    organiserUnitId: a.unit ? new Types.ObjectId(a.unit) : null,
    placeId: seedId(`org:community:${a.community}`),
    place: {
      streetId: seedId(`org:street:${STREET_OF[a.community]}`),
      communityId: seedId(`org:community:${a.community}`),
      gridId: null,
      complexId: null,
      buildingId: null,
    },
    address: '社区活动室',
    description: '',
    format: a.format ?? 'service',
    status: a.status ?? 'published',
    cancelReason: a.status === 'cancelled' ? '天气原因' : null,
    startsAt: at,
    endsAt: new Date(at.getTime() + 3_600_000),
    createdBy: seedId('user:staff'),
    createdAt: at,
    updatedAt: at,
  }));
  await t.db.model(ActivityModel).insertMany(docs);
  return docs.map((d) => d._id);
}

/** Needs with the fields the dashboard groups by (category, status, place). */
export async function addNeeds(t: TestApp, c: string, rows: [MenuCategoryCode, NeedStatus, number][]) {
  const docs = rows.flatMap(([categoryCode, status, n]) =>
    Array.from({ length: n }, () => ({
      owner: seedId('user:resident'),
      categoryCode,
      status,
      title: '统计用需求',
      place: {
        streetId: seedId(`org:street:${STREET_OF[c]}`),
        communityId: seedId(`org:community:${c}`),
        gridId: null,
        complexId: null,
        buildingId: null,
      },
      submittedAt: new Date('2026-03-01T01:00:00Z'),
    })),
  );
  await t.db.connection.collection('needs').insertMany(docs);
}
