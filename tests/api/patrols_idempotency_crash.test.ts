import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { FindingModel } from '../../cloud/src/grids/finding.model';
import { PatrolModel } from '../../cloud/src/grids/patrol.model';
import { NANMEN_B1, patrolBody } from './grids_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// A patrol whose process died mid-request (simulated: see idempotency_support.ts). The retry with the
// same Idempotency-Key finishes that patrol: one patrol, each finding once.

let t: TestApp;
let gridWorker: string;
beforeAll(async () => {
  t = await startApp(__filename);
  gridWorker = await t.signIn('gridWorker');
});
afterAll(() => t.close());

const post = (key: string, body: object) =>
  t.http().post('/api/v1/patrols').set('Authorization', gridWorker).set('Idempotency-Key', key).send(body);
const findingsOf = (id: string) =>
  t.db
    .model(FindingModel)
    .find({ patrolId: new Types.ObjectId(id) })
    .lean();
const withFindings = (note: string) =>
  patrolBody(t, {
    note,
    findings: [
      { category: 'facilities', description: `${note}：楼道灯不亮`, placeId: NANMEN_B1 },
      { category: 'sanitation', description: `${note}：垃圾桶满溢` },
    ],
  });

test('died before answering: the retry returns the stored patrol and its findings, each once', async () => {
  const body = await withFindings('崩溃巡查一');
  const first = await post('crash-patrol-01', body);
  expect(first.status).toBe(200);
  await dieBeforeAnswer(t, 'logPatrol', 'crash-patrol-01');
  await leaseRunsOut(t);

  const retry = await post('crash-patrol-01', body);
  expect(retry.status).toBe(200);
  expect(retry.body.id).toBe(first.body.id);
  expect(await t.db.model(PatrolModel).countDocuments({ note: '崩溃巡查一' })).toBe(1);
  expect(await findingsOf(first.body.id)).toHaveLength(2);
  expect(retry.body.findings.map((f: { id: string }) => f.id).sort()).toEqual(
    first.body.findings.map((f: { id: string }) => f.id).sort(),
  );
});

test('died after the patrol and one finding: the retry adds only the missing finding', async () => {
  const body = await withFindings('崩溃巡查二');
  const first = await post('crash-patrol-02', body);
  const [kept, lost] = await findingsOf(first.body.id);
  await t.db.model(FindingModel).deleteOne({ _id: lost._id });
  await dieBeforeAnswer(t, 'logPatrol', 'crash-patrol-02');
  await leaseRunsOut(t);

  const retry = await post('crash-patrol-02', body);
  expect(retry.status).toBe(200);
  expect(retry.body.id).toBe(first.body.id);
  const after = await findingsOf(first.body.id);
  expect(after).toHaveLength(2);
  expect(after.map((f) => String(f._id))).toContain(String(kept._id));
  expect(after.map((f) => f.description).sort()).toEqual(['崩溃巡查二：垃圾桶满溢', '崩溃巡查二：楼道灯不亮'].sort());
});
