import { Config, Destroy, ILogger, Init, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitGroup } from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from './app-error';

/**
 * 限流 — rate limits and lockouts, all in this one table (production values; the setting
 * RATE_LIMIT_SCALE multiplies every `points` and the read cap, for the test harness only).
 *
 * `by` says what a rule counts: the signed-in account (the client address when nobody is signed
 * in), the client address, or a key the use case gives (an account name, a shift). Limits per
 * account are the tight ones; those per address are loose, since many people may share one address
 * behind a carrier's NAT. A person working by hand never reaches any of them.
 */
export const RATE_LIMIT_RULES = {
  // Every write (POST, PUT, PATCH, DELETE) without a group of its own, applied by @Handle.
  writeAccount: { by: 'account', points: 20, seconds: 10 },
  writeAccountHour: { by: 'account', points: 600, seconds: 3600 },
  writeIp: { by: 'ip', points: 300, seconds: 10 },
  // 登录 (demo, WeChat, first setup): per address here, per account name / openid in SignInService.
  signInIp: { by: 'ip', points: 30, seconds: 60 },
  signInAccount: { by: 'key', points: 10, seconds: 600 },
  // 上传照片 (and a quota of stored bytes per person: UploadsService, UPLOAD_QUOTA_MB).
  // 15 a minute: an order's 9 photos with a few retries on a flaky network.
  uploadAccount: { by: 'account', points: 15, seconds: 60 },
  uploadAccountDay: { by: 'account', points: 200, seconds: 86_400 },
  uploadIp: { by: 'ip', points: 120, seconds: 60 },
  // 服务证明
  certificateAccount: { by: 'account', points: 5, seconds: 86_400 },
  certificateIp: { by: 'ip', points: 60, seconds: 3600 },
  // 名册导入 (dry runs and commits)
  importAccount: { by: 'account', points: 30, seconds: 3600 },
  importIp: { by: 'ip', points: 120, seconds: 3600 },
  // 签到码: wrong codes per person and per shift; reaching `points` locks for `lockSeconds`
  // (AttendanceService). Two codes are valid at a time out of a million.
  checkInPerson: { by: 'key', points: 5, seconds: 900, lockSeconds: 900 },
  checkInShift: { by: 'key', points: 30, seconds: 600, lockSeconds: 600 },
} as const satisfies Record<string, Rule>;

/** Which rules each endpoint group of the contract (`Endpoint.limit`) takes, instead of every write's. */
export const RATE_LIMIT_GROUP_RULES: Record<RateLimitGroup, RuleName[]> = {
  signIn: ['signInIp'],
  upload: ['uploadAccount', 'uploadAccountDay', 'uploadIp'],
  certificate: ['certificateAccount', 'certificateIp'],
  import: ['importAccount', 'importIp'],
};

export const WRITE_RULES: RuleName[] = ['writeAccount', 'writeAccountHour', 'writeIp'];

/**
 * Expensive reads: a GET asking for at least EXPENSIVE_PAGE_SIZE rows, or one the contract marks
 * `expensive` (exports, the certificate PDF). One account runs at most
 * READ_CONCURRENCY of them at once on an instance (the others answer 429 at once), so one person's
 * burst of big lists cannot slow everybody else's requests.
 */
export const EXPENSIVE_PAGE_SIZE = 50;
export const READ_CONCURRENCY = 4;

interface Rule {
  by: 'account' | 'ip' | 'key';
  points: number;
  seconds: number;
  lockSeconds?: number;
}
export type RuleName = keyof typeof RATE_LIMIT_RULES;

const lockedWhat: Partial<Record<RuleName, string>> = {
  checkInPerson: '签到码输错次数过多',
  checkInShift: '本班次签到码输错次数过多',
};

/** 429 in the error shape; Retry-After (seconds) is set from `retryAfterSec` by the request middleware. */
export function rateLimited(msBeforeNext: number, what = '操作太频繁'): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const wait =
    seconds < 60
      ? `${seconds} 秒`
      : seconds < 3600
        ? `${Math.ceil(seconds / 60)} 分钟`
        : seconds < 86_400
          ? `${Math.ceil(seconds / 3600)} 小时`
          : `${Math.ceil(seconds / 86_400)} 天`;
  const error = new AppError('RATE_LIMITED', `${what}，请 ${wait}后再试`);
  error.retryAfterSec = seconds;
  return error;
}

