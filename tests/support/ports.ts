import { execFileSync } from 'node:child_process';

/**
 * A TCP port nobody listens on right now, chosen below Linux's ephemeral range (32768–60999) so
 * that no outgoing connection can take it before our server binds it. Asked of the OS in a child
 * process, synchronously.
 */
export function freePortSync(): number {
  const out = execFileSync(process.execPath, [
    '-e',
    `const net=require('net');
     const tryPort=(n)=>{const p=20000+Math.floor(Math.random()*12000);const s=net.createServer();
       s.once('error',()=>{if(n>0)tryPort(n-1);else process.exit(1)});
       s.listen(p,'127.0.0.1',()=>{process.stdout.write(String(p));s.close()})};
     tryPort(50);`,
  ]);
  return Number(String(out).trim());
}
