import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { WhistleEscalationModel } from '../../cloud/src/whistles/whistle-escalation.model';
import { WhistleModel } from '../../cloud/src/whistles/whistle.model';
import {
  HOUR,
  MINUTE,
  NANMEN,
  ZHUJIAN,
  blow,
  clockOf,
  deptWhistle,
  eventsOf,
  show,
  step,
  sweep,
  uid,
} from './whistles_support';

// 超时升级 driven by the Clock (no sleeping): one level per due step, up to the county, then it
// stays overdue; parallel sweeps escalate once; a sweep completes an escalation a dead process left.
let t: TestApp;
const auth: Record<string, string> = {};

beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['staff', 'department', 'partyMember', 'streetAdmin', 'countyAdmin']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

const advance = async (ms: number) => (await clockOf(t)).advance(ms);

/** Escalation notices about one whistle, per demo account. */
async function notices(whistleId: string) {
  const rows = await t.db
    .model(NotificationModel)
    .find({ kind: 'whistleEscalated', 'refs.whistleId': whistleId })
    .lean();
  const count = (account: string) => rows.filter((n) => String(n.userId) === uid(account)).length;
  return { total: rows.length, count };
}

const escalationsOf = (id: string) =>
  t.db
    .model(WhistleEscalationModel)
    .find({ whistleId: new Types.ObjectId(id) })
    .sort({ level: 1 })
    .lean();

function partyCall() {
  const start = new Date(Math.ceil((Date.now() + 30 * 24 * HOUR) / (15 * MINUTE)) * 15 * MINUTE);
  return {
    type: 'communityToPartyMembers',
    title: '防汛沙袋装运',
    urgency: 'emergency',
    category: 'security',
    description: '汛情紧急，召集在职党员装运沙袋',
    volunteerCall: {
      address: '南门社区党群服务中心',
      shift: { start: start.toISOString(), end: new Date(start.getTime() + 2 * HOUR).toISOString(), seats: 20 },
    },
  };
}

test('party members → street → county: one level per report limit, then it stays overdue at the top', async () => {
  const w = await blow(t, auth.staff, partyCall());
  expect(w.targets[0].limits.reportMinutes).toBe(30);

  // Not due yet: nothing happens.
  await advance(29 * MINUTE);
  await sweep(t);
  expect(await escalationsOf(w.id)).toHaveLength(0);

  // Past the report limit: level 1, the street; both sides told.
  await advance(2 * MINUTE);
  await sweep(t);
  let shown = (await show(t, auth.staff, w.id)).body;
  expect(shown.targets[0]).toMatchObject({
    status: 'pending',
    overdue: 'report',
    escalationLevel: 1,
    escalatedTo: 'street',
  });
  expect(shown.timeline.at(-1)).toMatchObject({
    action: 'escalate',
    from: 'pending',
    to: 'pending',
    level: 1,
    supervisor: 'street',
    actor: { id: null, role: 'system' },
  });
  let told = await notices(w.id);
  expect([
    told.count('streetAdmin'),
    told.count('partyMember'),
    told.count('staff'),
    told.count('countyAdmin'),
  ]).toEqual([1, 1, 1, 0]);

  // A second sweep in the same period does nothing more.
  await sweep(t);
  expect(await escalationsOf(w.id)).toHaveLength(1);

  // One more report limit: level 2, the county (the top).
  await advance(30 * MINUTE);
  await sweep(t);
  shown = (await show(t, auth.staff, w.id)).body;
  expect(shown.targets[0]).toMatchObject({ escalationLevel: 2, escalatedTo: 'county', overdue: 'report' });
  told = await notices(w.id);
  expect(told.count('countyAdmin')).toBe(1);
  expect(told.count('partyMember')).toBe(2);

  // Above the county there is nothing: days later it is still overdue, escalated twice.
  await advance(3 * 24 * HOUR);
  await sweep(t);
  await sweep(t);
  const records = await escalationsOf(w.id);
  expect(records.map((r) => [r.level, r.supervisor, r.doneAt !== null])).toEqual([
    [1, 'street', true],
    [2, 'county', true],
  ]);
  const stored = await t.db.model(WhistleModel).findById(w.id).lean();
  expect(stored!.nextEscalationAt.getUTCFullYear()).toBe(9999);
  const overdue = await t.http().get('/api/v1/whistles?overdue=true').set('Authorization', auth.staff);
  expect(overdue.body.items.map((x: any) => x.id)).toContain(w.id);

  // Reporting late is still possible, and counts as late.
  const late = await step(t, auth.partyMember, w.id, NANMEN, 'report');
  expect(late.targets[0]).toMatchObject({ status: 'reported', reportedLate: true, escalationLevel: 2 });
  expect((await eventsOf(t, w.id)).map((e) => [e.seq, e.action])).toEqual([
    [1, 'blow'],
    [2, 'escalate'],
    [3, 'escalate'],
    [4, 'report'],
  ]);
});

