import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// Party rosters: 党务 staff read them masked; every read is audit-logged; the full data only on an
// explicit, audited "show"; the database holds ciphertext, never a plaintext ID number.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const audit = () => t.db.connection.collection('audit');

test('a list shows masked names only and writes one audit entry per member shown', async () => {
  const staff = await t.signIn('staff');
  const before = await audit().countDocuments({ via: 'party:list' });
  const res = await t.http().get('/api/v1/party/members?pageSize=10').set('Authorization', staff);
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(105); // 南门社区党支部
  expect(res.body.items).toHaveLength(10);
  for (const m of res.body.items) {
    expect(m.nameMasked).toMatch(/^.\*+.?$/);
    expect(m).not.toHaveProperty('idNumber');
    expect(m.placeName).toBe('南门社区');
  }
  expect(await audit().countDocuments({ via: 'party:list' })).toBe(before + 10);
  const entry = await audit().findOne({ via: 'party:list', subjectId: new Types.ObjectId(res.body.items[0].id) });
  expect(entry).toMatchObject({ what: ['partyMembership'], actorRoles: ['staff'] });
  expect(String(entry!.actorId)).toBe(String(seedId('user:staff')));
});

test('detail is masked and audited; "show full" returns the real data and is audited with what was read', async () => {
  const staff = await t.signIn('staff');
  const id = String(seedId('partyMember:3'));
  const detail = await t.http().get(`/api/v1/party/members/${id}`).set('Authorization', staff);
  expect(detail.status).toBe(200);
  expect(detail.body.idNumberMasked).toMatch(/^510123\*{8}[\dX]{4}$/);
  expect(detail.body.phoneMasked).toMatch(/^139\*{4}\d{4}$/);
  expect(detail.body.categoryRule).toContain('流动党员为C类');
  expect(await audit().countDocuments({ via: 'party:detail', subjectId: seedId('partyMember:3') })).toBe(1);

  const full = await t.http().post(`/api/v1/party/members/${id}/reveal`).set('Authorization', staff).send({});
  expect(full.status).toBe(200);
  expect(full.body.idNumber).toMatch(/^510123\d{11}[\dX]$/);
  expect(full.body.idNumber.slice(-4)).toBe(detail.body.idNumberMasked.slice(-4));
  expect(full.body.name[0]).toBe(detail.body.nameMasked[0]);
  const entry = await audit().findOne({ via: 'party:reveal', subjectId: seedId('partyMember:3') });
  expect(entry?.what).toEqual(['name', 'idNumber', 'phone']);

  // The raw documents hold ciphertext: neither the ID number nor the name appears anywhere.
  const raw = await t.db.connection.collection('partyMembers').find({}).toArray();
  const dump = JSON.stringify(raw);
  expect(dump).not.toContain(full.body.idNumber);
  expect(dump).not.toContain(full.body.name);
  expect(dump).not.toContain(full.body.phone);
  const doc = raw.find((d) => String(d._id) === id)!;
  expect(doc.idNumberEnc).toMatch(/^v1\./);
  expect(doc.idHash).toMatch(/^[0-9a-f]{64}$/);
  const staffDump = JSON.stringify(await t.db.connection.collection('staffMembers').find({}).toArray());
  expect(staffDump).not.toMatch(/510123\d{11}[\dX]/);
});

test('branches show member counts and flag those over 50; the seed reproduces section 三', async () => {
  const county = await t.signIn('countyAdmin');
  const res = await t.http().get('/api/v1/party/branches').set('Authorization', county);
  expect(res.status).toBe(200);
  expect(res.body.limit).toBe(50);
  const over = res.body.items.filter((b: { overLimit: boolean }) => b.overLimit);
  expect(over).toHaveLength(5);
  expect(over.filter((b: { memberCount: number }) => b.memberCount > 100).map((b: { name: string }) => b.name)).toEqual(
    ['南门社区党支部'],
  );

  const old = ['nanmen', 'beijie', 'xishan', 'tuqiao'].map((k) => seedId(`org:community:${k}`));
  const members = await t.db.connection
    .collection('partyMembers')
    .find({ placeId: { $in: old }, active: true })
    .toArray();
  expect(members).toHaveLength(280);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const age = (b: string) => Number(today.slice(0, 4)) - Number(b.slice(0, 4)) - (today.slice(5) < b.slice(5) ? 1 : 0);
  expect(members.filter((m) => age(m.birthDate) >= 50)).toHaveLength(102);
  expect(members.filter((m) => m.mobile)).toHaveLength(89);
  expect(members.filter((m) => m.mobile).every((m) => m.category === 'C')).toBe(true);

  const staff = await t.db.connection
    .collection('staffMembers')
    .find({ placeId: { $in: old }, committee: true, active: true })
    .toArray();
  expect(staff).toHaveLength(24);
  const ages = staff.map((s) => age(s.birthDate));
  expect((ages.reduce((a, b) => a + b, 0) / 24).toFixed(1)).toBe('48.9');
  expect(ages.filter((a) => a > 40)).toHaveLength(13);
  expect(staff.filter((s) => ['初中及以下', '高中/中专', '大专'].includes(s.education))).toHaveLength(21);
});
