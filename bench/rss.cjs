// Loaded with --require by bench/run.js and bench/centers.js: reports the process's peak memory
// and CPU time (in all, and by thread where /proc tells it) when it exits, into the file
// BENCH_RSS_FILE names (standard error may carry millions of problem lines, not read back). Worker
// threads (a big sheet is read on two) share the process's memory and load this file too; only the
// main thread reports.
//
// The peak is Linux's VmHWM (/proc/self/status): the high-water mark of this process's own memory.
// Not getrusage's maxRSS: Linux carries that over from the parent through fork and exec, so every
// measured process would report at least the bench's own peak (a bench that has built a 200 MB sheet
// in memory saw 232 MB for every command after it). maxRSS only where there is no /proc.
// CommonJS, not a module: --import would start Node's ES module loader in every measured process
// (about 4 MB and some milliseconds that are the bench's, not the tool's).
const { appendFileSync, readFileSync, readdirSync, readlinkSync, writeFileSync } = require('node:fs');
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

/** A thread's user and system CPU so far in ms (/proc/self/task/TID/stat, in clock ticks of 10 ms), or null when it has ended. */
function threadCpuMs(tid) {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The fields after the name (in parentheses, which may hold spaces): utime and stime are the 12th and 13th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}

// Where the CPU time went, for the bench's one-thread-against-two lines: this thread, the reader
// threads (src/io/two-threads.ts), and the rest (V8's compiler and collector threads, libuv's pool).
// A reader thread notes its thread id here when it starts: it has usually ended by the exit, so its
// time is the process's less every thread still there.
const readers = `${process.env.BENCH_RSS_FILE}.readers`;
if (!isMainThread && process.env.BENCH_RSS_FILE) {
  try {
    appendFileSync(readers, `${readlinkSync('/proc/thread-self').split('/').pop()}\n`);
  } catch {
    // no /proc: no split
  }
}

if (isMainThread) {
  process.on('exit', () => {
    // CPU time of the whole process, every thread (getrusage of the process): the work done, beside
    // the wall time it took on this machine's cores.
    const cpu = process.cpuUsage();
    const total = Math.round((cpu.user + cpu.system) / 1000);
    let split = '';
    try {
      let readerIds = null;
      try {
        readerIds = new Set(readFileSync(readers, 'utf8').split('\n').filter(Boolean));
      } catch {
        // read on one thread: no reader's figure
      }
      let main = 0;
      let others = 0;
      for (const tid of readdirSync('/proc/self/task')) {
        const ms = threadCpuMs(tid) ?? 0;
        if (tid === String(process.pid)) main = ms;
        else if (!readerIds?.has(tid)) others += ms;
      }
      // The readers, ended or not: what neither this thread nor the others account for (to some tens
      // of ms: the threads' times are in ticks of 10 ms, the process's in microseconds).
      const reader = readerIds ? `BENCH_CPU_READER_MS=${Math.max(0, total - main - others)}\n` : '';
      split = `BENCH_CPU_MAIN_MS=${main}\n${reader}BENCH_CPU_OTHER_MS=${others}\n`;
    } catch {
      // no /proc: no split
    }
    writeFileSync(process.env.BENCH_RSS_FILE, `BENCH_MAXRSS_KB=${peakKb()}\nBENCH_CPU_MS=${total}\n${split}`);
  });
}
