import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { MenuOverrideModel } from '../../cloud/src/menu/menu-override.model';
import { MenuItemModel } from '../../cloud/src/menu/menu-item.model';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = async (account: string) => (tokens[account] ??= await t.signIn(account));
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

const NANMEN = String(seedId('org:community:nanmen'));
const XISHAN = String(seedId('org:community:xishan'));
const BEIJIE = String(seedId('org:community:beijie'));
const LEGAL = String(seedId('menu:legal-consult'));

const bath = {
  categoryCode: 'elderCare',
  name: '助浴服务',
  summary: '失能半失能老人上门助浴',
  description: '由专业护理员上门为失能、半失能老人提供助浴服务。',
  resourceKinds: ['volunteer', 'talent'],
  timeLimits: { acceptHours: 24, completeHours: 72 },
  fields: [
    { code: 'when', label: '希望时间', type: 'datetime', required: false, order: 2, help: '不填则电话约定' },
    {
      code: 'mobility',
      label: '行动情况',
      type: 'singleChoice',
      required: true,
      order: 1,
      options: [
        { key: 'bed', label: '卧床' },
        { key: 'walk', label: '可走动' },
      ],
    },
  ],
};

async function menuNames(account: string, query = '') {
  const res = await t
    .http()
    .get(`/api/v1/menu${query}`)
    .set('Authorization', await as(account));
  expect(res.status).toBe(200);
  return (res.body.categories as { items: { id: string; name: string }[] }[]).flatMap((c) =>
    c.items.map((i) => i.name),
  );
}

test("staff add an item to their community's menu: residents there see it, other communities do not", async () => {
  const res = await t
    .http()
    .post('/api/v1/menu/items')
    .set('Authorization', await as('staff'))
    .send(bath);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    name: '助浴服务',
    communityId: NANMEN,
    communityName: '南门社区',
    active: true,
    hidden: false,
    editable: true,
    timeLimits: { acceptHours: 24, completeHours: 72 },
  });
  expect(res.body.fields.map((f: { code: string }) => f.code)).toEqual(['mobility', 'when']);

  expect(await menuNames('resident')).toContain('助浴服务');
  expect(await menuNames('staff2')).not.toContain('助浴服务');
  expect(await menuNames('countyAdmin', `?communityId=${XISHAN}`)).not.toContain('助浴服务');
  expect(await menuNames('countyAdmin')).not.toContain('助浴服务'); // not a county default

  const detail = await t
    .http()
    .get(`/api/v1/menu/items/${res.body.id}`)
    .set('Authorization', await as('resident'));
  expect(detail.status).toBe(200);
  expect(detail.body.fields[0]).toEqual(bath.fields[1]);
});

test('an item is updated in place, and the fields list is replaced as a whole', async () => {
  const created = await t
    .http()
    .post('/api/v1/menu/items')
    .set('Authorization', await as('staff'))
    .send({ ...bath, name: '理发上门' });
  const id = created.body.id;
  const res = await t
    .http()
    .patch(`/api/v1/menu/items/${id}`)
    .set('Authorization', await as('staff'))
    .send({ summary: '老人理发，每月一次', timeLimits: { acceptHours: 12, completeHours: 48 }, fields: [] });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    name: '理发上门',
    summary: '老人理发，每月一次',
    timeLimits: { acceptHours: 12, completeHours: 48 },
    fields: [],
  });
  const detail = await t
    .http()
    .get(`/api/v1/menu/items/${id}`)
    .set('Authorization', await as('resident'));
  expect(detail.body).toMatchObject({ summary: '老人理发，每月一次', fields: [] });
});

test('a deactivated item leaves the menu but stays in the admin list with includeInactive, and can come back', async () => {
  const created = await t
    .http()
    .post('/api/v1/menu/items')
    .set('Authorization', await as('staff'))
    .send({ ...bath, name: '代缴水电费' });
  const id = created.body.id;
  const off = await t
    .http()
    .post(`/api/v1/menu/items/${id}/deactivate`)
    .set('Authorization', await as('staff'));
  expect(off.status).toBe(200);
  expect(off.body.active).toBe(false);
  expect(await menuNames('resident')).not.toContain('代缴水电费');
  expect(
    (
      await t
        .http()
        .get(`/api/v1/menu/items/${id}`)
        .set('Authorization', await as('resident'))
    ).status,
  ).toBe(404);

  const again = await t
    .http()
    .post(`/api/v1/menu/items/${id}/deactivate`)
    .set('Authorization', await as('staff'));
  expect(again.status).toBe(409);
  expect(again.body.code).toBe('CONFLICT');

  const admin = await t
    .http()
    .get('/api/v1/menu/items?pageSize=100')
    .set('Authorization', await as('staff'));
  expect(admin.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  const all = await t
    .http()
    .get('/api/v1/menu/items?includeInactive=true&pageSize=100')
    .set('Authorization', await as('staff'));
  expect(all.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ active: false, editable: true });

  const on = await t
    .http()
    .post(`/api/v1/menu/items/${id}/activate`)
    .set('Authorization', await as('staff'));
  expect(on.status).toBe(200);
  expect(await menuNames('resident')).toContain('代缴水电费');
});

