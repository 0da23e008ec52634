// Loaded with --import by bench/run.js: reports the process's peak memory when it exits. Worker
// threads (a big sheet is read on two) load it too; only the main thread reports.
import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => {
    writeSync(2, `\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
  });
}
