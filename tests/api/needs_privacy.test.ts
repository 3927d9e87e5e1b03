import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { AuditModel } from '../../cloud/src/audit/audit-log';
import { seedId } from '../../cloud/src/core/stable-id';
import { act, order, target } from './needs_support';

let t: TestApp;
let resident: string;
let staff: string;
let streetAdmin: string;
let gridWorker: string;
beforeAll(async () => {
  t = await startApp(__filename);
  resident = await t.signIn('resident');
  staff = await t.signIn('staff');
  streetAdmin = await t.signIn('streetAdmin');
  gridWorker = await t.signIn('gridWorker');
});
afterAll(() => t.close());

const audits = (needId: string) =>
  t.db
    .model(AuditModel)
    .find({ via: `need:${needId}` })
    .sort({ at: 1 })
    .lean();
const get = (id: string, who: string) => t.http().get(`/api/v1/needs/${id}`).set('Authorization', who);

test('before anyone handles it, staff who can see a need get the phone masked and nothing is audited', async () => {
  const { id } = await order(t, resident);
  for (const who of [staff, streetAdmin, gridWorker]) {
    const res = await get(id, who);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ contactPhone: '138****0001', phoneMasked: true });
  }
  expect(await audits(id)).toEqual([]);
});

test('the owner always sees their own number in full, without an audit entry', async () => {
  const { id } = await order(t, resident);
  await act(t, staff, id, 'accept');
  const res = await get(id, resident);
  expect(res.body).toMatchObject({ contactPhone: '13812340001', phoneMasked: false });
  expect((await audits(id)).filter((a) => String(a.actorId) === String(seedId('user:resident')))).toEqual([]);
});

test('the staff member who accepts handles it: full number, and each read is audited (who, whose, what, via)', async () => {
  const { id } = await order(t, resident);
  const accepted = await act(t, staff, id, 'accept');
  expect(accepted.body).toMatchObject({ contactPhone: '13812340001', phoneMasked: false });
  const shown = await get(id, staff);
  expect(shown.body.contactPhone).toBe('13812340001');

  const entries = await audits(id);
  expect(entries).toHaveLength(2);
  for (const e of entries) {
    expect(e).toMatchObject({
      actorId: seedId('user:staff'),
      actorRoles: ['staff'],
      subjectId: seedId('user:resident'),
      what: ['phone'],
      via: `need:${id}`,
    });
    expect(e.at).toBeInstanceOf(Date);
  }
  // Other staff still see it masked, and their reads are not audited.
  expect((await get(id, streetAdmin)).body.contactPhone).toBe('138****0001');
  expect((await get(id, gridWorker)).body.contactPhone).toBe('138****0001');
  expect(await audits(id)).toHaveLength(2);
});

test('whoever dispatches it becomes the handler; the previous one sees it masked again', async () => {
  const { id } = await order(t, resident);
  await act(t, staff, id, 'accept');
  const routed = await act(t, streetAdmin, id, 'dispatch', {
    kind: 'resource',
    targetId: await target(t, 'resources'),
  });
  expect(routed.body).toMatchObject({ contactPhone: '13812340001', handler: { name: '周洋' } });
  expect((await get(id, staff)).body.contactPhone).toBe('138****0001');
  const last = (await audits(id)).at(-1)!;
  expect(last.actorId).toEqual(new Types.ObjectId(String(seedId('user:streetAdmin'))));
});

test('lists never carry a full phone to staff, and reading a list is not a personal-data read', async () => {
  const { id } = await order(t, resident);
  await act(t, staff, id, 'accept');
  const before = await t.db.model(AuditModel).countDocuments();
  const res = await t.http().get('/api/v1/needs?pageSize=100').set('Authorization', staff);
  const item = res.body.items.find((n: { id: string }) => n.id === id);
  expect(item.contactPhone).toBe('138****0001');
  expect(JSON.stringify(res.body)).not.toContain('13812340001');
  expect(await t.db.model(AuditModel).countDocuments()).toBe(before);
});
