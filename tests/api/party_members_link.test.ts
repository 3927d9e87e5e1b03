import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { linkMemberToUser } from '../../cloud/src/party/member-links';
import { MemberLinkModel } from '../../cloud/src/party/member-link.model';
import { PartyMemberModel } from '../../cloud/src/party/party-member.model';
import { commitAndWait, dryRun, idNumber, xlsxOf } from './imports_support';

// Party members are linked to their own accounts: by the ID number's blind index when either side
// is imported (or seeded), or by hand by 党务 staff (audited). A user is linked to at most one member
// and a member to at most one user, held by the insert into partyMemberLinks even under races.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const links = () => t.db.model(MemberLinkModel);
const members = () => t.db.model(PartyMemberModel);
const audit = () => t.db.connection.collection('audit');

test('the demo seed links 刘建国 and the 双报到 members to their party members', async () => {
  const staff = await t.signIn('staff');
  const id = String(seedId('partyMember:10'));
  const detail = await t.http().get(`/api/v1/party/members/${id}`).set('Authorization', staff);
  expect(detail.status).toBe(200);
  expect(detail.body.linked).toBe(true);
  const full = await t.http().post(`/api/v1/party/members/${id}/reveal`).set('Authorization', staff).send({});
  expect(full.body.name).toBe('刘建国');
  expect((await members().findById(id).lean())?.userId).toEqual(seedId('user:partyMember'));
  expect(await links().countDocuments()).toBe(9);
  const unlinked = await t
    .http()
    .get(`/api/v1/party/members/${seedId('partyMember:0')}`)
    .set('Authorization', staff);
  expect(unlinked.body.linked).toBe(false);
});

test('importing people and party members links the same ID number, in either order, once', async () => {
  const staff = await t.signIn('staff');
  const first = idNumber('19800101', 501); // resident first, then the member
  const second = idNumber('19810202', 502); // member first, then the resident
  const residents = (ids: string[]) =>
    xlsxOf(
      'residents',
      ids.map((n, i) => ({ 姓名: `导入居民${i}`, 身份证号: n, 手机号: `1350000050${i}`, 社区: '南门社区' })),
    );
  const partyMembers = (ids: string[]) =>
    xlsxOf(
      'partyMembers',
      ids.map((n, i) => ({
        姓名: `导入党员${i}`,
        身份证号: n,
        社区: '南门社区',
        所在支部: '南门社区党支部',
        工作状态: '在职',
      })),
    );
  const run = async (kind: 'residents' | 'partyMembers', file: Buffer) => {
    const dry = await dryRun(t, staff, kind, file);
    expect(dry.body.errors).toEqual([]);
    return (await commitAndWait(t, staff, kind, dry.body.fileId)).job;
  };
  await run('residents', await residents([first]));
  await run('partyMembers', await partyMembers([first, second]));
  await run('residents', await residents([first, second]));
  const imported = await members()
    .find({ birthDate: { $in: ['1980-01-01', '1981-02-02'] } })
    .lean();
  expect(imported).toHaveLength(2);
  for (const m of imported) {
    expect(m.userId).not.toBeNull();
    expect((await links().findById(m.userId).lean())?.memberId).toEqual(m._id);
  }
  // Importing both again changes no link and adds none.
  const before = await links().countDocuments();
  await run('partyMembers', await partyMembers([first, second]));
  await run('residents', await residents([first, second]));
  expect(await links().countDocuments()).toBe(before);
});

test('racing links of one account to different members: exactly one wins', async () => {
  const user = new Types.ObjectId();
  const candidates = [20, 21, 22, 23, 24, 25].map((g) => seedId(`partyMember:${g}`));
  const outcomes = await Promise.all(
    candidates.map((m) => linkMemberToUser(t.db, m, user, 'manual', null, new Date())),
  );
  expect(outcomes.filter((o) => o === 'linked')).toHaveLength(1);
  expect(outcomes.filter((o) => o === 'userTaken')).toHaveLength(5);
  expect(await links().countDocuments({ _id: user })).toBe(1);
  expect(await members().countDocuments({ userId: user })).toBe(1);
  // Linking the winning pair again is a no-op that keeps the projection.
  const winner = candidates[outcomes.indexOf('linked')];
  expect(await linkMemberToUser(t.db, winner, user, 'manual', null, new Date())).toBe('alreadyLinked');
  expect(await members().countDocuments({ userId: user })).toBe(1);
});

test('党务 staff link and unlink by hand, each step audited; one account cannot take two members', async () => {
  const staff = await t.signIn('staff');
  const member = String(seedId('partyMember:30'));
  const other = String(seedId('partyMember:31'));
  const link = (id: string, phone: string) =>
    t.http().post(`/api/v1/party/members/${id}/link`).set('Authorization', staff).send({ phone });

  const ok = await link(member, '13812340001'); // 张秀兰, 南门
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ memberId: member, userNameMasked: '张*兰', userPhoneMasked: '138****0001' });
  expect((await link(member, '13812340001')).status).toBe(200); // the same again: idempotent
  const taken = await link(other, '13812340001');
  expect(taken.status).toBe(409);
  expect(taken.body.code).toBe('CONFLICT');
  expect(await audit().countDocuments({ via: { $regex: '^party:link:' }, subjectId: seedId('partyMember:30') })).toBe(
    2,
  );

  const un = await t.http().delete(`/api/v1/party/members/${member}/link`).set('Authorization', staff);
  expect(un.status).toBe(200);
  expect(un.body.userId).toBeNull();
  expect((await members().findById(member).lean())?.userId).toBeNull();
  expect(await audit().countDocuments({ via: `party:unlink:${seedId('user:resident')}` })).toBe(1);
  expect((await link(other, '13812340001')).status).toBe(200); // free again

  // An account outside the caller's community, an unknown phone: a field error, not a 500.
  const outside = await link(String(seedId('partyMember:32')), '13812340007'); // 孙丽, 西山
  expect(outside.status).toBe(400);
  expect(outside.body.fields[0].path).toBe('body.phone');
  expect((await link(String(seedId('partyMember:32')), '12345')).status).toBe(400);
  // A member of another community is not found for 南门 staff.
  expect((await link(String(seedId('partyMember:170')), '13812340001')).status).toBe(404);
});

test.each(['resident', 'volunteer', 'partyMember', 'gridWorker', 'unitAdmin', 'staff2'])(
  '%s may not link or unlink',
  async (account) => {
    const auth = await t.signIn(account);
    const id = String(seedId('partyMember:40'));
    const a = await t
      .http()
      .post(`/api/v1/party/members/${id}/link`)
      .set('Authorization', auth)
      .send({ phone: '13812340001' });
    const b = await t.http().delete(`/api/v1/party/members/${id}/link`).set('Authorization', auth);
    expect([a.status, b.status]).toEqual([403, 403]);
  },
);

test('the link is the person’s data: exported with their study sessions, removed when they delete the account', async () => {
  const auth = await t.signIn('partyMember');
  const data = await t.http().get('/api/v1/me/data').set('Authorization', auth);
  expect(data.body.areas.party.membership).toMatchObject({ branchName: '南门社区党支部', linkedBy: 'idNumber' });
  const erased = await t.http().delete('/api/v1/me').set('Authorization', auth).send({ confirm: '注销账号' });
  expect(erased.status).toBe(200);
  expect(await links().countDocuments({ _id: seedId('user:partyMember') })).toBe(0);
  expect((await members().findById(seedId('partyMember:10')).lean())?.userId).toBeNull();
});
