import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { WhistleReminderModel } from '../../cloud/src/whistles/whistle-reminder.model';
import { CHENGGUAN, HOUR, MINUTE, ZHUJIAN, blow, clockOf, deptWhistle, show, step, uid } from './whistles_support';

// 督办: a county or street administrator presses a running target. It is a timeline entry that
// changes no status, tells the responder and the level above them, and passes once per target per
// hour — held by a unique index on the hour, so two at once give one reminder and one refusal.
let t: TestApp;
const auth: Record<string, string> = {};

beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['staff', 'gridWorker', 'department', 'streetAdmin', 'countyAdmin']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

const remind = (who: string, id: string, targetId = ZHUJIAN, note?: string) =>
  t
    .http()
    .post(`/api/v1/whistles/${id}/targets/${targetId}/remind`)
    .set('Authorization', auth[who])
    .send(note ? { note } : {});

/** The 督办 messages about one whistle in a person's inbox, read through the API. */
async function reminders(who: string, whistleId: string): Promise<string[]> {
  const res = await t.http().get('/api/v1/me/notifications?pageSize=100').set('Authorization', auth[who]);
  expect(res.status).toBe(200);
  return res.body.items
    .filter((n: any) => n.kind === 'whistleReminded' && n.refs.whistleId === whistleId)
    .map((n: any) => n.text);
}

/** Moves the clock to one minute past the next full hour, so the steps that follow share an hour. */
async function startOfHour() {
  const clock = await clockOf(t);
  const now = clock.now().getTime();
  clock.advance(Math.ceil(now / HOUR) * HOUR - now + 60_000);
  return clock;
}

const gasLeak = () =>
  deptWhistle({ title: '粮站家属院燃气泄漏', urgency: 'urgent', description: '楼道燃气味很重，已疏散住户' });

test('the county admin’s 督办 is on the timeline, changes no status, and reaches the department', async () => {
  const w = await blow(t, auth.staff, gasLeak());
  (await clockOf(t)).advance(3 * HOUR); // past the 2-hour report limit: on the overdue list
  const before = (await show(t, auth.countyAdmin, w.id)).body;
  expect(before.targets[0]).toMatchObject({ status: 'pending', overdue: 'report', canRemind: true });

  const res = await remind('countyAdmin', w.id, ZHUJIAN, '燃气泄漏，请立即派人到场');
  expect(res.status).toBe(200);
  expect(res.body.targets[0]).toMatchObject({ status: 'pending', overdue: 'report' });
  const last = res.body.timeline.at(-1);
  expect(last).toMatchObject({
    action: 'remind',
    targetId: ZHUJIAN,
    from: 'pending',
    to: 'pending',
    actor: { name: '冯刚', role: 'countyAdmin' },
    note: '燃气泄漏，请立即派人到场',
  });
  // The department still reports as usual afterwards: the reminder took a seq of its own.
  expect((await step(t, auth.department, w.id, ZHUJIAN, 'report')).targets[0].status).toBe('reported');

  const told = await reminders('department', w.id);
  expect(told).toHaveLength(1);
  expect(told[0]).toContain('县级（冯刚）督办「粮站家属院燃气泄漏」');
  expect(told[0]).toContain('请尽快报到');
  expect(told[0]).toContain('督办意见：燃气泄漏，请立即派人到场');
  // The one who pressed is not told about their own 督办.
  expect(await reminders('countyAdmin', w.id)).toEqual([]);
});

test('a street admin’s 督办 tells the department and the county above it', async () => {
  const w = await blow(t, auth.gridWorker, gasLeak());
  expect((await remind('streetAdmin', w.id)).status).toBe(200);
  expect(await reminders('department', w.id)).toHaveLength(1);
  const county = await reminders('countyAdmin', w.id);
  expect(county).toHaveLength(1);
  expect(county[0]).toBe(
    '督办：街道（周洋）督办了县住房和城乡建设局负责的「粮站家属院燃气泄漏」（南门社区 南门第一网格），目前尚未报到',
  );
  expect(await reminders('streetAdmin', w.id)).toEqual([]);
});

