import type { TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// Shared by the org_* test files: demo ids of the tree and small request helpers.

export const id = (key: string) => String(seedId(key));
export const COUNTY = id('org:county');
export const CHENGGUAN = id('org:street:chengguan'); // 城关街道: 南门, 北街, 土桥; streetAdmin 周洋
export const XINCHENG = id('org:street:xincheng'); // 新城街道: 西山, 新苑, 起春
export const NANMEN = id('org:community:nanmen');
export const BEIJIE = id('org:community:beijie');
export const TUQIAO = id('org:community:tuqiao');
export const XISHAN = id('org:community:xishan');
export const GRID1 = id('org:grid:nanmen:0'); // 南门第一网格: 南门小区 (3 buildings)
export const GRID2 = id('org:grid:nanmen:1'); // 南门第二网格: 粮站家属院 (2)
export const BEIJIE_GRID1 = id('org:grid:beijie:0'); // 北街第一网格: 北街老街坊 (2)
export const XISHAN_GRID1 = id('org:grid:xishan:0');
export const NANMEN_COMPLEX = id('org:complex:nanmen:南门小区');
export const NANMEN_B1 = id('org:building:nanmen:南门小区:1');
export const LIANGZHAN = id('org:complex:nanmen:粮站家属院');
export const LAOJIEFANG = id('org:complex:beijie:北街老街坊');
export const DEPARTMENT = id('org:department:县住房和城乡建设局');
export const HOSPITAL = id('unit:县人民医院');
export const user = (account: string) => id(`user:${account}`);

type Body = Record<string, unknown>;

export const api = (t: TestApp, auth: string) => ({
  get: (path: string, query: Body = {}) =>
    t
      .http()
      .get(`/api/v1/org${path}`)
      .query(query as Record<string, string>)
      .set('Authorization', auth),
  post: (path: string, body: Body = {}) => t.http().post(`/api/v1/org${path}`).set('Authorization', auth).send(body),
  patch: (path: string, body: Body) => t.http().patch(`/api/v1/org${path}`).set('Authorization', auth).send(body),
});

/** Creates a node and returns it (fails the test on anything but 200). */
export async function create(t: TestApp, auth: string, body: Body) {
  const res = await api(t, auth).post('/nodes', body);
  if (res.status !== 200) throw new Error(`createOrgNode: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; kind: string; parentId: string };
}

export async function events(t: TestApp, auth: string, nodeId: string) {
  const res = await api(t, auth).get('/events', { nodeId });
  if (res.status !== 200) throw new Error(`listOrgEvents: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items as {
    action: string;
    text: string;
    before: Body | null;
    after: Body | null;
    reason: string | null;
  }[];
}
