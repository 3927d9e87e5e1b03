import { startApp, type TestApp } from '../support/app';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { legalOrder } from './needs_support';

// What a resident types reaches the database as text people can read: zero-width characters alone
// are no description, an unpaired surrogate (which a store would silently turn into "�") is refused,
// and invisible characters inside real text are dropped.
let t: TestApp;
let resident: string;
beforeAll(async () => {
  t = await startApp(__filename);
  resident = await t.signIn('resident');
});
afterAll(() => t.close());

const post = (body: Record<string, unknown>) =>
  t.http().post('/api/v1/needs').set('Authorization', resident).send(body);

test('a description of zero-width characters is refused as empty, and nothing is stored', async () => {
  const before = await t.db.model(NeedModel).countDocuments();
  const res = await post(legalOrder({ description: '\u200B\u200D\uFEFF\u2060' }));
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(res.body.fields.map((f: { path: string }) => f.path)).toContain('body.description');
  expect(await t.db.model(NeedModel).countDocuments()).toBe(before);
});

test('an unpaired surrogate is refused with 400 and the field, not replaced', async () => {
  const before = await t.db.model(NeedModel).countDocuments();
  const res = await post(legalOrder({ description: '墙面开裂\uD83D，想咨询' }));
  expect(res.status).toBe(400);
  expect(res.body.fields).toEqual([{ path: 'body.description', message: '包含无法识别的字符，请重新输入' }]);
  expect(await t.db.model(NeedModel).countDocuments()).toBe(before);
});

test('invisible characters inside a real description are dropped; an emoji stays whole', async () => {
  const res = await post(legalOrder({ description: '\u202E墙面\u200B开裂了👨\u200D👩\u200D👧' }));
  expect(res.status).toBe(200);
  const need = await t.db.model(NeedModel).findById(res.body.id).lean();
  expect(need!.description).toBe('墙面开裂了👨\u200D👩\u200D👧');
});
