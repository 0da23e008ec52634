/**
 * A big input is read on two threads (src/io/two-threads.ts, reader-thread.ts): this thread reads
 * up to a cut a little after the middle, a reader thread the rest. EVALUATE_PARALLEL_MIN_BYTES
 * lowers the size at which that happens, so that inputs of a few MB take that path here. The thread
 * cuts when it has started, after what this thread has read meanwhile; EVALUATE_TEST_FIXED_CUT makes
 * this thread wait for the cut before reading, so that it falls where cutFor() puts it with nothing
 * read (the last cases let the cut fall where the moment puts it). Every case
 * runs three ways, which must give the same standard output, exit code and, debug lines aside,
 * standard error, byte for byte: on two threads; on one (EVALUATE_ONE_THREAD); and with a reader
 * thread that fails after reading its part (EVALUATE_TEST_READER_FAILS), after which this thread
 * reads the rest itself. The debug lines (EVALUATE_DEBUG) show that the second thread did read the
 * rows after the cut, or failed.
 *
 * Where the cut falls comes from src's own cutFor(), so that each case can put what it tests
 * (a quote, a problem, a file's start) on either side of the cut, or across it.
 */
import { availableParallelism } from 'node:os';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { type Split, cutFor, twoThreads } from '../src/io/two-threads.js';
import { toGbk } from './fuzz-sheets.js';
import { BIN, type RunResult, run, tempDir } from './helpers.js';

const DEBUG = { EVALUATE_DEBUG: '1' };
const TWO = { EVALUATE_PARALLEL_MIN_BYTES: '1', EVALUATE_TEST_FIXED_CUT: '1', ...DEBUG };
const ONE = { EVALUATE_ONE_THREAD: '1', ...DEBUG };
const FAILS = { EVALUATE_PARALLEL_MIN_BYTES: '1', EVALUATE_TEST_FIXED_CUT: '1', EVALUATE_TEST_READER_FAILS: '1', ...DEBUG };

let dir: string;
let base: string; // 8,000 staff x 5 raters, about 2.9 MB: the cut is well past the first 1 MB chunk.

