import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { seedId } from '../../cloud/src/core/stable-id';
import { ResourceModel } from '../../cloud/src/resources/resource.model';
import { seedResources } from '../../cloud/src/resources/resources.seed';
import {
  CHENGGUAN,
  HOSPITAL,
  JUSTICE,
  NANMEN,
  NANMEN_GRID1,
  XINCHENG,
  XISHAN,
  XISHAN_GRID1,
  accept,
  invite,
  me,
  wxPerson,
} from './grants_support';

// Grants come by invitation along the tree: the granter names a role and a place in their own scope,
// the invitee signs in and accepts once, and the post works from their very next request.
let wx: FakeWechat;
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, { WX_API_BASE: wx.base, WX_APPID: FAKE_APPID, WX_SECRET: FAKE_SECRET });
  for (const a of ['countyAdmin', 'streetAdmin', 'staff', 'unitAdmin', 'resident', 'department'])
    auth[a] = await t.signIn(a);
});
afterEach(async () => (await t.get(Clock)).reset());
afterAll(async () => {
  await t.close();
  await wx.close();
});

const inbox = (who: string) => t.http().get('/api/v1/needs').set('Authorization', who);

test('the county invites a street administrator: the invitee previews, accepts, and is one from the next request', async () => {
  const inv = await invite(t, auth.countyAdmin, { role: 'streetAdmin', placeId: CHENGGUAN, note: '给周敏' });
  expect(inv.status).toBe(200);
  expect(inv.body).toMatchObject({
    role: 'streetAdmin',
    place: { kind: 'street', id: CHENGGUAN, name: '城关街道', path: '示范县' },
    status: 'open',
    note: '给周敏',
    createdBy: { name: '冯刚' },
  });
  expect(inv.body.code).toMatch(/^[2-9A-HJKMNP-Z]{16}$/);
  expect(inv.body.link).toBe(`http://127.0.0.1:0/#/packages/account/invite/index?code=${inv.body.code}`);

  const person = await wxPerson(t, 'street-admin-zhou');
  expect((await inbox(person.auth)).status).toBe(403);
  const preview = await t.http().get(`/api/v1/invitations/by-code/${inv.body.code}`).set('Authorization', person.auth);
  expect(preview.status).toBe(200);
  expect(preview.body).toMatchObject({
    role: 'streetAdmin',
    place: { name: '城关街道' },
    invitedBy: '冯*',
    status: 'open',
    alreadyHeld: false,
  });
  expect(preview.body.duty).toContain('街道');

  // Still 微信用户: a post needs the person's real name.
  expect(preview.body.askName).toBe(true);
  const unnamed = await t
    .http()
    .post('/api/v1/invitations/accept')
    .set('Authorization', person.auth)
    .send({ code: inv.body.code });
  expect(unnamed.status).toBe(400);
  expect(unnamed.body.fields).toEqual([{ path: 'body.name', message: '请填写您的真实姓名，方便同事和居民认出您' }]);
  const res = await accept(t, person.auth, inv.body.code, '周敏');
  expect(res.status).toBe(200);
  expect(res.body.grant).toMatchObject({
    role: 'streetAdmin',
    status: 'active',
    grantedBy: { name: '冯刚' },
    person: { name: '周敏' },
  });
  expect(res.body.user.name).toBe('周敏');
  expect(res.body.user.roles.sort()).toEqual(['resident', 'streetAdmin']);
  expect(res.body.user.posts).toEqual([
    expect.objectContaining({ role: 'streetAdmin', place: expect.objectContaining({ name: '城关街道' }) }),
  ]);
  // Same token as before: the post is read per request.
  expect((await inbox(person.auth)).status).toBe(200);
  expect((await me(t, person.auth)).body.org).toMatchObject({ kind: 'street', name: '城关街道' });

  // Used once: nobody else can take it, and the inviter sees who did.
  const other = await wxPerson(t, 'street-admin-late');
  const again = await accept(t, other.auth, inv.body.code);
  expect(again.status).toBe(409);
  expect(again.body.message).toContain('已经被使用');
  expect((await accept(t, person.auth, inv.body.code)).status).toBe(200); // the same person again: no harm
  const list = await t.http().get('/api/v1/invitations').set('Authorization', auth.countyAdmin);
  expect(list.body.items.find((i: { id: string }) => i.id === inv.body.id)).toMatchObject({
    status: 'accepted',
    acceptedBy: { id: person.id },
    code: null,
    link: null,
  });
});

test('two people accepting one invitation at once: exactly one gets the post', async () => {
  const inv = await invite(t, auth.countyAdmin, {
    role: 'department',
    placeId: String(seedId('org:department:县民政局')),
  });
  const people = await Promise.all(Array.from({ length: 6 }, (_, i) => wxPerson(t, `race-${i}`)));
  const results = await Promise.all(people.map((p) => accept(t, p.auth, inv.body.code)));
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  expect(results.filter((r) => r.status === 409)).toHaveLength(5);
  const roles = await Promise.all(people.map(async (p) => (await me(t, p.auth)).body.roles));
  expect(roles.filter((r: string[]) => r.includes('department'))).toHaveLength(1);
});

