import type { TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// Shared by the needs_* test files: demo ids and small request helpers.

export const LEGAL = String(seedId('menu:legal-consult'));
export const TUTOR = String(seedId('menu:study-tutor'));
export const CLINIC = String(seedId('menu:clinic-checkup'));
export const XISHAN_ITEM = String(seedId('menu:repair-circuit'));
export const NANMEN = String(seedId('org:community:nanmen'));
export const GRID1 = String(seedId('org:grid:nanmen:0'));
export const GRID3 = String(seedId('org:grid:nanmen:2'));
export const BUILDING1 = String(seedId('org:building:nanmen:南门小区:1'));
export const JINXIU = String(seedId('org:complex:nanmen:锦绣华庭'));
export const XISHAN_BUILDING = String(seedId('org:building:xishan:西山营小区:1'));
export const DEPARTMENT = String(seedId('org:department:县住房和城乡建设局'));

/** A valid 法律咨询 order at 南门小区 1号楼. */
export function legalOrder(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    menuItemId: LEGAL,
    description: '邻居装修把我家墙面弄裂了，想咨询怎么索赔',
    placeId: BUILDING1,
    contactPhone: '13812340001',
    answers: { topic: 'housing', way: 'visit' },
    ...extra,
  };
}

export async function order(t: TestApp, auth: string, body: Record<string, unknown> = legalOrder()) {
  const res = await t.http().post('/api/v1/needs').set('Authorization', auth).send(body);
  if (res.status !== 200) throw new Error(`createNeed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string } & Record<string, any>;
}

export function act(t: TestApp, auth: string, id: string, action: string, body: Record<string, unknown> = {}) {
  return t.http().post(`/api/v1/needs/${id}/${action}`).set('Authorization', auth).send(body);
}

/**
 * Inserts a minimal live resource/activity/project in 南门社区 (legalAid) so dispatch has a target
 * without going through those areas' APIs.
 */
export async function target(t: TestApp, collection: 'resources' | 'activities' | 'projects'): Promise<string> {
  const place = {
    streetId: seedId('org:street:chengguan'),
    communityId: seedId('org:community:nanmen'),
    gridId: null,
    complexId: null,
    buildingId: null,
  };
  const live = {
    resources: { active: true, kind: 'lawyer', categoryCodes: ['legalAid'], unitId: null, hours: [] },
    activities: { status: 'published', categoryCode: 'legalAid', createdBy: seedId('user:staff') },
    projects: { status: 'open', categoryCode: 'legalAid', createdBy: seedId('user:staff') },
  }[collection];
  const { insertedId } = await t.db.connection
    .collection(collection)
    .insertOne({ name: `测试${collection}`, title: `测试${collection}`, place, ...live });
  return String(insertedId);
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export function upload(t: TestApp, auth: string, bytes: Buffer = PNG, type = 'image/png') {
  return t.http().post('/api/v1/uploads').set('Authorization', auth).set('Content-Type', type).send(bytes);
}
