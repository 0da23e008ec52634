/**
 * The problem log (src/core/problems.ts) on its own: a repeated problem's words come from a cache,
 * and another thread's problems are appended under this log's numbers for their kinds. Both are
 * held to the plain way: every problem worded from its own arguments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FileRef, type ProblemContext, ProblemLog } from '../src/core/problems.js';
import { problemWords } from '../src/i18n/problems.js';

/** Every number a message refers to, worded by the number alone. */
const ctx: ProblemContext = {
  personId: (p) => `S${p}`,
  nameText: (n) => `name${n}`,
  postText: (p) => `post${p}`,
  raterText: (r) => `rater${r}`,
  personWho: (p, n) => `S${p} name${n}`,
  namePlace: (p) => `a.csv:${p}`,
  rolePlace: (r) => `b.csv:${r}`,
  cellPlace: (c, m) => `c.csv:${c}:${m}`,
  cellWho: (c, n) => `cell${c} name${n}`,
  cellRater: (c) => `rater of ${c}`,
};

const files: FileRef[] = [
  { name: 'h1.csv', order: 0 },
  { name: '上半年.csv', order: 1 },
  { name: 'h2.csv', order: 2 },
];

/** One problem: its kind and arguments, from a few small numbers (so that problems repeat). */
type Spec = { error: boolean; file: number; line: number; column: number; kind: number; a: number; b: number };
const spec = fc.record({
  error: fc.boolean(),
  file: fc.integer({ min: 0, max: 2 }),
  line: fc.integer({ min: 1, max: 40 }),
  column: fc.integer({ min: 0, max: 9 }),
  kind: fc.integer({ min: 0, max: 5 }),
  a: fc.integer({ min: 0, max: 2 }),
  b: fc.integer({ min: 0, max: 2 }),
});

function record(log: ProblemLog, p: Spec): void {
  const file = files[p.file]!;
  const col = p.column || undefined;
  const sev = p.error ? 'error' : 'warning';
  switch (p.kind) {
    case 0:
      return log.add(sev, file, p.line, col, 'scored-twice', p.a, p.b, p.a - 1);
    case 1:
      return log.add(sev, file, p.line, col, 'score-over-max', `2${p.a}`, ['listen', 'see', 'ask'][p.b]!, '20', `S${p.a}`, `R${p.b}`);
    case 2:
      return log.add(sev, file, p.line, col, 'two-names', p.a, p.b, p.a + p.b);
    case 3:
      return log.add(sev, file, p.line, col, 'control-character', p.a + 1);
    case 4:
      return log.add(sev, file, p.line, col, 'cell-count', 9 + p.a, 8, 0, p.b, '', '', `S${p.a}`, '');
    default:
      return log.add(sev, file, p.line, col, 'repeated-header', p.a + p.b);
  }
}

/** A list of problems that comes round: `pool` problems, then that many again, `rounds` times, some changed. */
const rounds = fc
  .record({ pool: fc.array(spec, { minLength: 1, maxLength: 12 }), rounds: fc.integer({ min: 1, max: 6 }), changed: fc.array(fc.tuple(fc.nat(), spec), { maxLength: 6 }) })
  .map(({ pool, rounds, changed }) => {
    const all: Spec[] = [];
    for (let r = 0; r < rounds; r++) for (const p of pool) all.push({ ...p, line: p.line + r * 40 });
    for (const [at, p] of changed) all[at % all.length] = p;
    return all;
  });

describe('the problem log', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`words a repeated problem from its cache as it words it afresh (${lang}), in the printing order and in any other`, () => {
      const words = problemWords(lang);
      fc.assert(
        fc.property(rounds, fc.array(fc.nat()), (problems, picks) => {
          const log = new ProblemLog();
          for (const p of problems) record(log, p);
          const plain = (i: number) => `${log.isError(i) ? 'E' : 'W'} ${log.message(i, words, ctx)}`;
          const cached = log.messageCache(words, ctx, (m, error) => `${error ? 'E' : 'W'} ${m}`);
          for (const i of log.order((i) => log.message(i, words, ctx))) expect(cached(i)).toBe(plain(i));
          for (const k of picks) expect(cached(k % log.count)).toBe(plain(k % log.count));
        }),
      );
    });
  }

  it("appends another thread's problems as they were: kinds numbered otherwise there, lines moved, some left out", () => {
    const words = problemWords('en');
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 60 }), fc.array(spec, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 1000 }), (mine, theirs, base) => {
        const other = new ProblemLog();
        for (const p of theirs) record(other, p);
        const expected = Array.from({ length: other.count }, (_, i) => other.render(i, words, ctx));
        const data = other.export();
        // The other thread met the kinds in another order: its numbers for them are these reversed.
        const kinds = [...data.kinds].reverse();
        const renumbered = data.kindOf.map((block) => block.map((k) => (kinds.indexOf(data.kinds[k >> 1]!) << 1) | (k & 1)));
        const log = new ProblemLog();
        for (const p of mine) record(log, p);
        const own = log.count;
        // Its lines in file 1 are lines of the second part of that file (`base` lines on); file 2's are left out.
        log.append({ ...data, kinds, kindOf: renumbered }, (file, line) => (file === 2 ? -1 : file === 1 ? line + base : line));
        const kept = expected.filter((p) => p.fileOrder !== 2).map((p) => (p.fileOrder === 1 ? { ...p, line: p.line + base } : p));
        expect(log.count).toBe(own + kept.length);
        expect(log.errors - mine.filter((p) => p.error).length).toBe(kept.filter((p) => p.severity === 'error').length);
        expect(Array.from({ length: kept.length }, (_, i) => log.render(own + i, words, ctx))).toEqual(kept);
      }),
    );
  });
});
