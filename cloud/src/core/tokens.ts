import { createSecretKey, type KeyObject } from 'node:crypto';
import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { JwtService } from '@midwayjs/jwt';
import { ROLES, type Role } from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import type { TokenClaims } from './principal';
import { AppError } from './app-error';

interface Claims {
  sub: string;
  roles: Role[];
  org: string | null;
  com: string | null;
  str: string | null;
}

/** Issues and checks the backend's own tokens (HS256). WeChat's session_key never enters them. */
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

  issue(p: TokenClaims): { token: string; expiresAt: string } {
    const expiresIn = this.settings.jwtTtlHours * 3600;
    const claims: Claims = { sub: p.userId, roles: p.roles, org: p.orgId, com: p.communityId, str: p.streetId };
    const token = this.jwt.signSync(claims, this.secret, { algorithm: 'HS256', expiresIn });
    return { token, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
  }

  verify(token: string): TokenClaims {
    let claims: Claims;
    try {
      claims = this.jwt.verifySync(token, this.secret, { algorithms: ['HS256'] }) as unknown as Claims;
    } catch {
      throw new AppError('TOKEN_INVALID');
    }
    if (
      typeof claims.sub !== 'string' ||
      !Array.isArray(claims.roles) ||
      !claims.roles.every((r) => ROLES.includes(r))
    ) {
      throw new AppError('TOKEN_INVALID');
    }
    return {
      userId: claims.sub,
      roles: claims.roles,
      orgId: claims.org ?? null,
      communityId: claims.com ?? null,
      streetId: claims.str ?? null,
    };
  }
}
