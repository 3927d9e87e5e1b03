import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

// No loops between areas (issue 17): the rules of .dependency-cruiser.cjs, checked with
// dependency-cruiser's `cruise` (scripts/dependency-rules.mjs, an ES module run in its own node:
// jest's CommonJS cannot load dependency-cruiser). A module cycle in cloud/src, an import of an area
// from core/ or config/, of seed/ from an area's non-seed file, or of cloud/ or miniapp/ from shared/
// fails here; so does a new loop between areas or a new import between mini-program subpackages.

interface Violation {
  rule: string;
  severity: string;
  from: string;
  to: string;
  cycle?: string[];
}

/**
 * Areas that reach each other today (rule no-circular-areas: a folder of cloud/src whose imports lead
 * back to it), as `from → to` of the imports that close a loop. Not removed in issue 17, item 4:
 * - needs ⇄ whistles ⇄ projects: a need is dispatched to a whistle or a project, whistles and
 *   projects read and create needs;
 * - people ⇄ party ⇄ audit ⇄ needs: reads of personal data are audited (AuditLog resolves people,
 *   party members, communities), the audit pages show needs and people, and people's data export
 *   lists who read it;
 * - org ⇄ grants ⇄ people: posts (grants) are on org nodes and accounts, the tree checks posts;
 * - wechat and notifications read people's WeChat identities (people/user.model), and people, needs,
 *   whistles, … send through them;
 * - seed ⇄ every area: seed/seed-demo.ts calls each area's *.seed.ts, which reads seed/demo-county.ts;
 * - activities ⇄ points, stats, teams: hours and points are earned in activities, read by stats.
 * - resources → notifications (booking approved or refused is a message) closes resources → notifications →
 *   people → grants → resources (grants name a unit's resource a service person serves as).
 * uploads is in the big loop only through notifications and wechat (it imports no area that shows
 * photos: those register in <area>.photos.ts). Remove a line when its loop is gone; add one only with its reason above.
 */
// prettier-ignore
const KNOWN_AREA_LOOPS = [
  'activities → audit', 'activities → notifications', 'activities → org', 'activities → points',
  'audit → needs', 'audit → org', 'audit → party', 'audit → people',
  'grants → org', 'grants → people', 'grants → resources', 'grants → wechat',
  'grids → grants', 'grids → menu', 'grids → needs', 'grids → org', 'grids → points', 'grids → uploads', 'grids → wechat', 'grids → whistles',
  'menu → org',
  'needs → activities', 'needs → audit', 'needs → grants', 'needs → menu', 'needs → notifications', 'needs → org', 'needs → people', 'needs → projects', 'needs → resources', 'needs → seed', 'needs → uploads', 'needs → wechat', 'needs → whistles',
  'notices → org', 'notices → wechat',
  'notifications → people', 'notifications → wechat',
  'org → grants',
  'party → audit', 'party → org', 'party → people', 'party → points', 'party → wechat',
  'people → audit', 'people → grants', 'people → org', 'people → party', 'people → wechat',
  'points → activities', 'points → audit', 'points → org', 'points → party', 'points → people', 'points → seed', 'points → stats',
  'projects → needs', 'projects → org', 'projects → uploads', 'projects → wechat',
  'resources → audit', 'resources → notifications', 'resources → org', 'resources → people',
  'seed → activities', 'seed → grants', 'seed → grids', 'seed → menu', 'seed → needs', 'seed → notices', 'seed → org', 'seed → party', 'seed → points', 'seed → projects', 'seed → resources', 'seed → stats', 'seed → teams', 'seed → whistles',
  'stats → activities', 'stats → grants', 'stats → needs', 'stats → org', 'stats → seed', 'stats → whistles',
  'teams → activities', 'teams → notifications', 'teams → org',
  'uploads → notifications', 'uploads → wechat',
  'wechat → people',
  'whistles → activities', 'whistles → grants', 'whistles → needs', 'whistles → notifications', 'whistles → org', 'whistles → points', 'whistles → projects', 'whistles → uploads', 'whistles → wechat',
];

/** Mini-program subpackages importing another subpackage (mostly packages/admin's components and hooks) today. */
const KNOWN_MINIAPP_CROSSINGS = 104;

let result: { errors: number; warnings: number; violations: Violation[] };

beforeAll(() => {
  const script = path.join(__dirname, '..', '..', 'scripts', 'dependency-rules.mjs');
  const out = execFileSync(process.execPath, [script, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  result = JSON.parse(out);
}, 180_000);

const of = (rule: string) => result.violations.filter((v) => v.rule === rule);

test('no import breaks an error rule (module cycles, core/ importing an area, areas importing seed/, shared/ importing the apps)', () => {
  const errors = result.violations
    .filter((v) => v.severity === 'error')
    .map((v) => `${v.rule}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.join(' → ')})` : ''}`);
  expect(errors).toEqual([]);
  expect(result.errors).toBe(0);
});

test('no new loop between areas', () => {
  const now = of('no-circular-areas').map((v) => `${v.from} → ${v.to}`.replace(/cloud\/src\//g, ''));
  expect(now.filter((l) => !KNOWN_AREA_LOOPS.includes(l))).toEqual([]);
  const gone = KNOWN_AREA_LOOPS.filter((l) => !now.includes(l));
  if (gone.length)
    console.warn(`Loops between areas that are gone (remove them from KNOWN_AREA_LOOPS): ${gone.join(', ')}`);
});

test('mini-program subpackages do not import each other more than today', () => {
  expect(of('miniapp-packages-apart').length).toBeLessThanOrEqual(KNOWN_MINIAPP_CROSSINGS);
});
