import { AsyncLocalStorage } from 'node:async_hooks';
import type { Connection } from 'mongoose';
import { mongo } from 'mongoose';

/** Document counts of every collection of one database, by name. */
export type Counts = Record<string, number>;

/** Collections whose counts differ between two snapshots (a collection missing on one side counts 0). */
export function countsDiff(before: Counts, after: Counts): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((n) => (before[n] ?? 0) !== (after[n] ?? 0))
    .map((n) => `${n}: ${before[n] ?? 0} → ${after[n] ?? 0}`);
}

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify', 'create', 'drop', 'dropDatabase']);

/**
 * Watches one database from the side: counts every collection through a client of its own (so the
 * counting is not seen as traffic), and sees every write command the app's own connection sends
 * (driver command monitoring; the app must connect with `monitorCommands=true` in its URI).
 * Counts can only move through writes, so a run that sent no write needs no recount.
 *
 * Writes are told apart by async context: a command issued while handling a request started inside
 * `run()` belongs to that run; anything else (a timer of the app, e.g. a scheduler) is background.
 */
export class DbWatch {
  private readonly context = new AsyncLocalStorage<Set<string>>();
  private inFlight = new Set<number>();
  /** Collections written to by background work since the last `takeBackground()`; '*' for all. */
  private background = new Set<string>();
  private constructor(
    private readonly client: mongo.MongoClient,
    private readonly dbName: string,
  ) {}

  /** `serverUri`: the database server (no database name); `app`: the app's connection to watch. */
  static async attach(serverUri: string, app: Connection): Promise<DbWatch> {
    const appClient = app.getClient() as unknown as mongo.MongoClient;
    const own = new mongo.MongoClient(serverUri, { directConnection: true });
    await own.connect();
    const watch = new DbWatch(own, app.name);
    appClient.on('commandStarted', (e) => {
      watch.inFlight.add(e.requestId);
      if (!WRITES.has(e.commandName)) return;
      const target = e.command[e.commandName];
      (watch.context.getStore() ?? watch.background).add(typeof target === 'string' ? target : '*');
    });
    const done = (e: { requestId: number }) => watch.inFlight.delete(e.requestId);
    appClient.on('commandSucceeded', done);
    appClient.on('commandFailed', done);
    return watch;
  }

  /**
   * Runs `fn` (which sends one request to the in-process app) and returns its result with the set of
   * collections the request wrote to. The set keeps filling while work it left behind goes on: call
   * `settle()` before reading it.
   */
  async run<T>(fn: () => Promise<T>): Promise<{ result: T; written: Set<string> }> {
    const written = new Set<string>();
    const result = await this.context.run(written, fn);
    return { result, written };
  }

  /** Collections written to by background work since the last call. */
  takeBackground(): Set<string> {
    const names = this.background;
    this.background = new Set();
    return names;
  }

  /** Resolves once the app has no database command in flight (work it left running after answering). */
  async settle(timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    do await new Promise((r) => setTimeout(r, 1));
    while (this.inFlight.size > 0 && Date.now() < deadline);
  }

  /** Counts of the given collections, or of every collection (null or a set holding '*'). */
  async counts(only: Iterable<string> | null = null): Promise<Counts> {
    const db = this.client.db(this.dbName);
    const list = only ? [...only] : null;
    const names =
      list && !list.includes('*')
        ? list
        : (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    const counts = await Promise.all(names.map((n) => db.collection(n).countDocuments()));
    return Object.fromEntries(names.map((n, i) => [n, counts[i]]));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
