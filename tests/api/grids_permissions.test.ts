import { startApp, type TestApp } from '../support/app';
import {
  GRID1,
  GRID2,
  LIANGZHAN,
  NANMEN,
  NANMEN_B1,
  XISHAN,
  XISHAN_GRID1,
  logPatrol,
  patrolBody,
  setMember,
  user,
} from './grids_support';
import { DEMO_ACCOUNTS_BUT_SERVICE } from '../support/accounts';

// Every grids and patrols endpoint × every demo role × own/other grid, community or street. The
// objects are 南门第一网格 (gridWorker's grid, staff's community, streetAdmin's street) unless said.
let t: TestApp;
const auth: Record<string, string> = {};
const ACCOUNTS = DEMO_ACCOUNTS_BUT_SERVICE;

type Expect = Record<string, number>;
const NON_VIEWERS: Expect = {
  resident: 403,
  resident2: 403,
  volunteer: 403,
  partyMember: 403,
  department: 403,
  unitAdmin: 403,
};
/** Reading grid 1 (or what happened in it). */
const VIEW_OWN: Expect = {
  ...NON_VIEWERS,
  gridWorker: 200,
  staff: 200,
  staff2: 404,
  streetAdmin: 200,
  countyAdmin: 200,
};
/** Editing grid 1's team: its community's staff and the county. */
const EDIT_TEAM: Expect = {
  ...NON_VIEWERS,
  gridWorker: 403,
  staff: 200,
  staff2: 404,
  streetAdmin: 403,
  countyAdmin: 200,
};
/** Handling a finding of grid 1: its grid worker and its community's staff. */
const HANDLE: Expect = { ...NON_VIEWERS, gridWorker: 200, staff: 200, staff2: 404, streetAdmin: 403, countyAdmin: 403 };

let seq = 0;
let patrolOfGrid2: { id: string; findings: { id: string }[] };

beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ACCOUNTS) auth[a] = await t.signIn(a);
  // Staff patrol 南门第二网格 from its chief seat: a patrol and a finding in another grid of the community.
  await setMember(t, auth.staff, GRID2, { position: 'chief', userId: user('staff'), duties: ['patroller'] });
  patrolOfGrid2 = await logPatrol(
    t,
    auth.staff,
    await patrolBody(t, {
      gridId: GRID2,
      placeIds: [LIANGZHAN],
      findings: [{ category: 'other', description: '二网格的发现' }],
    }),
  );
});
afterAll(() => t.close());

async function statuses(run: (who: string) => Promise<{ status: number }>, accounts = ACCOUNTS): Promise<Expect> {
  const got: Expect = {};
  for (const who of accounts) got[who] = (await run(who)).status;
  return got;
}
const get = (who: string, path: string) => t.http().get(path).set('Authorization', auth[who]);
const post = (who: string, path: string, body: object) =>
  t.http().post(path).set('Authorization', auth[who]).send(body);

/** A fresh patrol of grid 1 by its grid worker, with one finding at 南门小区 1号楼. */
async function freshPatrol() {
  return logPatrol(
    t,
    auth.gridWorker,
    await patrolBody(t, {
      findings: [{ category: 'facilities', description: `楼道灯不亮 #${++seq}`, placeId: NANMEN_B1 }],
    }),
  );
}
/** A fresh member of grid 1's team, added by staff. */
async function freshMember(): Promise<string> {
  const res = await setMember(t, auth.staff, GRID1, {
    position: 'security',
    name: `队员${++seq}`,
    phone: '13912349999',
    duties: ['patroller'],
  });
  return res.body.members.find((m: any) => m.name === `队员${seq}`).id;
}

test('GET /grids and /grids/coverage: staff-type roles, each seeing their own place', async () => {
  for (const path of ['/api/v1/grids', '/api/v1/grids/coverage']) {
    const seen: Record<string, number | string[]> = {};
    for (const who of ACCOUNTS) {
      const res = await get(who, path);
      seen[who] = res.status === 200 ? res.body.items.map((g: any) => g.id ?? g.grid.id).sort() : res.status;
    }
    expect(seen.gridWorker).toEqual([GRID1]);
    expect(seen.staff).toHaveLength(3);
    expect(seen.staff).not.toContain(XISHAN_GRID1);
    expect(seen.staff2).toHaveLength(2);
    expect(seen.staff2).toContain(XISHAN_GRID1);
    expect(seen.streetAdmin).toHaveLength(7);
    expect(seen.countyAdmin).toHaveLength(12);
    for (const who of Object.keys(NON_VIEWERS)) expect({ who, got: seen[who] }).toEqual({ who, got: 403 });
  }
  const nanmen = await statuses((who) => get(who, `/api/v1/grids?communityId=${NANMEN}`));
  expect(nanmen).toEqual(VIEW_OWN);
  const xishan = await statuses((who) => get(who, `/api/v1/grids?communityId=${XISHAN}`));
  expect(xishan).toEqual({
    ...NON_VIEWERS,
    gridWorker: 404,
    staff: 404,
    staff2: 200,
    streetAdmin: 404,
    countyAdmin: 200,
  });
});

test('GET /grids/mine: people who live in a community only', async () => {
  expect(await statuses((who) => get(who, '/api/v1/grids/mine'))).toEqual({
    resident: 200,
    resident2: 200,
    volunteer: 200,
    partyMember: 200,
    gridWorker: 403,
    staff: 403,
    staff2: 403,
    streetAdmin: 403,
    department: 403,
    unitAdmin: 403,
    countyAdmin: 403,
  });
});

