// Loaded with --import by bench/run.js: reports the process's peak memory when it exits, into the
// file BENCH_RSS_FILE names (standard error may carry millions of problem lines, not read back).
// Worker threads (a big sheet is read on two) load it too; only the main thread reports.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => {
    writeFileSync(process.env.BENCH_RSS_FILE, `BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
  });
}
