import { spawn, spawnSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT } from '../support/api-process';
import { freePortSync } from '../support/ports';

function run(script: string, env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [path.join(ROOT, script)], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stderr: r.stderr.trim() };
}

test('production without its secrets stops with one line naming the setting', () => {
  const r = run('cloud/bootstrap.js', { NODE_ENV: 'production', WX_APPID: 'a', WX_SECRET: 'b' });
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('配置错误：JWT_SECRET 正式环境必须设置');
});

test('a malformed setting stops npm start with one line naming it', () => {
  const r = run('scripts/start.mjs', { PORT: 'eighty' });
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n').pop()).toMatch(/^✖ 配置错误：PORT /);
});

test.each([
  ['the API port', 'PORT'],
  ['the embedded database port', 'DB_PORT'],
])('%s in use is reported with the port number', async (_, key) => {
  // The OS picks the port the server holds: no window for anyone else to take it first.
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const taken = (server.address() as net.AddressInfo).port;
  try {
    const env: Record<string, string> = {
      PORT: String(freePortSync()),
      DB_PORT: String(freePortSync()),
      [key]: String(taken),
    };
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: `/tmp/gongzhi-port-${key}`, ...env },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.on('exit', (code: number | null) => resolve({ code, stderr }));
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`端口 ${taken} 已被占用（${key}）`);
  } finally {
    server.close();
  }
});
