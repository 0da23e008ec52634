// A/B of two builds on one input, alternating so that the machine's noise hits both: the median
// time of a phase that EVALUATE_DEBUG prints ("tallied and checked", "scored", "written", ...), or
// with --from, the time from one phase to another (the tail's steps, without the reading's noise).
//
//   node bench/ab.js [--runs N] [--two-threads] [--from NAME] --phase NAME DIR_A DIR_B -- evaluate-arguments...
//
// DIR_A and DIR_B are checkouts with a build (`git worktree add ../base HEAD~1`, then `npm run build`
// there). One thread unless --two-threads: a change to the reading shows there without the second
// thread's noise. Example:
//
//   node bench/ab.js --runs 7 --phase "tallied and checked" ../base . -- score /tmp/big.csv --format csv
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
if (dash < 0) {
  console.error('usage: node bench/ab.js [--runs N] [--two-threads] [--from NAME] --phase NAME DIR_A DIR_B -- evaluate-arguments...');
  process.exit(2);
}
const own = argv.slice(0, dash);
const args = argv.slice(dash + 1);
const take = (name) => {
  const i = own.indexOf(name);
  if (i < 0) return null;
  const [, value] = own.splice(i, 2);
  return value;
};
const runs = Number(take('--runs') ?? 5);
const phase = take('--phase') ?? 'written';
const from = take('--from');
const twoThreads = own.includes('--two-threads');
const dirs = own.filter((a) => a !== '--two-threads').map((d) => resolve(d));
if (dirs.length !== 2) {
  console.error('ab: give two build folders');
  process.exit(2);
}

const env = { ...process.env, EVALUATE_DEBUG: '1' };
if (!twoThreads) env.EVALUATE_ONE_THREAD = '1';
const times = dirs.map(() => []);
const patternOf = (name) => new RegExp(`evaluate: ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (\\d+) ms`);
/** The time at phase `name` in a run's standard error. */
function at(name, stderr, dir, status) {
  const m = patternOf(name).exec(stderr);
  if (!m) {
    console.error(`ab: no "${name}" phase in the output of ${dir} (exit ${status})`);
    process.exit(1);
  }
  return Number(m[1]);
}
for (let i = 0; i < runs; i++) {
  dirs.forEach((dir, k) => {
    const r = spawnSync(process.execPath, [resolve(dir, 'bin', 'evaluate.cjs'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    const err = r.stderr.toString();
    times[k].push(at(phase, err, dir, r.status) - (from === null ? 0 : at(from, err, dir, r.status)));
  });
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
dirs.forEach((dir, k) => console.log(`${dir.padEnd(30)} median ${median(times[k])} ms   runs ${times[k].join(' ')}`));
