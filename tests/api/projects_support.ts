import type { TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// Shared by the projects_* test files: demo ids and small request helpers.

export const NANMEN = String(seedId('org:community:nanmen'));
export const XISHAN = String(seedId('org:community:xishan'));
export const BEIJIE = String(seedId('org:community:beijie'));
export const NANMEN_BUILDING = String(seedId('org:building:nanmen:南门小区:1'));
export const NANMEN_COMPLEX = String(seedId('org:complex:nanmen:粮站家属院'));
export const XISHAN_COMPLEX = String(seedId('org:complex:xishan:西山营小区'));
export const CLEANUP = String(seedId('menu:sanitation-cleanup'));
export const LEGAL = String(seedId('menu:legal-consult'));
export const POWER = String(seedId('unit:县供电公司'));
export const HOSPITAL = String(seedId('unit:县人民医院'));

export const ACCOUNTS = [
  'resident',
  'resident2',
  'staff',
  'staff2',
  'streetAdmin',
  'countyAdmin',
  'unitAdmin',
  'department',
] as const;
export type Account = (typeof ACCOUNTS)[number];

export async function signInAll(t: TestApp): Promise<Record<Account, string>> {
  const tokens = {} as Record<Account, string>;
  for (const a of ACCOUNTS) tokens[a] = await t.signIn(a);
  return tokens;
}

/** A valid project body: 楼道杂物集中清理 in 南门社区 (category sanitation). */
export function projectBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '楼道杂物集中清理',
    goal: '清理南门小区、粮站家属院楼道堆物，消除消防隐患。',
    categoryCode: 'sanitation',
    placeId: NANMEN,
    budgetFen: 1_200_000,
    responsibleUnitIds: [POWER],
    ...extra,
  };
}

export async function createProject(t: TestApp, auth: string, extra: Record<string, unknown> = {}) {
  const res = await t.http().post('/api/v1/projects').set('Authorization', auth).send(projectBody(extra));
  if (res.status !== 200) throw new Error(`createProject: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string } & Record<string, any>;
}

export async function openProject(t: TestApp, auth: string, extra: Record<string, unknown> = {}) {
  const p = await createProject(t, auth, extra);
  const res = await t.http().post(`/api/v1/projects/${p.id}/open`).set('Authorization', auth).send({});
  if (res.status !== 200) throw new Error(`openProject: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string } & Record<string, any>;
}

/** A 楼道清理 order by a 南门 resident, through the needs API. */
export async function orderCleanup(t: TestApp, auth: string, where = '3 号楼 2 单元楼道') {
  const res = await t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', auth)
    .send({
      menuItemId: CLEANUP,
      description: `${where}堆满了旧家具`,
      placeId: NANMEN_BUILDING,
      answers: { place: where },
    });
  if (res.status !== 200) throw new Error(`createNeed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function orderLegal(t: TestApp, auth: string) {
  const res = await t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', auth)
    .send({
      menuItemId: LEGAL,
      description: '想咨询劳动合同',
      placeId: NANMEN_BUILDING,
      answers: { topic: 'labour', way: 'phone' },
    });
  if (res.status !== 200) throw new Error(`createNeed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function needAct(
  t: TestApp,
  auth: string,
  id: string,
  action: string,
  body: Record<string, unknown> = {},
) {
  const res = await t.http().post(`/api/v1/needs/${id}/${action}`).set('Authorization', auth).send(body);
  if (res.status !== 200) throw new Error(`${action}Need: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as {
    status: string;
    timeline: { action: string; note: string | null; actor: { id: string | null } }[];
  } & Record<string, any>;
}

/** An accepted 楼道清理 need of 南门. */
export async function acceptedNeed(t: TestApp, resident: string, staff: string) {
  const id = await orderCleanup(t, resident);
  await needAct(t, staff, id, 'accept');
  return id;
}
