import { LINK_NO_MATCH_MESSAGE } from '@gongzhi/shared';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import { Cipher } from '../../cloud/src/core/cipher';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { PartyMemberModel } from '../../cloud/src/party/party-member.model';
import { UserModel, WxIdentityModel } from '../../cloud/src/people/user.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { legalOrder } from './needs_support';
import { NANMEN, get, setHome, wxSignIn } from './people_join_support';

let wx: FakeWechat;
let t: TestApp;
let cipher: Cipher;

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, {
    WX_API_BASE: wx.base,
    WX_APPID: FAKE_APPID,
    WX_SECRET: FAKE_SECRET,
    SEED_DEMO: 'full',
  });
  cipher = await t.get(Cipher);
});
afterAll(async () => {
  await t.close();
  await wx.close();
});

const link = (auth: string | null, body: Record<string, unknown>) => {
  const req = t.http().post('/api/v1/me/link-record');
  return (auth ? req.set('Authorization', auth) : req).send(body);
};
/** The ID number an import gave the account (read back as the server would: decrypted). */
async function idNumberOf(userId: unknown) {
  const u = await t.db.model(UserModel).findById(userId).lean();
  return cipher.decrypt(u!.idNumberEnc!);
}
/** A valid ID number nobody has (checksum right). */
function strangerId() {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first = '51012319800101999';
  const sum = [...first].reduce((n, d, i) => n + Number(d) * W[i], 0);
  return first + '10X98765432'[sum % 11];
}

test('a party member links their WeChat to their record: their hours, points and branch from then on; the old account is closed', async () => {
  const person = seedId('user:partyMember'); // 刘建国, imported with his ID number
  const idNumber = await idNumberOf(person);
  const own = await t.signIn('partyMember');
  const [points, hours, branches] = await Promise.all([
    get(t, own, '/api/v1/me/points'),
    get(t, own, '/api/v1/me/hours'),
    get(t, own, '/api/v1/points/ranking/branches'),
  ]);
  expect(points.body.balance).toBeGreaterThan(0);

  // A first WeChat sign-in: a bare account that joins and orders before linking.
  const bare = await wxSignIn(t, 'link-liu');
  expect((await setHome(t, bare.auth, { communityId: NANMEN })).status).toBe(200);
  const need = await t.http().post('/api/v1/needs').set('Authorization', bare.auth).send(legalOrder());
  expect(need.status).toBe(200);

  const wrongName = await link(bare.auth, { name: '刘建军', idNumber });
  const wrongId = await link(bare.auth, { name: '刘建国', idNumber: strangerId() });
  for (const res of [wrongName, wrongId]) {
    expect([res.status, res.body.code, res.body.message]).toEqual([404, 'NOT_FOUND', LINK_NO_MATCH_MESSAGE]);
    expect(res.body.fields).toBeUndefined();
  }
  const badId = await link(bare.auth, {
    name: '刘建国',
    idNumber: idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1'),
  });
  expect([badId.status, badId.body.fields[0].path]).toEqual([400, 'body.idNumber']);

  const res = await link(bare.auth, { name: ' 刘建国 ', idNumber: idNumber.toLowerCase() });
  expect(res.status).toBe(200);
  expect(res.body.user).toMatchObject({ id: String(person), name: '刘建国' });
  expect(res.body.recordKinds).toContain('partyMember');
  const auth = `Bearer ${res.body.token}`;

  // The bare account's token stops; the new one is 刘建国 with his own records.
  const old = await get(t, bare.auth, '/api/v1/me');
  expect([old.status, old.body.code]).toEqual([401, 'TOKEN_INVALID']);
  expect((await get(t, auth, '/api/v1/me/points')).body.balance).toBe(points.body.balance);
  expect((await get(t, auth, '/api/v1/me/hours')).body.totalMinutes).toBe(hours.body.totalMinutes);
  const myBranches = await get(t, auth, '/api/v1/points/ranking/branches');
  expect(myBranches.status).toBe(200);
  expect(myBranches.body.items).toEqual(branches.body.items);
  expect(myBranches.body.items.some((b: { mine?: boolean }) => b.mine)).toBe(true);
  // What the bare account did is his now, at the place it was made for.
  const moved = await t.db.model(NeedModel).findById(need.body.id).lean();
  expect(String(moved?.owner)).toBe(String(person));
  expect(String(moved?.place.communityId)).toBe(NANMEN);
  expect((await get(t, auth, `/api/v1/needs/${need.body.id}`)).status).toBe(200);

  // Signing in with that WeChat again is 刘建国.
  const again = await wxSignIn(t, 'link-liu');
  expect(again.user.id).toBe(String(person));
  expect((await t.db.model(UserModel).findById(bare.user.id).lean())?.mergedInto?.toString()).toBe(String(person));

  // Another WeChat account cannot take the same record.
  const other = await wxSignIn(t, 'link-liu-other');
  const taken = await link(other.auth, { name: '刘建国', idNumber });
  expect([taken.status, taken.body.code]).toEqual([409, 'CONFLICT']);
  expect(taken.body.message).toContain('另一个微信账号');
  // And 刘建国 cannot link a second record.
  expect((await link(auth, { name: '刘建国', idNumber })).status).toBe(409);
});

