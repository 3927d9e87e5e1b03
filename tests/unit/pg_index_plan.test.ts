import { ginIndexPlan, loadAllModels } from '../../cloud/src/core/pg-indexes';

// Which GIN indexes `npm run db:pg-indexes` builds on FerretDB's PostgreSQL backend comes from the
// models: `_id` and the first key of each model index, without dates (read by range) or dotted paths
// (FerretDB evaluates both in Go, so an index would only cost writes).
loadAllModels();
const plan = new Map(ginIndexPlan().map((p) => [p.collection, p.fields]));

test('every collection gets _id, under its MongoDB collection name', () => {
  for (const [, fields] of plan) expect(fields).toContain('_id');
  expect(plan.get('users')).toEqual(expect.arrayContaining(['_id', 'communityId']));
  expect(plan.get('personTime')).toEqual(['_id', 'personId']);
});

test('the first key of each model index is in; later keys, dotted paths and dates are out', () => {
  // needs: {place.communityId, status, submittedAt}, {place.gridId, status}, {owner, submittedAt},
  // {status, completedAt}, {photos}, {placeKeys, status, dueAt} (the inbox's scope)
  expect(plan.get('needs')).toEqual(expect.arrayContaining(['_id', 'owner', 'photos', 'placeKeys', 'status']));
  expect(plan.get('needs')).not.toContain('place.communityId');
  expect(plan.get('needs')).not.toContain('submittedAt');
  // whistles: {targetKeys, blownAt} is in by targetKeys; blownAt/dueAt-first indexes are dates
  expect(plan.get('whistles')).toContain('targetKeys');
  expect(plan.get('whistles')).not.toContain('blownAt');
  expect(plan.get('seats')).toEqual(['_id', 'personId', 'shiftId']);
});
