import { allEndpoints, ROLES, type Endpoint, type Role } from '@gongzhi/shared';
import { createHash } from 'node:crypto';
import { startApp, type TestApp } from '../support/app';
import { Sweeper } from '../../cloud/src/core/sweeps';
import { NeedsScheduler } from '../../cloud/src/needs/needs.scheduler';
import { OutboxDispatcher } from '../../cloud/src/notifications/outbox.dispatcher';
import { WhistlesScheduler } from '../../cloud/src/whistles/whistles.scheduler';
import { castOf, type Cast } from './attack_cast';
import { fixturesOf } from './attack_fixtures';

// 攻击测试: every endpoint of the contract with a path id, called on a resource of 南门社区 (made by its
// owner through the API) by another account of the same role — another person of the same place, and
// the same role one place over. Every such call is refused with 403 or 404 unless the table below says
// why the resource is meant to be shared. The table of endpoints is the contract itself: a new endpoint
// with a path id fails the first test until the suite knows how to fill its path.

/** Endpoints whose path parameter names a kind or a rule, not somebody's object. */
const NO_OBJECT: Record<string, string> = {
  updateWhistleRule: '全县一套吹哨时限规则，只有县级管理员能改（全县只有一个县）',
  updatePointsRule: '全县一套积分规则，只有县级管理员能改',
  dryRunImport: ':kind 是名册种类；导入范围由文件里的社区决定（imports_scope 测试）',
  commitImport: ':kind 是名册种类；导入范围由文件里的社区决定（imports_scope 测试）',
  downloadImportTemplate: ':kind 是名册种类；模板是空表',
  getBrand: '活动品牌是全县共用的目录',
  disableAccount: '只有县级管理员可用，全县只有一个县',
  enableAccount: '只有县级管理员可用，全县只有一个县',
};

/**
 * What another account of the same role may use on purpose, and why: `endpointId` for every role, or
 * `endpointId:role`. Anything not here that answers 2xx is a finding.
 */
const SHARED: Record<string, string> = {
  getResource: '场地和人才是公开的资源清单，不含个人信息',
  getFreeSlots: '场地的空闲时段是公开的',
  getActivity: '志愿活动面向全县招募',
  claimSeat: '认领的是调用者自己的名额；志愿活动面向全县招募',
  checkIn: '签到的是调用者自己的名额：没认领的人得到“您没有认领这个班次”（409）',
  checkOut: '签退的是调用者自己的名额：没认领的人得到 409',
  getMenuItem: '菜单项是公开的服务目录，不含个人信息',
  getStation: '服务站是公开的',
  getTeam: '团队介绍是公开的（负责人姓名已打码）',
  listTeamActivities: '团队的活动是公开的',
  joinTeam: '申请加入的是调用者自己；本社区的团队对本社区居民开放',
  leaveTeam: '退出的是调用者自己的成员身份，不在队里则什么也不改',
  redeemShopItem: '兑换花的是调用者自己的积分；本社区的积分商品对本社区居民开放',
  checkCertificate: '证明上的编码就是查验凭据，任何人都可以查验',
  showCertificatePage: '同 checkCertificate：扫证明上的二维码打开的查验网页',
  previewInvitation: '邀请码就是凭据：谁拿到谁能看邀请的内容（接受时才绑定）',
  listJoinPlaces: '加入社区时选择住址，任何人都能看社区的小区和楼栋',
  'getWhistle:partyMember': '吹给本社区在职党员的哨，本社区每位党员都是响应人',
  'reportWhistle:partyMember': '吹给本社区在职党员的哨，本社区每位党员都可以报到',
  'resolveWhistle:partyMember': '吹给本社区在职党员的哨，本社区每位党员都可以办结',
};

/** Reads whose owner-side call is proven elsewhere. */
const OWNER_READ_ELSEWHERE: Record<string, string> = {
  getUploadForCheck: '签名只发给微信内容安全接口（content_security 测试）',
};

const pathId = (e: Endpoint) => /:\w+/.test(e.path);

let t: TestApp;
let cast: Cast;
let fixtures: Awaited<ReturnType<typeof fixturesOf>>;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  // The clock's jobs (deadline escalation, auto-close, sweeps, outbox) stop: the snapshot below
  // compares what the probes did, and a minute's escalation of a demo whistle is not theirs.
  for (const job of [WhistlesScheduler, NeedsScheduler, Sweeper, OutboxDispatcher]) (await t.get(job)).destroy();
  cast = await castOf(t);
  fixtures = await fixturesOf(t, cast);
}, 240_000);
afterAll(() => t.close());

