import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { MenuItemModel } from '../../cloud/src/menu/menu-item.model';
import { MenuOverrideModel } from '../../cloud/src/menu/menu-override.model';

/**
 * Every menu-curation endpoint × role × own/other scope. Each row gets fresh items so that one
 * row's change (deactivating, hiding) cannot decide another row's outcome.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
const ROLES = ['resident', 'staff', 'staff2', 'streetAdmin', 'countyAdmin', 'unitAdmin'] as const;
type Who = (typeof ROLES)[number];
beforeAll(async () => {
  t = await startApp(__filename);
  for (const r of ROLES) tokens[r] = await t.signIn(r);
});
afterAll(() => t.close());

const NANMEN = String(seedId('org:community:nanmen'));
const XISHAN = String(seedId('org:community:xishan'));

const itemBody = {
  categoryCode: 'culture',
  name: '书法培训',
  summary: '退休教师教书法',
  description: '每周六上午在活动室教书法。',
  resourceKinds: ['teacher'],
  timeLimits: { acceptHours: 24, completeHours: 168 },
};

/** A fresh item owned by a community (or a county default when null). */
async function freshItem(communityId: string | null, active = true): Promise<string> {
  const doc = await t.db.model(MenuItemModel).create({
    ...itemBody,
    communityId: communityId ? new Types.ObjectId(communityId) : null,
    fields: [],
    order: 5000,
    active,
  });
  return String(doc._id);
}

type Case = { call: (who: Who) => Promise<number>; expected: Record<Who, number> };
const send = async (who: Who, method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object) => {
  const req = t.http()[method](path).set('Authorization', tokens[who]);
  return (await (body ? req.send(body) : req)).status;
};

const CASES: Record<string, Case> = {
  'listMenuAdmin of 南门': {
    call: (who) => send(who, 'get', `/api/v1/menu/items?communityId=${NANMEN}`),
    expected: { resident: 403, staff: 200, staff2: 404, streetAdmin: 200, countyAdmin: 200, unitAdmin: 403 },
  },
  'listMenuAdmin of 西山': {
    call: (who) => send(who, 'get', `/api/v1/menu/items?communityId=${XISHAN}`),
    expected: { resident: 403, staff: 404, staff2: 200, streetAdmin: 404, countyAdmin: 200, unitAdmin: 403 },
  },
  'listMenuAdmin of own scope': {
    call: (who) => send(who, 'get', '/api/v1/menu/items'),
    expected: { resident: 403, staff: 200, staff2: 200, streetAdmin: 200, countyAdmin: 200, unitAdmin: 403 },
  },
  'createMenuItem in 南门': {
    call: (who) => send(who, 'post', '/api/v1/menu/items', { ...itemBody, communityId: NANMEN }),
    expected: { resident: 403, staff: 200, staff2: 404, streetAdmin: 200, countyAdmin: 200, unitAdmin: 403 },
  },
  'createMenuItem as a county default': {
    call: (who) => send(who, 'post', '/api/v1/menu/items', { ...itemBody, communityId: null }),
    expected: { resident: 403, staff: 403, staff2: 403, streetAdmin: 403, countyAdmin: 200, unitAdmin: 403 },
  },
  "updateMenuItem of 南门's item": {
    call: async (who) => send(who, 'patch', `/api/v1/menu/items/${await freshItem(NANMEN)}`, { name: '书法班' }),
    expected: { resident: 403, staff: 200, staff2: 404, streetAdmin: 200, countyAdmin: 200, unitAdmin: 403 },
  },
  "updateMenuItem of 西山's item": {
    call: async (who) => send(who, 'patch', `/api/v1/menu/items/${await freshItem(XISHAN)}`, { name: '书法班' }),
    expected: { resident: 403, staff: 404, staff2: 200, streetAdmin: 404, countyAdmin: 200, unitAdmin: 403 },
  },
  'updateMenuItem of a county default': {
    call: async (who) => send(who, 'patch', `/api/v1/menu/items/${await freshItem(null)}`, { name: '书法班' }),
    expected: { resident: 403, staff: 403, staff2: 403, streetAdmin: 403, countyAdmin: 200, unitAdmin: 403 },
  },
  "deactivateMenuItem of 南门's item": {
    call: async (who) => send(who, 'post', `/api/v1/menu/items/${await freshItem(NANMEN)}/deactivate`),
    expected: { resident: 403, staff: 200, staff2: 404, streetAdmin: 200, countyAdmin: 200, unitAdmin: 403 },
  },
  'deactivateMenuItem of a county default': {
    call: async (who) => send(who, 'post', `/api/v1/menu/items/${await freshItem(null)}/deactivate`),
    expected: { resident: 403, staff: 403, staff2: 403, streetAdmin: 403, countyAdmin: 200, unitAdmin: 403 },
  },
  "activateMenuItem of 南门's item": {
    call: async (who) => send(who, 'post', `/api/v1/menu/items/${await freshItem(NANMEN, false)}/activate`),
    expected: { resident: 403, staff: 200, staff2: 404, streetAdmin: 200, countyAdmin: 200, unitAdmin: 403 },
  },
  'hideMenuItem of a default in 南门': {
    call: async (who) => send(who, 'post', `/api/v1/menu/items/${await freshItem(null)}/hide`, { communityId: NANMEN }),
    expected: { resident: 403, staff: 200, staff2: 404, streetAdmin: 200, countyAdmin: 200, unitAdmin: 403 },
  },
  'hideMenuItem of a default in own community': {
    call: async (who) => send(who, 'post', `/api/v1/menu/items/${await freshItem(null)}/hide`, {}),
    // county and street admins have no community of their own: they must name one
    expected: { resident: 403, staff: 200, staff2: 200, streetAdmin: 400, countyAdmin: 400, unitAdmin: 403 },
  },
  "hideMenuItem of 南门's own item": {
    call: async (who) =>
      send(who, 'post', `/api/v1/menu/items/${await freshItem(NANMEN)}/hide`, { communityId: NANMEN }),
    expected: { resident: 403, staff: 409, staff2: 404, streetAdmin: 409, countyAdmin: 409, unitAdmin: 403 },
  },
  'unhideMenuItem of a default in 南门': {
    call: async (who) => {
      const id = await freshItem(null);
      await t.db.model(MenuOverrideModel).create({
        communityId: new Types.ObjectId(NANMEN),
        menuItemId: new Types.ObjectId(id),
        hiddenBy: new Types.ObjectId(),
        at: new Date(),
      });
      return send(who, 'delete', `/api/v1/menu/items/${id}/hide?communityId=${NANMEN}`);
    },
    expected: { resident: 403, staff: 200, staff2: 404, streetAdmin: 200, countyAdmin: 200, unitAdmin: 403 },
  },
};

