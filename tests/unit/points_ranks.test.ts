import { competitionRanks } from '../../cloud/src/points/ranks';

test('equal points share a rank and the next rank skips past them', () => {
  expect(competitionRanks([65, 5, 0, 0, 0])).toEqual([1, 2, 3, 3, 3]);
  expect(competitionRanks([30, 30, 10, 5, 5, 1])).toEqual([1, 1, 3, 4, 4, 6]);
});

test('distinct points rank in order; an empty list has no ranks', () => {
  expect(competitionRanks([9, 7, 3])).toEqual([1, 2, 3]);
  expect(competitionRanks([])).toEqual([]);
});
