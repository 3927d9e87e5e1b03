import { startApp, type TestApp } from '../support/app';
import { modelDefs } from '../../cloud/src/core/db';
import { placeRecords } from '../../cloud/src/org/place-records';

// Deactivation never orphans anything only if every record that names a place or a unit is looked
// after by some area's `<area>.places.ts`. This finds every such collection among the models the app
// loaded and fails on one that no registration declares (or that is not named below with the reason).
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

/** Fields that name a place of the tree or a unit. */
const PLACE_FIELD =
  /^(place|placeKeys|placeId|placeIds|orgId|communityId|gridId|streetId|unitId|organiserUnitId|responsibleUnitIds|targetKeys)$/;

/** Collections that carry such a field but are the tree itself or its history. */
const OWN = {
  orgs: 'the tree itself: moved by the org area (children re-parented, ancestors rewritten)',
  units: 'resident units: moved by the org area (a street merge moves its units)',
  orgEvents: 'history: an event names the node it happened to, for good',
};

test('every collection naming a place or a unit is declared by an area’s places registration', () => {
  const declared = new Map<string, string>();
  for (const r of placeRecords()) for (const c of r.collections) declared.set(c, r.area);
  const missing: string[] = [];
  const found: string[] = [];
  for (const def of modelDefs()) {
    const collection = def.schema.get('collection') as string;
    const fields = Object.keys(def.schema.paths).filter((p) => PLACE_FIELD.test(p.split('.')[0]));
    if (fields.length) found.push(collection);
    if (!fields.length || collection in OWN || declared.has(collection)) continue;
    missing.push(`${collection} (${fields.join(', ')})`);
  }
  expect(missing).toEqual([]);
  // The scan sees what it should (a scan that finds nothing would pass the line above).
  expect(found).toEqual(
    expect.arrayContaining(['needs', 'whistles', 'users', 'grants', 'gridMembers', 'partyMembers']),
  );
  // Each registration names collections that exist.
  const collections = new Set(modelDefs().map((d) => d.schema.get('collection') as string));
  expect([...declared.keys()].filter((c) => !collections.has(c))).toEqual([]);
  expect(placeRecords().length).toBeGreaterThanOrEqual(12);
});
