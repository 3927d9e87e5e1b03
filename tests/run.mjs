#!/usr/bin/env node
// `npm test`: compiles the API, builds the H5 version when its sources changed, checks that
// Chromium and a CJK font are installed, then runs every jest project (unit, api, process, e2e)
// against the real embedded database, and closes with "N passed, M failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCloud, buildH5 } from '../scripts/lib/build.mjs';
import { buildFerretdb, ROOT } from '../scripts/lib/ferretdb.cjs';
import { chromiumPath, missingBrowserParts } from './support/browser.cjs';

const artifacts = path.join(ROOT, 'tests', '.artifacts');
mkdirSync(artifacts, { recursive: true });

const missing = missingBrowserParts();
if (missing.length) {
  console.error(`✖ 端到端测试需要的组件没有安装：\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  process.exit(1);
}

const t0 = Date.now();
buildFerretdb();
buildCloud();
const h5ms = buildH5();
console.log(
  `· 准备完成（${((Date.now() - t0) / 1000).toFixed(1)} 秒${h5ms ? `，其中 H5 构建 ${(h5ms / 1000).toFixed(1)} 秒` : ''}；Chromium：${chromiumPath()}）`,
);

const report = path.join(artifacts, 'jest.json');
const jest = spawnSync(
  process.execPath,
  [
    path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--maxWorkers=2',
    '--json',
    `--outputFile=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } },
);

if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\nscreenshots: ${path.join(artifacts, 'screenshots')}`);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  if (r.numTotalTests === 0) process.exit(1);
}
process.exit(jest.status ?? 1);
