// npm run bench: how fast `evaluate score` starts and how it grows with rows.
//
// Generates wide sheets (SPEC's columns) in a temporary folder, runs the built CLI on each (CSV
// report to /dev/null), and prints rows/s, MB/s, wall time (median of runs) and peak memory. 3M rows
// are the 1M sheet's 200,000 staff with 15 raters each, so memory should not grow from 1M to 3M.
// If bench/duckdb has its packages (cd bench/duckdb && npm install), DuckDB runs the same task on
// the 1M sheet in the same run, alternating with evaluate, for the ratio. Options: --quick (10k and
// 100k only), --runs N.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'evaluate.cjs');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;

const sizes = [
  { label: '10k', staff: 2_000, raters: 5 },
  { label: '100k', staff: 20_000, raters: 5 },
  { label: '1M', staff: 200_000, raters: 5 },
  { label: '3M', staff: 200_000, raters: 15 },
].filter((s) => !quick || s.staff * s.raters <= 100_000);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Runs a command, returns wall ms and peak RSS in MB (from bench/rss.js). */
function measure(cmd, cmdArgs) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmdArgs.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const m = /BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr);
  return { ms, mb: m ? Number(m[1]) / 1024 : NaN };
}

const rss = join(root, 'bench', 'rss.js');
const dir = mkdtempSync(join(tmpdir(), 'evaluate-bench-'));
try {
  // Start-up: bare node against evaluate on the sample, alternating so that noise hits both.
  const sample = join(root, 'fixtures', '2026-H1.csv');
  const start = { node: [], score: [], help: [] };
  for (let i = 0; i < 21; i++) {
    start.node.push(measure(process.execPath, ['-e', '0']).ms);
    start.score.push(measure(process.execPath, [bin, 'score', sample]).ms);
    start.help.push(measure(process.execPath, [bin, '--help']).ms);
  }
  const node0 = median(start.node);
  console.log('Start-up (median of 21 alternating runs)');
  console.log(`  node -e 0                                  ${node0.toFixed(0)} ms`);
  console.log(`  evaluate score fixtures/2026-H1.csv        ${median(start.score).toFixed(0)} ms  (${(median(start.score) / node0).toFixed(2)}x bare node)`);
  console.log(`  evaluate --help                            ${median(start.help).toFixed(0)} ms  (${(median(start.help) / node0).toFixed(2)}x bare node)`);
  console.log('');

  console.log(`evaluate score SHEET --format csv (median wall of ${runs} runs, peak memory of the largest)`);
  console.log('  rows       staff     MB   wall s     rows/s     MB/s   peak MB');
  const results = {};
  for (const size of sizes) {
    const file = join(dir, `${size.label}.csv`);
    await generate(file, size.staff, size.raters);
    const mbFile = statSync(file).size / 1e6;
    const ms = [];
    let peak = 0;
    for (let i = 0; i < runs; i++) {
      const m = measure(process.execPath, ['--import', rss, bin, 'score', file, '--format', 'csv']);
      ms.push(m.ms);
      peak = Math.max(peak, m.mb);
    }
    const wall = median(ms) / 1000;
    const rows = size.staff * size.raters;
    results[size.label] = { wall, peak, file };
    console.log(
      `  ${size.label.padEnd(6)} ${String(size.staff).padStart(9)} ${mbFile.toFixed(0).padStart(6)} ${wall.toFixed(2).padStart(8)} ${Math.round(rows / wall).toLocaleString('en').padStart(10)} ${(mbFile / wall).toFixed(1).padStart(8)} ${peak.toFixed(0).padStart(9)}`,
    );
  }
  const duck = join(root, 'bench', 'duckdb', 'node_modules', '@duckdb', 'node-api');
  if (results['1M'] && existsSync(duck)) {
    // Alternating runs of both, so that a busy or a quiet moment of the machine falls on both alike.
    const q = join(root, 'bench', 'duckdb', 'query.js');
    const d = [];
    const e = [];
    for (let i = 0; i < Math.max(runs, 5); i++) {
      d.push(measure(process.execPath, ['--import', rss, q, results['1M'].file, join(dir, 'duck.csv'), '2']).ms);
      e.push(measure(process.execPath, [bin, 'score', results['1M'].file, '--format', 'csv']).ms);
    }
    const duckWall = median(d) / 1000;
    const ourWall = median(e) / 1000;
    console.log('');
    console.log(`The 1M sheet, alternating runs (median of ${d.length}): DuckDB (2 threads) ${duckWall.toFixed(2)} s, evaluate ${ourWall.toFixed(2)} s; evaluate/DuckDB = ${(ourWall / duckWall).toFixed(2)}`);
  } else if (results['1M']) {
    console.log('\n(DuckDB comparison skipped: cd bench/duckdb && npm install)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