function send(op: Endpoint, auth: string, params: Record<string, string>, owner = false) {
  const url = op.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? 'missing'));
  const req = t.http()[op.method](url).set('Authorization', auth).query(fixtures.queryFor(op, owner));
  return op.method === 'get' || op.method === 'delete' ? req : req.send(fixtures.bodyFor(op));
}

const rolesOf = (op: Endpoint): Role[] =>
  (Array.isArray(op.access) ? (op.access as Role[]) : [...ROLES]).filter((r) => cast.probers[r].length > 0);

test('every endpoint with a path id is probed: the suite fills its path, or says why it names no object', () => {
  const unknown = allEndpoints
    .filter((e) => pathId(e) && !NO_OBJECT[e.id])
    .filter((e) => rolesOf(e).some((r) => fixtures.paramsFor(e, r) === undefined))
    .map((e) => `${e.id} ${e.path}`);
  expect(unknown).toEqual([]);
  const named = [NO_OBJECT, SHARED, OWNER_READ_ELSEWHERE].flatMap((m) => Object.keys(m).map((k) => k.split(':')[0]));
  for (const id of named) expect(allEndpoints.map((e) => e.id)).toContain(id);
});

test('the fills are real: for every read with a path id, some owner-side account of its roles gets it', async () => {
  const missing: string[] = [];
  const reads = allEndpoints.filter((e) => pathId(e) && e.method === 'get' && !NO_OBJECT[e.id]);
  for (const op of reads.filter((e) => !OWNER_READ_ELSEWHERE[e.id])) {
    const roles = Array.isArray(op.access) ? (op.access as Role[]) : [...ROLES];
    let seen = false;
    for (const r of roles) {
      const res = await send(op, cast.owner[r], fixtures.paramsFor(op, r) ?? {}, true);
      if (res.status === 200) {
        seen = true;
        break;
      }
    }
    if (!seen) missing.push(op.id);
  }
  expect(missing).toEqual([]);
}, 120_000);

/** Every document of every collection, by collection: what a refused call must leave as it was. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const db = t.db.connection.db!;
  for (const { name } of await db.listCollections().toArray()) {
    if (UNTOUCHED_EXCEPT[name]) continue;
    const docs = await db.collection(name).find().sort({ _id: 1 }).toArray();
    out[name] = createHash('sha256').update(JSON.stringify(docs)).digest('hex');
  }
  return out;
}

/** Collections a refused call may still write, and why. */
const UNTOUCHED_EXCEPT: Record<string, string> = {
  auditLogs: '读个人数据的记录：拒绝前的读也要记',
};

test('another account of the same role, here or one place over, is refused on every path id', async () => {
  const ops = allEndpoints
    .filter((e) => pathId(e) && !NO_OBJECT[e.id])
    // Reads first: a write that wrongly succeeded would change what the later reads see.
    .sort((a, b) => Number(a.method !== 'get') - Number(b.method !== 'get'));
  const wrong: string[] = [];
  let calls = 0;
  const shared = (op: Endpoint, role: Role) => Boolean(SHARED[op.id] || SHARED[`${op.id}:${role}`]);
  const before = await snapshot();
  expect(Object.keys(before)).toEqual(expect.arrayContaining(['needs', 'whistles', 'bookings', 'projects', 'grants']));
  for (const op of ops) {
    for (const role of rolesOf(op).filter((r) => !shared(op, r))) {
      const params = fixtures.paramsFor(op, role)!;
      const answers = await Promise.all(cast.probers[role].map((p) => send(op, p.auth, params)));
      answers.forEach(({ status, body }, i) => {
        calls++;
        const who = `${op.id} as ${role} (${cast.probers[role][i].label})`;
        if (status >= 500) wrong.push(`${who}: ${status} ${body.code}`);
        else if (status < 300) wrong.push(`${who}: ${status}`);
        else if (status !== 403 && status !== 404) wrong.push(`${who}: ${status} ${body.code}`);
      });
    }
  }
  expect(wrong).toEqual([]);
  expect(calls).toBeGreaterThan(500);
  // The refused calls changed nothing, whatever they answered.
  const after = await snapshot();
  expect(Object.keys(after).filter((c) => after[c] !== before[c])).toEqual([]);

  // What is shared on purpose: never a server error.
  for (const op of ops)
    for (const role of rolesOf(op).filter((r) => shared(op, r))) {
      const answers = await Promise.all(cast.probers[role].map((p) => send(op, p.auth, fixtures.paramsFor(op, role)!)));
      for (const { status, body } of answers)
        if (status >= 500) wrong.push(`${op.id} as ${role}: ${status} ${body.code}`);
    }
  expect(wrong).toEqual([]);
}, 600_000);
