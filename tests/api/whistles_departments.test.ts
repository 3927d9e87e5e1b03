import { startApp, type TestApp } from '../support/app';
import { CHENGGUAN_DEPT, WEIJIAN, ZHUJIAN } from './whistles_support';

// The departments a whistle may go to: for whoever may blow one.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

const list = (auth?: string) => {
  const req = t.http().get('/api/v1/whistle-departments');
  return auth ? req.set('Authorization', auth) : req;
};

test.each(['staff', 'gridWorker', 'streetAdmin', 'countyAdmin'])(
  '%s lists the county departments by name',
  async (a) => {
    const res = await list(await t.signIn(a));
    expect(res.status).toBe(200);
    const ids = res.body.items.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining([ZHUJIAN, CHENGGUAN_DEPT, WEIJIAN]));
    expect(res.body.items.find((d: { id: string }) => d.id === ZHUJIAN).name).toBe('县住房和城乡建设局');
    // Departments only: no street or community sneaks in.
    expect(res.body.items.every((d: { name: string }) => /局|委|办|部|院|队|所|中心/.test(d.name))).toBe(true);
  },
);

test.each(['resident', 'volunteer', 'partyMember', 'department', 'unitAdmin'])('%s may not', async (a) => {
  const res = await list(await t.signIn(a));
  expect(res.status).toBe(403);
  expect(res.body.code).toBe('FORBIDDEN');
});

test('anonymous callers are asked to sign in', async () => {
  expect((await list()).status).toBe(401);
});