test('a community hides a county default for itself only; hiding twice leaves one record; showing it again restores it', async () => {
  const hide = await t
    .http()
    .post(`/api/v1/menu/items/${LEGAL}/hide`)
    .set('Authorization', await as('staff'))
    .send({});
  expect(hide.status).toBe(200);
  expect(hide.body).toEqual({ menuItemId: LEGAL, communityId: NANMEN, hidden: true });
  const twice = await t
    .http()
    .post(`/api/v1/menu/items/${LEGAL}/hide`)
    .set('Authorization', await as('staff'))
    .send({ communityId: NANMEN });
  expect(twice.status).toBe(200);
  expect(await t.db.model(MenuOverrideModel).countDocuments({ menuItemId: seedId('menu:legal-consult') })).toBe(1);

  expect(await menuNames('resident')).not.toContain('法律咨询');
  expect(
    (
      await t
        .http()
        .get(`/api/v1/menu/items/${LEGAL}`)
        .set('Authorization', await as('resident'))
    ).status,
  ).toBe(404);
  expect(await menuNames('staff2')).toContain('法律咨询');
  expect(await menuNames('countyAdmin', `?communityId=${BEIJIE}`)).toContain('法律咨询');

  const admin = await t
    .http()
    .get('/api/v1/menu/items?categoryCode=legalAid')
    .set('Authorization', await as('staff'));
  expect(admin.body.items.find((i: { id: string }) => i.id === LEGAL)).toMatchObject({
    hidden: true,
    editable: false,
    communityId: null,
  });

  const show = await t
    .http()
    .delete(`/api/v1/menu/items/${LEGAL}/hide`)
    .set('Authorization', await as('staff'));
  expect(show.status).toBe(200);
  expect(show.body.hidden).toBe(false);
  expect(await menuNames('resident')).toContain('法律咨询');
});

test('simultaneous hides of one default by one community leave exactly one override', async () => {
  const id = String(seedId('menu:culture-show'));
  const token = await as('staff');
  const all = await Promise.all(
    Array.from({ length: 10 }, () =>
      t.http().post(`/api/v1/menu/items/${id}/hide`).set('Authorization', token).send({}),
    ),
  );
  expect(all.map((r) => r.status)).toEqual(Array(10).fill(200));
  expect(await t.db.model(MenuOverrideModel).countDocuments({ menuItemId: seedId('menu:culture-show') })).toBe(1);
});

test("only county defaults can be hidden: a community's own item is deactivated instead", async () => {
  const own = String(seedId('menu:elder-meal'));
  const res = await t
    .http()
    .post(`/api/v1/menu/items/${own}/hide`)
    .set('Authorization', await as('staff'))
    .send({});
  expect(res.status).toBe(409);
  expect(res.body.code).toBe('CONFLICT');
});

test('a county admin adds a county default that every community sees; a street admin adds to a community of their street', async () => {
  const def = await t
    .http()
    .post('/api/v1/menu/items')
    .set('Authorization', await as('countyAdmin'))
    .send({ ...bath, name: '防诈骗宣传', categoryCode: 'legalAid', communityId: null, fields: [] });
  expect(def.status).toBe(200);
  expect(def.body.communityId).toBeNull();
  expect(await menuNames('resident')).toContain('防诈骗宣传');
  expect(await menuNames('staff2')).toContain('防诈骗宣传');

  const street = await t
    .http()
    .post('/api/v1/menu/items')
    .set('Authorization', await as('streetAdmin'))
    .send({ ...bath, name: '北街助浴', communityId: BEIJIE });
  expect(street.status).toBe(200);
  expect(street.body).toMatchObject({ communityId: BEIJIE, communityName: '北街社区' });
  expect(await menuNames('countyAdmin', `?communityId=${BEIJIE}`)).toContain('北街助浴');
  expect(await menuNames('resident')).not.toContain('北街助浴');
});

test('the admin list pages, and scopes to the named community', async () => {
  const first = await t
    .http()
    .get(`/api/v1/menu/items?communityId=${NANMEN}&pageSize=3`)
    .set('Authorization', await as('countyAdmin'));
  expect(first.status).toBe(200);
  expect(first.body.items).toHaveLength(3);
  expect(first.body.total).toBeGreaterThan(3);
  const ids = new Set<string>();
  for (let page = 1; page <= Math.ceil(first.body.total / 3); page++) {
    const res = await t
      .http()
      .get(`/api/v1/menu/items?communityId=${NANMEN}&pageSize=3&page=${page}`)
      .set('Authorization', await as('countyAdmin'));
    for (const i of res.body.items as { id: string; communityId: string | null }[]) {
      ids.add(i.id);
      expect([null, NANMEN]).toContain(i.communityId);
    }
  }
  expect(ids.size).toBe(first.body.total);
  expect(ids.has(String(seedId('menu:repair-circuit')))).toBe(false); // 西山's own
});

test('a retried create with the same Idempotency-Key makes one item', async () => {
  const send = () =>
    t
      .http()
      .post('/api/v1/menu/items')
      .set('Authorization', tokens.staff)
      .set('Idempotency-Key', 'menu-create-0001')
      .send({ ...bath, name: '重试项目' });
  const a = await send();
  const b = await send();
  expect(a.status).toBe(200);
  expect(b.body.id).toBe(a.body.id);
  expect(await t.db.model(MenuItemModel).countDocuments({ name: '重试项目' })).toBe(1);
});
