import { Types } from 'mongoose';
import { allOf } from '../../cloud/src/core/filters';

// allOf must match exactly what { $and: parts } matches, flattened so FerretDB can push equality down.

const community = new Types.ObjectId();
const from = new Date('2026-01-01T00:00:00Z');
const to = new Date('2026-02-01T00:00:00Z');

test('disjoint parts become one flat filter, values kept as they are', () => {
  const f = allOf({ 'place.communityId': community }, { status: 'submitted' }, { dueAt: { $lt: to } });
  expect(f).toEqual({ 'place.communityId': community, status: 'submitted', dueAt: { $lt: to } });
  expect(f['place.communityId']).toBe(community);
  expect(f).not.toHaveProperty('$and');
});

test('two different operators on one field merge into one operator object', () => {
  expect(allOf({ submittedAt: { $gte: from } }, { submittedAt: { $lt: to } })).toEqual({
    submittedAt: { $gte: from, $lt: to },
  });
});

test('a field given twice as a value, or the same operator twice, stays in a residual $and', () => {
  expect(allOf({ status: 'done' }, { status: 'closed' })).toEqual({ status: 'done', $and: [{ status: 'closed' }] });
  expect(allOf({ dueAt: { $lt: to } }, { dueAt: { $lt: from } })).toEqual({
    dueAt: { $lt: to },
    $and: [{ dueAt: { $lt: from } }],
  });
});

test('an ObjectId or a Date is a value, never merged as operators', () => {
  const other = new Types.ObjectId();
  expect(allOf({ owner: community }, { owner: other })).toEqual({ owner: community, $and: [{ owner: other }] });
});

test('an empty scope (county) adds nothing; $or and $and parts are kept', () => {
  expect(allOf({}, { blownAt: { $gte: from, $lt: to } })).toEqual({ blownAt: { $gte: from, $lt: to } });
  const or = { $or: [{ 'place.streetId': community }, { targetKeys: 'department:x' }] };
  expect(allOf(or, { blownAt: { $gte: from } })).toEqual({ ...or, blownAt: { $gte: from } });
  expect(allOf({ $and: [{ a: 1 }] }, { $and: [{ b: 2 }] })).toEqual({ $and: [{ a: 1 }, { $and: [{ b: 2 }] }] });
});
