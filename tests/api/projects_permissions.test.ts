import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { ProjectNeedModel } from '../../cloud/src/projects/project-need.model';
import { ProjectModel } from '../../cloud/src/projects/project.model';
import {
  acceptedNeed,
  ACCOUNTS,
  HOSPITAL,
  NANMEN,
  POWER,
  projectBody,
  signInAll,
  XISHAN,
  type Account,
} from './projects_support';

/**
 * Every projects endpoint × role × own/other scope. Each row works on fresh projects (made by the
 * county admin) so that one row's change cannot decide another's outcome. The demo unit admin is
 * 县人民医院 (HOSPITAL): "own unit" projects name it as responsible, "other unit" ones 县供电公司.
 */
let t: TestApp;
let as: Record<Account, string>;
beforeAll(async () => {
  t = await startApp(__filename);
  as = await signInAll(t);
});
afterAll(() => t.close());

async function project(opts: { status?: 'draft' | 'open'; unit?: string; placeId?: string } = {}): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/projects')
    .set('Authorization', as.countyAdmin)
    .send(projectBody({ responsibleUnitIds: [opts.unit ?? HOSPITAL], placeId: opts.placeId ?? NANMEN }));
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  if ((opts.status ?? 'open') === 'open')
    await t.http().post(`/api/v1/projects/${res.body.id}/open`).set('Authorization', as.countyAdmin).send({});
  return res.body.id;
}

async function milestone(projectId: string): Promise<string> {
  const res = await t
    .http()
    .post(`/api/v1/projects/${projectId}/milestones`)
    .set('Authorization', as.countyAdmin)
    .send({ title: '施工', due: '2026-12-01' });
  return res.body.id;
}

type Method = 'get' | 'post' | 'patch' | 'delete';
async function call(who: Account, method: Method, path: string, body?: object): Promise<number> {
  const req = t.http()[method](path).set('Authorization', as[who]);
  return (await (body ? req.send(body) : req)).status;
}

// The common patterns of expected statuses.
const EDIT = {
  resident: 403,
  resident2: 403,
  staff: 200,
  staff2: 404,
  streetAdmin: 200,
  countyAdmin: 200,
  unitAdmin: 403,
  department: 403,
};
const REPORT_OWN_UNIT = { ...EDIT, unitAdmin: 200 };
const REPORT_OTHER_UNIT = { ...EDIT, unitAdmin: 404 };
const READ_OWN_UNIT = {
  resident: 200,
  resident2: 200,
  staff: 200,
  staff2: 404,
  streetAdmin: 200,
  countyAdmin: 200,
  unitAdmin: 200,
  department: 200,
};
const READ_OTHER_UNIT = { ...READ_OWN_UNIT, unitAdmin: 404 };
const READ_DRAFT = {
  resident: 404,
  resident2: 404,
  staff: 200,
  staff2: 404,
  streetAdmin: 200,
  countyAdmin: 200,
  unitAdmin: 404,
  department: 404,
};
const READ_XISHAN = {
  resident: 404,
  resident2: 404,
  staff: 404,
  staff2: 200,
  streetAdmin: 404,
  countyAdmin: 200,
  unitAdmin: 200,
  department: 200,
};

