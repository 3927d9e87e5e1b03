import {
  ApplicationContext,
  Autoload,
  Config,
  Destroy,
  ILogger,
  IMidwayContainer,
  Init,
  Inject,
  Logger,
  Provide,
  Scope,
  ScopeEnum,
} from '@midwayjs/core';
import type { Settings } from '../config/settings';
import { Clock } from './clock';
import { Db } from './db';
import { every } from './every';

/** What a sweep gets: the database, the settings (the upload folder) and "now" from the Clock. */
export interface SweepContext {
  db: Db;
  settings: Settings;
  now: Date;
}

/** Removes what is no longer needed and says how many it removed. Safe to run twice, on every instance. */
export type Sweep = (ctx: SweepContext) => Promise<number>;

/** How long a kept copy may outlive its use: an idempotency record, an unattached photo, an import file. */
export const KEEP_MS = 24 * 60 * 60 * 1000;

const sweeps = new Map<string, Sweep>();

/**
 * Registers a clean-up (FerretDB has no TTL index, so nothing expires by itself). Each area does
 * it in its own `<area>.sweep.ts`, loaded with every other file under cloud/src.
 */
export function registerSweep(label: string, sweep: Sweep): void {
  sweeps.set(label, sweep);
}

/** Runs every registered sweep each hour; `tick` is what the timer does, callable by tests. */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class Sweeper {
  @ApplicationContext()
  container!: IMidwayContainer;

  @Inject()
  clock!: Clock;

  @Config('gongzhi')
  settings!: Settings;

  @Logger()
  logger!: ILogger;

  private stop: (() => void) | null = null;

  @Init()
  init(): void {
    this.stop = every(60 * 60 * 1000, 'sweeps', this.logger, () => this.tick());
  }

  async tick(): Promise<string | null> {
    const ctx: SweepContext = {
      db: await this.container.getAsync(Db),
      settings: this.settings,
      now: this.clock.now(),
    };
    const done: string[] = [];
    for (const [label, sweep] of sweeps) {
      const n = await sweep(ctx);
      if (n) done.push(`${label}: ${n}`);
    }
    return done.length ? `removed ${done.join(', ')}` : null;
  }

  @Destroy()
  destroy(): void {
    this.stop?.();
  }
}
