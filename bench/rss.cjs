// Loaded with --require by bench/run.js and bench/centers.js: reports the process's peak memory
// when it exits, into the file BENCH_RSS_FILE names (standard error may carry millions of problem
// lines, not read back). CommonJS, not a module: --import would start Node's ES module loader in
// every measured process, about 4 MB and some milliseconds that are the bench's, not the tool's
// (--require costs about 1.5 MB). Worker threads (a big sheet is read on two) load it too; only
// the main thread reports.
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

if (isMainThread) {
  process.on('exit', () => {
    writeFileSync(process.env.BENCH_RSS_FILE, `BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
  });
}