const rows = Object.entries(CASES).flatMap(([name, c]) => ROLES.map((who) => [name, who, c.expected[who]] as const));

test.each(rows)('%s as %s → %i', async (name, who, expected) => {
  expect(await CASES[name].call(who)).toBe(expected);
});

test("staff2 cannot touch 南门's item: 404, and the item is unchanged", async () => {
  const id = String(seedId('menu:elder-meal'));
  const before = await t.db.model(MenuItemModel).findById(id).lean();
  for (const [method, path, body] of [
    ['patch', `/api/v1/menu/items/${id}`, { name: '改名' }],
    ['post', `/api/v1/menu/items/${id}/deactivate`, undefined],
    ['post', `/api/v1/menu/items/${id}/activate`, undefined],
  ] as const) {
    const status = await send('staff2', method, path, body);
    expect({ method, path, status }).toEqual({ method, path, status: 404 });
  }
  expect(await t.db.model(MenuItemModel).findById(id).lean()).toEqual(before);
});

test('without a token every curation endpoint answers 401', async () => {
  const id = String(seedId('menu:elder-meal'));
  const res = await Promise.all([
    t.http().get('/api/v1/menu/items'),
    t.http().post('/api/v1/menu/items').send(itemBody),
    t.http().patch(`/api/v1/menu/items/${id}`).send({ name: 'x' }),
    t.http().post(`/api/v1/menu/items/${id}/deactivate`),
    t.http().post(`/api/v1/menu/items/${id}/activate`),
    t.http().post(`/api/v1/menu/items/${id}/hide`).send({}),
    t.http().delete(`/api/v1/menu/items/${id}/hide`),
  ]);
  expect(res.map((r) => r.status)).toEqual(Array(7).fill(401));
});
