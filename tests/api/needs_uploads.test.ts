import * as fs from 'node:fs';
import { UPLOAD_MAX_BYTES } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import type { Settings } from '../../cloud/src/config/settings';
import { UploadModel } from '../../cloud/src/uploads/upload.model';
import { PNG, legalOrder, order, upload } from './needs_support';

let t: TestApp;
let resident: string;
let uploadDir: string;
beforeAll(async () => {
  t = await startApp(__filename);
  resident = await t.signIn('resident');
  uploadDir = (t.app.getConfig('gongzhi') as Settings).uploadDir;
});
afterAll(() => t.close());

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([40, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(32, 2),
]);
const files = () => (fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir).length : 0);
const written = async () => ({ records: await t.db.model(UploadModel).countDocuments(), files: files() });

test('a PNG, JPEG or WebP photo is stored under the upload folder and served back to its owner', async () => {
  for (const [bytes, type] of [
    [PNG, 'image/png'],
    [JPEG, 'image/jpeg'],
    [WEBP, 'image/webp'],
  ] as const) {
    const res = await upload(t, resident, bytes, type);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), url: `/api/v1/uploads/${res.body.id}` });
    const record = (await t.db.model(UploadModel).findById(res.body.id).lean())!;
    expect(record).toMatchObject({ contentType: type, size: bytes.length });
    expect(fs.readFileSync(`${uploadDir}/${record.fileName}`).equals(bytes)).toBe(true);

    const back = await t
      .http()
      .get(res.body.url)
      .set('Authorization', resident)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(back.status).toBe(200);
    expect(back.headers['content-type']).toBe(type);
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect((back.body as Buffer).equals(bytes)).toBe(true);
  }
});

test('another resident gets 404 for a photo that is not theirs', async () => {
  const res = await upload(t, resident);
  const other = await t
    .http()
    .get(res.body.url)
    .set('Authorization', await t.signIn('resident2'));
  expect(other.status).toBe(404);
  expect(other.body.code).toBe('NOT_FOUND');
});

test('wrong types are 415 with the error shape, and nothing is written', async () => {
  const before = await written();
  for (const [bytes, type] of [
    [Buffer.from('hello'), 'text/plain'],
    [Buffer.from('GIF89a'), 'image/gif'],
    [PNG, 'application/octet-stream'],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'],
    [Buffer.from('#!/bin/sh\necho hi'), 'image/png'], // declared PNG, is not
    [JPEG, 'image/png'], // a JPEG declared as PNG
  ] as const) {
    const res = await upload(t, resident, bytes, type);
    expect({ type, status: res.status, code: res.body.code, message: typeof res.body.message }).toEqual({
      type,
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'string',
    });
  }
  const json = await t.http().post('/api/v1/uploads').set('Authorization', resident).send({ photo: 'base64...' });
  expect(json.status).toBe(415);
  expect(await written()).toEqual(before);
});

test('over 5 MB is 413 with the error shape and nothing is written; exactly 5 MB is fine', async () => {
  const before = await written();
  const big = Buffer.concat([PNG, Buffer.alloc(UPLOAD_MAX_BYTES + 1 - PNG.length)]);
  const res = await upload(t, resident, big, 'image/png');
  expect(res.status).toBe(413);
  expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '图片不能超过 5 MB' });
  expect(await written()).toEqual(before);

  const max = Buffer.concat([PNG, Buffer.alloc(UPLOAD_MAX_BYTES - PNG.length)]);
  expect((await upload(t, resident, max, 'image/png')).status).toBe(200);
});

test('an empty body is a 400', async () => {
  const before = await written();
  const res = await upload(t, resident, Buffer.alloc(0), 'image/jpeg');
  expect(res.status).toBe(400);
  expect(await written()).toEqual(before);
});

test('photos attach to an order (at most 9, own uploads only) and come back with their urls', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) ids.push((await upload(t, resident)).body.id);
  const need = await order(t, resident, legalOrder({ photos: ids }));
  expect(need.photos).toEqual(ids.map((id) => ({ id, url: `/api/v1/uploads/${id}` })));
  const staff = await t.signIn('staff');
  expect((await t.http().get(`/api/v1/uploads/${ids[0]}`).set('Authorization', staff)).status).toBe(200);
  expect(
    (
      await t
        .http()
        .get(`/api/v1/uploads/${ids[0]}`)
        .set('Authorization', await t.signIn('staff2'))
    ).status,
  ).toBe(404);

  const theirs = (await upload(t, await t.signIn('resident2'))).body.id;
  const res = await t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', resident)
    .send(legalOrder({ photos: [theirs] }));
  expect(res.status).toBe(400);
  expect(res.body.fields).toEqual([{ path: 'body.photos.0', message: '没有找到这张照片，请重新上传' }]);
});

test('a retried upload with the same Idempotency-Key stores the photo once', async () => {
  const before = await written();
  const send = () => upload(t, resident).set('Idempotency-Key', 'photo-retry-0001');
  const a = await send();
  const b = await send();
  expect(b.body).toEqual(a.body);
  expect(await written()).toEqual({ records: before.records + 1, files: before.files + 1 });
});

test('the same Idempotency-Key with other bytes is another request: refused, not answered with the first photo', async () => {
  const first = await upload(t, resident, PNG, 'image/png').set('Idempotency-Key', 'photo-reuse-0001');
  expect(first.status).toBe(200);
  const before = await written();
  const other = await upload(t, resident, JPEG, 'image/jpeg').set('Idempotency-Key', 'photo-reuse-0001');
  expect(other.status).toBe(422);
  expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  expect(other.body.id).toBeUndefined();
  expect(await written()).toEqual(before);
  // The same bytes again are the same request.
  const again = await upload(t, resident, PNG, 'image/png').set('Idempotency-Key', 'photo-reuse-0001');
  expect(again.body).toEqual(first.body);
});
