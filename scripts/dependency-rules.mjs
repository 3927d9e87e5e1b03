// `npm run deps`: checks the import rules of .dependency-cruiser.cjs (no loops between areas, core/
// imports no area, …) over cloud/src, shared/src and miniapp/ with dependency-cruiser's API.
// Prints the violations; with --json prints { errors, warnings, violations } for the unit test.
// Exits 1 on an error-level violation.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const require = createRequire(import.meta.url);
const config = require(path.join(root, '.dependency-cruiser.cjs'));

const result = await cruise(
  ['cloud/src', 'shared/src', 'miniapp'],
  { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } },
  undefined,
  { tsConfig: extractTSConfig(path.join(root, config.options.tsConfig.fileName)) },
);
const { summary } = result.output;
const violations = summary.violations.map((v) => ({
  rule: v.rule.name,
  severity: v.rule.severity,
  from: v.from,
  to: v.to,
  ...(v.cycle ? { cycle: v.cycle.map((c) => c.name ?? c) } : {}),
}));

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ errors: summary.error, warnings: summary.warn, violations }));
} else {
  for (const v of violations)
    console.log(`${v.severity} ${v.rule}: ${v.from} → ${v.to}${v.cycle ? `\n    ${v.cycle.join(' → ')}` : ''}`);
  console.log(`${summary.totalCruised} modules: ${summary.error} errors, ${summary.warn} warnings`);
}
process.exitCode = summary.error ? 1 : 0;
