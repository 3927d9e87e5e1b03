/**
 * Competition ranks ("1, 2, 2, 4") for scores sorted from the highest: equal points share a rank,
 * so of two members with the same points neither shows above the other by an accident of order.
 */
export function competitionRanks(scores: readonly number[]): number[] {
  const ranks: number[] = [];
  scores.forEach((s, i) => ranks.push(i > 0 && s === scores[i - 1] ? ranks[i - 1] : i + 1));
  return ranks;
}
