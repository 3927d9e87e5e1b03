import { createSecretKey, type KeyObject } from 'node:crypto';
import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { JwtService } from '@midwayjs/jwt';
import type { Settings } from '../config/settings';
import type { TokenClaims } from './principal';
import { AppError } from './app-error';

interface Claims {
  sub: string;
  sid?: string;
}

/**
 * Issues and checks the backend's own tokens (HS256, always with an expiry). A token names the person
 * (and a browser session) only: roles and places are read per request (PrincipalSource), so a
 * revoked grant does not live on in a token. WeChat's session_key never enters them.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Tokens {
  @Config('gongzhi')
  settings!: Settings;

  @Inject()
  jwt!: JwtService;

  /**
   * The secret as a key object, made once. Given a string, jsonwebtoken first tries to parse it as
   * a public key on every call and fails (a thrown error with its stack): 13 % of a list request's CPU.
   */
  private key?: KeyObject;
  private get secret(): KeyObject {
    return (this.key ??= createSecretKey(Buffer.from(this.settings.jwtSecret, 'utf8')));
  }

  /** A token for `claims`, valid for `hours` (default: the mini-program's JWT_TTL_HOURS). */
  issue(p: TokenClaims, hours = this.settings.jwtTtlHours): { token: string; expiresAt: string } {
    const expiresIn = Math.round(hours * 3600);
    const claims: Claims = { sub: p.userId, ...(p.sessionId ? { sid: p.sessionId } : {}) };
    const token = this.jwt.signSync(claims, this.secret, { algorithm: 'HS256', expiresIn });
    return { token, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
  }

  verify(token: string): TokenClaims {
    let claims: Claims & { exp?: number };
    try {
      claims = this.jwt.verifySync(token, this.secret, { algorithms: ['HS256'] }) as unknown as Claims;
    } catch {
      throw new AppError('TOKEN_INVALID');
    }
    // Every token carries an expiry: one without (made by hand with a leaked secret) is refused.
    if (typeof claims.sub !== 'string' || !/^[0-9a-f]{24}$/.test(claims.sub) || typeof claims.exp !== 'number')
      throw new AppError('TOKEN_INVALID');
    if (claims.sid !== undefined && typeof claims.sid !== 'string') throw new AppError('TOKEN_INVALID');
    return { userId: claims.sub, sessionId: claims.sid ?? null };
  }
}
