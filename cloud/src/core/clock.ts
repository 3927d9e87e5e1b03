import { Provide, Scope, ScopeEnum } from '@midwayjs/core';

/**
 * "Now" for business rules (time limits, overdue flags, auto-close). One place to read the time,
 * so tests can move it forward instead of waiting days.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Clock {
  /** How far "now" is ahead of the real time; 0 in production (tests set or advance it). */
  offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves "now" by `ms` (tests only: production never calls it). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Sets how far "now" is ahead of the real time (tests only). */
  setOffset(ms: number): void {
    this.offsetMs = ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
