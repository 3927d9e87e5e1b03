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
import { WhistleEscalations } from './whistle-escalation.service';

/** Runs the deadline sweep every minute; the escalation records' unique index keeps each step single. */
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

  private stop: (() => void) | null = null;

  @Init()
  init(): void {
    this.stop = every(60 * 1000, 'whistles', this.logger, () => this.tick());
  }

  /** One sweep: what the timer does, callable by tests with the same clock. */
  async tick(): Promise<string | null> {
    const escalations = await this.container.getAsync(WhistleEscalations);
    const { escalated, completed } = await escalations.sweepOverdue(this.clock.now());
    return escalated || completed ? `escalated ${escalated}, completed ${completed}` : null;
  }

  @Destroy()
  destroy(): void {
    this.stop?.();
  }
}
