// After `taro build --type weapp`: WeChat refuses to upload a main package over 2 MB and its
// code-quality check asks for under 1.5 MB; we keep ours within budgets.json (1 MB main) so pages
// can grow in subpackages. Sums the main package (everything outside the subpackage roots in
// app.json), each subpackage and the total, and fails the build above a budget.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const budgets = JSON.parse(readFileSync(new URL('../budgets.json', import.meta.url), 'utf8'));
const LIMIT_KB = budgets.weappMainKB;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'weapp');
const appJson = path.join(out, 'app.json');

if (!existsSync(appJson)) {
  console.error(`check-size: ${path.relative(root, appJson)} not found — run taro build --type weapp first`);
  process.exit(1);
}

const app = JSON.parse(readFileSync(appJson, 'utf8'));
const subRoots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) =>
  path.join(out, p.root.replace(/\/+$/, '')),
);

// Files WeChat does not ship in the package.
const ignored = (file) =>
  file.endsWith('.map') ||
  path.basename(file) === 'project.config.json' ||
  path.basename(file) === 'project.private.config.json';

function walk(dir, onFile) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) walk(full, onFile);
    else if (!ignored(full)) onFile(full, stat.size);
  }
}

let main = 0;
let total = 0;
const perSub = new Map(subRoots.map((r) => [r, 0]));
walk(out, (file, size) => {
  total += size;
  const sub = subRoots.find((r) => file === r || file.startsWith(r + path.sep));
  if (sub) perSub.set(sub, perSub.get(sub) + size);
  else main += size;
});

const kb = (n) => (n / 1024).toFixed(1);
console.log(`weapp main package: ${kb(main)} KB (limit ${LIMIT_KB} KB)`);
for (const [sub, size] of perSub) console.log(`weapp subpackage ${path.relative(out, sub)}: ${kb(size)} KB`);
console.log(`weapp total: ${kb(total)} KB`);

const over = [];
if (main > LIMIT_KB * 1024) over.push(`main package ${kb(main)} KB exceeds ${LIMIT_KB} KB`);
for (const [sub, size] of perSub) {
  if (size > budgets.weappSubpackageKB * 1024) {
    over.push(`subpackage ${path.relative(out, sub)} ${kb(size)} KB exceeds ${budgets.weappSubpackageKB} KB`);
  }
}
if (total > budgets.weappTotalKB * 1024) over.push(`total ${kb(total)} KB exceeds ${budgets.weappTotalKB} KB`);
if (over.length) {
  for (const line of over) console.error(`check-size: ${line} (budgets.json)`);
  process.exit(1);
}
