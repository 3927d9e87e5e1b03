// Where a measured run's CPU goes, read from /proc (Linux): user + system time of the server under
// test, FerretDB, every PostgreSQL process and the load generator (this process: autocannon runs
// in it), and the whole machine's busy time. Divided by the requests served, it says what one
// request costs in CPU-milliseconds, and so what latency a closed loop of N connections cannot beat
// on this machine's cores (Little's law: throughput ≤ cores ÷ cost, latency = N ÷ throughput).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of one process, in clock ticks (0 when it is gone). */
function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function postgresPids() {
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(name));
    } catch {
      // exited between the listing and the read
    }
  }
  return pids;
}

/** The machine's busy ticks (all cores): everything but idle and iowait. */
function machineBusyTicks() {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return user + nice + system + irq + softirq + steal;
}

/**
 * A snapshot of CPU ticks by part. `server` and `database` are pids; PostgreSQL's processes are
 * found by name, each counted from its own start if it began during the run.
 */
export function cpuSnapshot({ server, database }) {
  const pg = new Map(postgresPids().map((pid) => [pid, processTicks(pid)]));
  return {
    server: processTicks(server),
    database: processTicks(database),
    pg,
    loadGenerator: processTicks(process.pid),
    machine: machineBusyTicks(),
  };
}

/** One decimal place, for the bench's printed figures. */
export const round1 = (x) => Math.round(x * 10) / 10;

/**
 * CPU-ms per request between two snapshots (null when none was answered), by part, with `other` the rest of the machine's busy
 * time, and the latency floors at `connections`: `floorMs` counts every part on this machine,
 * `floorWithoutLoadGeneratorMs` as if the load came from another one.
 */
export function cpuPerRequest(before, after, requests, connections) {
  if (requests === 0) return null;
  const ms = (ticks) => (ticks * 1000) / TICKS_PER_SECOND / requests;
  let pgTicks = 0;
  for (const [pid, start] of after.pg) pgTicks += start - (before.pg.get(pid) ?? 0);
  const parts = {
    server: ms(after.server - before.server),
    database: ms(after.database - before.database),
    postgresql: ms(pgTicks),
    loadGenerator: ms(after.loadGenerator - before.loadGenerator),
  };
  const machine = ms(after.machine - before.machine);
  const counted = parts.server + parts.database + parts.postgresql + parts.loadGenerator;
  const cores = os.cpus().length;
  const total = Math.max(machine, counted);
  return {
    ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round1(v)])),
    other: round1(Math.max(0, machine - counted)),
    total: round1(total),
    cores,
    floorMs: Math.round((connections * total) / cores),
    floorWithoutLoadGeneratorMs: Math.round((connections * (total - parts.loadGenerator)) / cores),
  };
}
