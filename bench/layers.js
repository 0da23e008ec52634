// The reading's layers, timed one at a time on one thread in one process, on a sheet held in memory:
// `split` (the CSV reader alone: records and cells, src/io/records.ts), `checked` (the same records
// through the header, the row checks and the texts, src/io/sheet-parser.ts and core/row-checks.ts, the
// rows handed to nothing), and `tallied` (the rows into the tally too, core/tally.ts): what each layer
// adds is the difference. No file reading, encoding, second thread, scoring or writing. For a change to
// the reading, measured without the noise of the rest (docs/performance.md, "The reading's layers").
// Usage: node bench/layers.js [--quick] [--runs N] [--against DIR] [--layers split,checked] [FILE.csv...] (UTF-8 sheets; without
// files, the bench's grouped, rater-major with distinct names and shuffled sheets, generated in a
// temporary folder and removed after). Each number is the median of N processes, the three layers
// alternating, each process's time the best of its last three reads of the sheet (the first two warm
// the code).
// With --against DIR (another checkout, `git worktree add ../base HEAD~1`, with node_modules), each
// process holds both sources' layer and reads the sheet with them in turn, twelve times, the order
// swapped at each pass: what the machine's load does to one it does to the other, and the line gives
// each one's median and the median of the paired differences (this checkout less DIR's). On a noisy
// machine that tells a few percent apart where separate processes differ by 30% from run to run
// (each read starts after a full collection there, so that neither pays for the other's garbage).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeCase } from './shapes.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const againstAt = args.indexOf('--against');
const against = againstAt >= 0 ? resolve(args[againstAt + 1]) : null;
const layersAt = args.indexOf('--layers');
const files = args.filter((a, i) => !a.startsWith('--') && ![runsAt, againstAt, layersAt].some((at) => at >= 0 && i === at + 1));
const M = quick ? 100_000 : 1_000_000;
// The sources timed: this checkout's, after DIR's with --against.
const trees = against ? [against, root] : [root];
const src = (tree, p) => JSON.stringify(join(tree, 'src', p));
const MODULES = { ProblemLog: 'core/problems.ts', DEFAULT_POLICY: 'core/policy.ts', Tally: 'core/tally.ts', RecordReader: 'io/records.ts', SheetParser: 'io/sheet-parser.ts', Texts: 'io/texts.ts' };

const entry = `
import { readFileSync } from 'node:fs';
${trees.map((tree, k) => Object.entries(MODULES).map(([name, file]) => `import { ${name} as ${name}${k} } from ${src(tree, file)};`).join('\n')).join('\n')}
const sources = [${trees.map((_, k) => `{ ${Object.keys(MODULES).map((name) => `${name}: ${name}${k}`).join(', ')} }`).join(', ')}];
const [file, layer, passesText] = process.argv.slice(2);
const passes = Number(passesText);
const buf = new Uint8Array(readFileSync(file));
/** One read of the sheet through the layer with one source's modules: its time and rows. */
function read({ ProblemLog, DEFAULT_POLICY, Tally, RecordReader, SheetParser, Texts }) {
  // With --against, the last read's garbage collected first (node --expose-gc): no read pays for the other's.
  globalThis.gc?.();
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
  return { ms: performance.now() - t, rows: layer === 'split' ? records - 1 : parser.counts.used };
}
const times = sources.map(() => []);
const rows = sources.map(() => 0);
for (let pass = 0; pass < passes; pass++) {
  for (let j = 0; j < sources.length; j++) {
    const k = pass % 2 === 0 ? j : sources.length - 1 - j;
    const r = read(sources[k]);
    times[k].push(r.ms);
    rows[k] = r.rows;
  }
}
if (rows.some((n) => n !== rows[0])) throw new Error('the two sources read different numbers of rows: ' + rows.join(', '));
// The first two passes warm the code.
console.log(JSON.stringify({ ms: times.map((t) => t.slice(2)), rows: rows[0] }));
`;

