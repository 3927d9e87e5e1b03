/** Masks a mobile number for display: 13812340001 → 138****0001. The server masks; clients never see the full number unless handling the case. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
