import { startApp, type TestApp } from '../support/app';
import { GRID1, GRID2, GRID3, id, setMember, user } from './grids_support';

// The "1+1+3+X" team of a grid: members with and without accounts, the five duties, one chief and
// one worker per grid even when several people set them at once.
let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await startApp(__filename);
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

const team = async (gridId: string, auth = staff) =>
  (await t.http().get(`/api/v1/grids/${gridId}/team`).set('Authorization', auth)).body;

test('staff build a full 1+1+3+X team; phones are masked and members come in position order', async () => {
  const add = async (body: Record<string, unknown>) => {
    const res = await setMember(t, staff, GRID1, body);
    expect(res.status).toBe(200);
    return res.body;
  };
  await add({
    position: 'unitPartyMember',
    name: '吴海燕',
    phone: '13912340023',
    unitId: id('unit:县人民医院'),
    duties: ['policyPromoter'],
  });
  await add({ position: 'cadre', userId: user('partyMember'), duties: ['policyPromoter', 'mediator'] });
  await add({ position: 'security', name: '孙建华', phone: '13912340022', duties: ['patroller'] });
  await add({ position: 'property', name: '钱德明', phone: '13912340021', duties: ['onSiteHandler'] });
  await add({ position: 'worker', userId: user('gridWorker'), duties: ['infoCollector', 'patroller'] });
  const result = await add({ position: 'chief', userId: user('staff'), duties: ['mediator'] });

  expect(result.grid).toEqual({ id: GRID1, name: '南门第一网格' });
  expect(result.community.name).toBe('南门社区');
  expect(result.members.map((m: any) => [m.position, m.name, m.phone])).toEqual([
    ['chief', '陈静', '138****0006'],
    ['worker', '赵敏', '138****0005'],
    ['property', '钱德明', '139****0021'],
    ['security', '孙建华', '139****0022'],
    ['cadre', '刘建国', '138****0004'],
    ['unitPartyMember', '吴海燕', '139****0023'],
  ]);
  const x = result.members.find((m: any) => m.position === 'unitPartyMember');
  expect(x).toMatchObject({
    userId: null,
    unit: { id: id('unit:县人民医院'), name: '县人民医院' },
    duties: ['policyPromoter'],
  });
  expect(result.members[1]).toMatchObject({ userId: user('gridWorker'), duties: ['infoCollector', 'patroller'] });
  expect(JSON.stringify(result)).not.toContain('13812340005');

  // The grid list sums the team up.
  const list = await t.http().get('/api/v1/grids').set('Authorization', staff);
  const grid = list.body.items.find((g: any) => g.id === GRID1);
  expect(grid.team).toEqual({
    chief: '陈静',
    worker: '赵敏',
    three: { property: true, security: true, cadre: true },
    unitPartyMembers: 1,
    size: 6,
  });
  expect(grid.complexes).toEqual([
    { id: id('org:complex:nanmen:南门小区'), name: '南门小区', old: true, hasProperty: false, buildings: 3 },
  ]);
  expect(list.body.items.map((g: any) => g.name)).toEqual(['南门第一网格', '南门第二网格', '南门第三网格']);
});

test('a second chief or worker is refused until the first is removed; an account sits once per grid', async () => {
  const first = await setMember(t, staff, GRID2, {
    position: 'chief',
    name: '甲',
    phone: '13912340031',
    duties: ['mediator'],
  });
  expect(first.status).toBe(200);
  const second = await setMember(t, staff, GRID2, {
    position: 'chief',
    name: '乙',
    phone: '13912340032',
    duties: ['mediator'],
  });
  expect(second.status).toBe(409);
  expect(second.body).toMatchObject({ code: 'SLOT_TAKEN', message: '本网格已有网格长，请先移除再指定' });

  const once = await setMember(t, staff, GRID2, {
    position: 'security',
    userId: user('volunteer'),
    duties: ['patroller'],
  });
  expect(once.status).toBe(200);
  const twice = await setMember(t, staff, GRID2, {
    position: 'cadre',
    userId: user('volunteer'),
    duties: ['mediator'],
  });
  expect(twice.status).toBe(409);
  expect(twice.body.code).toBe('CONFLICT');
  // The same account may sit on another grid's team.
  expect(
    (await setMember(t, staff, GRID3, { position: 'security', userId: user('volunteer'), duties: ['patroller'] }))
      .status,
  ).toBe(200);

  const chief = first.body.members.find((m: any) => m.position === 'chief');
  const removed = await t.http().delete(`/api/v1/grid-members/${chief.id}`).set('Authorization', staff);
  expect(removed.status).toBe(200);
  expect(removed.body.members.some((m: any) => m.position === 'chief')).toBe(false);
  const again = await setMember(t, staff, GRID2, {
    position: 'chief',
    name: '乙',
    phone: '13912340032',
    duties: ['mediator'],
  });
  expect(again.status).toBe(200);
  expect(again.body.members.find((m: any) => m.position === 'chief').name).toBe('乙');
  expect((await t.http().delete(`/api/v1/grid-members/${chief.id}`).set('Authorization', staff)).status).toBe(404);
});