const dir = mkdtempSync(join(tmpdir(), 'evaluate-layers-'));
try {
  const entryFile = join(dir, 'entry.js');
  writeFileSync(entryFile, entry);
  const bundle = join(dir, 'layers.mjs');
  // Shortened as scripts/build.js shortens the program (minifySyntax): constants a module imports are
  // written into the code that uses them there, and so here, or the two would run different code.
  await build({ entryPoints: [entryFile], bundle: true, platform: 'node', format: 'esm', outfile: bundle, minifySyntax: true, logLevel: 'warning' });
  const sheets = files.length > 0 ? files.map((f) => ({ name: f, file: f })) : [
    { name: 'grouped', file: writeCase(dir, 'grouped', { staff: M / 5 }).args[0] },
    { name: 'rater-major', file: writeCase(dir, 'rater-major', { staff: M / 5, shape: 'rater-major', distinct: true }).args[0] },
    { name: 'shuffled', file: writeCase(dir, 'shuffled', { staff: M / 5, shape: 'shuffled' }).args[0] },
  ];
  // --layers picks some (a change to the CSV reader alone: split).
  const layers = layersAt >= 0 ? args[layersAt + 1].split(',') : ['split', 'checked', 'tallied'];
  const unknown = layers.filter((l) => !['split', 'checked', 'tallied'].includes(l));
  if (unknown.length > 0) throw new Error(`bench/layers.js: no layer ${unknown.join(', ')} (split, checked, tallied)`);
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const run = (file, layer, passes) => {
    const r = spawnSync(process.execPath, [...(against ? ['--expose-gc'] : []), bundle, file, layer, String(passes)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bench/layers.js: ${layer} on ${file}: ${r.stderr.slice(0, 300)}`);
    return JSON.parse(r.stdout);
  };
  if (against) {
    // Both sources in each process, twelve passes each (the first two warm the code); N processes.
    console.log(`The reading's layers on one thread, a sheet in memory: ${root} against ${against} in the same processes (ms, medians of ${runs} x 10 passes each; the change is this checkout less the other, pass by pass)`);
    console.log(`  ${'sheet'.padEnd(24)} ${'layer'.padEnd(8)} ${'other'.padStart(8)} ${'this'.padStart(8)} ${'change'.padStart(8)}   (least, most)`);
    for (const { name, file } of sheets) {
      for (const layer of layers) {
        const base = [];
        const mine = [];
        const change = [];
        for (let i = 0; i < runs; i++) {
          const out = run(file, layer, 12);
          base.push(...out.ms[0]);
          mine.push(...out.ms[1]);
          out.ms[1].forEach((t, j) => change.push(t - out.ms[0][j]));
        }
        const sorted = [...change].sort((a, b) => a - b);
        const f = (x) => x.toFixed(0).padStart(8);
        console.log(`  ${name.slice(-24).padEnd(24)} ${layer.padEnd(8)} ${f(median(base))} ${f(median(mine))} ${f(median(change))}   (${sorted[0].toFixed(0)}, ${sorted[sorted.length - 1].toFixed(0)})`);
      }
    }
  } else {
    console.log(`The reading's layers on one thread, a sheet in memory (ms, median of ${runs}; what a layer adds is the difference)`);
    console.log(`  ${'sheet'.padEnd(24)} ${layers.map((l) => l.padStart(8)).join(' ')}   rows`);
    for (const { name, file } of sheets) {
      const ms = Object.fromEntries(layers.map((l) => [l, []]));
      let rows = 0;
      for (let i = 0; i < runs; i++) {
        for (const layer of layers) {
          // Five reads a process, the best of the last three.
          const out = run(file, layer, 5);
          ms[layer].push(Math.min(...out.ms[0]));
          rows = out.rows;
        }
      }
      console.log(`  ${name.slice(-24).padEnd(24)} ${layers.map((l) => median(ms[l]).toFixed(0).padStart(8)).join(' ')}   ${rows.toLocaleString('en')}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