const CASES: Record<string, { call: (who: Account) => Promise<number>; expected: Record<Account, number> }> = {
  listProjects: { call: (who) => call(who, 'get', '/api/v1/projects'), expected: { ...READ_OWN_UNIT, staff2: 200 } },
  'getProject: 南门 open, own unit': {
    call: async (who) => call(who, 'get', `/api/v1/projects/${await project()}`),
    expected: READ_OWN_UNIT,
  },
  'getProject: 南门 open, other unit': {
    call: async (who) => call(who, 'get', `/api/v1/projects/${await project({ unit: POWER })}`),
    expected: READ_OTHER_UNIT,
  },
  'getProject: 南门 draft': {
    call: async (who) => call(who, 'get', `/api/v1/projects/${await project({ status: 'draft' })}`),
    expected: READ_DRAFT,
  },
  'getProject: 西山 open': {
    call: async (who) => call(who, 'get', `/api/v1/projects/${await project({ placeId: XISHAN })}`),
    expected: READ_XISHAN,
  },
  'createProject in 南门': { call: (who) => call(who, 'post', '/api/v1/projects', projectBody()), expected: EDIT },
  'createProject in 西山': {
    call: (who) => call(who, 'post', '/api/v1/projects', projectBody({ placeId: XISHAN })),
    expected: { ...EDIT, staff: 404, staff2: 200, streetAdmin: 404 },
  },
  updateProject: {
    call: async (who) => call(who, 'patch', `/api/v1/projects/${await project()}`, { budgetFen: 1 }),
    expected: EDIT,
  },
  openProject: {
    call: async (who) => call(who, 'post', `/api/v1/projects/${await project({ status: 'draft' })}/open`, {}),
    expected: EDIT,
  },
  startProject: {
    call: async (who) => call(who, 'post', `/api/v1/projects/${await project()}/start`, {}),
    expected: EDIT,
  },
  cancelProject: {
    call: async (who) => call(who, 'post', `/api/v1/projects/${await project()}/cancel`, { reason: '测试' }),
    expected: EDIT,
  },
  deliverProject: {
    call: async (who) => call(who, 'post', `/api/v1/projects/${await project()}/deliver`, {}),
    expected: EDIT,
  },
  addMilestone: {
    call: async (who) =>
      call(who, 'post', `/api/v1/projects/${await project()}/milestones`, { title: '施工', due: '2026-12-01' }),
    expected: EDIT,
  },
  'updateMilestone: own unit': {
    call: async (who) => {
      const id = await project();
      return call(who, 'patch', `/api/v1/projects/${id}/milestones/${await milestone(id)}`, { progress: 40 });
    },
    expected: REPORT_OWN_UNIT,
  },
  'updateMilestone: other unit': {
    call: async (who) => {
      const id = await project({ unit: POWER });
      return call(who, 'patch', `/api/v1/projects/${id}/milestones/${await milestone(id)}`, { progress: 40 });
    },
    expected: REPORT_OTHER_UNIT,
  },
  'postProjectUpdate: own unit': {
    call: async (who) => call(who, 'post', `/api/v1/projects/${await project()}/updates`, { text: '进展' }),
    expected: REPORT_OWN_UNIT,
  },
  'postProjectUpdate: other unit': {
    call: async (who) =>
      call(who, 'post', `/api/v1/projects/${await project({ unit: POWER })}/updates`, { text: '进展' }),
    expected: REPORT_OTHER_UNIT,
  },
  'listProjectUpdates: own unit': {
    call: async (who) => call(who, 'get', `/api/v1/projects/${await project()}/updates`),
    expected: READ_OWN_UNIT,
  },
  'listProjectUpdates: draft': {
    call: async (who) => call(who, 'get', `/api/v1/projects/${await project({ status: 'draft' })}/updates`),
    expected: READ_DRAFT,
  },
  linkNeeds: {
    call: async (who) => {
      const needId = await acceptedNeed(t, as.resident, as.staff);
      return call(who, 'post', `/api/v1/projects/${await project()}/needs`, { needIds: [needId] });
    },
    expected: EDIT,
  },
  unlinkNeed: {
    call: async (who) => {
      const id = await project();
      const needId = new Types.ObjectId();
      await t.db
        .model(ProjectNeedModel)
        .create({ projectId: new Types.ObjectId(id), needId, linkedBy: new Types.ObjectId(), linkedAt: new Date() });
      return call(who, 'delete', `/api/v1/projects/${id}/needs/${needId}`);
    },
    expected: EDIT,
  },
  listProjectNeeds: {
    call: async (who) => call(who, 'get', `/api/v1/projects/${await project()}/needs`),
    expected: EDIT,
  },
};

const rows = Object.entries(CASES).flatMap(([name, c]) => ACCOUNTS.map((who) => [name, who, c.expected[who]] as const));

test.each(rows)('%s as %s → %i', async (name, who, expected) => {
  expect(await CASES[name].call(who)).toBe(expected);
});