test('the bare account’s home and phone go to a record that has none', async () => {
  const person = seedId('user:registered:1');
  await t.db.model(UserModel).updateOne({ _id: person }, { $set: { phone: null, orgId: null, communityId: null } });
  const { name } = (await t.db.model(UserModel).findById(person).lean())!;
  const bare = await wxSignIn(t, 'link-home');
  await setHome(t, bare.auth, { communityId: NANMEN });
  await t.http().post('/api/v1/me/phone').set('Authorization', bare.auth).send({ code: 'phone:13911112222' });
  const res = await link(bare.auth, { name, idNumber: await idNumberOf(person) });
  expect(res.status).toBe(200);
  expect(res.body.user.home.community.id).toBe(NANMEN);
  expect(res.body.user.phone).toBe('139****2222');
});

test('five tries a day: the sixth is refused even with the right name and number', async () => {
  const person = seedId('user:registered:2');
  const { name } = (await t.db.model(UserModel).findById(person).lean())!;
  const idNumber = await idNumberOf(person);
  const bare = await wxSignIn(t, 'link-limit');
  const tries = await Promise.all(Array.from({ length: 5 }, () => link(bare.auth, { name: '张三', idNumber })));
  expect(tries.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
  const sixth = await link(bare.auth, { name, idNumber });
  expect([sixth.status, sixth.body.code]).toEqual([429, 'RATE_LIMITED']);
  expect(sixth.body.message).toContain('明天');
  expect(await t.db.model(WxIdentityModel).countDocuments({ userId: person })).toBe(0);
});

test('two WeChat accounts linking one record at once: one wins, the other is refused', async () => {
  const person = seedId('user:registered:3');
  const { name } = (await t.db.model(UserModel).findById(person).lean())!;
  const idNumber = await idNumberOf(person);
  const [a, b] = await Promise.all([wxSignIn(t, 'link-race-a'), wxSignIn(t, 'link-race-b')]);
  const results = await Promise.all([link(a.auth, { name, idNumber }), link(b.auth, { name, idNumber })]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  const identities = await t.db.model(WxIdentityModel).find({ userId: person }).lean();
  expect(identities).toHaveLength(1);
  const winner = results[0].status === 200 ? 'link-race-a' : 'link-race-b';
  expect(identities[0]._id).toBe(winner);
  const loser = results[0].status === 200 ? b : a;
  expect((await get(t, loser.auth, '/api/v1/me')).status).toBe(200);
});

test('a party member on the roster without an account: the WeChat account itself becomes the member', async () => {
  const member = (await t.db.model(PartyMemberModel).findById(seedId('partyMember:0')).lean())!;
  expect(member.userId).toBeNull();
  const name = cipher.decrypt(member.nameEnc);
  const bare = await wxSignIn(t, 'link-roster');
  const res = await link(bare.auth, { name, idNumber: cipher.decrypt(member.idNumberEnc) });
  expect(res.status).toBe(200);
  expect(res.body.user).toMatchObject({ id: bare.user.id, name });
  expect(res.body.user.roles).toEqual(expect.arrayContaining(['resident', 'partyMember']));
  expect(String((await t.db.model(PartyMemberModel).findById(member._id).lean())?.userId)).toBe(bare.user.id);
  const branches = await get(t, `Bearer ${res.body.token}`, '/api/v1/points/ranking/branches');
  expect(branches.status).toBe(200);
  expect(branches.body.items.some((b: { mine?: boolean }) => b.mine)).toBe(true);
});

test('an account holding a post is not merged away; signing in is required', async () => {
  const person = seedId('user:registered:4');
  const { name } = (await t.db.model(UserModel).findById(person).lean())!;
  const staff = await t.signIn('staff');
  const res = await link(staff, { name, idNumber: await idNumberOf(person) });
  expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
  expect(res.body.message).toContain('岗位');
  expect((await get(t, staff, '/api/v1/me')).status).toBe(200);
  const anon = await link(null, { name, idNumber: await idNumberOf(person) });
  expect([anon.status, anon.body.code]).toEqual([401, 'UNAUTHENTICATED']);
});
