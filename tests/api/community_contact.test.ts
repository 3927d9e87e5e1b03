import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { act, order } from './needs_support';
import { messagesOf } from './needs_service_person_support';
import { CHENGGUAN, NANMEN, NANMEN_COMPLEX, XISHAN, api, events } from './org_support';

// The community's phone and office hours: kept on the community, edited by county and street
// administrators, seeded for the demo, and told to residents whose order is late or refused.
let t: TestApp;
let county: string;
let street: string;
let staff: string;
let resident: string;
const RESIDENT = String(seedId('user:resident'));

beforeAll(async () => {
  t = await startApp(__filename);
  [county, street, staff, resident] = await Promise.all(
    ['countyAdmin', 'streetAdmin', 'staff', 'resident'].map((a) => t.signIn(a)),
  );
});
afterAll(() => t.close());

test('demo communities have a phone and office hours; other kinds carry none', async () => {
  const nanmen = await api(t, county).get(`/nodes/${NANMEN}`);
  expect(nanmen.body.node).toMatchObject({ phone: '028-84561201', officeHours: '工作日 8:30–17:30' });
  const complex = await api(t, county).get(`/nodes/${NANMEN_COMPLEX}`);
  expect(complex.body.node.phone).toBeUndefined();
  const list = await api(t, county).get('/children', { parentId: CHENGGUAN });
  expect(list.body.items.every((n: { phone?: string }) => typeof n.phone === 'string')).toBe(true);
});

test('a street administrator edits their community’s phone and hours; the change is recorded', async () => {
  const res = await api(t, street).patch(`/nodes/${NANMEN}`, { phone: '028-84569999', officeHours: '每天 9:00–18:00' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ phone: '028-84569999', officeHours: '每天 9:00–18:00' });
  const last = (await events(t, county, NANMEN)).at(-1)!;
  expect(last).toMatchObject({
    action: 'update',
    before: { phone: '028-84561201', officeHours: '工作日 8:30–17:30' },
    after: { phone: '028-84569999', officeHours: '每天 9:00–18:00' },
  });
  // Back as it was for the tests below.
  expect(
    (await api(t, county).patch(`/nodes/${NANMEN}`, { phone: '028-84561201', officeHours: '工作日 8:30–17:30' }))
      .status,
  ).toBe(200);
});

test('a wrong number, a phone on a complex, and another street’s community are refused', async () => {
  const bad = await api(t, county).patch(`/nodes/${NANMEN}`, { phone: '请打电话' });
  expect(bad.status).toBe(400);
  expect(bad.body.fields).toEqual([{ path: 'body.phone', message: '请填写正确的电话号码，如 028-84561201 或手机号' }]);
  const complex = await api(t, county).patch(`/nodes/${NANMEN_COMPLEX}`, { phone: '028-84561201' });
  expect(complex.status).toBe(400);
  expect(complex.body.fields).toEqual([{ path: 'body.phone', message: '只有社区可以填写联系电话和办公时间' }]);
  const other = await api(t, street).patch(`/nodes/${XISHAN}`, { phone: '028-84560000' });
  expect([403, 404]).toContain(other.status);
  expect((await api(t, county).get(`/nodes/${XISHAN}`)).body.node.phone).toBe('028-84562101');
  expect((await api(t, staff).patch(`/nodes/${NANMEN}`, { phone: '028-84560000' })).status).toBe(403);
});

test('the order page carries the community’s phone; a refusal tells the resident the number to call', async () => {
  const { id } = await order(t, resident);
  const detail = await t.http().get(`/api/v1/needs/${id}`).set('Authorization', resident);
  expect(detail.body.community).toEqual({ name: '南门社区', phone: '028-84561201', officeHours: '工作日 8:30–17:30' });

  expect((await act(t, staff, id, 'reject', { reason: '不属于社区服务范围' })).status).toBe(200);
  expect(await messagesOf(t, id, 'needRejected')).toEqual([
    [
      RESIDENT,
      'needRejected',
      '您的需求「法律咨询」社区没有受理：不属于社区服务范围。如有疑问，请拨打社区电话 028-84561201（工作日 8:30–17:30）',
    ],
  ]);
});
