import { execFileSync } from 'node:child_process';

/** A TCP port nobody listens on right now (asked of the OS in a child process, synchronously). */
export function freePortSync(): number {
  const out = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]);
  return Number(String(out).trim());
}