test('who may grant what follows the tree, and the place must be in the granter’s own scope', async () => {
  // A street admin: staff and grid workers of the street; nothing above it, nothing in another street.
  expect((await invite(t, auth.streetAdmin, { role: 'staff', placeId: NANMEN })).status).toBe(200);
  const otherStreet = await invite(t, auth.streetAdmin, { role: 'staff', placeId: XISHAN });
  expect(otherStreet.status).toBe(403);
  expect(otherStreet.body.message).toBe('您不能在这里授予这个身份');
  expect((await invite(t, auth.streetAdmin, { role: 'streetAdmin', placeId: CHENGGUAN })).status).toBe(403);
  expect((await invite(t, auth.streetAdmin, { role: 'unitAdmin', placeId: HOSPITAL })).status).toBe(200);
  // Staff: grid workers of their own community only.
  expect((await invite(t, auth.staff, { role: 'gridWorker', placeId: NANMEN_GRID1 })).status).toBe(200);
  expect((await invite(t, auth.staff, { role: 'gridWorker', placeId: XISHAN_GRID1 })).status).toBe(403);
  expect((await invite(t, auth.staff, { role: 'staff', placeId: NANMEN })).status).toBe(403);
  // A role at the wrong kind of place is a field error, not a 500.
  const wrongKind = await invite(t, auth.countyAdmin, { role: 'staff', placeId: XINCHENG });
  expect(wrongKind.status).toBe(400);
  expect(wrongKind.body.fields).toEqual([{ path: 'body.placeId', message: '这个身份只能授予在社区' }]);
  // Roles that grant nothing are refused by the role gate.
  for (const who of ['resident', 'department']) {
    const res = await invite(t, auth[who], { role: 'gridWorker', placeId: NANMEN_GRID1 });
    expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
  }
});

test('a unit admin invites the unit’s lawyer as a service person tied to his resource', async () => {
  await seedResources(t.db); // the demo county's resources lists
  const doctor = String(seedId('resource:hospital-doctor-li'));
  const lawyer = String(seedId('resource:justice-lawyer-he'));
  // Only a person resource of the unit's own.
  const foreign = await invite(t, auth.unitAdmin, { role: 'servicePerson', placeId: HOSPITAL, resourceId: lawyer });
  expect(foreign.status).toBe(400);
  expect(foreign.body.fields[0].path).toBe('body.resourceId');
  expect((await invite(t, auth.unitAdmin, { role: 'servicePerson', placeId: JUSTICE })).status).toBe(403);

  const inv = await invite(t, auth.unitAdmin, { role: 'servicePerson', placeId: HOSPITAL, resourceId: doctor });
  expect(inv.status).toBe(200);
  expect(inv.body.resource).toEqual({ id: doctor, name: '李晓梅（儿科医师）' });
  const li = await wxPerson(t, 'doctor-li');
  expect((await accept(t, li.auth, inv.body.code)).body.user.roles.sort()).toEqual(['resident', 'servicePerson']);
  expect(String((await t.db.model(ResourceModel).findById(doctor).lean())?.personId)).toBe(li.id);
});

test('an expired or cancelled invitation cannot be accepted; only open ones show their code', async () => {
  const stale = await invite(t, auth.countyAdmin, { role: 'staff', placeId: XISHAN, validDays: 1 });
  const cancelled = await invite(t, auth.countyAdmin, { role: 'staff', placeId: XISHAN });
  const cancel = await t
    .http()
    .post(`/api/v1/invitations/${cancelled.body.id}/cancel`)
    .set('Authorization', auth.countyAdmin);
  expect(cancel.body).toMatchObject({ status: 'cancelled', code: null });
  expect(
    (await t.http().post(`/api/v1/invitations/${cancelled.body.id}/cancel`).set('Authorization', auth.countyAdmin))
      .status,
  ).toBe(409);
  (await t.get(Clock)).advance(25 * 3600 * 1000);
  const person = await wxPerson(t, 'too-late');
  const late = await accept(t, person.auth, stale.body.code);
  expect([late.status, late.body.message]).toEqual([409, '这个邀请已过期，请向邀请人要一个新的']);
  const gone = await accept(t, person.auth, cancelled.body.code);
  expect([gone.status, gone.body.message]).toEqual([409, '这个邀请已被作废，请向邀请人确认']);
  expect((await accept(t, person.auth, 'ABCDEFGHJKMNPQRS')).status).toBe(404);
  expect((await accept(t, person.auth, 'short')).status).toBe(400);
  expect((await me(t, person.auth)).body.roles).toEqual(['resident']);
});

test('a creating request retried with its Idempotency-Key makes one invitation', async () => {
  const body = { role: 'gridWorker', placeId: NANMEN_GRID1, note: '重试' };
  const [a, b] = [
    await invite(t, auth.staff, body, 'invite-key-0001'),
    await invite(t, auth.staff, body, 'invite-key-0001'),
  ];
  expect(b.body.id).toBe(a.body.id);
  expect(b.body.code).toBe(a.body.code);
});

test('invitations are seen by their place’s overseers, not by another street or community', async () => {
  const inv = await invite(t, auth.countyAdmin, { role: 'staff', placeId: NANMEN, note: '城关可见' });
  const street = await t.http().get('/api/v1/invitations?pageSize=100').set('Authorization', auth.streetAdmin);
  expect(street.body.items.map((i: { id: string }) => i.id)).toContain(inv.body.id);
  const staff2 = await t.signIn('staff2');
  const other = await t.http().get('/api/v1/invitations?pageSize=100').set('Authorization', staff2);
  expect(other.body.items.map((i: { id: string }) => i.id)).not.toContain(inv.body.id);
  expect((await t.http().post(`/api/v1/invitations/${inv.body.id}/cancel`).set('Authorization', staff2)).status).toBe(
    404,
  );
  expect((await t.http().get(`/api/v1/invitations/${inv.body.id}/share`).set('Authorization', staff2)).status).toBe(
    404,
  );
});
