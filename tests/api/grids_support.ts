import type { TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { seedId } from '../../cloud/src/core/stable-id';

// Shared by the grids_* and patrols_* test files: demo ids and small request helpers.

export const id = (key: string) => String(seedId(key));
export const NANMEN = id('org:community:nanmen');
export const XISHAN = id('org:community:xishan');
export const GRID1 = id('org:grid:nanmen:0'); // 南门第一网格: 南门小区 (3 buildings); gridWorker 赵敏 works here
export const GRID2 = id('org:grid:nanmen:1'); // 南门第二网格: 粮站家属院 (2)
export const GRID3 = id('org:grid:nanmen:2'); // 南门第三网格: 锦绣华庭 (4)
export const XISHAN_GRID1 = id('org:grid:xishan:0');
export const NANMEN_COMPLEX = id('org:complex:nanmen:南门小区');
export const NANMEN_B1 = id('org:building:nanmen:南门小区:1');
export const NANMEN_B2 = id('org:building:nanmen:南门小区:2');
export const LIANGZHAN = id('org:complex:nanmen:粮站家属院');
export const JINXIU = id('org:complex:nanmen:锦绣华庭');
export const XISHAN_B1 = id('org:building:xishan:西山营小区:1');
export const user = (account: string) => id(`user:${account}`);

export const HOUR = 3_600_000;

/** Sets the app's "now" to a given instant (the Clock keeps an offset from the real time). */
export async function setNow(t: TestApp, at: string | Date): Promise<void> {
  const clock = await t.app.getApplicationContext().getAsync(Clock);
  clock.setOffset(new Date(at).getTime() - Date.now());
}

export async function now(t: TestApp): Promise<Date> {
  return (await t.app.getApplicationContext().getAsync(Clock)).now();
}

/** A patrol of 南门第一网格 by the demo grid worker, ending an hour before the app's now. */
export async function patrolBody(t: TestApp, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const end = (await now(t)).getTime() - HOUR;
  return {
    gridId: GRID1,
    startedAt: new Date(end - HOUR).toISOString(),
    endedAt: new Date(end).toISOString(),
    placeIds: [NANMEN_COMPLEX, NANMEN_B1],
    findings: [],
    ...extra,
  };
}

export async function logPatrol(t: TestApp, auth: string, body: Record<string, unknown>) {
  const res = await t.http().post('/api/v1/patrols').set('Authorization', auth).send(body);
  if (res.status !== 200) throw new Error(`logPatrol: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; findings: { id: string }[] } & Record<string, any>;
}

export function setMember(t: TestApp, auth: string, gridId: string, body: Record<string, unknown>) {
  return t.http().post(`/api/v1/grids/${gridId}/members`).set('Authorization', auth).send(body);
}