test('lists: residents see only public projects of their community; staff their scope; unit admins their units', async () => {
  const nanmenOpen = await project({ unit: POWER });
  const nanmenDraft = await project({ status: 'draft' });
  const xishanOpen = await project({ placeId: XISHAN, unit: POWER });
  const hospital = await project({ placeId: XISHAN });
  const seen = async (who: Account) => {
    const res = await t.http().get('/api/v1/projects?pageSize=100').set('Authorization', as[who]);
    expect(res.status).toBe(200);
    const ids = new Set(res.body.items.map((p: { id: string }) => p.id));
    return [nanmenOpen, nanmenDraft, xishanOpen, hospital].map((id) => ids.has(id));
  };
  expect(await seen('resident')).toEqual([true, false, false, false]);
  expect(await seen('resident2')).toEqual([true, false, false, false]);
  expect(await seen('staff')).toEqual([true, true, false, false]);
  expect(await seen('staff2')).toEqual([false, false, true, true]);
  expect(await seen('streetAdmin')).toEqual([true, true, false, false]);
  expect(await seen('countyAdmin')).toEqual([true, true, true, true]);
  expect(await seen('unitAdmin')).toEqual([false, false, false, true]);
  expect(await seen('department')).toEqual([true, false, true, true]);
});

test("staff2 cannot change 南门's project: 404 on every change, and nothing is written", async () => {
  const id = await project();
  const m = await milestone(id);
  const before = await t.db.model(ProjectModel).findById(id).lean();
  for (const [method, path, body] of [
    ['patch', `/api/v1/projects/${id}`, { title: '改名' }],
    ['post', `/api/v1/projects/${id}/start`, {}],
    ['post', `/api/v1/projects/${id}/cancel`, { reason: '不要了' }],
    ['post', `/api/v1/projects/${id}/deliver`, {}],
    ['post', `/api/v1/projects/${id}/milestones`, { title: '加一个', due: '2026-12-01' }],
    ['patch', `/api/v1/projects/${id}/milestones/${m}`, { progress: 100 }],
    ['post', `/api/v1/projects/${id}/updates`, { text: '冒充发布' }],
    ['post', `/api/v1/projects/${id}/needs`, { needIds: [String(new Types.ObjectId())] }],
  ] as const) {
    const status = await call('staff2', method, path, body);
    expect({ path, status }).toEqual({ path, status: 404 });
  }
  expect(await t.db.model(ProjectModel).findById(id).lean()).toEqual(before);
  const detail = await t.http().get(`/api/v1/projects/${id}`).set('Authorization', as.staff);
  expect(detail.body.updatesTotal).toBe(0);
  expect(detail.body.milestones).toHaveLength(1);
});

test('residents and unit admins never see the edit history or edit actions', async () => {
  const id = await project();
  for (const who of ['resident', 'unitAdmin', 'department'] as const) {
    const res = await t.http().get(`/api/v1/projects/${id}`).set('Authorization', as[who]);
    expect({ who, canEdit: res.body.canEdit, actions: res.body.actions, history: res.body.history }).toEqual({
      who,
      canEdit: false,
      actions: [],
      history: [],
    });
  }
  const unit = await t.http().get(`/api/v1/projects/${id}`).set('Authorization', as.unitAdmin);
  expect(unit.body.canReport).toBe(true);
});

test('without a token every projects endpoint answers 401', async () => {
  const id = await project();
  const paths: [Method, string][] = [
    ['get', '/api/v1/projects'],
    ['get', `/api/v1/projects/${id}`],
    ['post', '/api/v1/projects'],
    ['patch', `/api/v1/projects/${id}`],
    ['post', `/api/v1/projects/${id}/open`],
    ['post', `/api/v1/projects/${id}/deliver`],
    ['post', `/api/v1/projects/${id}/needs`],
    ['get', `/api/v1/projects/${id}/updates`],
  ];
  for (const [method, path] of paths) expect((await t.http()[method](path).send({})).status).toBe(401);
});
