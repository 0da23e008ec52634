/**
 * A big sheet is read on two threads (src/io/parallel.ts). EVALUATE_PARALLEL_MIN_BYTES lowers the
 * size at which that happens, so that sheets of a few MB take the path here; every case is checked
 * against the same run on one thread (EVALUATE_ONE_THREAD): the same report, problems, exit code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { run, tempDir } from './helpers.js';

const TWO = { EVALUATE_PARALLEL_MIN_BYTES: '1', EVALUATE_DEBUG: '1' };
const ONE = { EVALUATE_ONE_THREAD: '1' };

let dir: string;
let base: string; // 8,000 staff x 5 raters, about 2.9 MB: the cut is well past the first 1 MB chunk.

beforeAll(async () => {
  dir = tempDir();
  const file = join(dir, 'base.csv');
  await generate(file, 8000, 5);
  base = readFileSync(file, 'utf8');
});

function sheet(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs score both ways; returns the two-thread run, after checking it matches the one-thread run. */
function both(path: string, args: string[] = ['--format', 'csv']) {
  const two = run(['score', path, ...args], { env: TWO });
  const one = run(['score', path, ...args], { env: ONE });
  expect(two.code).toBe(one.code);
  expect(two.stdout).toBe(one.stdout);
  // Debug lines (timings, the path taken) aside, the same words on standard error.
  expect(two.stderr.split('\n').filter((l) => !l.startsWith('evaluate: ') || l.includes('error'))).toEqual(one.stderr.split('\n'));
  return two;
}

const lines = () => base.split(/(?<=\n)/);

describe('a big sheet read on two threads', () => {
  it('gives the one-thread report, and the second thread did read half', () => {
    const r = both(sheet('clean.csv', base));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/first half read/);
    expect(r.stderr).toMatch(/second half received/);
    expect(r.stdout.split('\r\n')).toHaveLength(8000 + 2);
  });

  it('the same with CRLF and a BOM, in JSON, under a trimmed mean', () => {
    const policy = sheet('policy.json', JSON.stringify({ aggregation: 'trimmed', trimMinScores: 5 }));
    const r = both(sheet('crlf.csv', `\uFEFF${base.replace(/\n/g, '\r\n')}`), ['--format', 'json', '--policy', policy]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/second half received/);
  });

  it('a reader thread that fails: this thread reads the rest itself, and the report is the same', () => {
    const path = sheet('fails.csv', base);
    const r = run(['score', path, '--format', 'csv'], { env: { ...TWO, EVALUATE_TEST_READER_FAILS: '1' } });
    const one = run(['score', path, '--format', 'csv'], { env: ONE });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(one.stdout);
    expect(r.stderr).toMatch(/reader thread: Error: told to fail/);
  });

  it('a quote in the first half: the cut cannot be trusted, this thread reads on', () => {
    // Past the first 1 MB chunk (about 13,700 lines) and before the middle: all five rows of one person.
    const l = lines();
    const name = l[15001]!.split(',')[1]!;
    for (let i = 15001; i <= 15005; i++) l[i] = l[i]!.replace(`,${name},`, `,"${name[0]},${name.slice(1)}",`);
    const r = both(sheet('quote-first.csv', l.join('')));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`"${name[0]},${name.slice(1)}"`);
    expect(r.stderr).toMatch(/first half read/);
    expect(r.stderr).not.toMatch(/second half received/);
  });

  it('a quote in the second half, and a cell with a line break', () => {
    const l = lines();
    const at = l.length - 20;
    l[at] = l[at]!.replace(/^(S\d+),[^,]+,/, '$1,"陈\n静",');
    // Every row of that person carries the name, or the name differs: the one-thread run says the same either way.
    const r = both(sheet('quote-second.csv', l.join('')));
    expect(r.stderr).toMatch(/second half received/);
  });

  it('a row repeated at the end (one rater scoring a person twice) is an error, found in either half', () => {
    const l = lines();
    const r = both(sheet('dup.csv', [...l, l[3]!].join('')));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dup\.csv:40002:.*error/);
  });

  it('a person with another name in the second half, and a rater with another role', () => {
    const l = lines();
    l.push(l[1]!.replace(/^S000001,张伟,/, 'S000001,李四,').replace('王主任', '新评委'));
    const r1 = both(sheet('name.csv', l.join('')));
    expect(r1.code).toBe(1);
    const m = lines();
    m[m.length - 1] = m[m.length - 1]!.replace(',student,', ',leader,');
    const r2 = both(sheet('role.csv', m.join('')));
    expect(r2.code).toBe(1);
  });

  it('a sheet in GBK is read on one thread (its check needs every line)', () => {
    // Node has no GBK encoder: build one from the decoder.
    const gbk = new Map<string, number[]>();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && !gbk.has(ch)) gbk.set(ch, [a, b]);
      }
    const bytes: number[] = [];
    for (const ch of base) {
      const c = ch.charCodeAt(0);
      if (c < 128) bytes.push(c);
      else bytes.push(...gbk.get(ch)!);
    }
    const r = both(sheet('gbk.csv', Buffer.from(bytes)));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('张伟');
    expect(r.stderr).not.toMatch(/first half read/);
  });
});
