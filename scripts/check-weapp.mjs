#!/usr/bin/env node
// WeChat's own offline checks of the weapp build (miniprogram-ci, no WeChat servers needed):
// analyseCode (every page, component and file resolves) and checkCodeQuality (package sizes,
// compression, unused code). Prints the results; exits 1 on a broken dependency or a failed size check.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ci from 'miniprogram-ci';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const projectPath = path.join(root, 'dist', 'weapp');
if (!existsSync(path.join(projectPath, 'app.json'))) {
  console.error('check-weapp: dist/weapp not found — run npm run build:weapp first');
  process.exit(1);
}

// The appid is a placeholder: these two checks run offline and never read the private key.
const project = new ci.Project({
  appid: 'touristappid',
  type: 'miniProgram',
  projectPath,
  privateKey: 'offline-checks-read-no-key',
  ignores: ['**/*.map'],
});

const analysis = await ci.analyseCode(project);
const broken = analysis.modules.flatMap((m) => [
  ...(m.errors ?? []).map((e) => `${m.id}: ${e.message ?? e}`),
  ...(m.deps ?? []).filter((d) => d.error).map((d) => `${m.id} → ${d.request}: ${d.error}`),
]);
const bySub = new Map();
for (const f of analysis.files)
  bySub.set(f.subPackage ?? '(main)', (bySub.get(f.subPackage ?? '(main)') ?? 0) + f.size);
console.log(`analyseCode: ${analysis.files.length} files, ${analysis.modules.length} modules, ${broken.length} broken`);
for (const [sub, size] of bySub) console.log(`  ${sub.padEnd(24)} ${(size / 1024).toFixed(1)} KB`);
for (const line of broken.slice(0, 20)) console.error(`  ✖ ${line}`);

const quality = await ci.checkCodeQuality(project);
console.log('checkCodeQuality:');
for (const item of quality) console.log(`  ${item.success ? '✓' : '·'} ${item.name}: ${item.text ?? ''}`);
const sizeCheck = quality.find((q) => q.name === 'PACKAGE_SIZE_LIMIT');

// miniprogram-ci leaves a file watcher running: end the process ourselves.
process.exit(broken.length || (sizeCheck && !sizeCheck.success) ? 1 : 0);
