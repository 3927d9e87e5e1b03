// The attack suite's resources: each made through the API by the account that owns it in 南门社区
// (or, for what the county's import makes — rosters, branches, teams, org nodes — taken from the demo
// county). `paramsFor` fills an endpoint's path from them, per role where the owner differs by role.
import { Types } from 'mongoose';
import type { Endpoint, Role } from '@gongzhi/shared';
import type { TestApp } from '../support/app';
import { Notifier } from '../../cloud/src/notifications/notifier';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { BranchModel } from '../../cloud/src/party/branch.model';
import { PartyMemberModel } from '../../cloud/src/party/party-member.model';
import { StaffMemberModel } from '../../cloud/src/people/staff-member.model';
import { GridMemberModel } from '../../cloud/src/grids/grid-member.model';
import { ServiceRecordModel } from '../../cloud/src/activities/attendance.model';
import { GrantModel } from '../../cloud/src/grants/grant.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { chinaAt, claim, clockOf, newActivity, newShift, setNow } from './activities_support';
import type { Cast } from './attack_cast';
import { logPatrol, patrolBody } from './grids_support';
import { commitAndWait, dryRun, residentRows, xlsxOf } from './imports_support';
import { dispatchedToLiu } from './needs_service_person_support';
import { PNG, upload } from './needs_support';
import { grant, newItem, redeem } from './points_support';
import { createProject, orderCleanup } from './projects_support';
import { ROOM, HEALTH, at, dayAhead } from './resources_support';
import { HELPING_HAND, NANMEN_STATION } from './teams_support';
import { blow, deptWhistle } from './whistles_support';

const id = (key: string) => String(seedId(key));
const NANMEN = id('org:community:nanmen');
const CHENGGUAN = id('org:street:chengguan');
const HOSPITAL = id('unit:县人民医院');
const ZHUJIAN = id('org:department:县住房和城乡建设局');

type Params = Record<string, string>;
/** An endpoint's path parameters for a caller of `role`, or why it has no object to probe. */
export type Fill = (role: Role) => Params;