beforeAll(async () => {
  dir = tempDir();
  const file = join(dir, 'base.csv');
  await generate(file, 8000, 5);
  base = readFileSync(file, 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sheet(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Where the program cuts these inputs (as src decides it, with the threshold lowered). */
function cutOf(paths: string[]): Split {
  const g = globalThis as { __evaluateBin?: string };
  const saved = { bin: g.__evaluateBin, min: process.env.EVALUATE_PARALLEL_MIN_BYTES, one: process.env.EVALUATE_ONE_THREAD };
  g.__evaluateBin = BIN;
  process.env.EVALUATE_PARALLEL_MIN_BYTES = '1';
  delete process.env.EVALUATE_ONE_THREAD;
  try {
    const sources = paths.map((p) => ({ name: p, path: p }));
    const sizes = paths.map((p) => statSync(p).size);
    const split = twoThreads(sources, sizes) ? cutFor(sources, sizes, 0) : null;
    if (split === null) throw new Error('these inputs would be read on one thread');
    return split;
  } finally {
    g.__evaluateBin = saved.bin;
    if (saved.min === undefined) delete process.env.EVALUATE_PARALLEL_MIN_BYTES;
    else process.env.EVALUATE_PARALLEL_MIN_BYTES = saved.min;
    if (saved.one !== undefined) process.env.EVALUATE_ONE_THREAD = saved.one;
  }
}

/** The line the second part starts on, in a text cut at a byte offset of its UTF-8 (or `bytes`). */
function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}

/** A debug line (EVALUATE_DEBUG): a phase and its time, or the reader thread's error and its stack. */
const isDebug = (l: string) => /^evaluate: .+: \d+ ms(, [a-z]+ \d+ MB)*(, page faults \d+)?$/.test(l) || /^evaluate: code cache /.test(l) || /^evaluate: reader thread: /.test(l) || /^\s+at /.test(l);

interface Run extends RunResult {
  /** Standard error without the debug lines. */
  said: string;
  debug: string[];
}

function runDebug(args: string[], env: Record<string, string>): Run {
  const r = run(args, { env });
  const all = r.stderr.split('\n');
  return { ...r, said: all.filter((l) => !isDebug(l)).join('\n'), debug: all.filter(isDebug) };
}

/** How many rows the second thread sent, from its debug line; null if it sent none (failed, or never ran). */
function secondPartRows(r: Run): number | null {
  const m = r.debug.map((l) => /^evaluate: second part received \((\d+) rows;/.exec(l)).find((x) => x !== null);
  return m ? Number(m[1]) : null;
}

/**
 * Runs `score` three ways (two threads, one thread, a reader thread that fails) and checks that they
 * say exactly the same; returns the two-thread run.
 */
function threeWays(paths: string[], args: string[] = ['--format', 'csv']): Run {
  const two = runDebug(['score', ...paths, ...args], TWO);
  const one = runDebug(['score', ...paths, ...args], ONE);
  expect(one.debug.some((l) => l.startsWith('evaluate: first part read'))).toBe(false);
  expect(two.debug.some((l) => l.startsWith('evaluate: first part read'))).toBe(true);
  expect(secondPartRows(two)).not.toBeNull();
  // How the threads shared the reading: the thread's start and which part was read first (two-threads.ts balance).
  expect(two.debug.some((l) => /; the thread began \d+ ms after it was made and read its part \d+ ms (before|after) this thread read its own\): \d+ ms$/.test(l))).toBe(true);
  // The reader thread's tally, merged, is collected before scoring (io/collect-garbage.ts); one thread
  // has none, and a run stopped by errors never scores.
  expect(two.debug.some((l) => l.startsWith('evaluate: collected: '))).toBe(two.code === 0);
  expect(one.debug.some((l) => l.startsWith('evaluate: collected: '))).toBe(false);
  expect(two.code).toBe(one.code);
  expect(two.stdout).toBe(one.stdout);
  expect(two.said).toBe(one.said);
  const fails = runDebug(['score', ...paths, ...args], FAILS);
  // The reader thread read its part and failed: this thread read the rest itself.
  expect(fails.debug).toContain('evaluate: reader thread: Error: told to fail');
  expect(fails.debug.some((l) => l.startsWith('evaluate: second part failed: read here'))).toBe(true);
  expect(fails.code).toBe(one.code);
  expect(fails.stdout).toBe(one.stdout);
  expect(fails.said).toBe(one.said);
  return two;
}

const lines = () => base.split(/(?<=\n)/);
const enc = new TextEncoder();

describe.skipIf(availableParallelism() < 2)('a big input read on two threads', () => {
  it('a clean sheet, cut inside: the one-thread report', () => {
    const path = sheet('clean.csv', base);
    const cut = cutOf([path]);
    expect(cut.offset).toBeGreaterThan(1 << 20);
    const r = threeWays([path]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')).toHaveLength(8000 + 2);
    // The second thread read every row from the cut's line to the last (40,001).
    expect(secondPartRows(r)).toBe(40_001 - lineAtByte(readFileSync(path), cut.offset) + 1);
  });

  it('CRLF line ends and a BOM, in JSON, under a trimmed mean', () => {
    const policy = sheet('policy.json', JSON.stringify({ aggregation: 'trimmed', trimMinScores: 5 }));
    const r = threeWays([sheet('crlf.csv', `\uFEFF${base.replace(/\n/g, '\r\n')}`)], ['--format', 'json', '--policy', policy]);
    expect(r.code).toBe(0);
  });

  it('quoted cells (closed on their line) in the first part', () => {
    // Past the first 1 MB chunk (about 13,700 lines) and before the cut: all five rows of one person.
    const l = lines();
    const name = l[15001]!.split(',')[1]!;
    for (let i = 15001; i <= 15005; i++) l[i] = l[i]!.replace(`,${name},`, `,"${name[0]},${name.slice(1)}",`);
    const path = sheet('quote-first.csv', l.join(''));
    expect(lineAtByte(readFileSync(path), cutOf([path]).offset)).toBeGreaterThan(15006);
    const r = threeWays([path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`"${name[0]},${name.slice(1)}"`);
  });

  it('a quoted cell with a line break across the cut: the cut is not between records, this thread reads on', () => {
    // One row's name split over two lines, the line break being the one the cut follows. The row is
    // the first after the clean sheet's cut; rows at the end are made longer a byte at a time (a score
    // 15.5 written 15.50, 14 written 14.0: the same scores), which moves the cut forward (by the cut's
    // share of a byte each) until it falls inside the row, before the line break in its name.
    const plain = sheet('quote-across.csv', base);
    const at = lineAtByte(readFileSync(plain), cutOf([plain]).offset) - 1;
    const line = at + 1;
    let text = '';
    for (let longer = 0; longer < 400 && text === ''; longer++) {
      const m = lines();
      const [, id, name] = /^(S\d+),([^,]+),/.exec(m[at]!)!;
      m[at] = m[at]!.replace(`${id},${name},`, `${id},"${name!.slice(0, 1)}\n${name!.slice(1)}",`);
      for (let k = m.length - longer; k < m.length; k++) m[k] = m[k]!.replace(/(\.\d+)?\n$/, (_: string, frac: string | undefined) => (frac ? `${frac}0\n` : '.0\n'));
      const candidate = m.join('');
      const path = sheet('quote-across.csv', candidate);
      const lineFeed = Buffer.byteLength(m.slice(0, at).join('')) + Buffer.byteLength(`${id},"${name!.slice(0, 1)}`);
      if (cutOf([path]).offset === lineFeed + 1) text = candidate;
    }
    expect(text, 'no row puts a quoted line break on the cut').not.toBe('');
    const r = threeWays([sheet('quote-across.csv', text)]);
    // A line break in a cell is refused (issue 12), once, where the record starts: the record across
    // the cut is read whole, not as two broken rows.
    expect(r.code).toBe(1);
    const said = r.said.split('\n').filter((l) => l !== '');
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(new RegExp(`quote-across\\.csv:${line}:2: error: a control character \\(\\\\u000a, a line break\\) in this cell`));
    expect(said[1]).toBe('1 error; nothing was written');
  });

  it('a quote in the second part, and a cell with a line break', () => {
    const l = lines();
    const at = l.length - 20;
    l[at] = l[at]!.replace(/^(S\d+),[^,]+,/, '$1,"陈\n静",');
    // Every row of that person carries the name, or the name differs: the one-thread run says the same either way.
    const path = sheet('quote-second.csv', l.join(''));
    expect(lineAtByte(readFileSync(path), cutOf([path]).offset)).toBeLessThan(at);
    threeWays([path]);
  });

  it('a row repeated at the end (one rater scoring a person twice) is an error, found in either part', () => {
    const l = lines();
    const r = threeWays([sheet('dup.csv', [...l, l[3]!].join(''))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dup\.csv:40002:.*error/);
  });

  it('more than 65,536 problems in each part (the reader thread hands its problems over in blocks): all of them, in order, as one thread says them', () => {
    // Every score of the 40,000 rows is "x": 200,000 problems, about half of them the reader thread's.
    const l = lines();
    const spoilt = [l[0]!, ...l.slice(1).map((row) => row.replace(/(,[^,\r\n]*){5}(\r?\n)$/, ',x,x,x,x,x$2'))];
    const r = threeWays([sheet('x.csv', spoilt.join(''))]);
    expect(r.code).toBe(1);
    const errors = r.said.split('\n').filter((x) => x.includes(': error: '));
    expect(errors.length).toBeGreaterThanOrEqual(200_000);
    // The thread's problems merged, not read again here after a failure.
    expect(r.debug.some((x) => x.startsWith('evaluate: second part merged'))).toBe(true);
  });

  it('a person with another name in the second part, and a rater with another role', () => {
    const l = lines();
    l.push(l[1]!.replace(/^S000001,张伟,/, 'S000001,李四,').replace('王主任', '新评委'));
    expect(threeWays([sheet('name.csv', l.join(''))]).code).toBe(1);
    const m = lines();
    m[m.length - 1] = m[m.length - 1]!.replace(',student,', ',leader,');
    expect(threeWays([sheet('role.csv', m.join(''))]).code).toBe(1);
    // Another post, and each problem of the second part whose arguments are the reader thread's
    // numbers (a person, a name, a post, a rater, a tally cell) in one sheet: worded as one thread words them.
    // The last row's person and rater are the second part's alone: their problems are found there.
    const p = lines();
    const last = p[p.length - 1]!;
    const [, id, name, post] = /^([^,]*),([^,]*),([^,]*),/.exec(last)!;
    p.push(last.replace(`${id},${name},${post},`, `${id},${name},另一岗位,`));
    p.push(last.replace(`${id},${name},`, `${id},李四,`));
    p.push(last.replace(',student,', ',leader,'));
    const path = sheet('post.csv', p.join(''));
    expect(lineAtByte(readFileSync(path), cutOf([path]).offset)).toBeLessThan(p.length - 3);
    const all = threeWays([path]);
    expect(all.code).toBe(1);
    for (const said of ['has two posts: "另一岗位"', 'has two names: "李四"', 'two roles', `scored twice for ${id} ${name}`]) expect(all.said).toContain(said);
  });

  it("cells far from their person's first row, in either part and across the cut (Tally.cellLine widened), and their rows given again", () => {
    const l = lines();
    const path = join(dir, 'far.csv');
    // A person first met in the second part, and a person of the first part.
    const x = l[l.length - 100]!;
    const first = l[1]!;
    // 33,000 rows of other people (T for S), then a new rater for each, then those rows again.
    for (let i = 1; i <= 33000; i++) l.push(l[i]!.replace(/^S/, 'T'));
    const farX = x.replace(/^(([^,]*,){4})[^,]+,/, '$1新评委甲,');
    const farFirst = first.replace(/^(([^,]*,){4})[^,]+,/, '$1新评委乙,');
    l.push(farX, farFirst);
    const xAt = l.length - 1;
    const firstAt = l.length;
    l.push(farX, farFirst);
    writeFileSync(path, l.join(''));
    expect(lineAtByte(readFileSync(path), cutOf([path]).offset)).toBeLessThan(40001 - 100);
    const r = threeWays([path]);
    expect(r.code).toBe(1);
    const twice = r.said.split('\n').filter((s) => s.includes('scored twice'));
    expect(twice.map((s) => `${s.slice(0, s.indexOf(': error'))} ${s.replace(/.*here and at /, '')}`)).toEqual([
      `${path}:${xAt + 2}:7 ${path}:${xAt}:7`,
      `${path}:${firstAt + 2}:7 ${path}:${firstAt}:7`,
    ]);
  });

  it('a staff id and a rater spelt another way in the second part (full-width, a zero-width space) are the same ones, shown as first spelt', () => {
    const l = lines();
    // S000001's first rater scores once more, under other spellings of the id and the rater, and a
    // new rater: had the second thread's texts not met the first's by their key, S000001 would be
    // two people, or the rater two raters.
    const [, rater] = /^S000001,[^,]*,[^,]*,[^,]*,([^,]+),/.exec(l[1]!)!;
    l.push(l[1]!.replace(/^S000001,/, '\uFF33000001\u200b,').replace(`,${rater},`, ',新评委,'));
    const path = sheet('spelt.csv', l.join(''));
    expect(lineAtByte(readFileSync(path), cutOf([path]).offset)).toBeLessThan(l.length);
    const r = threeWays([path]);
    // 新评委 scores as a leader: the committee has two (SPEC: a warning, at 新评委's row, the last
    // line), and nothing else is said.
    expect(r.said).toBe(
      `${path}:${l.length}: warning: the committee of 2026-H1 differs from the rules (1 leader, 1 head office, 1 center office, 2 student representatives): leader 2 (the rules ask 1)\n`,
    );
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\r\n');
    expect(rows).toHaveLength(8000 + 2);
    expect(rows.filter((row) => /^\d+,S000001,/.test(row))).toHaveLength(1);
    expect(r.stdout).not.toMatch(/[\uFF33\u200b]/);
    const again = lines();
    again.push(again[2]!.replace(`,${/^S000001,[^,]*,[^,]*,[^,]*,([^,]+),/.exec(again[2]!)![1]},`, `,${rater}\u200b,`));
    // The first rater's second row for S000001, under another spelling of that rater: scored twice.
    const twice = threeWays([sheet('twice.csv', again.join(''))]);
    expect(twice.code).toBe(1);
    expect(twice.said).toContain('listen, see, check, test and ask are scored twice for S000001');
  });

  it('problems on the lines around the cut: each reported once, at its place', () => {
    const path = sheet('around.csv', base);
    const cutLine = lineAtByte(readFileSync(path), cutOf([path]).offset);
    const l = lines();
    // Line numbers are 1-based, l[] 0-based: l[n - 1] is line n. The lengths stay, so the cut does.
    l[cutLine - 2] = l[cutLine - 2]!.replace(/,(\d+(\.5)?)\n$/, (_, v: string) => `,${'x'.repeat(v.length)}\n`);
    l[cutLine - 1] = l[cutLine - 1]!.replace(/,(\d+(\.5)?)\n$/, (_, v: string) => `,${'y'.repeat(v.length)}\n`);
    l[cutLine] = l[cutLine]!.replace(/,(\d+(\.5)?)\n$/, (_, v: string) => `,${'z'.repeat(v.length)}\n`);
    const spoilt = sheet('around.csv', l.join(''));
    expect(lineAtByte(readFileSync(spoilt), cutOf([spoilt]).offset)).toBe(cutLine);
    const r = threeWays([spoilt]);
    expect(r.code).toBe(1);
    for (const [n, x] of [
      [cutLine - 1, 'x'],
      [cutLine, 'y'],
      [cutLine + 1, 'z'],
    ] as const) {
      expect(r.stderr.split('\n').filter((s) => s.startsWith(`${spoilt}:${n}:11: error: score "${x}`))).toHaveLength(1);
    }
  });

  it('rows refused for a bad score with an empty score beside it, on both sides of the cut: the empty one is missing, at its cell', () => {
    const path = sheet('refused.csv', base);
    const cutLine = lineAtByte(readFileSync(path), cutOf([path]).offset);
    const l = lines();
    // listen (column 7) not a number, check (column 9) blank: the same lengths, so the same cut.
    const spoil = (n: number) => {
      const cells = l[n - 1]!.split(',');
      cells[6] = 'x'.repeat(cells[6]!.length);
      cells[8] = ' '.repeat(cells[8]!.length);
      l[n - 1] = cells.join(',');
    };
    spoil(cutLine - 1);
    spoil(cutLine + 1);
    // The second one also gives its person's name another way (the same bytes, reversed): another name, said too.
    const [staff2, name2] = l[cutLine]!.split(',');
    const other = [...name2!].reverse().join('');
    l[cutLine] = l[cutLine]!.replace(`,${name2},`, `,${other},`);
    const spoilt = sheet('refused.csv', l.join(''));
    expect(lineAtByte(readFileSync(spoilt), cutOf([spoilt]).offset)).toBe(cutLine);
    const r = threeWays([spoilt]);
    expect(r.code).toBe(1);
    for (const n of [cutLine - 1, cutLine + 1]) {
      const [staff, name, , , rater, role] = l[n - 1]!.split(',');
      expect(r.said).toContain(`${spoilt}:${n}:7: error: score "x`);
      expect(r.said).toContain(`${spoilt}:${n}:9: error: no check score from rater ${rater} (${role}) for ${staff} ${n === cutLine - 1 ? name : name2}; a missing score is never counted as zero\n`);
    }
    expect(r.said).toContain(`${spoilt}:${cutLine + 1}:2: error: ${staff2} has two names: "${other}" here and "${name2}" at ${spoilt}:`);
    expect(r.said.split('\n').filter((x) => x.includes(': error: '))).toHaveLength(5);
  });

  it('--semester another than every row says: one problem for the sheet, counting the rows of both parts', () => {
    const path = sheet('other-semester.csv', base);
    const r = threeWays([path], ['--format', 'csv', '--semester', '2025-H1']);
    expect(r.code).toBe(1);
    const [staff, name, , , rater] = lines()[1]!.split(',');
    expect(r.said.split('\n').filter((x) => x.includes(': error: '))).toEqual([
      `${path}:2:4: error: semester 2026-H1 disagrees with --semester 2025-H1 (${staff} ${name}, rater ${rater}), and so do 39999 more rows of this sheet; give --verbose to list each of them`,
    ]);
  });

  it('a sheet in GBK, as Excel saves "CSV" in a Chinese locale', () => {
    const path = sheet('gbk.csv', toGbk(base));
    expect(cutOf([path]).offset).toBeGreaterThan(0);
    const r = threeWays([path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('张伟');
  });

  it('the same GBK sheet with CRLF line ends, Chinese headers and a row in UTF-8 after the cut (a mixed file)', () => {
    const text = base.replace('staff_id,name,post,semester,rater,role,listen,see,check,test,ask', '工号,姓名,岗位,学期,评委,角色,听,看,查,测,问').replace(/\n/g, '\r\n');
    const gbk = toGbk(text);
    const bytes = new Uint8Array([...gbk, ...enc.encode('S009999,张伟,1号楼,2026-H1,王主任,leader,1,2,3,4,5\r\n')]);
    const r = threeWays([sheet('gbk-mixed.csv', bytes)]);
    expect(r.code).toBe(1);
  });

  it('a GBK sheet with a row in UTF-8 after the cut whose bytes are also GBK: read as GBK, with a warning at that row, once', () => {
    const gbk = toGbk(base.replace(/\n/g, '\r\n'));
    // 王芳 and 号楼 in UTF-8 are six bytes each, which GBK reads as three other characters.
    const row = 'S009999,王芳,1号楼,2026-H1,R9,student,1,2,3,4,5\r\n';
    const bytes = new Uint8Array([...gbk, ...enc.encode(row)]);
    const path = sheet('gbk-pasted.csv', bytes);
    const last = base.split('\n').length;
    expect(lineAtByte(readFileSync(path), cutOf([path]).offset)).toBeLessThan(last);
    const r = threeWays([path]);
    const warnings = r.said.split('\n').filter((l) => l.includes('UTF-8 Chinese text'));
    expect(warnings).toEqual([`${path}:${last}: warning: this line is UTF-8 Chinese text (the only such line), but the rest of the file is GBK, and it was read as GBK: if it was pasted from a UTF-8 sheet, its Chinese comes out as other characters. Save the whole sheet in one encoding ("CSV UTF-8"), or give --encoding gbk if the line is right as it is`]);
    // Read as GBK: the name is not 王芳 (the warning is what tells the secretary).
    expect(r.said + r.stdout).not.toContain('王芳');
  });

  it('the same row in UTF-8 last, with no line end after it: counted by the reader thread too, the same warning', () => {
    const gbk = toGbk(base.replace(/\n/g, '\r\n'));
    const bytes = new Uint8Array([...gbk, ...enc.encode('S009999,王芳,1号楼,2026-H1,R9,student,1,2,3,4,5')]);
    const path = sheet('gbk-pasted-last.csv', bytes);
    const last = base.split('\n').length;
    expect(lineAtByte(readFileSync(path), cutOf([path]).offset)).toBeLessThan(last);
    const r = threeWays([path]);
    expect(r.said.split('\n').filter((l) => l.includes('UTF-8 Chinese text'))).toEqual([
      `${path}:${last}: warning: this line is UTF-8 Chinese text (the only such line), but the rest of the file is GBK, and it was read as GBK: if it was pasted from a UTF-8 sheet, its Chinese comes out as other characters. Save the whole sheet in one encoding ("CSV UTF-8"), or give --encoding gbk if the line is right as it is`,
    ]);
  });

  it('a GBK sheet whose part after the cut alone would look mixed (ASCII rows, then 3 rows in UTF-8 and 2 in GBK): judged on the whole file, the part merged, not read again', () => {
    const head = base.split(/(?<=\n)/).slice(0, 6001).join('');
    const ascii = Array.from({ length: 30000 }, (_, i) => `T${String(Math.floor(i / 5)).padStart(5, '0')},,B1,2026-H1,R${(i % 5) + 1},student,1,2,3,4,5\n`).join('');
    const utf8Rows = [0, 1, 2].map((i) => `U0000${i},王芳,1号楼,2026-H1,R1,student,1,2,3,4,5\n`).join('');
    const gbkRows = [0, 1].map((i) => `V0000${i},王芳,1号楼,2026-H1,R1,student,1,2,3,4,5\n`).join('');
    const bytes = new Uint8Array([...toGbk(head + ascii), ...enc.encode(utf8Rows), ...toGbk(gbkRows)]);
    const path = sheet('gbk-part-looks-mixed.csv', bytes);
    const firstUtf8 = 6001 + 30000 + 1;
    expect(lineAtByte(readFileSync(path), cutOf([path]).offset)).toBeGreaterThan(6001);
    const r = threeWays([path]);
    expect(r.code).toBe(0);
    expect(r.debug.some((l) => l.startsWith('evaluate: second part merged'))).toBe(true);
    expect(r.debug.some((l) => l.startsWith('evaluate: second part read again here'))).toBe(false);
    expect(r.said.split('\n').filter((l) => l.includes('UTF-8 Chinese text'))).toEqual([
      `${path}:${firstUtf8}: warning: this line is UTF-8 Chinese text (the first of 3 such lines), but the rest of the file is GBK, and it was read as GBK: if it was pasted from a UTF-8 sheet, its Chinese comes out as other characters. Save the whole sheet in one encoding ("CSV UTF-8"), or give --encoding gbk if the line is right as it is`,
    ]);
  });

  it('a GBK sheet whose Chinese starts after the cut (the first part is ASCII, read as UTF-8)', () => {
    const path = sheet('late-chinese.csv', base);
    const cutLine = lineAtByte(readFileSync(path), cutOf([path]).offset);
    const raters = ['王主任', '李科长', '赵老师', '学生甲', '学生乙'];
    const ascii = (row: string) => row.replace(/^(S\d+),[^,]+,[^,]+,(2026-H1),([^,]+),/, (_, id: string, sem: string, rater: string) => `${id},N${id},P1,${sem},R${raters.indexOf(rater)},`);
    // Whole people (five rows each, from line 2): the Chinese starts with a person about 100 lines after the cut.
    const from = cutLine + 100 - ((cutLine + 100 - 2) % 5);
    const l = lines().map((row, i) => (i > 0 && i + 1 < from ? ascii(row) : row));
    const r = threeWays([sheet('late-chinese.csv', toGbk(l.join('')))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('张伟');
  });

  it('a folder of five per-rater sheets, cut inside one of them', () => {
    const folder = join(dir, 'by-rater');
    mkdirSync(folder);
    const [head, ...rows] = lines();
    const raters = ['王主任', '李科长', '赵老师', '学生甲', '学生乙'];
    raters.forEach((rater, i) => writeFileSync(join(folder, `${i + 1}-${rater}.csv`), [head, ...rows.filter((r) => r.split(',')[4] === rater)].join('')));
    const files = raters.map((rater, i) => join(folder, `${i + 1}-${rater}.csv`));
    expect(cutOf(files).offset).toBeGreaterThan(0);
    const r = threeWays([folder]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')).toHaveLength(8000 + 2);
  });

  it('a folder of two sheets, cut at the second one\'s start (the second thread reads it whole)', () => {
    const folder = join(dir, 'two');
    mkdirSync(folder);
    const [head, ...rows] = lines();
    // The first file ends some 100 rows (7 KB) before where the whole sheet is cut: the cut falls at the second's start.
    const whole = sheet('two.csv', base);
    const first = lineAtByte(readFileSync(whole), cutOf([whole]).offset) - 100;
    writeFileSync(join(folder, 'a.csv'), [head, ...rows.slice(0, first)].join(''));
    writeFileSync(join(folder, 'b.csv'), [head, ...rows.slice(first)].join(''));
    expect(cutOf([join(folder, 'a.csv'), join(folder, 'b.csv')])).toEqual({ fileIndex: 1, offset: 0 });
    const r = threeWays([folder]);
    expect(r.code).toBe(0);
    expect(r.debug.some((l) => l.startsWith('evaluate: first part read (0 bytes of file 2)'))).toBe(true);
    expect(secondPartRows(r)).toBe(rows.length - first);
  });

  it('a committee of fifteen, cut at a person\'s sixth rater or later: the reader thread gives every rater a slot, as this thread does', async () => {
    // The thread reads the file's first rows again for its header; numbered from there, the rater its
    // part starts with was past a person's first five slots, and every cell of the part went to the
    // sparse table (3M rows: twice the time of the first part). Rater k of a person is on line
    // 2 + 15 * person + k: a staff count is taken whose cut falls at k >= 5.
    const path = join(dir, 'fifteen.csv');
    let k = -1;
    for (let staff = 3000; k < 5; staff++) {
      await generate(path, staff, 15);
      k = (lineAtByte(readFileSync(path), cutOf([path]).offset) - 2) % 15;
    }
    const r = threeWays([path]);
    expect(r.code).toBe(0);
    expect(r.debug.find((l) => l.startsWith('evaluate: second part received'))).toMatch(/; 15 slots a person, 0 cells outside them;/);
  });

  it('a reader thread that fails: this thread reads the rest itself, with the same problems', () => {
    const l = lines();
    l[l.length - 3] = l[l.length - 3]!.replace(/^([^,]*,[^,]*,[^,]*,[^,]*),[^,]*,/, '$1,,');
    const r = threeWays([sheet('fails.csv', l.join(''))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/fails\.csv:\d+:5: error: rater is blank/);
  });

  // The cut where the moment puts it: the thread cuts when it has started, after what this thread has
  // claimed meanwhile (a chunk of 1 MB at a time).

  it('the thread cuts after what this thread has read meanwhile (here slowly, a pause at each chunk): the one-thread report, problems on both sides', () => {
    const l = lines();
    // A row given again in the first MB (before any cut: the cut lies past it) and one near the end (after it).
    l.splice(101, 0, l[100]!);
    l.splice(l.length - 2, 0, l[l.length - 3]!);
    const path = sheet('moment.csv', l.join(''));
    const two = runDebug(['score', path, '--format', 'csv'], { EVALUATE_PARALLEL_MIN_BYTES: '1', EVALUATE_TEST_SLOW_CLAIMS: '500', ...DEBUG });
    const one = runDebug(['score', path, '--format', 'csv'], ONE);
    const first = two.debug.map((x) => /^evaluate: first part read \((\d+) bytes of file 1\)/.exec(x)).find((m) => m !== null);
    // The thread started while this one read: its cut is past the first chunk this thread claimed.
    expect(Number(first![1])).toBeGreaterThan(1 << 20);
    expect(secondPartRows(two)).toBeGreaterThan(0);
    expect(two.debug.some((x) => x.startsWith('evaluate: second part merged'))).toBe(true);
    expect(one.code).toBe(1);
    expect(one.said.match(/moment\.csv:\d+:\d+: error: /g)).toHaveLength(2);
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(two.said).toBe(one.said);
  });

  it('a thread that starts too late to take a part: this thread reads everything, without waiting for it', () => {
    const path = sheet('late.csv', base);
    const started = Date.now();
    const two = runDebug(['score', path, '--format', 'csv'], { EVALUATE_PARALLEL_MIN_BYTES: '1', EVALUATE_TEST_READER_LATE: '60000', ...DEBUG });
    // The thread sleeps a minute before it would cut: the run ends without it.
    expect(Date.now() - started).toBeLessThan(30_000);
    const one = runDebug(['score', path, '--format', 'csv'], ONE);
    expect(two.debug.some((x) => x.startsWith('evaluate: everything read here: the thread started too late to take a part'))).toBe(true);
    expect(two.debug.some((x) => x.startsWith('evaluate: first part read'))).toBe(false);
    expect(secondPartRows(two)).toBeNull();
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.said).toBe(one.said);
  });
});
