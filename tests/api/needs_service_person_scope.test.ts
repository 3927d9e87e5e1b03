import { startApp, type TestApp } from '../support/app';
import { AuditModel } from '../../cloud/src/audit/audit-log';
import { GrantModel } from '../../cloud/src/grants/grant.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { act } from './needs_support';
import { addUser, seedDemoResources } from './resources_support';
import { LIU, LIU_RESOURCE, dispatchedToLiu, serving } from './needs_service_person_support';

// Who sees a need dispatched to 刘明: he does, with the resident's phone while it is in his hands
// (each read audit-logged); another service person of his unit or of another unit does not (404).
let t: TestApp;
let resident: string;
let resident2: string;
let staff: string;
let staff2: string;
let liu: string;
let colleague: string;
let doctor: string;

beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  [resident, resident2, staff, staff2, liu] = await Promise.all(
    ['resident', 'resident2', 'staff', 'staff2', 'servicePerson'].map((a) => t.signIn(a)),
  );
  colleague = await addUser(t, { account: 'lawyerHe', name: '何静', roles: ['servicePerson'], unit: '县司法局' });
  doctor = await addUser(t, { account: 'doctorWang', name: '王医生', roles: ['servicePerson'], unit: '县人民医院' });
});
afterAll(() => t.close());

const get = (id: string, who: string) => t.http().get(`/api/v1/needs/${id}`).set('Authorization', who);
const audits = (id: string) =>
  t.db
    .model(AuditModel)
    .find({ via: `need:${id}` })
    .lean();

test('the phone is in full for him only while he serves it, and every read is audited', async () => {
  const id = await dispatchedToLiu(t, resident, staff);
  const before = (await audits(id)).length;

  for (let i = 0; i < 2; i++) {
    const res = await get(id, liu);
    expect(res.body).toMatchObject({ contactPhone: '13812340001', phoneMasked: false });
  }
  const mine = (await audits(id)).filter((a) => String(a.actorId) === LIU);
  expect(mine).toHaveLength(2);
  expect(mine[0]).toMatchObject({
    actorRoles: ['servicePerson'],
    subjectId: seedId('user:resident'),
    what: ['phone'],
    via: `need:${id}`,
  });
  expect((await audits(id)).length).toBe(before + 2);

  // His list never shows it in full; nor does anyone else who is not handling it.
  expect((await serving(t, liu)).body.items[0].contactPhone).toBe('138****0001');

  // Once done, the number is no longer his to read.
  expect((await act(t, liu, id, 'complete', { note: '已解答' })).status).toBe(200);
  const after = await get(id, liu);
  expect(after.body).toMatchObject({ contactPhone: '138****0001', phoneMasked: true });
  expect((await audits(id)).filter((a) => String(a.actorId) === LIU)).toHaveLength(2);
});

test('another service person of his unit or of another unit, another resident, another community: 404', async () => {
  const id = await dispatchedToLiu(t, resident, staff);
  for (const who of [colleague, doctor, resident2, staff2]) {
    expect((await get(id, who)).status).toBe(404);
  }
  for (const who of [colleague, doctor]) {
    expect((await act(t, who, id, 'take')).status).toBe(404);
    expect((await act(t, who, id, 'decline', { reason: '试试' })).status).toBe(404);
    expect((await act(t, who, id, 'complete', { note: '试试' })).status).toBe(404);
    expect((await serving(t, who)).body).toMatchObject({ total: 0, openCount: 0, items: [] });
  }
  // A resident or staff cannot act as the service person.
  expect((await act(t, resident, id, 'take')).status).toBe(403);
  expect((await act(t, staff, id, 'decline', { reason: '试试' })).status).toBe(403);
  expect((await t.http().get('/api/v1/needs/serving').set('Authorization', staff)).status).toBe(403);
  expect((await get(id, staff)).body.status).toBe('routed');
});

test('once his grant is revoked, a dispatch to his resource goes to the unit, not to him', async () => {
  await t.db
    .model(GrantModel)
    .updateMany({ personId: seedId('user:servicePerson'), role: 'servicePerson' }, { $set: { revokedAt: new Date() } });
  const id = await dispatchedToLiu(t, resident, staff);
  const res = await get(id, staff);
  expect(res.body).toMatchObject({ status: 'routed', assignee: null, route: { targetId: LIU_RESOURCE } });
  expect(res.body.actions).toContain('start');
});
