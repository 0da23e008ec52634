// A floor for the reading: its bare essentials as one flat JavaScript loop over a whole sheet held in
// memory, timed against the program's own reading of the same sheet on one thread (docs/performance.md,
// "How much smaller the reading's work could be"). Not part of the program, and not the program's
// rules: no checks, no texts made, no places kept, no messages. The loop splits cells at commas and
// line ends (quoted cells skipped over), looks the staff id, name, post and rater up by their bytes in
// open-addressing tables (the previous row's value tried first), parses five scores to micro-points and
// keeps per person sums and a mask per person and rater for duplicates.
// Usage: node bench/flat-loop.js [--quick] [--runs N] (generates the grouped and shuffled sheets of
// bench/run.js in a temporary folder, removed after; run `npm run build` first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCase } from './shapes.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'evaluate.cjs');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const M = quick ? 100_000 : 1_000_000;

const SLOTS = 1 << 20, MAXIDS = 1 << 19;
function jsLoop(buf) {
  const tables = [0, 1, 2, 3].map(() => new Int32Array(SLOTS * 2));
  const keyStart = [0, 1, 2, 3].map(() => new Int32Array(MAXIDS));
  const keyLen = [0, 1, 2, 3].map(() => new Int32Array(MAXIDS));
  const arena = new Uint8Array(16 << 20);
  let used = 0;
  const counts = [0, 0, 0, 0];
  const sums = new Float64Array(MAXIDS * 5);
  const masks = new Uint8Array(MAXIDS * 8);
  const lastS = [0, 0, 0, 0], lastE = [0, 0, 0, 0], lastId = [0, 0, 0, 0];
  const starts = new Int32Array(16), ends = new Int32Array(16);
  let bad = 0, dups = 0;
  function intern(kind, s, e) {
    let h = 0x811c9dc5;
    for (let j = s; j < e; j++) h = Math.imul(h ^ buf[j], 0x01000193);
    const t = tables[kind], ks = keyStart[kind], kl = keyLen[kind];
    const mask = SLOTS - 1, n = e - s;
    let slot = h & mask;
    for (;;) {
      const id1 = t[2 * slot];
      if (id1 === 0) break;
      if (t[2 * slot + 1] === h) {
        const id = id1 - 1;
        if (kl[id] === n) {
          let k = 0; const a = ks[id];
          while (k < n && arena[a + k] === buf[s + k]) k++;
          if (k === n) return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = counts[kind]++;
    t[2 * slot] = id + 1; t[2 * slot + 1] = h;
    for (let k = 0; k < n; k++) arena[used + k] = buf[s + k];
    ks[id] = used; kl[id] = n; used += n;
    return id;
  }
  function lookup(kind, s, e) {
    const ls = lastS[kind], n = e - s;
    if (lastE[kind] - ls === n) {
      let k = 0;
      while (k < n && buf[ls + k] === buf[s + k]) k++;
      if (k === n) { lastS[kind] = s; lastE[kind] = e; return lastId[kind]; }
    }
    const id = intern(kind, s, e);
    lastS[kind] = s; lastE[kind] = e; lastId[kind] = id;
    return id;
  }
  function score(s, e) {
    if (s === e) return -1;
    let v = 0, frac = -1;
    for (let j = s; j < e; j++) {
      const c = buf[j];
      if (c === 46) { if (frac >= 0) return -2; frac = 0; continue; }
      if (c < 48 || c > 57) return -2;
      if (frac >= 0) { if (frac >= 6) return -2; frac++; }
      v = v * 10 + (c - 48);
    }
    if (frac < 0) frac = 0;
    for (let f = frac; f < 6; f++) v *= 10;
    return v > 100000000 ? -2 : v;
  }
  const end = buf.length;
  let i = 0;
  while (i < end && buf[i] !== 10) i++;
  i++;
  let rows = 0;
  while (i < end) {
    let cell = 0, s = i;
    for (;;) {
      let c = buf[i];
      if (c === 34 && i === s) {
        i++;
        while (i < end) { if (buf[i] === 34) { if (i + 1 < end && buf[i + 1] === 34) { i += 2; continue; } break; } i++; }
        i++;
        c = i < end ? buf[i] : 10;
      } else {
        while (i < end) { c = buf[i]; if (c === 44 || c === 10 || c === 13) break; i++; }
        if (i >= end) c = 10;
      }
      if (cell < 16) { starts[cell] = s; ends[cell] = i; }
      cell++;
      if (c === 44) { i++; s = i; continue; }
      if (c === 13) i++;
      i++;
      break;
    }
    if (cell !== 11) { bad++; continue; }
    const person = lookup(0, starts[0], ends[0]);
    lookup(1, starts[1], ends[1]);
    lookup(2, starts[2], ends[2]);
    const rater = lookup(3, starts[4], ends[4]);
    const m = person * 8 + (rater & 7);
    let mask = masks[m];
    const o = person * 5;
    for (let k = 0; k < 5; k++) {
      const v = score(starts[6 + k], ends[6 + k]);
      if (v === -1) continue;
      if (v === -2) { bad++; continue; }
      if (mask & (1 << k)) { dups++; continue; }
      mask |= 1 << k;
      sums[o + k] += v;
    }
    masks[m] = mask;
    rows++;
  }
  return { rows, people: counts[0], problems: bad + dups, s: sums[777 * 5 + 2] };
}

/** The program's reading on one thread: from its start to "tallied and checked" (EVALUATE_DEBUG's phases of score). */
function programReading(file) {
  const r = spawnSync(process.execPath, [bin, 'score', file, '--format', 'csv'], { env: { ...process.env, EVALUATE_ONE_THREAD: '1', EVALUATE_DEBUG: '1' }, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const at = (phase) => Number(new RegExp(`evaluate: ${phase}: (\\d+) ms`).exec(r.stderr)?.[1]);
  const ms = at('tallied and checked') - at('start');
  if (!Number.isFinite(ms)) throw new Error(`no phases from evaluate score ${file}: ${r.stderr.slice(0, 300)}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const dir = mkdtempSync(join(tmpdir(), 'evaluate-flat-'));
try {
  console.log(`The reading's essentials as one flat loop against the program's reading, one thread, ${M.toLocaleString('en')} rows, median of ${runs} alternating runs`);
  console.log('  shape        program ms   flat loop ms   ratio');
  for (const shape of ['grouped', 'shuffled']) {
    const file = writeCase(dir, shape, { staff: M / 5, shape }).args[0];
    const bytes = readFileSync(file);
    const program = [];
    const flat = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      program.push(programReading(file));
      const t = performance.now();
      rows = jsLoop(bytes).rows;
      flat.push(performance.now() - t);
    }
    if (rows !== M) throw new Error(`the flat loop read ${rows} rows of ${M}`);
    const p = median(program);
    const f = median(flat);
    console.log(`  ${shape.padEnd(10)} ${p.toFixed(0).padStart(12)} ${f.toFixed(0).padStart(14)} ${(p / f).toFixed(2).padStart(7)}x`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
