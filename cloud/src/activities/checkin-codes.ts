import { createHmac, timingSafeEqual } from 'node:crypto';
import { Config, Provide } from '@midwayjs/core';
import QRCode from 'qrcode';
import {
  CHECKIN_TOKEN_BYTES,
  CHECKIN_TOKEN_PREFIX,
  SHIFT_RULES,
  readCheckInToken,
  type CheckInTokenParts,
} from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import type { Shift } from './shift.model';

const WINDOW_MS = SHIFT_RULES.codeWindowMinutes * 60_000;

/** Why a scanned token is refused, in words a volunteer can act on. */
export const TOKEN_REFUSALS = {
  otherShift: '这是另一个班次的签到二维码，请确认您要签到的班次',
  forged: '签到二维码无效，请扫描组织方现场出示的二维码',
  expired: '签到二维码已过期，请扫描组织方手机上最新的二维码',
} as const;

/**
 * The shift's check-in secrets: a 6-digit code per 5-minute window (to type in a browser) and a
 * signed token with the same lifetime (what the QR code holds). Both are HMACs of the app's secret
 * and the shift's own secret, so nothing is stored per window and one shift's codes say nothing of another's.
 */
@Provide()
export class CheckInCodes {
  @Config('gongzhi')
  settings!: Settings;

  windowOf(now: Date): number {
    return Math.floor(now.getTime() / WINDOW_MS);
  }

  /** When the screen should show the next window's code. */
  refreshOf(window: number): Date {
    return new Date((window + 1) * WINDOW_MS);
  }

  /** A window's code is accepted during that window and the next one: at most 10 minutes. */
  expiryOf(window: number): Date {
    return new Date((window + 2) * WINDOW_MS);
  }

  /** HMAC of the shift, its own secret and the 5-minute window, cut to 6 digits. */
  codeOf(shift: Pick<Shift, '_id' | 'codeSecret'>, window: number): string {
    const mac = createHmac('sha256', this.settings.jwtSecret)
      .update(`${shift._id}:${shift.codeSecret}:${window}`)
      .digest();
    return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  }

  codeAccepted(shift: Pick<Shift, '_id' | 'codeSecret'>, code: string, now: Date): boolean {
    const window = this.windowOf(now);
    return [window, window - 1].some((w) => timingSafeEqual(Buffer.from(this.codeOf(shift, w)), Buffer.from(code)));
  }

  /** `gzqd1.` + base64url(shift id, expiry in seconds, signature): short enough for an easily scanned QR code. */
  tokenOf(shift: Pick<Shift, '_id' | 'codeSecret'>, expiresAt: Date): string {
    const signed = Buffer.alloc(CHECKIN_TOKEN_BYTES.shift + CHECKIN_TOKEN_BYTES.expiry);
    Buffer.from(String(shift._id), 'hex').copy(signed);
    signed.writeUInt32BE(Math.floor(expiresAt.getTime() / 1000), CHECKIN_TOKEN_BYTES.shift);
    return CHECKIN_TOKEN_PREFIX + Buffer.concat([signed, this.macOf(shift, signed)]).toString('base64url');
  }

  /** Reads a scanned token (which shift, until when) without trusting it yet. */
  readToken(token: string): CheckInTokenParts {
    const parts = readCheckInToken(token);
    if (!parts) throw new AppError('CHECKIN_CODE_INVALID', TOKEN_REFUSALS.forged);
    return parts;
  }

  /** Throws CHECKIN_CODE_INVALID, with the reason, unless we signed the token for this shift and it is still valid. */
  checkToken(shift: Pick<Shift, '_id' | 'codeSecret'>, parts: CheckInTokenParts, now: Date): void {
    if (parts.shiftId !== String(shift._id)) throw new AppError('CHECKIN_CODE_INVALID', TOKEN_REFUSALS.otherShift);
    const expected = this.macOf(shift, Buffer.from(parts.signed));
    if (parts.mac.length !== expected.length || !timingSafeEqual(expected, Buffer.from(parts.mac))) {
      throw new AppError('CHECKIN_CODE_INVALID', TOKEN_REFUSALS.forged);
    }
    if (now >= parts.expiresAt) throw new AppError('CHECKIN_CODE_INVALID', TOKEN_REFUSALS.expired);
  }

  /** The QR code as a PNG data URL: shown as an image in WeChat and in a browser alike. */
  async qrImage(token: string): Promise<string> {
    return QRCode.toDataURL(token, { type: 'image/png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
  }

  private macOf(shift: Pick<Shift, '_id' | 'codeSecret'>, signed: Buffer): Buffer {
    return createHmac('sha256', this.settings.jwtSecret)
      .update(`checkin-token:${shift.codeSecret}:`)
      .update(signed)
      .digest()
      .subarray(0, CHECKIN_TOKEN_BYTES.mac);
  }
}