test('GET /grids/:id/team: own grid, another grid of the community, another street', async () => {
  expect(await statuses((who) => get(who, `/api/v1/grids/${GRID1}/team`))).toEqual(VIEW_OWN);
  expect(await statuses((who) => get(who, `/api/v1/grids/${GRID2}/team`))).toEqual({ ...VIEW_OWN, gridWorker: 404 });
  expect(await statuses((who) => get(who, `/api/v1/grids/${XISHAN_GRID1}/team`))).toEqual({
    ...NON_VIEWERS,
    gridWorker: 404,
    staff: 404,
    staff2: 200,
    streetAdmin: 404,
    countyAdmin: 200,
  });
  // Not a grid at all.
  expect((await get('countyAdmin', `/api/v1/grids/${NANMEN}/team`)).status).toBe(404);
});

test('team edits: POST /grids/:id/members, PATCH and DELETE /grid-members/:id', async () => {
  expect(
    await statuses((who) =>
      setMember(t, auth[who], GRID1, {
        position: 'property',
        name: `物业${++seq}`,
        phone: '13912348888',
        duties: ['onSiteHandler'],
      }),
    ),
  ).toEqual(EDIT_TEAM);
  const member = await freshMember();
  expect(
    await statuses((who) =>
      t
        .http()
        .patch(`/api/v1/grid-members/${member}`)
        .set('Authorization', auth[who])
        .send({ duties: ['mediator'] }),
    ),
  ).toEqual(EDIT_TEAM);
  const removed: Expect = {};
  for (const who of ACCOUNTS) {
    const id = await freshMember();
    removed[who] = (await t.http().delete(`/api/v1/grid-members/${id}`).set('Authorization', auth[who])).status;
  }
  expect(removed).toEqual(EDIT_TEAM);
});

test('POST /patrols: the grid worker of the grid; staff only from a team seat; another grid is a 404', async () => {
  expect(await statuses(async (who) => post(who, '/api/v1/patrols', await patrolBody(t)))).toEqual({
    ...NON_VIEWERS,
    gridWorker: 200,
    staff: 403, // sees 南门第一网格 but sits on no seat of its team
    staff2: 404,
    streetAdmin: 403,
    countyAdmin: 403,
  });
  const grid2 = await patrolBody(t, { gridId: GRID2, placeIds: [LIANGZHAN] });
  expect((await post('gridWorker', '/api/v1/patrols', grid2)).status).toBe(404);
  expect((await post('staff', '/api/v1/patrols', grid2)).status).toBe(200);
});

test('GET /patrols, /patrols/:id, /patrol-findings, /patrol-findings/:id: within one’s place only', async () => {
  const patrol = await freshPatrol();
  const finding = patrol.findings[0].id;
  expect(await statuses((who) => get(who, `/api/v1/patrols/${patrol.id}`))).toEqual(VIEW_OWN);
  expect(await statuses((who) => get(who, `/api/v1/patrol-findings/${finding}`))).toEqual(VIEW_OWN);
  expect(await statuses((who) => get(who, `/api/v1/patrols/${patrolOfGrid2.id}`))).toEqual({
    ...VIEW_OWN,
    gridWorker: 404,
  });
  expect(await statuses((who) => get(who, `/api/v1/patrol-findings/${patrolOfGrid2.findings[0].id}`))).toEqual({
    ...VIEW_OWN,
    gridWorker: 404,
  });

  for (const [path, mine, other] of [
    ['/api/v1/patrols?pageSize=100', patrol.id, patrolOfGrid2.id],
    ['/api/v1/patrol-findings?pageSize=100', finding, patrolOfGrid2.findings[0].id],
  ]) {
    const seen: Record<string, number | [boolean, boolean]> = {};
    for (const who of ACCOUNTS) {
      const res = await get(who, path);
      const ids = res.status === 200 ? res.body.items.map((x: any) => x.id) : [];
      seen[who] = res.status === 200 ? [ids.includes(mine), ids.includes(other)] : res.status;
    }
    expect(seen).toEqual({
      ...NON_VIEWERS,
      gridWorker: [true, false],
      staff: [true, true],
      staff2: [false, false],
      streetAdmin: [true, true],
      countyAdmin: [true, true],
    });
  }
});

test('POST /patrols/:id/findings: the patroller only', async () => {
  const patrol = await freshPatrol();
  expect(
    await statuses((who) =>
      post(who, `/api/v1/patrols/${patrol.id}/findings`, { category: 'other', description: '补记' }),
    ),
  ).toEqual({ ...NON_VIEWERS, gridWorker: 200, staff: 403, staff2: 404, streetAdmin: 403, countyAdmin: 403 });
  expect(
    (
      await post('gridWorker', `/api/v1/patrols/${patrolOfGrid2.id}/findings`, {
        category: 'other',
        description: '补记',
      })
    ).status,
  ).toBe(404);
});

test('finding actions (to-need, to-whistle, close): the grid’s worker and the community’s staff', async () => {
  const bodies: Record<string, object> = {
    'to-need': {},
    'to-whistle': { type: 'communityToStreet' },
    close: { note: '已现场处置' },
  };
  for (const [action, body] of Object.entries(bodies)) {
    const got: Expect = {};
    let finding = (await freshPatrol()).findings[0].id;
    for (const who of ACCOUNTS) {
      got[who] = (await post(who, `/api/v1/patrol-findings/${finding}/${action}`, body)).status;
      if (got[who] === 200) finding = (await freshPatrol()).findings[0].id; // it moved on: a fresh one for the next role
    }
    expect({ action, got }).toEqual({ action, got: HANDLE });
    const other = await post('gridWorker', `/api/v1/patrol-findings/${patrolOfGrid2.findings[0].id}/${action}`, body);
    expect({ action, other: other.status }).toEqual({ action, other: 404 });
  }
});