test('a department escalates once, to the county, and stays overdue; a target that reported in time never escalates', async () => {
  const w = await blow(t, auth.staff, deptWhistle());
  const onTime = await blow(t, auth.staff, deptWhistle({ title: '按时报到的哨' }));
  await step(t, auth.department, onTime.id, ZHUJIAN, 'report');

  await advance(2 * HOUR + MINUTE);
  await sweep(t);
  await advance(10 * 24 * HOUR);
  await sweep(t);

  expect((await escalationsOf(w.id)).map((r) => [r.level, r.supervisor])).toEqual([[1, 'county']]);
  expect(await escalationsOf(onTime.id)).toHaveLength(0);
  const told = await notices(w.id);
  expect([told.count('countyAdmin'), told.count('department'), told.count('staff'), told.count('streetAdmin')]).toEqual(
    [1, 1, 1, 0],
  );
  const shown = (await show(t, auth.department, w.id)).body;
  expect(shown.targets[0]).toMatchObject({ escalationLevel: 1, escalatedTo: 'county', overdue: 'report' });
  // The one that reported in time is overdue on resolution now (10 days > 24 h), but that does not escalate.
  expect((await show(t, auth.department, onTime.id)).body.targets[0]).toMatchObject({
    escalationLevel: 0,
    overdue: 'resolve',
  });
});

test('several sweeps at once (several API instances): each step is escalated exactly once', async () => {
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push((await blow(t, auth.staff, deptWhistle({ title: `并发升级${i}` }))).id);
  await advance(2 * HOUR + MINUTE);
  await Promise.all(Array.from({ length: 6 }, () => sweep(t)));

  for (const id of ids) {
    const records = await escalationsOf(id);
    expect(records.map((r) => [r.level, r.doneAt !== null])).toEqual([[1, true]]);
    const escalate = (await eventsOf(t, id)).filter((e) => e.action === 'escalate');
    expect(escalate).toHaveLength(1);
    const told = await notices(id);
    expect([told.count('countyAdmin'), told.count('department'), told.count('staff')]).toEqual([1, 1, 1]);
    expect((await show(t, auth.staff, id)).body.targets[0].escalationLevel).toBe(1);
  }
});

test('restart in the middle: a claimed step whose follow-up never ran is completed by the next sweep, exactly once', async () => {
  const w = await blow(t, auth.staff, deptWhistle({ title: '进程中断的升级' }));
  await advance(2 * HOUR + MINUTE);
  const heldAt = (await clockOf(t)).now();
  // As if a process inserted its claim and died right after.
  await t.db.model(WhistleEscalationModel).create({
    whistleId: new Types.ObjectId(w.id),
    targetKey: `department:${ZHUJIAN}`,
    level: 1,
    supervisor: 'county',
    heldAt,
    doneAt: null,
  });
  expect((await eventsOf(t, w.id)).map((e) => e.action)).toEqual(['blow']);

  await advance(5 * MINUTE);
  await sweep(t);
  const events = await eventsOf(t, w.id);
  expect(events.map((e) => [e.action, e.level])).toEqual([
    ['blow', null],
    ['escalate', 1],
  ]);
  // The timeline keeps the time the step was claimed, not the time it was completed.
  expect(events[1].at.getTime()).toBe(heldAt.getTime());
  const [record] = await escalationsOf(w.id);
  expect(record.doneAt).not.toBeNull();
  let told = await notices(w.id);
  expect([told.total, told.count('countyAdmin'), told.count('department'), told.count('staff')]).toEqual([3, 1, 1, 1]);

  // More sweeps, in parallel too: nothing is repeated.
  await Promise.all([sweep(t), sweep(t), sweep(t)]);
  expect((await eventsOf(t, w.id)).filter((e) => e.action === 'escalate')).toHaveLength(1);
  told = await notices(w.id);
  expect(told.total).toBe(3);
  expect(await escalationsOf(w.id)).toHaveLength(1);
});

test('restart after the event but before the notices: the next sweep sends each notice once and writes no second event', async () => {
  const w = await blow(t, auth.staff, deptWhistle({ title: '通知前中断的升级' }));
  await advance(2 * HOUR + MINUTE);
  await sweep(t);
  // Undo what came after the event, as if the process died between the event and the notices.
  await t.db.model(NotificationModel).deleteMany({ kind: 'whistleEscalated', 'refs.whistleId': w.id });
  await t.db
    .model(WhistleEscalationModel)
    .updateOne({ whistleId: new Types.ObjectId(w.id) }, { $set: { doneAt: null } });

  await sweep(t);
  await sweep(t);
  expect((await eventsOf(t, w.id)).filter((e) => e.action === 'escalate')).toHaveLength(1);
  const told = await notices(w.id);
  expect([told.total, told.count('countyAdmin')]).toEqual([3, 1]);
  expect((await escalationsOf(w.id))[0].doneAt).not.toBeNull();
});
