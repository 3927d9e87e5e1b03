import { CHECKIN_TOKEN_PREFIX, SHIFT_RULES } from './schemas';

// Check-in on site (签到): the words every page uses, the rule that flags a short stay for staff,
// and how the QR token is read. The server signs and checks the token; pages only read which shift
// it belongs to.

const MINUTE = 60_000;
type Instant = Date | string;
const ms = (t: Instant) => (typeof t === 'string' ? Date.parse(t) : t.getTime());

/** One wording on every page: 扫码签到 in WeChat, the 6-digit 签到码 in a browser (which cannot scan). */
export const CHECKIN_WORDS = {
  rule: `活动开始前 ${SHIFT_RULES.checkInEarlyMinutes} 分钟起可签到，开始后才能签退，结束后 ${SHIFT_RULES.checkInLateMinutes} 分钟停止`,
  scanIn: '扫码签到',
  scanOut: '扫码签退',
  howInWechat: '到场后点「扫码签到」，扫组织方出示的二维码',
  howInBrowser: '到场后输入组织方出示的 6 位签到码',
  refresh: `每 ${SHIFT_RULES.codeWindowMinutes} 分钟自动更新`,
} as const;

/** `1 小时 30 分钟`, `45 分钟`, `2 小时`. */
export function minutesWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h && m) return `${h} 小时 ${m} 分钟`;
  return h ? `${h} 小时` : `${m} 分钟`;
}

/**
 * A check-out is accepted but flagged for staff when the person was on the shift for less than half
 * its length, or less than 15 minutes whatever the length. Only time inside the shift counts: coming
 * early and leaving right after the start is a short stay.
 */
export const SHORT_STAY = { minMinutes: 15, minShare: 0.5 } as const;

export interface ShortStay {
  /** Minutes between check-in and check-out that fall inside the shift. */
  minutes: number;
  /** What the rule asked for on this shift. */
  neededMinutes: number;
}

export function shiftMinutesOf(shift: { start: Instant; end: Instant }): number {
  return Math.round((ms(shift.end) - ms(shift.start)) / MINUTE);
}

export function minutesOnShift(shift: { start: Instant; end: Instant }, checkIn: Instant, checkOut: Instant): number {
  const from = Math.max(ms(checkIn), ms(shift.start));
  const to = Math.min(ms(checkOut), ms(shift.end));
  return Math.max(0, Math.floor((to - from) / MINUTE));
}

/** The short stay of a check-out, or null when the stay was long enough. */
export function shortStayOf(
  shift: { start: Instant; end: Instant },
  checkIn: Instant,
  checkOut: Instant,
): ShortStay | null {
  const neededMinutes = Math.max(SHORT_STAY.minMinutes, Math.ceil(shiftMinutesOf(shift) * SHORT_STAY.minShare));
  const minutes = minutesOnShift(shift, checkIn, checkOut);
  return minutes < neededMinutes ? { minutes, neededMinutes } : null;
}

/** The plain-words reason staff see on the roster (and the volunteer after checking out). */
export function shortStayReason(s: ShortStay): string {
  const short = s.neededMinutes === SHORT_STAY.minMinutes ? '不到 15 分钟' : '不到班次时长的一半';
  return `活动期间只在岗 ${minutesWords(s.minutes)}，${short}，请核实后再确认时长`;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes of unpadded base64url text (the token's body), or null when it is not that. */
export function fromBase64Url(text: string): Uint8Array | null {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = B64URL.indexOf(ch);
    if (v < 0) return null;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** The token's layout: shift id (12 bytes), expiry in Unix seconds (4), signature (16). */
export const CHECKIN_TOKEN_BYTES = { shift: 12, expiry: 4, mac: 16 } as const;

export interface CheckInTokenParts {
  shiftId: string;
  expiresAt: Date;
  /** The signed part (shift and expiry) and its signature, for the server to check. */
  signed: Uint8Array;
  mac: Uint8Array;
}

/** Reads a scanned token without trusting it: which shift it names and until when. Null: not ours. */
export function readCheckInToken(token: string): CheckInTokenParts | null {
  if (!token.startsWith(CHECKIN_TOKEN_PREFIX)) return null;
  const bytes = fromBase64Url(token.slice(CHECKIN_TOKEN_PREFIX.length));
  const { shift, expiry, mac } = CHECKIN_TOKEN_BYTES;
  if (!bytes || bytes.length !== shift + expiry + mac) return null;
  const hex = Array.from(bytes.subarray(0, shift), (b) => b.toString(16).padStart(2, '0')).join('');
  const e = bytes.subarray(shift, shift + expiry);
  const seconds = ((e[0] << 24) >>> 0) + (e[1] << 16) + (e[2] << 8) + e[3];
  return {
    shiftId: hex,
    expiresAt: new Date(seconds * 1000),
    signed: bytes.subarray(0, shift + expiry),
    mac: bytes.subarray(shift + expiry),
  };
}
