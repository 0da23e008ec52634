/**
 * The tally's room for people (core/tally.ts roomFor) and the bin's garbage collection, which a
 * two-thread reading asks for once the reader thread's tally is merged (io/collect-garbage.ts;
 * test/parallel.e2e.test.ts sees it asked): memory, never results.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from './helpers.js';
import { readFiles, reportsOf } from './score-text.js';
import { DEFAULT_POLICY } from '../src/core/policy.js';

const METHODS = ['listen', 'see', 'check', 'test', 'ask'];

/** The rows written to a sheet of a temporary folder, and read from that file (its size known). */
function readWritten(name: string, rows: string[]) {
  const file = join(tempDir(), name);
  writeFileSync(file, `${rows.join('\n')}\n`);
  const reading = readFiles([file]);
  expect(reading.log.errors).toBe(0);
  return reading;
}

describe('the room a reading makes for its people', () => {
  it('a sheet grouped by staff, read from a file: room for about the people the whole file holds, not the next power of two', () => {
    // 8,300 people by 5 raters, 2.4 MB: doubling from 1,024 would make room for 16,384 (1.97 times
    // them); the estimate, made after the first 1 MB chunk from the people met by then (more than
    // the chunk's: the share read is told after each chunk), with its margin, about 1.5 times.
    const people = 8300;
    const rows = ['staff_id,name,post,semester,rater,role,listen,see,check,test,ask'];
    for (let p = 0; p < people; p++) for (let r = 0; r < 5; r++) rows.push(`S${String(p).padStart(6, '0')},张${p % 97},${p % 7}号楼,2026-H1,R${r},,${10 + (p % 10)},${(p + r) % 20},15,16,17.5`);
    const reading = readWritten('grouped.csv', rows);
    const tally = reading.tally;
    expect(tally.persons).toBe(people);
    expect(tally.semesterOf.length).toBeGreaterThanOrEqual(people);
    expect(tally.semesterOf.length).toBeLessThan(people * 1.9);
    expect(tally.cellState.length).toBe(tally.semesterOf.length * tally.stride);
    // The results are the sheet's: S000007 has 17 + (7+r)%20 over r + 15 + 16 + 17.5 ... as the mean says.
    const s7 = reportsOf(reading, DEFAULT_POLICY)[0]!.staff.find((s) => s.staffId === 'S000007')!;
    expect(s7.total.toFixed(2)).toBe((17 + (7 + 8 + 9 + 10 + 11) / 5 + 15 + 16 + 17.5).toFixed(2));
  });

  it('the method places (filled, every page written) are as long as the cells in use, not the room', () => {
    // A long sheet, all listen rows first: everyone is met in the first fifth of its 4.8 MB, and the
    // people met after the first chunk make room for about three times as many; every later row of
    // a cell has a method place.
    const people = 34000;
    const rows = ['staff_id,semester,rater,method,score'];
    for (const m of METHODS) for (let p = 0; p < people; p++) rows.push(`S${String(p).padStart(6, '0')},2026-H1,R1,${m},${p % 20}`);
    const reading = readWritten('long.csv', rows);
    const tally = reading.tally;
    expect(tally.persons).toBe(people);
    const inUse = people * tally.stride;
    // The room is far more than the people (the estimate of a sheet whose people all come first).
    expect(tally.cellState.length).toBeGreaterThan(inUse * 2);
    expect(tally.methodPlace).not.toBeNull();
    expect(tally.methodPlace!.length).toBeGreaterThanOrEqual(inUse * 10 - 10 * (tally.stride - 1));
    expect(tally.methodPlace!.length).toBeLessThanOrEqual(inUse * 10 * 2);
    // Each person's five methods, one score each, all p % 20.
    const s13 = reportsOf(reading, DEFAULT_POLICY)[0]!.staff.find((s) => s.staffId === 'S000013')!;
    expect(s13.total.toFixed(1)).toBe('65.0');
  });
});

describe("the bin's garbage collection (bin/evaluate.cjs __evaluateCollectGarbage)", () => {
  it('collects (an object nothing refers to is gone after it) and leaves no gc() in a new context', () => {
    // The bin loaded as a program runs it (here --version); then, in a later job (a WeakRef keeps its
    // object until the end of the job that made it), the collection.
    const code = `
      require(${JSON.stringify(BIN)});
      let big = new Int32Array(1 << 20);
      const ref = new WeakRef(big);
      big = null;
      setImmediate(() => {
        globalThis.__evaluateCollectGarbage();
        globalThis.__evaluateCollectGarbage();
        console.log(JSON.stringify({ collected: ref.deref() === undefined, gc: require('node:vm').runInNewContext('typeof gc') }));
      });`;
    const r = spawnSync(process.execPath, ['-e', code, 'x', '--version'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1]!)).toEqual({ collected: true, gc: 'undefined' });
  });
});
