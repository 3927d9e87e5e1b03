import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// Party rosters are for 党务 staff only: other roles, and staff without the duty (孙丽), get 403;
// holders of the duty see only their own community (staff) or street (street admin).
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const nanmenMember = String(seedId('partyMember:0'));
const xishanMember = String(seedId('partyMember:170')); // 南门 105 + 北街 60 → 西山 starts at 165
const registration = String(seedId('registration:0'));
const unit = String(seedId('unit:县人民医院'));
const year = new Date().getFullYear();

const staffEndpoints = (): [string, string, object?][] => [
  ['get', '/api/v1/party/branches'],
  ['get', '/api/v1/party/members'],
  ['get', `/api/v1/party/members/${nanmenMember}`],
  ['post', `/api/v1/party/members/${nanmenMember}/reveal`, {}],
  ['post', `/api/v1/party/members/${nanmenMember}/category`, { category: 'B', reason: '长期卧病在床' }],
  ['get', `/api/v1/party/registrations?year=${year}`],
  ['post', '/api/v1/party/evaluations', { registrationId: registration, year, rating: 'good', comment: '表现良好' }],
  ['get', `/api/v1/party/report-back/units?year=${year}`],
  ['get', `/api/v1/party/report-back/${unit}/workbook?year=${year}`],
];

async function call(auth: string, [method, path, body]: [string, string, object?]) {
  const http = t.http();
  const req = method === 'get' ? http.get(path) : http.post(path);
  req.set('Authorization', auth);
  return body ? req.send(body) : req;
}

test.each(['resident', 'volunteer', 'partyMember', 'gridWorker', 'department', 'unitAdmin', 'staff2'])(
  '%s is refused every staff endpoint of the party area',
  async (account) => {
    const auth = await t.signIn(account);
    for (const e of staffEndpoints()) {
      const res = await call(auth, e);
      expect([e[1], res.status]).toEqual([e[1], 403]);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  },
);

test.each(['staff', 'streetAdmin', 'countyAdmin'])(
  '%s (with the 党务 duty) may call every staff endpoint',
  async (account) => {
    const auth = await t.signIn(account);
    for (const e of staffEndpoints()) {
      const res = await call(auth, e);
      expect([e[1], res.status]).toEqual([e[1], 200]);
    }
  },
);

test('党务 staff see only their own community; a street admin only their street', async () => {
  const staff = await t.signIn('staff');
  expect((await t.http().get(`/api/v1/party/members/${xishanMember}`).set('Authorization', staff)).status).toBe(404);
  const street = await t.signIn('streetAdmin'); // 城关街道: 南门, 北街, 土桥
  expect((await t.http().get(`/api/v1/party/members/${xishanMember}`).set('Authorization', street)).status).toBe(404);
  const list = await t.http().get('/api/v1/party/members?pageSize=1').set('Authorization', street);
  expect(list.body.total).toBe(105 + 60 + 57);
  const branches = await t.http().get('/api/v1/party/branches').set('Authorization', staff);
  expect(branches.body.items.map((b: { name: string }) => b.name)).toEqual(['南门社区党支部']);
  // Naming another community narrows nothing open: the scope still holds.
  const xishan = String(seedId('org:community:xishan'));
  const asked = await t.http().get(`/api/v1/party/members?communityId=${xishan}`).set('Authorization', staff);
  expect(asked.body.total).toBe(0);
  const askedBranches = await t.http().get(`/api/v1/party/branches?communityId=${xishan}`).set('Authorization', staff);
  expect(askedBranches.body.items).toEqual([]);
  const regs = await t
    .http()
    .get(`/api/v1/party/registrations?year=${year}&communityId=${xishan}`)
    .set('Authorization', staff);
  expect(regs.body.total).toBe(0);
  const county = await t.signIn('countyAdmin');
  expect((await t.http().get(`/api/v1/party/members/${xishanMember}`).set('Authorization', county)).status).toBe(200);
});

test('only party members register (双报到): staff and residents are refused', async () => {
  for (const account of ['resident', 'staff', 'countyAdmin']) {
    const auth = await t.signIn(account);
    expect((await t.http().get('/api/v1/party/registration').set('Authorization', auth)).status).toBe(403);
    const post = await t
      .http()
      .post('/api/v1/party/registration')
      .set('Authorization', auth)
      .send({ postId: String(seedId('post:nanmen:0')), unitId: unit });
    expect(post.status).toBe(403);
  }
  expect((await t.http().get('/api/v1/party/branches')).status).toBe(401);
});
