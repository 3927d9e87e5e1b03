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
import { every } from '../core/every';
import { NeedsService } from './needs.service';

/** Auto-closes unrated needs 7 days after completion, every 10 minutes; the (needId, seq) index keeps each close single. */
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

  private stop: (() => void) | null = null;

  @Init()
  init(): void {
    this.stop = every(10 * 60 * 1000, 'needs', this.logger, () => this.tick());
  }

  /** One run: what the timer does, callable by tests with the same clock. */
  async tick(): Promise<string | null> {
    const needs = await this.container.getAsync(NeedsService);
    const closed = await needs.autoCloseDue(this.clock.now());
    return closed ? `auto-closed ${closed} unrated needs` : null;
  }

  @Destroy()
  destroy(): void {
    this.stop?.();
  }
}
