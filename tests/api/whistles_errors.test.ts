import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import {
  CHENGGUAN,
  GRID1,
  NANMEN,
  NANMEN_COMPLEX,
  XINCHENG,
  XISHAN_COMPLEX,
  ZHUJIAN,
  act,
  blow,
  deptWhistle,
  show,
} from './whistles_support';

// Bad input gets a clear Chinese error on the right field, never a 500.
let t: TestApp;
const auth: Record<string, string> = {};

beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['staff', 'staff2', 'gridWorker', 'department', 'resident']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

const SHIFT = { start: '2099-01-01T09:00:00+08:00', end: '2099-01-01T11:00:00+08:00', seats: 5 };
const post = (who: string, body: unknown) =>
  t.http().post('/api/v1/whistles').set('Authorization', auth[who]).send(body);
const paths = (res: { body: { fields?: { path: string }[] } }) => (res.body.fields ?? []).map((f) => f.path);

test('the body is checked against the type: targets, origins, the volunteer call', async () => {
  const cases: [Record<string, unknown>, string[]][] = [
    [{}, ['body.type', 'body.title', 'body.description']],
    [deptWhistle({ targets: [] }), ['body.targets']],
    [deptWhistle({ targets: undefined }), ['body.targets']],
    [deptWhistle({ targets: [{ kind: 'street', orgId: CHENGGUAN }] }), ['body.targets.0.kind']],
    [
      deptWhistle({
        targets: [
          { kind: 'department', orgId: ZHUJIAN },
          { kind: 'department', orgId: ZHUJIAN },
        ],
      }),
      ['body.targets'],
    ],
    [deptWhistle({ targets: [{ kind: 'mayor' }] }), ['body.targets.0.kind']],
    [deptWhistle({ origin: { kind: 'project', id: NANMEN } }), ['body.origin.kind']],
    [deptWhistle({ urgency: 'whenever', category: 'weather' }), ['body.urgency', 'body.category']],
    [deptWhistle({ volunteerCall: { address: '东门', shift: SHIFT } }), ['body.volunteerCall']],
    [
      {
        type: 'communityToPartyMembers',
        title: '召集',
        description: '召集党员',
        volunteerCall: { address: '东门', shift: {} },
      },
      ['body.volunteerCall.shift.start', 'body.volunteerCall.shift.end', 'body.volunteerCall.shift.seats'],
    ],
    [deptWhistle({ secret: 1 }), ['body']],
    [deptWhistle({ title: 'x' }), ['body.title']],
    [
      {
        type: 'projectToDepartment',
        title: '项目',
        description: '说明',
        targets: [{ kind: 'department', orgId: ZHUJIAN }],
      },
      ['body.origin'],
    ],
  ];
  for (const [body, expected] of cases) {
    const res = await post('staff', body);
    expect({ body, status: res.status, paths: paths(res) }).toEqual({ body, status: 400, paths: expected });
    for (const f of res.body.fields) expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
  }
});

test('references are checked: departments, the street, places, needs and findings of the caller’s own place', async () => {
  const notDept = await post('staff', deptWhistle({ targets: [{ kind: 'department', orgId: NANMEN }] }));
  expect([notDept.status, notDept.body.fields]).toEqual([
    400,
    [{ path: 'body.targets.0.orgId', message: '没有找到这个职能部门' }],
  ]);

  const otherStreet = await post('staff', {
    type: 'communityToStreet',
    title: '路灯',
    description: '不亮',
    targets: [{ kind: 'street', orgId: XINCHENG }],
  });
  expect(otherStreet.body.fields).toEqual([{ path: 'body.targets.0.orgId', message: '社区吹哨只能吹给所在的街道' }]);

  const farPlace = await post('staff', deptWhistle({ placeId: XISHAN_COMPLEX }));
  expect(farPlace.body.fields).toEqual([{ path: 'body.placeId', message: '问题地点不在发起吹哨的社区、网格或街道内' }]);
  // A grid worker's place must lie in their grid (锦绣华庭 is in the third grid).
  const jinxiu = String((await t.db.connection.collection('orgs').findOne({ name: '锦绣华庭' }))!._id);
  expect((await post('gridWorker', deptWhistle({ placeId: jinxiu }))).status).toBe(400);
  expect((await post('gridWorker', deptWhistle({ placeId: NANMEN_COMPLEX }))).status).toBe(200);

  const noNeed = await post(
    'staff',
    deptWhistle({ subject: { kind: 'need', id: new Types.ObjectId().toHexString() } }),
  );
  expect(noNeed.body.fields).toEqual([{ path: 'body.subject.id', message: '没有找到这条需求' }]);
  const noFinding = await post(
    'staff',
    deptWhistle({ subject: { kind: 'finding', id: new Types.ObjectId().toHexString() } }),
  );
  expect(noFinding.body.fields).toEqual([{ path: 'body.subject.id', message: '没有找到这条巡查发现' }]);

  const photo = await post('staff', deptWhistle({ photos: [new Types.ObjectId().toHexString()] }));
  expect(photo.body.fields).toEqual([{ path: 'body.photos.0', message: '没有找到这张照片，请重新上传' }]);
});