test('once per target per hour: a repeat is refused in plain words, the next hour passes', async () => {
  const w = await blow(t, auth.staff, gasLeak());
  const clock = await startOfHour();
  expect((await remind('countyAdmin', w.id)).status).toBe(200);
  clock.advance(HOUR / 2);
  const again = await remind('streetAdmin', w.id);
  expect(again.status).toBe(409);
  expect(again.body.code).toBe('CONFLICT');
  expect(again.body.message).toMatch(/^这项任务这个小时内已经督办过了（\d\d:01），请在 \d\d:00 以后再督办$/);
  clock.advance(HOUR / 2);
  expect((await remind('streetAdmin', w.id)).status).toBe(200);
  const timeline = (await show(t, auth.countyAdmin, w.id)).body.timeline;
  expect(timeline.filter((e: any) => e.action === 'remind').map((e: any) => e.actor.role)).toEqual([
    'countyAdmin',
    'streetAdmin',
  ]);
  expect(await reminders('department', w.id)).toHaveLength(2);
});

test('two 督办 at the same moment: one passes, one is refused, one entry on the timeline', async () => {
  const w = await blow(t, auth.staff, gasLeak());
  await startOfHour();
  const statuses = (await Promise.all([remind('countyAdmin', w.id), remind('streetAdmin', w.id)]))
    .map((r) => r.status)
    .sort();
  expect(statuses).toEqual([200, 409]);
  const timeline = (await show(t, auth.countyAdmin, w.id)).body.timeline;
  expect(timeline.filter((e: any) => e.action === 'remind')).toHaveLength(1);
  expect(await reminders('department', w.id)).toHaveLength(1);
});

test('a 督办 whose process died after its claim is completed by the next press, not lost for the hour', async () => {
  const w = await blow(t, auth.staff, gasLeak());
  const clock = await startOfHour();
  const at = clock.now();
  // The claim alone, as a process that died right after inserting it leaves it.
  await t.db.model(WhistleReminderModel).create({
    whistleId: new Types.ObjectId(w.id),
    targetKey: `department:${ZHUJIAN}`,
    hour: Math.floor(at.getTime() / HOUR),
    actorId: new Types.ObjectId(uid('countyAdmin')),
    actorRole: 'countyAdmin',
    note: '请立即处置',
    at,
  });
  clock.advance(5 * MINUTE);
  const res = await remind('streetAdmin', w.id);
  expect(res.status).toBe(200);
  const entries = res.body.timeline.filter((e: any) => e.action === 'remind');
  expect(entries.map((e: any) => [e.actor.role, e.note])).toEqual([['countyAdmin', '请立即处置']]);
  expect(await reminders('department', w.id)).toHaveLength(1);
  // Now complete, the hour's 督办 stands: the next press is refused.
  expect((await remind('streetAdmin', w.id)).status).toBe(409);
});

test('refused: a finished target, another street, one’s own target; the page offers the button accordingly', async () => {
  const done = await blow(t, auth.staff, gasLeak());
  await step(t, auth.department, done.id, ZHUJIAN, 'report');
  await step(t, auth.department, done.id, ZHUJIAN, 'resolve');
  const finished = await remind('countyAdmin', done.id);
  expect([finished.status, finished.body.message]).toEqual([409, '这项任务已经办结，不需要督办']);
  expect((await show(t, auth.countyAdmin, done.id)).body.targets[0].canRemind).toBe(false);

  // 城关街道's own target on a 社区吹哨街道报到: its admin answers it and cannot 督办 it.
  const toStreet = await blow(t, auth.staff, {
    type: 'communityToStreet',
    title: '南门路口积水',
    urgency: 'urgent',
    description: '暴雨后路口积水，社区无法处置',
    targets: [{ kind: 'street', orgId: CHENGGUAN }],
  });
  const own = await remind('streetAdmin', toStreet.id, CHENGGUAN);
  expect([own.status, own.body.message]).toEqual([403, '不能督办自己负责的报到任务']);
  expect((await show(t, auth.streetAdmin, toStreet.id)).body.targets[0].canRemind).toBe(false);
  expect((await remind('countyAdmin', toStreet.id, CHENGGUAN)).status).toBe(200);

  const open = await blow(t, auth.staff, gasLeak());
  expect((await show(t, auth.streetAdmin, open.id)).body.targets[0].canRemind).toBe(true);
  // Those who may not 督办 see no button.
  expect((await show(t, auth.department, open.id)).body.targets[0].canRemind).toBe(false);
  expect((await show(t, auth.staff, open.id)).body.targets[0].canRemind).toBe(false);
  expect((await remind('countyAdmin', open.id, CHENGGUAN)).status).toBe(404);
  const long = await remind('countyAdmin', open.id, ZHUJIAN, '催'.repeat(201));
  expect([long.status, long.body.fields]).toEqual([400, [{ path: 'body.note', message: '督办意见最多 200 字' }]]);
});
