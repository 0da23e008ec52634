// The many-centers workload of `evaluate history` and `evaluate batch` (issue 15): generates
// CENTERS centers x YEARS years x 2 semesters of 120 rows each (24 staff x 5 raters; 50 x 10 x 2 =
// 1,000 files, 120,000 rows) in a temporary folder, times `history` over all of it and `batch`
// with its HTML reports (one per center and semester, charts drawn by ECharts) and without them
// (--no-reports: the CSV files only), prints wall time and peak memory, and removes the folder.
//
//   node bench/centers.js [--centers 50] [--years 10] [--runs 1]
//
// The tree: ROOT/<center>/<year>/<year>-H1.csv and -H2.csv. Staff ids are unique across centers
// (C01S001), so that history over ROOT is one list; each year one person leaves and one joins, so
// history has empty semesters. ROOT/evaluate.config.json sets amounts; every fifth center has its
// own policy (trimmed mean, other amounts), so batch loads several policies.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RATERS } from './shapes.js';

const CENTER_NAMES = ['饮食中心', '物业中心', '公寓中心', '水电中心', '保洁中心'];
const NAMES = ['张伟', '刘洋', '陈静', '杨帆', '黄丽娟', '周敏', '吴强', '徐芳', '孙建国', '马晓燕', '朱磊', '胡军'];
const STAFF = 24;

export function centerName(c) {
  return `${CENTER_NAMES[c % CENTER_NAMES.length]}${String(Math.floor(c / CENTER_NAMES.length) + 1).padStart(2, '0')}`;
}

/** Writes the tree under `root`; returns { files, rows }. */
export function generateCenters(root, { centers = 50, years = 10, firstYear = 2016 } = {}) {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  writeFileSync(join(root, 'evaluate.config.json'), JSON.stringify({ amounts: { excellent: 800, good: 300, annualBonus: 2000, penalty: 200 } }));
  let files = 0;
  let rows = 0;
  for (let c = 0; c < centers; c++) {
    const center = join(root, centerName(c));
    mkdirSync(center);
    if (c % 5 === 4) {
      writeFileSync(join(center, 'evaluate.config.json'), JSON.stringify({ aggregation: 'trimmed', amounts: { excellent: 1000, good: 400, annualBonus: 3000, penalty: 300 } }));
    }
    // Each person's level and how it moves, so that there are trends, runs and award years.
    const base = Array.from({ length: STAFF + years }, () => 12 + rnd() * 7.8);
    const drift = Array.from({ length: STAFF + years }, () => (rnd() - 0.5) * 0.2);
    for (let y = 0; y < years; y++) {
      const year = firstYear + y;
      mkdirSync(join(center, String(year)));
      for (const half of ['H1', 'H2']) {
        const k = y * 2 + (half === 'H2' ? 1 : 0);
        let text = 'staff_id,name,post,semester,rater,role,listen,see,check,test,ask\n';
        // One leaves and one joins each year: staff y .. y+23 are on the books in year y.
        for (let i = y; i < y + STAFF; i++) {
          const id = `C${String(c + 1).padStart(2, '0')}S${String(i + 1).padStart(3, '0')}`;
          const level = base[i] + drift[i] * k;
          for (const [rater, role] of RATERS) {
            text += `${id},${NAMES[i % NAMES.length]},${(i % 4) + 1}号楼,${year}-${half},${rater},${role}`;
            for (let m = 0; m < 5; m++) text += `,${Math.min(20, Math.max(0, Math.round((level + (rnd() - 0.5) * 3) * 2) / 2))}`;
            text += '\n';
            rows++;
          }
        }
        writeFileSync(join(center, String(year), `${year}-${half}.csv`), text);
        files++;
      }
    }
  }
  return { files, rows };
}

/** Runs the CLI; wall seconds and peak memory in MB (bench/rss.cjs reports the process's own peak, worker threads included). */
function measure(args) {
  const here = dirname(fileURLToPath(import.meta.url));
  const bin = join(here, '..', 'bin', 'evaluate.cjs');
  // bench/rss.cjs writes the peak into this file when the process exits.
  const rssDir = mkdtempSync(join(tmpdir(), 'evaluate-rss-'));
  const rssFile = join(rssDir, 'rss.txt');
  try {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', join(here, 'rss.cjs'), bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, BENCH_RSS_FILE: rssFile } });
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    if (r.status !== 0) throw new Error(`evaluate ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 800)}`);
    const m = existsSync(rssFile) ? /BENCH_MAXRSS_KB=(\d+)/.exec(readFileSync(rssFile, 'utf8')) : null;
    return { s, mb: m ? Number(m[1]) / 1024 : NaN };
  } finally {
    rmSync(rssDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
  const centers = opt('--centers', 50);
  const years = opt('--years', 10);
  const runs = opt('--runs', 1);
  const dir = mkdtempSync(join(tmpdir(), 'evaluate-centers-'));
  try {
    const root = join(dir, 'centers');
    mkdirSync(root);
    const t = Date.now();
    const { files, rows } = generateCenters(root, { centers, years });
    console.log(`${centers} centers x ${years} years x 2 semesters: ${files} files, ${rows.toLocaleString('en')} rows (generated in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
    console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const line = (label, m) => console.log(`  ${label.padEnd(48)} ${m.s.toFixed(2).padStart(7)} s  ${m.mb.toFixed(0).padStart(5)} MB peak`);
    for (let i = 0; i < runs; i++) {
      line('evaluate history ROOT --format csv', measure(['history', root, '--format', 'csv']));
      const out = join(dir, `out-${i}`);
      line('evaluate batch ROOT --out-dir DIR --no-reports', measure(['batch', root, '--out-dir', out, '--no-reports']));
      rmSync(out, { recursive: true, force: true });
      line('evaluate batch ROOT --out-dir DIR', measure(['batch', root, '--out-dir', out]));
      rmSync(out, { recursive: true, force: true });
    }
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
