import { startApp, type TestApp } from '../support/app';
import { AuditModel } from '../../cloud/src/audit/audit-log';
import { PartyMemberModel } from '../../cloud/src/party/party-member.model';
import { seedId } from '../../cloud/src/core/stable-id';

// Reads of roster records (a party member, not an account) in the audit log: the subject is the
// record, shown by its masked name as 党员名册; a record linked to an account shows up in that
// person's 谁查看过我的信息. Demo: 南门's staff 陈静 has the 党务 duty.
let t: TestApp;
const auth: Record<string, string> = {};

beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  for (const who of ['staff', 'streetAdmin', 'countyAdmin', 'partyMember']) auth[who] = await t.signIn(who);
});
afterAll(() => t.close());

test('a party roster read names the record (masked) as 党员名册; street admins of its street see it', async () => {
  const id = String(seedId('partyMember:3'));
  const detail = await t.http().get(`/api/v1/party/members/${id}`).set('Authorization', auth.staff);
  expect(detail.status).toBe(200);
  expect(
    (await t.http().post(`/api/v1/party/members/${id}/reveal`).set('Authorization', auth.staff).send({})).status,
  ).toBe(200);
  const entry = await t.db
    .model(AuditModel)
    .findOne({ via: 'party:reveal', subjectId: seedId('partyMember:3') })
    .lean();
  expect(entry).toMatchObject({ subjectKind: 'partyMember' });
  expect(entry!.streetIds!.map(String)).toContain(String(seedId('org:street:chengguan')));

  for (const who of ['countyAdmin', 'streetAdmin']) {
    const res = await t
      .http()
      .get('/api/v1/audit')
      .query({ subject: id, what: 'idNumber' })
      .set('Authorization', auth[who]);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      actor: { name: '陈静', role: '社区工作者' },
      subject: { id, name: detail.body.nameMasked, kind: '党员名册' },
      whatLabels: ['姓名', '身份证号', '手机号'],
      viaLabel: '查看党员完整身份信息',
    });
  }
});

test("reads of a party record linked to an account are in that person's 谁查看过我的信息", async () => {
  const own = await t.db
    .model(PartyMemberModel)
    .findOne({ userId: seedId('user:partyMember') })
    .lean();
  expect(own).not.toBeNull();
  const before = (await t.http().get('/api/v1/me/data/readers').set('Authorization', auth.partyMember)).body.total;
  expect(
    (
      await t
        .http()
        .get(`/api/v1/party/members/${String(own!._id)}`)
        .set('Authorization', auth.staff)
    ).status,
  ).toBe(200);
  const after = await t.http().get('/api/v1/me/data/readers').set('Authorization', auth.partyMember);
  expect(after.body.total).toBe(before + 1);
  expect(after.body.items[0]).toMatchObject({
    role: '社区工作者',
    place: '南门社区',
    name: '陈*',
    what: ['党员身份', '健康状况'],
    why: '党员详情',
  });
});
