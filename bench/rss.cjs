// Loaded with --require by bench/run.js and bench/centers.js: reports the process's peak memory
// and CPU time when it exits, into the file BENCH_RSS_FILE names (standard error may carry millions of problem
// lines, not read back). Worker threads (a big sheet is read on two) share the process's memory and
// load this file too; only the main thread reports.
//
// The peak is Linux's VmHWM (/proc/self/status): the high-water mark of this process's own memory.
// Not getrusage's maxRSS: Linux carries that over from the parent through fork and exec, so every
// measured process would report at least the bench's own peak (a bench that has built a 200 MB sheet
// in memory saw 232 MB for every command after it). maxRSS only where there is no /proc.
// CommonJS, not a module: --import would start Node's ES module loader in every measured process
// (about 4 MB and some milliseconds that are the bench's, not the tool's).
const { readFileSync, writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

function peakKb() {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // no /proc: below
  }
  return process.resourceUsage().maxRSS;
}

if (isMainThread) {
  process.on('exit', () => {
    // CPU time of the whole process, every thread (getrusage of the process): the work done, beside
    // the wall time it took on this machine's cores.
    const cpu = process.cpuUsage();
    writeFileSync(process.env.BENCH_RSS_FILE, `BENCH_MAXRSS_KB=${peakKb()}\nBENCH_CPU_MS=${Math.round((cpu.user + cpu.system) / 1000)}\n`);
  });
}