test('a finding of the caller’s grid becomes the subject; its category and place carry over', async () => {
  const place = {
    streetId: new Types.ObjectId(CHENGGUAN),
    communityId: new Types.ObjectId(NANMEN),
    gridId: new Types.ObjectId(GRID1),
    complexId: new Types.ObjectId(NANMEN_COMPLEX),
    buildingId: null,
  };
  const { insertedId } = await t.db.connection
    .collection('patrolFindings')
    .insertOne({ place, placeLabel: '南门小区', category: 'security', description: '围墙倒塌' });
  const w = await blow(
    t,
    auth.gridWorker,
    deptWhistle({ subject: { kind: 'finding', id: String(insertedId) }, category: undefined }),
  );
  expect(w).toMatchObject({
    subject: { kind: 'finding', id: String(insertedId) },
    category: 'security',
    place: { complexId: NANMEN_COMPLEX, label: '南门社区 南门小区' },
  });
  // Staff of another community cannot blow on it.
  const foreign = await post('staff2', deptWhistle({ subject: { kind: 'finding', id: String(insertedId) } }));
  expect(foreign.status).toBe(400);
});

test('acting: missing result, unknown ids, wrong order', async () => {
  const w = await blow(t, auth.staff, deptWhistle());
  const early = await act(t, auth.department, w.id, ZHUJIAN, 'resolve');
  expect([early.status, early.body.code, early.body.message]).toEqual([
    409,
    'INVALID_TRANSITION',
    '待报到的吹哨不能办结',
  ]);
  await act(t, auth.department, w.id, ZHUJIAN, 'report');
  const twice = await act(t, auth.department, w.id, ZHUJIAN, 'report');
  expect([twice.status, twice.body.code]).toEqual([409, 'INVALID_TRANSITION']);
  const noResult = await t
    .http()
    .post(`/api/v1/whistles/${w.id}/targets/${ZHUJIAN}/resolve`)
    .set('Authorization', auth.department)
    .send({});
  expect(noResult.body.fields).toEqual([{ path: 'body.result', message: '请填写办理结果' }]);
  const badStars = await act(t, auth.staff, w.id, ZHUJIAN, 'confirm', { satisfaction: 6 });
  expect(badStars.body.fields).toEqual([{ path: 'body.satisfaction', message: '请选择 1–5 星的满意度' }]);

  expect((await show(t, auth.staff, new Types.ObjectId().toHexString())).status).toBe(404);
  expect((await show(t, auth.staff, 'nope')).status).toBe(400);
  expect((await act(t, auth.department, w.id, 'nope', 'report')).status).toBe(400);

  const list = await t
    .http()
    .get('/api/v1/whistles?status=lost&overdue=maybe&from=2025-13-01')
    .set('Authorization', auth.staff);
  expect(list.status).toBe(400);
  expect(paths(list).sort()).toEqual(['query.from', 'query.overdue', 'query.status']);
  const filtered = await t
    .http()
    .get('/api/v1/whistles?type=govToDepartment&status=inProgress')
    .set('Authorization', auth.staff);
  expect(filtered.body.items.map((x: any) => x.id)).toEqual([w.id]);
});
