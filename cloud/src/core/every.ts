import type { ILogger } from '@midwayjs/core';

/**
 * Runs `task` every `ms` on a plain timer — every instance runs it; the jobs are safe to run twice
 * because their writes are guarded by unique indexes. The timer never keeps the process alive, a
 * failure is logged and retried next time, and a run cut short by shutdown is not reported.
 * Returns the function that stops it.
 */
export function every(ms: number, label: string, logger: ILogger, task: () => Promise<string | null>): () => void {
  let stopped = false;
  const timer = setInterval(async () => {
    try {
      const done = await task();
      if (done) logger.info('[%s] %s', label, done);
    } catch (err) {
      if (!stopped) logger.warn('[%s] failed, will retry: %s', label, err);
    }
  }, ms);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
