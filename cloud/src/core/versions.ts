import { Config, Destroy, ILogger, Init, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import Redis from 'ioredis';
import type { Settings } from '../config/settings';

/**
 * Version counters that tell a cached value from a stale one, shared by every API instance.
 *
 * A cache entry remembers the versions it was read at; a change bumps a version *before* its
 * request answers, and the next request on any instance reads the versions (one MGET) and sees the
 * entry is stale. With `REDIS_URL` the counters live in Redis (several instances); without it, in this
 * process (one instance). When Redis cannot be read the caller must not use its cache.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Versions {
  @Config('gongzhi')
  settings!: Settings;

  @Logger()
  logger!: ILogger;

  private redis: Redis | null = null;
  private local = new Map<string, number>();

  @Init()
  init(): void {
    if (!this.settings.redisUrl) return;
    this.redis = new Redis(this.settings.redisUrl, {
      keyPrefix: this.settings.redisPrefix,
      // Fail a command at once while Redis is away (the caller then reads the database instead)
      // rather than queueing it behind a request.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      lazyConnect: false,
    });
    this.redis.on('error', (err) => this.logger.warn(`[redis] ${err.message}`));
  }

  /** Whether versions are shared across instances. */
  get shared(): boolean {
    return this.redis !== null;
  }

  /** The current versions of `keys` (0 for one never bumped); null when they cannot be read. */
  async read(keys: string[]): Promise<number[] | null> {
    if (!this.redis) return keys.map((k) => this.local.get(k) ?? 0);
    try {
      const values = await this.redis.mget(...keys);
      return values.map((v) => Number(v ?? 0));
    } catch {
      return null;
    }
  }

  /** Marks everything read under `key` stale, on every instance. Throws when the change cannot be announced. */
  async bump(key: string): Promise<void> {
    this.local.set(key, (this.local.get(key) ?? 0) + 1);
    if (this.redis) await this.redis.incr(key);
  }

  @Destroy()
  async close(): Promise<void> {
    this.redis?.disconnect();
  }
}
