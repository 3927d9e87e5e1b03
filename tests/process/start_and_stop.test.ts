import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../support/api-process';
import { freePortSync } from '../support/ports';

// `npm start` as a newcomer runs it: embedded FerretDB on SQLite, the API serving the H5 build,
// demo data on the first run, reused on the second, and nothing left running after SIGTERM.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-start-'));
const port = freePortSync();
const dbPort = freePortSync();
const base = `http://127.0.0.1:${port}`;

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function start(): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const env = {
    ...process.env,
    PORT: String(port),
    DB_PORT: String(dbPort),
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
  };
  delete env.MONGODB_URI;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes('按 Ctrl-C 停止')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start.mjs exited ${code}: ${out}`)));
  });
  return { child, output: () => out, ready };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  return exited;
}

async function listening(p: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${p}/`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch (err) {
    return !/ECONNREFUSED/.test(String((err as { cause?: unknown }).cause ?? err));
  }
}

test('first start loads the demo county and prints the URL and demo accounts; SIGTERM stops everything', async () => {
  const run = start();
  run.ready.catch(() => {});
  await run.ready;
  const out = run.output();
  expect(out).toContain(`小程序 H5 版   ${base}/`);
  expect(out).toContain(`${base}/api/docs`);
  expect(out).toMatch(/resident\s+张秀兰\s+居民\s+南门第一网格/);
  expect(out).toContain(`内置数据库 FerretDB 已启动：127.0.0.1:${dbPort}（SQLite`);

  const page = await fetch(`${base}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="app"');
  expect((await fetch(`${base}/readyz`)).status).toBe(200);

  expect(await stop(run.child)).toBe(0);
  expect(run.output()).toContain('已停止');
  expect(await listening(port)).toBe(false);
  expect(await listening(dbPort)).toBe(false);
});

test('a second start reuses the data: the demo county is not loaded again', async () => {
  const run = start();
  run.ready.catch(() => {});
  await run.ready;
  const accounts = await (await fetch(`${base}/api/v1/auth/demo-accounts`)).json();
  expect(accounts.accounts).toHaveLength(12);
  expect(await stop(run.child)).toBe(0);

  const logs = fs.readdirSync(path.join(dataDir, 'log')).filter((f) => f.startsWith('app.log'));
  const seeded =
    logs
      .map((f) => fs.readFileSync(path.join(dataDir, 'log', f), 'utf8'))
      .join('')
      .split('[seed] demo county loaded').length - 1;
  expect(seeded).toBe(1);
});
