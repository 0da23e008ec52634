/**
 * The bench's memory probe (bench/rss.cjs) reports the measured process's own peak: not the
 * bench's. getrusage's maxRSS is carried over from the parent through fork and exec on Linux, so a
 * bench holding a large sheet in memory made every command it ran look at least that large.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from './helpers.js';

const PROBE = join(import.meta.dirname, '..', 'bench', 'rss.cjs');
const dir = tempDir();
afterAll(() => removeDir(dir));

function peakMb(parentHolds: number): number {
  const file = join(dir, `rss-${parentHolds}.txt`);
  // A parent that holds `parentHolds` MB (touched, so resident) runs a bare node under the probe.
  const script = `
    const held = Buffer.alloc(${parentHolds} << 20, 1);
    const r = require('node:child_process').spawnSync(process.execPath, ['--require', ${JSON.stringify(PROBE)}, '-e', '0'], { env: { ...process.env, BENCH_RSS_FILE: ${JSON.stringify(file)} } });
    process.exitCode = r.status + held[0] - 1;`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const m = /^BENCH_MAXRSS_KB=(\d+)$/m.exec(readFileSync(file, 'utf8'));
  expect(m).not.toBeNull();
  return Number(m![1]) / 1024;
}

describe.runIf(process.platform === 'linux')('the bench measures the process, not the bench', () => {
  it('a bare node reports the same peak whether its parent holds 8 MB or 300 MB', () => {
    const small = peakMb(8);
    const large = peakMb(300);
    // node -e 0 takes some tens of MB; never the parent's 300.
    expect(small).toBeGreaterThan(10);
    expect(small).toBeLessThan(150);
    expect(Math.abs(large - small)).toBeLessThan(30);
  });
});

describe.runIf(process.platform === 'linux')('the bench splits the CPU time by thread', () => {
  /** Runs `script` under the probe: the figures it reports, by key (BENCH_CPU_MAIN_MS is MAIN). */
  function probe(name: string, script: string): Map<string, number> {
    const file = join(dir, `cpu-${name}.txt`);
    const r = spawnSync(process.execPath, ['--require', PROBE, '-e', script], { env: { ...process.env, BENCH_RSS_FILE: file } });
    expect(r.status).toBe(0);
    const text = readFileSync(file, 'utf8');
    return new Map([...text.matchAll(/^BENCH_CPU_(?:(\w+)_)?MS=(\d+)$/gm)].map((m) => [m[1] || 'TOTAL', Number(m[2])]));
  }
  // 300 ms of CPU on the thread that runs it (counted in CPU, not wall time: a busy machine gives it less).
  const burn = 'const c = process.cpuUsage(); for (let u = c; u.user + u.system < 300000; u = process.cpuUsage(c));';

  it('work on a worker thread is counted as the reader\'s, not the main thread\'s', () => {
    const cpu = probe('worker', `const { Worker } = require('node:worker_threads'); new Worker(${JSON.stringify(burn)}, { eval: true });`);
    expect(cpu.get('READER')).toBeGreaterThanOrEqual(200);
    expect(cpu.get('MAIN')).toBeLessThan(200);
    // Not among V8's and libuv's threads either (a reader thread not recognised would be counted there).
    expect(cpu.get('OTHER')).toBeLessThan(cpu.get('READER')!);
  });

  it('one thread: its work is the main thread\'s, and there is no reader figure', () => {
    const cpu = probe('main', burn);
    expect(cpu.get('MAIN')).toBeGreaterThanOrEqual(200);
    expect(cpu.has('READER')).toBe(false);
  });
});
