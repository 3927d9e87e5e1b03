import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { close, createApp, createHttpRequest } from '@midwayjs/mock';
import type { Application, Framework } from '@midwayjs/koa';
import { Db } from '../../cloud/src/core/db';

export interface TestApp {
  app: Application;
  db: Db;
  http: () => ReturnType<typeof createHttpRequest>;
  /** A provider of the running app (a service, the clock…). */
  get: <T>(cls: new (...args: never[]) => T) => Promise<T>;
  /** Signs in with a demo account and returns the Authorization header value. */
  signIn: (account: string) => Promise<string>;
  close: () => Promise<void>;
}

/**
 * Boots the real API on a fresh database of the shared test server, named after the test file;
 * the database is dropped on close. The demo county (org tree, units, menu, accounts) is loaded;
 * pass `{ SEED_DEMO: 'full' }` for the four lists' demo data too, as on a first `npm start`.
 */
export async function startApp(testFile: string, env: Record<string, string> = {}): Promise<TestApp> {
  const base = process.env.TEST_MONGODB_URI;
  if (!base) throw new Error('TEST_MONGODB_URI is not set: run the tests with `npm test`');
  const name = `t_${path.basename(testFile).replace(/\W+/g, '_').slice(0, 30)}_${process.pid}_${Date.now() % 1e6}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-'));
  Object.assign(
    process.env,
    { MONGODB_URI: `${base}${name}`, DATA_DIR: dataDir, H5_DIR: path.join(dataDir, 'h5'), SEED_DEMO: 'county' },
    env,
  );
  const root = path.resolve(__dirname, '..', '..', 'cloud');
  const app = await createApp<Framework>(root, { baseDir: path.join(root, 'src') });
  const db = await app.getApplicationContext().getAsync(Db);
  const http = () => createHttpRequest(app);
  return {
    app,
    db,
    http,
    get: (cls) => app.getApplicationContext().getAsync(cls),
    async signIn(account) {
      const res = await http().post('/api/v1/auth/dev-login').send({ account });
      if (res.status !== 200) throw new Error(`sign-in ${account} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return `Bearer ${res.body.token}`;
    },
    async close() {
      await db.connection.dropDatabase().catch(() => {});
      await close(app);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
