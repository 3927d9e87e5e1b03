import {
  ApplicationContext,
  Autoload,
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
import { Clock } from '../core/clock';
import { NeedsService } from './needs.service';

const EVERY_MS = 10 * 60 * 1000;

/**
 * Auto-closes unrated needs 7 days after completion, every 10 minutes. A plain timer (no cron
 * component): every instance may run it, the (needId, seq) index keeps each close single.
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class NeedsScheduler {
  @ApplicationContext()
  container!: IMidwayContainer;

  @Inject()
  clock!: Clock;

  @Logger()
  logger!: ILogger;

  private timer: NodeJS.Timeout | null = null;

  @Init()
  init(): void {
    this.timer = setInterval(() => void this.tick(), EVERY_MS);
    // Never keep the process alive just for this.
    this.timer.unref();
  }

  async tick(): Promise<void> {
    try {
      const needs = await this.container.getAsync(NeedsService);
      const closed = await needs.autoCloseDue(this.clock.now());
      if (closed) this.logger.info('[needs] auto-closed %d unrated needs', closed);
    } catch (err) {
      this.logger.warn('[needs] auto-close failed, will retry: %s', err);
    }
  }

  @Destroy()
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
