import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { MilestoneModel } from '../../cloud/src/projects/milestone.model';
import { ProjectUpdateModel } from '../../cloud/src/projects/project-update.model';
import { ProjectEventModel, ProjectModel } from '../../cloud/src/projects/project.model';
import { projectBody } from './projects_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// Project writes whose process died before answering (simulated: see idempotency_support.ts): the
// retry with the same Idempotency-Key returns what the first attempt stored, never a second record.

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await startApp(__filename);
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

async function crashAndRetry(endpointId: string, path: string, key: string, body: object) {
  const post = () => t.http().post(path).set('Authorization', staff).set('Idempotency-Key', key).send(body);
  const first = await post();
  expect(first.status).toBe(200);
  await dieBeforeAnswer(t, endpointId, key);
  await leaseRunsOut(t);
  const retry = await post();
  expect(retry.status).toBe(200);
  expect(retry.headers['idempotent-replayed']).toBeUndefined();
  expect(retry.body.id).toBe(first.body.id);
  return first.body.id as string;
}

test('createProject, and the create event lost with the crash: one project, one create event', async () => {
  const body = projectBody({ title: '崩溃测试·楼道清理' });
  const first = await t
    .http()
    .post('/api/v1/projects')
    .set('Authorization', staff)
    .set('Idempotency-Key', 'crash-project-01')
    .send(body);
  await t.db.model(ProjectEventModel).deleteMany({ projectId: new Types.ObjectId(first.body.id) });
  await dieBeforeAnswer(t, 'createProject', 'crash-project-01');
  await leaseRunsOut(t);
  const retry = await t
    .http()
    .post('/api/v1/projects')
    .set('Authorization', staff)
    .set('Idempotency-Key', 'crash-project-01')
    .send(body);
  expect(retry.status).toBe(200);
  expect(retry.body.id).toBe(first.body.id);
  expect(await t.db.model(ProjectModel).countDocuments({ title: '崩溃测试·楼道清理' })).toBe(1);
  expect(await t.db.model(ProjectEventModel).countDocuments({ projectId: new Types.ObjectId(first.body.id) })).toBe(1);

  const again = await crashAndRetry(
    'createProject',
    '/api/v1/projects',
    'crash-project-02',
    projectBody({ title: '崩溃测试·第二个' }),
  );
  expect(await t.db.model(ProjectModel).countDocuments({ title: '崩溃测试·第二个' })).toBe(1);
  expect(await t.db.model(ProjectEventModel).countDocuments({ projectId: new Types.ObjectId(again) })).toBe(1);
});

test('addMilestone and postProjectUpdate: stored once each', async () => {
  const project = await t
    .http()
    .post('/api/v1/projects')
    .set('Authorization', staff)
    .send(projectBody({ title: '崩溃测试·里程碑' }));
  const id = project.body.id as string;
  await crashAndRetry('addMilestone', `/api/v1/projects/${id}/milestones`, 'crash-milestone-01', {
    title: '崩溃测试·清运完成',
    due: '2027-01-31',
    progress: 0,
  });
  expect(await t.db.model(MilestoneModel).countDocuments({ projectId: new Types.ObjectId(id) })).toBe(1);
  await crashAndRetry('postProjectUpdate', `/api/v1/projects/${id}/updates`, 'crash-update-01', {
    text: '崩溃测试·已清理 3 栋楼道',
    photos: [],
  });
  expect(await t.db.model(ProjectUpdateModel).countDocuments({ projectId: new Types.ObjectId(id) })).toBe(1);
});
