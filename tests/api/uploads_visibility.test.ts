import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { upload } from './needs_support';

// Who may see a photo besides its uploader: staff of the area for patrol findings, and every
// reader of a public project update.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const see = (auth: string, id: string) => t.http().get(`/api/v1/uploads/${id}`).set('Authorization', auth);

test("a patrol finding's photo is visible to the community's staff, not to another community's", async () => {
  const worker = await t.signIn('gridWorker');
  const photo = (await upload(t, worker)).body.id as string;
  const now = Date.now();
  const patrol = await t
    .http()
    .post('/api/v1/patrols')
    .set('Authorization', worker)
    .send({
      gridId: String(seedId('org:grid:nanmen:0')),
      startedAt: new Date(now - 3600_000).toISOString(),
      endedAt: new Date(now - 600_000).toISOString(),
      placeIds: [String(seedId('org:complex:nanmen:南门小区'))],
      findings: [{ category: 'facilities', description: '3号楼楼道灯不亮', photos: [photo] }],
    });
  expect(patrol.status).toBe(200);
  expect((await see(await t.signIn('staff'), photo)).status).toBe(200);
  expect((await see(await t.signIn('staff2'), photo)).status).toBe(404);
  expect((await see(await t.signIn('resident'), photo)).status).toBe(404);
});

test("a public project update's photo is visible to the community's residents", async () => {
  const staff = await t.signIn('staff');
  const photo = (await upload(t, staff)).body.id as string;
  const posted = await t
    .http()
    .post(`/api/v1/projects/${seedId('project:nanmen-lighting')}/updates`)
    .set('Authorization', staff)
    .send({ text: '1 号楼灯具已更换', photos: [photo] });
  expect(posted.status).toBe(200);
  expect((await see(await t.signIn('resident'), photo)).status).toBe(200);
  expect((await see(await t.signIn('staff2'), photo)).status).toBe(404);
});
