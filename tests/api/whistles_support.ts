import { Types } from 'mongoose';
import { isGrantRole, type Role } from '@gongzhi/shared';
import type { TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { Tokens } from '../../cloud/src/core/tokens';
import { GrantsService } from '../../cloud/src/grants/grants.service';
import { UserModel } from '../../cloud/src/people/user.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { WhistleEscalations } from '../../cloud/src/whistles/whistle-escalation.service';
import { WhistleEventModel } from '../../cloud/src/whistles/whistle-event.model';

// Shared by the whistles_* and stats_* test files: demo ids, extra officials, request helpers, the clock.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const CHENGGUAN = String(seedId('org:street:chengguan'));
export const XINCHENG = String(seedId('org:street:xincheng'));
export const NANMEN = String(seedId('org:community:nanmen'));
export const BEIJIE = String(seedId('org:community:beijie'));
export const XISHAN = String(seedId('org:community:xishan'));
export const GRID1 = String(seedId('org:grid:nanmen:0'));
export const GRID2 = String(seedId('org:grid:nanmen:1'));
export const NANMEN_COMPLEX = String(seedId('org:complex:nanmen:南门小区'));
export const XISHAN_COMPLEX = String(seedId('org:complex:xishan:西山营小区'));
/** The demo `department` account's department. */
export const ZHUJIAN = String(seedId('org:department:县住房和城乡建设局'));
export const CHENGGUAN_DEPT = String(seedId('org:department:县城市管理局'));
export const WEIJIAN = String(seedId('org:department:县卫生健康局'));
export const uid = (account: string) => String(seedId(`user:${account}`));

/**
 * An extra official signed in by token (the demo county has one department account and one street
 * admin): `orgId` is their department or street.
 */
export async function official(t: TestApp, role: Role, orgId: string, name: string, communityId: string | null = null) {
  const ctx = t.app.getApplicationContext();
  const [tokens, grants] = [await ctx.getAsync(Tokens), await ctx.getAsync(GrantsService)];
  const _id = new Types.ObjectId();
  const member = !isGrantRole(role);
  await t.db.model(UserModel).create({
    _id,
    name,
    roles: member ? [role] : [],
    phone: null,
    orgId: member ? new Types.ObjectId(orgId) : null,
    communityId: member && communityId ? new Types.ObjectId(communityId) : null,
    createdAt: new Date(),
  });
  if (!member) await grants.grantRole({ personId: _id, role, placeId: orgId, grantedBy: null });
  const { token } = tokens.issue({ userId: String(_id), sessionId: null });
  return { id: String(_id), auth: `Bearer ${token}` };
}

/** A 政务吹哨部门报到 from the caller's community (or grid) to the demo department. */
export function deptWhistle(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'govToDepartment',
    title: '南门小区化粪池外溢',
    urgency: 'urgent',
    category: 'sanitation',
    description: '化粪池堵塞外溢，社区无法疏通',
    targets: [{ kind: 'department', orgId: ZHUJIAN }],
    ...extra,
  };
}

export async function blow(t: TestApp, auth: string, body: Record<string, unknown> = deptWhistle()) {
  const res = await t.http().post('/api/v1/whistles').set('Authorization', auth).send(body);
  if (res.status !== 200) throw new Error(`blowWhistle: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string } & Record<string, any>;
}

export function act(
  t: TestApp,
  auth: string,
  id: string,
  targetId: string,
  action: 'report' | 'resolve' | 'confirm' | 'send-back',
  body: Record<string, unknown> = {},
) {
  const defaults: Record<string, Record<string, unknown>> = {
    report: {},
    resolve: { result: '已到现场处置完毕' },
    confirm: { satisfaction: 5 },
    'send-back': { reason: '问题没有解决' },
  };
  return t
    .http()
    .post(`/api/v1/whistles/${id}/targets/${targetId}/${action}`)
    .set('Authorization', auth)
    .send({ ...defaults[action], ...body });
}

/** Like act, failing the test on anything but 200. */
export async function step(...args: Parameters<typeof act>) {
  const res = await act(...args);
  if (res.status !== 200) throw new Error(`${args[4]}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

export function show(t: TestApp, auth: string, id: string) {
  return t.http().get(`/api/v1/whistles/${id}`).set('Authorization', auth);
}

export async function clockOf(t: TestApp): Promise<Clock> {
  return t.app.getApplicationContext().getAsync(Clock);
}

/** One deadline sweep at the app's current "now". */
export async function sweep(t: TestApp) {
  const escalations = await t.app.getApplicationContext().getAsync(WhistleEscalations);
  return escalations.sweepOverdue((await clockOf(t)).now());
}

export function eventsOf(t: TestApp, id: string) {
  return t.db
    .model(WhistleEventModel)
    .find({ whistleId: new Types.ObjectId(id) })
    .sort({ targetKey: 1, seq: 1 })
    .lean();
}
