import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePortSync } from './ports';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface ApiProcess {
  base: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Runs the built API as production runs it (`node cloud/bootstrap.js`) on a fresh test database. */
export async function startApiProcess(name: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = freePortSync();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `gongzhi-${name}-`));
  const child = spawn(process.execPath, [path.join(ROOT, 'cloud', 'bootstrap.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATA_DIR: dataDir,
      H5_DIR: path.join(ROOT, 'dist', 'h5'),
      MONGODB_URI: `${process.env.TEST_MONGODB_URI}${name}_${process.pid}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`API exited: ${out}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 300) throw new Error(`API not ready: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
