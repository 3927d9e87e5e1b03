import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Config, Init, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Settings } from '../config/settings';

const VERSION = 'v1';

/**
 * Personal data at rest (ID numbers, party members' names and phones): AES-256-GCM with a random
 * 96-bit IV per value, stored as `v1.<iv>.<tag>.<ciphertext>` (base64url). Lookups and import
 * idempotency use a blind index: an HMAC-SHA256 of the normalised value under a second key derived
 * from the same secret, so the index reveals nothing without the key and equal values still match.
 */
export class DataCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(secret: Buffer) {
    this.encKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'gongzhi:encrypt', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'gongzhi:blind-index', 32));
  }

  encrypt(plain: string): string;
  encrypt(plain: string | null): string | null;
  encrypt(plain: string | null): string | null {
    if (plain === null) return null;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(stored: string): string;
  decrypt(stored: string | null | undefined): string | null;
  decrypt(stored: string | null | undefined): string | null {
    if (stored === null || stored === undefined) return null;
    const [version, iv, tag, body] = stored.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not an encrypted value');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Blind index of an ID number (upper-case, no spaces): the same person always gives the same hex. */
  blindIndex(kind: string, value: string): string {
    return createHmac('sha256', this.indexKey).update(`${kind}:${value.trim().toUpperCase()}`).digest('hex');
  }
}

/** The process's cipher, keyed from settings (GONGZHI_DATA_KEY). */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Cipher extends DataCipher {
  @Config('gongzhi')
  settings!: Settings;

  constructor() {
    super(Buffer.alloc(32));
  }

  @Init()
  init(): void {
    Object.assign(this, new DataCipher(this.settings.dataKey));
  }
}
