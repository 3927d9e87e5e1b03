import type { Model } from 'mongoose';
import { api } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { MenuItemModel } from '../../cloud/src/menu/menu-item.model';
import { NoticeModel } from '../../cloud/src/notices/notice.model';
import { ShopItemModel } from '../../cloud/src/points/shop.model';
import { ResourceModel } from '../../cloud/src/resources/resource.model';
import { StationModel } from '../../cloud/src/teams/station.model';
import { NANMEN, NANMEN_COMPLEX } from './activities_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// The single-record creates (each inserts one record whose id is the answer): a retry with the same
// Idempotency-Key after the first attempt died before answering (simulated: see
// idempotency_support.ts) returns the stored record and stores no second one.

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await startApp(__filename);
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

const CASES: {
  endpoint: { id: string; path: string; example?: unknown };
  model: unknown;
  body: Record<string, unknown>;
  name: string;
}[] = [
  { endpoint: api.notices.postNotice, model: NoticeModel, name: 'title', body: { title: '崩溃测试·停水通知' } },
  { endpoint: api.menu.createMenuItem, model: MenuItemModel, name: 'name', body: { name: '崩溃测试·助浴' } },
  {
    endpoint: api.teams.createStation,
    model: StationModel,
    name: 'name',
    body: { name: '崩溃测试·实践站', placeId: NANMEN },
  },
  {
    endpoint: api.resources.createResource,
    model: ResourceModel,
    name: 'name',
    body: { name: '崩溃测试·活动室', placeId: NANMEN_COMPLEX },
  },
  { endpoint: api.points.createShopItem, model: ShopItemModel, name: 'name', body: { name: '崩溃测试·购物袋' } },
];

test.each(CASES)('$endpoint.id: the retry after a crash returns the stored record, stored once', async (c) => {
  const body = { ...(c.endpoint.example as object), ...c.body };
  const key = `crash-${c.endpoint.id}`;
  const post = () => t.http().post(c.endpoint.path).set('Authorization', staff).set('Idempotency-Key', key).send(body);
  const first = await post();
  expect(first.status).toBe(200);
  await dieBeforeAnswer(t, c.endpoint.id, key);
  await leaseRunsOut(t);

  const retry = await post();
  expect(retry.status).toBe(200);
  expect(retry.headers['idempotent-replayed']).toBeUndefined();
  expect(retry.body.id).toBe(first.body.id);
  const model = t.db.model(c.model as Parameters<TestApp['db']['model']>[0]) as Model<unknown>;
  expect(await model.countDocuments({ [c.name]: c.body[c.name] })).toBe(1);
});
