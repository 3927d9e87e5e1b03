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
import { WhistleEscalations } from './whistle-escalation.service';

const EVERY_MS = 60 * 1000;

/**
 * Runs the deadline sweep every minute. A plain timer on every instance: the escalation records'
 * unique index keeps each step single, whichever instance gets there first.
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class WhistlesScheduler {
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
    if (!this.timer) return;
    try {
      const escalations = await this.container.getAsync(WhistleEscalations);
      const { escalated, completed } = await escalations.sweepOverdue(this.clock.now());
      if (escalated || completed) this.logger.info('[whistles] escalated %d, completed %d', escalated, completed);
    } catch (err) {
      // A sweep cut short by shutdown is not news; anything else is retried next minute.
      if (this.timer) this.logger.warn('[whistles] sweep failed, will retry: %s', err);
    }
  }

  @Destroy()
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
