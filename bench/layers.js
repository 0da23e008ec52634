// The reading's layers, timed one at a time on one thread in one process, on a sheet held in memory:
// `split` (the CSV reader alone: records and cells, src/io/records.ts), `checked` (the same records
// through the header, the row checks and the texts, src/io/sheet-parser.ts and core/row-checks.ts, the
// rows handed to nothing), and `tallied` (the rows into the tally too, core/tally.ts): what each layer
// adds is the difference. No file reading, encoding, second thread, scoring or writing. For a change to
// the reading, measured without the noise of the rest (docs/performance.md, "The reading's layers").
// Usage: node bench/layers.js [--quick] [--runs N] [FILE.csv...] (UTF-8 sheets; without files, the
// bench's grouped, rater-major with distinct names and shuffled sheets, generated in a temporary
// folder and removed after). Each number is the median of N processes, the three layers alternating,
// each process's time the best of its last three reads of the sheet (the first two warm the code).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeCase } from './shapes.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const files = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
const M = quick ? 100_000 : 1_000_000;
const src = (p) => JSON.stringify(join(root, 'src', p));

const entry = `
import { readFileSync } from 'node:fs';
import { ProblemLog } from ${src('core/problems.ts')};
import { DEFAULT_POLICY } from ${src('core/policy.ts')};
import { Tally } from ${src('core/tally.ts')};
import { RecordReader } from ${src('io/records.ts')};
import { SheetParser } from ${src('io/sheet-parser.ts')};
import { Texts } from ${src('io/texts.ts')};
const [file, layer] = process.argv.slice(2);
const buf = new Uint8Array(readFileSync(file));
const times = [];
let rows = 0;
for (let run = 0; run < 5; run++) {
  const t = performance.now();
  const log = new ProblemLog();
  const texts = new Texts();
  const tally = new Tally({ policy: DEFAULT_POLICY, keepScores: false, files: 2 }, texts, log);
  const sheet = { name: file, order: 0 };
  const parser = new SheetParser(sheet, { policy: DEFAULT_POLICY, delimiter: ',', semester: null, semesterFillsOnly: false, keepYear: null }, texts, log, layer === 'tallied' ? tally : { row() {} });
  let records = 0;
  const reader = new RecordReader(layer === 'split' ? { record() { records++; }, malformed() {} } : parser, 44);
  for (let i = 0; i < buf.length; i += 1 << 20) reader.push(buf.subarray(i, Math.min(buf.length, i + (1 << 20))));
  reader.end();
  times.push(performance.now() - t);
  rows = layer === 'split' ? records - 1 : parser.counts.used;
}
console.log(JSON.stringify({ ms: Math.min(...times.slice(2)), rows }));
`;

const dir = mkdtempSync(join(tmpdir(), 'evaluate-layers-'));
try {
  const entryFile = join(dir, 'entry.js');
  writeFileSync(entryFile, entry);
  const bundle = join(dir, 'layers.mjs');
  await build({ entryPoints: [entryFile], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning' });
  const sheets = files.length > 0 ? files.map((f) => ({ name: f, file: f })) : [
    { name: 'grouped', file: writeCase(dir, 'grouped', { staff: M / 5 }).args[0] },
    { name: 'rater-major', file: writeCase(dir, 'rater-major', { staff: M / 5, shape: 'rater-major', distinct: true }).args[0] },
    { name: 'shuffled', file: writeCase(dir, 'shuffled', { staff: M / 5, shape: 'shuffled' }).args[0] },
  ];
  const layers = ['split', 'checked', 'tallied'];
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`The reading's layers on one thread, a sheet in memory (ms, median of ${runs}; what a layer adds is the difference)`);
  console.log(`  ${'sheet'.padEnd(24)} ${layers.map((l) => l.padStart(8)).join(' ')}   rows`);
  for (const { name, file } of sheets) {
    const ms = Object.fromEntries(layers.map((l) => [l, []]));
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      for (const layer of layers) {
        const r = spawnSync(process.execPath, [bundle, file, layer], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`bench/layers.js: ${layer} on ${file}: ${r.stderr.slice(0, 300)}`);
        const out = JSON.parse(r.stdout);
        ms[layer].push(out.ms);
        if (layer === 'tallied') rows = out.rows;
      }
    }
    console.log(`  ${name.slice(-24).padEnd(24)} ${layers.map((l) => median(ms[l]).toFixed(0).padStart(8)).join(' ')}   ${rows.toLocaleString('en')}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
