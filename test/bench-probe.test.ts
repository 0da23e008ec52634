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
