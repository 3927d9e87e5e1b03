/** Budgets are integer fen (分); people read 元: 4860000 → `48,600 元`, 1234567 → `12,345.67 元`. */
export function yuanText(fen: number): string {
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${yuan}${cents ? `.${String(cents).padStart(2, '0')}` : ''} 元`;
}

/** The same amount in 万元 for large budgets: 4860000 → `4.86 万元`; below 1 万元, plain 元. */
export function yuanShort(fen: number): string {
  if (Math.abs(fen) < 1_000_000) return yuanText(fen);
  const wan = fen / 1_000_000;
  return `${Number(wan.toFixed(2))} 万元`;
}