/**
 * The counters behind RATE_LIMIT_RULES (rate-limiter-flexible): in this process for one instance,
 * in Redis when REDIS_URL is set so that every instance counts together. While Redis cannot be
 * reached each instance counts on its own (the in-memory insurance limiter) rather than refusing.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RateLimits {
  @Config('gongzhi')
  settings!: Settings;

  @Logger()
  logger!: ILogger;

  private redis: Redis | null = null;
  private limiters = new Map<RuleName, RateLimiterAbstract>();
  private reads = new Map<string, number>();

  @Init()
  init(): void {
    if (!this.settings.redisUrl) return;
    this.redis = new Redis(this.settings.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
    this.redis.on('error', (err) => this.logger.warn(`[redis rate limits] ${err.message}`));
  }

  /**
   * Waits (at start-up, a few seconds at most) until Redis answers: a limiter asked before that
   * would count in this process only. Redis still away: the instance counts on its own meanwhile.
   */
  async ready(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      timer.unref();
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  @Destroy()
  async close(): Promise<void> {
    this.redis?.disconnect();
  }

  /** The rule's limit as applied here (scaled for the test harness). */
  points(name: RuleName): number {
    return Math.ceil(RATE_LIMIT_RULES[name].points * this.settings.rateLimitScale);
  }

  private limiter(name: RuleName): RateLimiterAbstract {
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const rule: Rule = RATE_LIMIT_RULES[name];
      const opts = { points: this.points(name), duration: rule.seconds };
      const memory = new RateLimiterMemory({ ...opts, keyPrefix: name });
      limiter = this.redis
        ? new RateLimiterRedis({
            ...opts,
            storeClient: this.redis,
            keyPrefix: `${this.settings.redisPrefix}rl:${name}`,
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory,
          })
        : memory;
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  /** Counts one request against each [rule, key]; refuses with 429 when any of them is over. */
  async take(...uses: (readonly [RuleName, string])[]): Promise<void> {
    const results = await Promise.all(
      uses.map(([name, key]) =>
        this.limiter(name)
          .consume(key)
          .then(() => null)
          .catch((res: unknown) => {
            if (res instanceof RateLimiterRes) return res.msBeforeNext;
            this.logger.warn(`[rate limits] ${name}: ${String(res)}`);
            return null; // the store failed and so did its insurance: let the request through
          }),
      ),
    );
    const waits = results.filter((ms): ms is number => ms !== null);
    if (waits.length) throw rateLimited(Math.max(...waits));
  }

  /**
   * One attempt under a lockout rule, counted before it is judged so that parallel guesses cannot
   * all slip in: refused (429) once the key has used its attempts, and the attempt that finds them
   * used locks the key for the rule's `lockSeconds`. A right attempt gives its count back (`succeeded`).
   */
  async attempt(name: RuleName, key: string): Promise<void> {
    const rule: Rule = RATE_LIMIT_RULES[name];
    const limiter = this.limiter(name);
    const res = await limiter.penalty(key).catch((err: unknown) => {
      this.logger.warn(`[rate limits] ${name}: ${String(err)}`);
      return null;
    });
    if (!res || res.consumedPoints <= this.points(name)) return;
    if (res.consumedPoints === this.points(name) + 1 && rule.lockSeconds) {
      await limiter.block(key, rule.lockSeconds).catch(() => undefined);
      throw rateLimited(rule.lockSeconds * 1000, lockedWhat[name] ?? '尝试次数过多');
    }
    throw rateLimited(res.msBeforeNext, lockedWhat[name] ?? '尝试次数过多');
  }

  /** Gives back the count of a right attempt. */
  async succeeded(name: RuleName, key: string): Promise<void> {
    await this.limiter(name)
      .reward(key)
      .catch(() => undefined);
  }

  /**
   * Takes one of the account's slots for an expensive read on this instance; the returned function
   * gives it back. Refuses with 429 when the account already runs READ_CONCURRENCY of them.
   */
  enterRead(account: string): () => void {
    const running = this.reads.get(account) ?? 0;
    if (running >= Math.ceil(READ_CONCURRENCY * this.settings.rateLimitScale)) {
      throw rateLimited(1000, '同时打开的列表太多');
    }
    this.reads.set(account, running + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.reads.get(account) ?? 1) - 1;
      if (left > 0) this.reads.set(account, left);
      else this.reads.delete(account);
    };
  }
}