test('six people set as chief of one grid at once: exactly one is', async () => {
  const results = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      setMember(t, staff, GRID3, {
        position: 'chief',
        name: `候选${i}`,
        phone: `1391234004${i}`,
        duties: ['mediator'],
      }),
    ),
  );
  const statuses = results.map((r) => r.status).sort();
  expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
  expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'SLOT_TAKEN')).toBe(true);
  const chiefs = (await team(GRID3)).members.filter((m: any) => m.position === 'chief');
  expect(chiefs).toHaveLength(1);
});

test('one account added to one grid twice at once, in two positions: it sits once', async () => {
  const results = await Promise.all([
    setMember(t, staff, GRID3, { position: 'cadre', userId: user('partyMember'), duties: ['mediator'] }),
    setMember(t, staff, GRID3, { position: 'property', userId: user('partyMember'), duties: ['onSiteHandler'] }),
    setMember(t, staff, GRID3, {
      position: 'unitPartyMember',
      userId: user('partyMember'),
      unitId: id('unit:县第一中学'),
      duties: ['infoCollector'],
    }),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  const seats = (await team(GRID3)).members.filter((m: any) => m.userId === user('partyMember'));
  expect(seats).toHaveLength(1);
});

test('duties: one or more of the five, no repeats; they can be changed later', async () => {
  const bad = async (duties: unknown) =>
    (await setMember(t, staff, GRID2, { position: 'property', name: '丙', phone: '13912340051', duties })).body;
  expect((await bad([])).fields).toEqual([{ path: 'body.duties', message: '请至少选择一项职责' }]);
  expect((await bad(['patroller', 'patroller'])).fields[0].message).toBe('职责不能重复');
  expect((await bad(['cook'])).fields[0]).toMatchObject({ path: 'body.duties.0', message: '职责不正确' });

  const added = await setMember(t, staff, GRID2, {
    position: 'property',
    name: '丙',
    phone: '13912340051',
    duties: ['infoCollector'],
  });
  const member = added.body.members.find((m: any) => m.name === '丙');
  const changed = await t
    .http()
    .patch(`/api/v1/grid-members/${member.id}`)
    .set('Authorization', staff)
    .send({ duties: ['infoCollector', 'policyPromoter', 'patroller', 'onSiteHandler', 'mediator'] });
  expect(changed.status).toBe(200);
  expect(changed.body.members.find((m: any) => m.id === member.id).duties).toHaveLength(5);
});

test('who may take a seat: the worker is a grid worker of this grid, the chief also community staff; X needs a unit of the street', async () => {
  const field = async (body: Record<string, unknown>, gridId = GRID2) => {
    const res = await setMember(t, staff, gridId, body);
    expect(res.status).toBe(400);
    return res.body.fields;
  };
  // 赵敏 works 南门第一网格, not the second.
  expect(await field({ position: 'worker', userId: user('gridWorker'), duties: ['patroller'] })).toEqual([
    { path: 'body.userId', message: '网格员须是本网格的网格员账号' },
  ]);
  expect(await field({ position: 'chief', userId: user('staff2'), duties: ['patroller'] })).toEqual([
    { path: 'body.userId', message: '网格长须是本网格的网格员或本社区的工作人员' },
  ]);
  expect(
    await field({
      position: 'unitPartyMember',
      userId: user('resident'),
      unitId: id('unit:县人民医院'),
      duties: ['patroller'],
    }),
  ).toEqual([{ path: 'body.userId', message: '驻区单位党员须是已登记的党员账号' }]);
  // 县实验小学 belongs to 新城街道's alliance.
  expect(
    await field({
      position: 'unitPartyMember',
      name: '丁',
      phone: '13912340061',
      unitId: id('unit:县实验小学'),
      duties: ['patroller'],
    }),
  ).toEqual([{ path: 'body.unitId', message: '该单位不是本街道党建联盟的驻区单位' }]);
  expect(
    (await field({ position: 'unitPartyMember', name: '丁', phone: '13912340061', duties: ['patroller'] }))[0].path,
  ).toBe('body.unitId');
  expect(
    (await field({ position: 'security', userId: user('volunteer'), name: '丁', duties: ['patroller'] }))[0].path,
  ).toBe('body.name');
  expect((await field({ position: 'security', duties: ['patroller'] })).map((f: any) => f.path)).toEqual([
    'body.name',
    'body.phone',
  ]);
  expect((await field({ position: 'security', userId: '0'.repeat(24), duties: ['patroller'] }))[0].message).toBe(
    '没有找到这个账号',
  );
  expect((await field({ position: 'boss', name: '丁', phone: '13912340061', duties: ['patroller'] }))[0].path).toBe(
    'body.position',
  );
  expect(
    (await field({ position: 'security', name: '丁', phone: '13912340061', duties: ['patroller'], extra: 1 }))[0].path,
  ).toBe('body');
});

test('the county admin edits any grid; a retry with the same Idempotency-Key adds one member', async () => {
  const county = await t.signIn('countyAdmin');
  const body = { position: 'security', name: '戊', phone: '13912340071', duties: ['patroller'] };
  const send = () =>
    t
      .http()
      .post(`/api/v1/grids/${id('org:grid:xishan:1')}/members`)
      .set('Authorization', county)
      .set('Idempotency-Key', 'grid-member-0001')
      .send(body);
  expect((await send()).status).toBe(200);
  const replay = await send();
  expect(replay.status).toBe(200);
  expect(replay.body.members.filter((m: any) => m.name === '戊')).toHaveLength(1);
});