async function ok<T = any>(what: string, res: { status: number; body: any }): Promise<T> {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export async function fixturesOf(t: TestApp, cast: Cast) {
  const o = cast.owner;
  const post = (auth: string, url: string, body: unknown = {}) =>
    t
      .http()
      .post(url)
      .set('Authorization', auth)
      .send(body as object);
  const get = (auth: string, url: string) => t.http().get(url).set('Authorization', auth);

  // 点单: 张秀兰's order, accepted by 南门's staff and dispatched to the lawyer 刘明.
  const need = await dispatchedToLiu(t, o.resident, o.staff);
  const photo = (await ok<{ id: string }>('upload', await upload(t, o.resident, PNG))).id;

  // 场地预约: 张秀兰 books 南门's room; the hospital's health room is the unit's.
  const booking = await ok<{ id: string }>(
    'booking',
    await post(o.resident, '/api/v1/bookings', {
      resourceId: ROOM,
      start: at(dayAhead(30), '19:00'),
      purpose: '合唱团排练',
      attendees: 20,
    }),
  );

  // 活动: 南门's activity with a shift 王志强 claimed; an hour later it is over and confirmed.
  const activity = await newActivity(t, o.staff, { title: '攻击测试·文明劝导' });
  const shift = await newShift(t, o.staff, activity, { start: chinaAt(2, 9), end: chinaAt(2, 11), seats: 5 });
  await ok('claim', await claim(t, o.volunteer, shift));
  const doneShift = await newShift(t, o.staff, activity, { start: chinaAt(1, 9), end: chinaAt(1, 11), seats: 5 });
  await ok('claim', await claim(t, o.volunteer, doneShift));
  await setNow(t, chinaAt(1, 12));
  await ok(
    'confirm-hours',
    await post(o.staff, `/api/v1/shifts/${doneShift}/confirm-hours`, {
      personId: id('user:volunteer'),
      minutes: 120,
    }),
  );
  (await clockOf(t)).offsetMs = 0;
  const record = await t.db
    .model(ServiceRecordModel)
    .findOne({ personId: new Types.ObjectId(id('user:volunteer')) })
    .lean();
  const certificate = await ok<{ code: string }>('certificate', await post(o.volunteer, '/api/v1/me/certificates'));

  // 项目: 南门's project, the hospital responsible, with a milestone and a linked need.
  const project = await createProject(t, o.staff, { responsibleUnitIds: [HOSPITAL] });
  const milestone = await ok<{ id: string }>(
    'milestone',
    await post(o.staff, `/api/v1/projects/${project.id}/milestones`, { title: '摸排楼道堆物', due: dayAhead(20) }),
  );
  const linked = await orderCleanup(t, o.resident);
  await post(o.staff, `/api/v1/projects/${project.id}/needs`, { needIds: [linked] });

  // 吹哨: to the department, to the street, to the community's party members.
  const deptW = await blow(t, o.gridWorker, deptWhistle({ title: '攻击测试·化粪池外溢' }));
  const streetW = await blow(t, o.gridWorker, {
    type: 'communityToStreet',
    title: '攻击测试·路灯不亮',
    description: '6 盏路灯不亮一周，社区协调不动',
    category: 'facilities',
    placeId: id('org:complex:nanmen:南门小区'),
  });
  const partyW = await blow(t, o.staff, {
    type: 'communityToPartyMembers',
    title: '攻击测试·积水清淤',
    category: 'sanitation',
    description: '召集在职党员清淤',
    volunteerCall: { address: '南门小区东门', shift: { start: chinaAt(3, 9), end: chinaAt(3, 12), seats: 10 } },
  });

  // 巡查: 赵敏's patrol with one finding.
  const patrol = await logPatrol(
    t,
    o.gridWorker,
    await patrolBody(t, {
      findings: [
        { category: 'sanitation', description: '楼道堆放纸箱', placeId: id('org:building:nanmen:南门小区:1') },
      ],
    }),
  );

  const notice = await ok<{ id: string }>(
    'notice',
    await post(o.staff, '/api/v1/notices', { title: '攻击测试·停水通知', body: '明天上午停水。' }),
  );
  const menuItem = await ok<{ id: string }>(
    'menu item',
    await post(o.staff, '/api/v1/menu/items', {
      categoryCode: 'elderCare',
      name: '攻击测试·助浴',
      summary: '上门助浴',
      description: '由护理员上门助浴。',
      resourceKinds: ['volunteer'],
      timeLimits: { acceptHours: 24, completeHours: 72 },
      fields: [],
    }),
  );

  await (await t.get(Notifier)).notify([seedId('user:resident')], 'test', '攻击测试通知');
  const notification = await t.db
    .model(NotificationModel)
    .findOne({ userId: seedId('user:resident') })
    .lean();

  // 积分兑换: 南门's shop item, redeemed by 王志强.
  const item = await newItem(t, o.staff, { name: '攻击测试·购物袋' });
  await grant(t, id('user:volunteer'), 100);
  const redemption = await ok<{ id: string }>('redeem', await redeem(t, o.volunteer, item.id));

  // 团队: 王志强 asks to join 南门's 邻里互助队.
  await post(o.volunteer, `/api/v1/teams/${HELPING_HAND}/join`, { note: '想参加' });

  // 授权: 南门's staff invite a grid worker; a WeChat person accepts.
  const invitation = await ok<{ id: string; code: string }>(
    'invite',
    await post(o.staff, '/api/v1/invitations', {
      role: 'gridWorker',
      placeId: id('org:grid:nanmen:1'),
      note: '攻击测试',
    }),
  );
  const grid = id('org:grid:nanmen:0');
  const gridGrant = await t.db
    .model(GrantModel)
    .findOne({ personId: seedId('user:gridWorker') })
    .lean();
  const gridMember = await t.db
    .model(GridMemberModel)
    .findOne({ gridId: new Types.ObjectId(grid) })
    .lean();

  // 扫码登录: a browser's ticket, scanned by 张秀兰; a second one she confirmed (her session).
  const ticket = await ok<{ id: string; secret: string }>('ticket', await t.http().post('/api/v1/auth/qr-tickets'));
  await post(o.resident, `/api/v1/auth/qr-tickets/${ticket.id}/scan`);
  const signedIn = await ok<{ id: string; secret: string }>('ticket', await t.http().post('/api/v1/auth/qr-tickets'));
  await post(o.resident, `/api/v1/auth/qr-tickets/${signedIn.id}/scan`);
  await post(o.resident, `/api/v1/auth/qr-tickets/${signedIn.id}/confirm`);
  await t.http().get(`/api/v1/auth/qr-tickets/${signedIn.id}?secret=${signedIn.secret}`);
  const sessions = await ok<{ items: { id: string }[] }>('sessions', await get(o.resident, '/api/v1/me/sessions'));

  // 名册导入: a dry run of 南门's residents.
  const file = await ok<{ fileId: string }>(
    'dry run',
    await dryRun(t, o.staff, 'residents', await xlsxOf('residents', residentRows(2))),
  );
  const { job } = await commitAndWait(t, o.staff, 'residents', file.fileId);

  const branch = await t.db
    .model(BranchModel)
    .findOne({ placeId: new Types.ObjectId(NANMEN) })
    .lean();
  const member = await t.db
    .model(PartyMemberModel)
    .findOne({ placeId: new Types.ObjectId(NANMEN) })
    .lean();
  const staffRow = await t.db
    .model(StaffMemberModel)
    .findOne({ placeId: new Types.ObjectId(NANMEN) })
    .lean();
  for (const [what, x] of Object.entries({ record, notification, gridMember, gridGrant, branch, member, staffRow }))
    if (!x) throw new Error(`attack fixtures: no ${what}`);

  const whistleFor = (role: Role) =>
    role === 'streetAdmin'
      ? { id: streetW.id, targetId: CHENGGUAN }
      : role === 'partyMember'
        ? { id: partyW.id, targetId: NANMEN }
        : { id: deptW.id, targetId: ZHUJIAN };

  /** Path parameter fills by path prefix: the first match wins. */
  const fills: [RegExp, Fill][] = [
    [/^\/auth\/qr-tickets\//, () => ({ id: ticket.id })],
    [/^\/me\/sessions\//, () => ({ id: sessions.items[0].id })],
    [/^\/menu\/items\//, () => ({ id: menuItem.id })],
    [/^\/needs\//, () => ({ id: need })],
    [/^\/uploads\//, () => ({ id: photo })],
    [/^\/bookings\//, () => ({ id: booking.id })],
    [/^\/resources\//, (r) => ({ id: r === 'unitAdmin' ? HEALTH : ROOM })],
    [/^\/activities\//, () => ({ id: activity })],
    [/^\/shifts\/:id\/confirm-hours/, () => ({ id: doneShift })],
    [/^\/shifts\//, () => ({ id: shift })],
    [/^\/projects\//, () => ({ id: project.id, milestoneId: milestone.id, needId: linked })],
    [/^\/me\/notifications\//, () => ({ id: String(notification!._id) })],
    [/^\/grids\//, () => ({ id: grid })],
    [/^\/grid-members\//, () => ({ id: String(gridMember!._id) })],
    [/^\/patrols\//, () => ({ id: patrol.id })],
    [/^\/patrol-findings\//, () => ({ id: patrol.findings[0].id })],
    [/^\/whistles\//, whistleFor],
    [/^\/notices\//, () => ({ id: notice.id })],
    [/^\/certificates\//, () => ({ code: certificate.code })],
    [/^\/me\/certificates\//, () => ({ code: certificate.code })],
    [/^\/service-records\//, () => ({ id: String(record!._id) })],
    [/^\/star-thresholds\//, (r) => ({ orgId: r === 'streetAdmin' ? CHENGGUAN : NANMEN })],
    [/^\/points\/ranking\/branches\//, () => ({ id: String(branch!._id) })],
    [/^\/shop\/redemptions\//, () => ({ id: redemption.id })],
    [/^\/shop\/items\//, () => ({ id: item.id })],
    [/^\/party\/report-back\//, () => ({ unitId: HOSPITAL })],
    [/^\/party\/branches\//, () => ({ id: String(branch!._id) })],
    [/^\/party\/members\//, () => ({ id: String(member!._id) })],
    [/^\/imports\/jobs\//, () => ({ id: job.id })],
    [/^\/teams\//, () => ({ id: HELPING_HAND, personId: id('user:volunteer') })],
    [/^\/stations\//, () => ({ id: NANMEN_STATION })],
    [/^\/join\/communities\//, () => ({ id: NANMEN })],
    [/^\/invitations\/by-code\//, () => ({ code: invitation.code })],
    [/^\/invitations\//, () => ({ id: invitation.id })],
    [/^\/grants\//, () => ({ id: String(gridGrant!._id) })],
    [/^\/rosters\/complexes\//, () => ({ id: id('org:complex:nanmen:南门小区') })],
    [/^\/rosters\/party-members\//, () => ({ id: String(member!._id) })],
    [/^\/rosters\/staff\//, () => ({ id: String(staffRow!._id) })],
    [/^\/rosters\/volunteers\//, () => ({ id: id('user:volunteer') })],
    [/^\/org\/nodes\//, () => ({ id: NANMEN })],
    [/^\/org\/units\//, () => ({ id: HOSPITAL })],
  ];

  /**
   * Query strings: the owner's real ones, and a prober's — who never saw the ticket's secret or the
   * upload's signature, and so makes them up.
   */
  const queries: Record<string, (owner: boolean) => Record<string, string>> = {
    pollLoginTicket: (owner) => ({ secret: owner ? ticket.secret : 'x'.repeat(40) }),
    getUploadForCheck: () => ({ expires: String(Date.now() + 600_000), sig: 'a'.repeat(64) }),
    getFreeSlots: () => ({ date: dayAhead(30) }),
    exportUnitReport: () => ({ year: String(new Date().getFullYear()) }),
    unhideMenuItem: () => ({ communityId: NANMEN }),
  };
  const bodies: Record<string, object> = { hideMenuItem: { communityId: NANMEN } };

  return {
    queryFor: (op: Endpoint, owner: boolean) => queries[op.id]?.(owner) ?? {},
    bodyFor: (op: Endpoint) => bodies[op.id] ?? (op.example as object) ?? {},
    /** The path parameters of `op` for a caller of `role`; undefined when the suite has no fill for it. */
    paramsFor(op: Endpoint, role: Role): Params | undefined {
      const path = op.path.replace(/^\/api\/v1/, '');
      const fill = fills.find(([re]) => re.test(path));
      return fill?.[1](role);
    },
  };
}
