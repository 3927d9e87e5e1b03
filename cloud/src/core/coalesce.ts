/**
 * Request coalescing: concurrent calls with the same key share one run of `work`; nothing is kept
 * once it settles, so a call that starts after a run has finished always runs afresh (no stale
 * cache). Why: a figure that reads thousands of documents (the county's 三率 over 90 days) is asked
 * for by many officials at once; on FerretDB each read decodes every document in Go, so fifty
 * identical requests were fifty full reads queued behind each other (docs/performance.md).
 * Callers must only share a key when the result is the same for both (same scope, same query).
 */
export class Coalescer<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const held = this.running.get(key);
    if (held) return held;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }

  /** Runs in flight now (for tests). */
  get size(): number {
    return this.running.size;
  }
}
