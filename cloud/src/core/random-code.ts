import { randomInt } from 'node:crypto';

/** Letters and digits nobody misreads when typing from paper or a screen: no 0/O, 1/I/L. */
export const READABLE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A random code of `length` readable characters (uniform: crypto's randomInt). */
export function randomCode(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)];
  return out;
}
