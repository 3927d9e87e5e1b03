import { startApp, type TestApp } from '../support/app';
import { blow, deptWhistle } from './whistles_support';

// Time limits: built-in defaults, a type's default rule, a type + category rule; a whistle keeps
// the limits it was blown with.
let t: TestApp;
let county: string;
let staff: string;

beforeAll(async () => {
  t = await startApp(__filename);
  county = await t.signIn('countyAdmin');
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

const table = (report: number, resolve: number) => ({
  emergency: { reportMinutes: report, resolveMinutes: resolve },
  urgent: { reportMinutes: report * 2, resolveMinutes: resolve * 2 },
  normal: { reportMinutes: report * 4, resolveMinutes: resolve * 4 },
});
const put = (type: string, category: string, body: unknown) =>
  t.http().put(`/api/v1/whistle-rules/${type}/${category}`).set('Authorization', county).send(body);

const limitsOf = async (extra: Record<string, unknown>) => (await blow(t, staff, deptWhistle(extra))).targets[0].limits;

test('defaults: emergency 30 min / 2 h, urgent 2 h / 24 h, normal 24 h / 7 days', async () => {
  expect(await limitsOf({ urgency: 'emergency' })).toEqual({ reportMinutes: 30, resolveMinutes: 120 });
  expect(await limitsOf({ urgency: 'urgent' })).toEqual({ reportMinutes: 120, resolveMinutes: 1440 });
  expect(await limitsOf({ urgency: 'normal' })).toEqual({ reportMinutes: 1440, resolveMinutes: 10080 });
  const rules = await t.http().get('/api/v1/whistle-rules').set('Authorization', county);
  expect(rules.body).toMatchObject({ items: [], total: 0, defaults: { emergency: { reportMinutes: 30 } } });
});

test('a type rule, then a type + category rule that wins over it; running whistles keep their limits', async () => {
  const before = await blow(t, staff, deptWhistle({ urgency: 'urgent', category: 'security' }));

  const typeRule = await put('govToDepartment', 'default', { limits: table(20, 100) });
  expect(typeRule.status).toBe(200);
  expect(typeRule.body).toMatchObject({ type: 'govToDepartment', category: 'default', updatedBy: { name: '冯刚' } });
  expect(await limitsOf({ urgency: 'urgent', category: 'sanitation' })).toEqual({
    reportMinutes: 40,
    resolveMinutes: 200,
  });

  await put('govToDepartment', 'security', { limits: table(10, 60) });
  expect(await limitsOf({ urgency: 'emergency', category: 'security' })).toEqual({
    reportMinutes: 10,
    resolveMinutes: 60,
  });
  expect(await limitsOf({ urgency: 'emergency', category: 'sanitation' })).toEqual({
    reportMinutes: 20,
    resolveMinutes: 100,
  });
  // Another type is untouched.
  const street = await blow(t, staff, {
    type: 'communityToStreet',
    title: '路灯',
    description: '不亮',
    urgency: 'emergency',
  });
  expect(street.targets[0].limits).toEqual({ reportMinutes: 30, resolveMinutes: 120 });

  // Editing again replaces it; the whistle blown before the rules still has the built-in limits.
  await put('govToDepartment', 'security', { limits: table(15, 60) });
  expect(await limitsOf({ urgency: 'emergency', category: 'security' })).toEqual({
    reportMinutes: 15,
    resolveMinutes: 60,
  });
  const old = await t.http().get(`/api/v1/whistles/${before.id}`).set('Authorization', staff);
  expect(old.body.targets[0].limits).toEqual({ reportMinutes: 120, resolveMinutes: 1440 });

  const list = await t.http().get('/api/v1/whistle-rules').set('Authorization', county);
  expect(list.body.items.map((r: any) => [r.type, r.category, r.limits.emergency.reportMinutes])).toEqual([
    ['govToDepartment', 'default', 20],
    ['govToDepartment', 'security', 15],
  ]);
});

test('bad rules are refused field by field', async () => {
  const shorter = await put('govToDepartment', 'default', {
    limits: { ...table(20, 100), urgent: { reportMinutes: 120, resolveMinutes: 60 } },
  });
  expect(shorter.status).toBe(400);
  expect(shorter.body.fields).toEqual([
    { path: 'body.limits.urgent.resolveMinutes', message: '办结时限不能短于报到时限' },
  ]);
  const tiny = await put('govToDepartment', 'default', { limits: table(1, 100) });
  expect(tiny.body.fields[0]).toEqual({ path: 'body.limits.emergency.reportMinutes', message: '时限不能少于 5 分钟' });
  const missing = await put('govToDepartment', 'default', {
    limits: { emergency: { reportMinutes: 30, resolveMinutes: 60 } },
  });
  expect(missing.body.fields.map((f: any) => f.path)).toEqual(['body.limits.urgent', 'body.limits.normal']);
  expect((await put('noSuchType', 'default', { limits: table(20, 100) })).status).toBe(400);
  expect((await put('govToDepartment', 'noSuch', { limits: table(20, 100) })).status).toBe(400);
  const extra = await put('govToDepartment', 'default', { limits: table(20, 100), note: 'x' });
  expect(extra.body.fields).toEqual([{ path: 'body', message: '不允许的字段：note' }]);
});
