/**
 * The streaming path against the detailed path: on random sheets, clean or spoilt, the streaming
 * path either gives exactly the detailed path's results or gives up; it always gives up when the
 * detailed path has something to report. (It may also give up on a rare clean sheet: under
 * `weighted`, a rater whose role only a later row tells.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamingScorer } from '../src/core/accumulate.js';
import { type Policy } from '../src/core/policy.js';
import { rankReport } from '../src/core/report.js';
import { SheetStream } from '../src/io/sheet-stream.js';

const CUTS = [7, 1, 64, 3, 1000, 2];
import { scoreJson } from '../src/render/score.js';
import { policyOf, scoreTexts } from './score-text.js';

function streamed(sheets: Record<string, string>, policy: Policy, semester: string | null) {
  const scorer = new StreamingScorer(policy, semester);
  for (const text of Object.values(sheets)) {
    const sheet = new SheetStream(scorer, 'utf8', ',');
    const bytes = new TextEncoder().encode(text);
    // Feed in small uneven chunks that cut lines and characters, as a file reader may.
    for (let i = 0, k = 0; i < bytes.length; i += CUTS[k++ % CUTS.length]!) sheet.push(bytes.subarray(i, i + CUTS[k % CUTS.length]!));
    sheet.end();
  }
  return scorer.finish(null);
}

function render(reports: ReturnType<typeof scoreTexts>['reports']) {
  return scoreJson({ reports, warnings: [], counts: { read: 0, used: 0, rejected: 0 }, precision: 1, lang: 'en', color: false });
}

const ROLES = ['leader', 'head-office', 'center-office', 'student', '组长', '学生代表', ''];
const cellArb = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 40 }).map((h) => String(h / 2)) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '２０', '18,5', '-1', '21', 'x', '1e1', ' 7.25 ', '19.1234567') },
);
const rowArb = fc.record({
  staff: fc.constantFrom('S1', 'S2', 'S3', ' S1', ''),
  name: fc.constantFrom('张伟', '刘洋', '', '张伟', '"张,伟"', '"刘""洋"', '"陈\n静"'),
  semester: fc.constantFrom('2026-H1', '2026-H1', '2026上半年', '', '2026-H2', 'bad'),
  rater: fc.constantFrom('A', 'B', 'C', 'D', 'E', ''),
  role: fc.constantFrom(...ROLES),
  scores: fc.array(cellArb, { minLength: 5, maxLength: 5 }),
});

/** A clean sheet: everyone scored by the same raters on every method. */
const cleanArb = fc
  .record({
    staff: fc.integer({ min: 1, max: 6 }),
    raters: fc.integer({ min: 1, max: 6 }),
    scores: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 180, maxLength: 180 }),
  })
  .map(({ staff, raters, scores }) => {
    const lines = ['staff_id,name,semester,rater,role,listen,see,check,test,ask'];
    let k = 0;
    for (let s = 0; s < staff; s++)
      for (let r = 0; r < raters; r++) {
        const five = Array.from({ length: 5 }, () => (scores[k++ % scores.length]! / 100).toFixed(2));
        lines.push(`S${s},N${s},2026-H1,R${r},${['leader', 'head-office', 'center-office', 'student'][r % 4]},${five.join(',')}`);
      }
    return `${lines.join('\n')}\n`;
  });

const policies = fc.constantFrom(
  policyOf(),
  policyOf({ aggregation: 'trimmed', trimMinScores: 3 }),
  policyOf({ aggregation: 'median' }),
  policyOf({ aggregation: 'weighted', roleWeights: { leader: 2.5, student: 0.5 } }),
  policyOf({ methods: { ask: { max: 20, roles: ['student', 'leader'] } } }),
  policyOf({ methods: { listen: { max: 30, scale: 10 }, see: { max: 10 } } }),
);

function check(sheets: Record<string, string>, policy: Policy, semester: string | null) {
  const detailed = scoreTexts(sheets, policy, semester);
  const fast = streamed(sheets, policy, semester);
  if (detailed.problems.list.length > 0) {
    expect(fast).toBeNull();
    return 'problems';
  }
  if (fast === null) return 'gave up';
  const reports = [...fast!.keys()].sort().map((s) => rankReport(s, fast!.get(s)!.staff, fast!.get(s)!.raters, null));
  expect(render(reports)).toBe(render(detailed.reports));
  return 'same';
}

describe('streaming path against the detailed path', () => {
  it('clean sheets: identical reports under every policy shape', () => {
    fc.assert(
      fc.property(cleanArb, policies, (text, policy) => {
        const sheets = { 'a.csv': text };
        // Role restrictions and rescaled methods make some clean sheets invalid: either way the paths agree.
        expect(check(sheets, policy, null)).not.toBe('gave up');
      }),
      { numRuns: 300 },
    );
  });

  it('random rows with mistakes: the streaming path gives up exactly when there is something to report', () => {
    const seen = { problems: 0, same: 0, 'gave up': 0 };
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('staff_id,name,semester,rater,role,listen,see,check,test,ask', '工号,姓名,学期,评委,角色,听,看,查,测,问', 'staff_id,name,semester,rater,role,listen,see,check,test,lisen'),
        fc.constantFrom(null, '2026-H1'),
        policies,
        (rows, header, semester, policy) => {
          const text = [header, ...rows.map((r) => [r.staff, r.name, r.semester, r.rater, r.role, ...r.scores].join(','))].join('\r\n');
          seen[check({ 'a.csv': text }, policy, semester)]++;
        },
      ),
      { numRuns: 1500 },
    );
    // The generator must reach both outcomes, or the property says little.
    expect(seen.same).toBeGreaterThan(0);
    expect(seen.problems).toBeGreaterThan(seen['gave up'] * 10);
  });

  it('several sheets that split the methods and raters between them', () => {
    fc.assert(
      fc.property(cleanArb, fc.integer({ min: 1, max: 4 }), (text, cut) => {
        const [head, ...rows] = text.trim().split('\n');
        const cols = head!.split(',');
        const a = [cols.slice(0, 5 + cut).join(','), ...rows.map((r) => r.split(',').slice(0, 5 + cut).join(','))].join('\n');
        const b = [[...cols.slice(0, 5), ...cols.slice(5 + cut)].join(','), ...rows.map((r) => { const c = r.split(','); return [...c.slice(0, 5), ...c.slice(5 + cut)].join(','); })].join('\n');
        expect(check({ 'a.csv': a, 'b.csv': b }, policyOf(), null)).toBe('same');
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * A sheet read in two halves, as two threads read a big one: the first half by one scorer, the rest
 * (from a line start) by another that is given the header, then merged. Whenever the first half was
 * read line by line (no quote: the only case the program merges), the merged scorer gives the
 * single reader's results, and it gives up whenever the single reader does.
 */
function halves(text: string, cutLine: number, policy: Policy, semester: string | null): { merged: ReturnType<StreamingScorer['finish']>; plain: boolean } {
  const lines = text.split(/(?<=\n)/);
  // After the header, and before the last line: each half has a line (as the program cuts).
  const at = lines.length > 2 ? 1 + (cutLine % (lines.length - 2)) + 1 : lines.length;
  const first = new StreamingScorer(policy, semester);
  const a = new SheetStream(first, 'utf8', ',');
  a.push(new TextEncoder().encode(lines.slice(0, at).join('')));
  if (!a.plain || a.headerCells === null) return { merged: null, plain: false };
  const second = new StreamingScorer(policy, semester);
  const b = new SheetStream(second, 'utf8', ',');
  b.header(a.headerCells);
  const rest = new TextEncoder().encode(lines.slice(at).join(''));
  for (let i = 0, k = 0; i < rest.length; i += CUTS[k++ % CUTS.length]!) b.push(rest.subarray(i, i + CUTS[k % CUTS.length]!));
  a.end();
  b.end();
  // Through a structured clone, as the state crosses threads.
  first.merge(structuredClone(second.exportState()));
  return { merged: first.finish(null), plain: true };
}

const mergeable = fc.constantFrom(
  policyOf(),
  policyOf({ aggregation: 'trimmed', trimMinScores: 3 }),
  policyOf({ methods: { ask: { max: 20, roles: ['student', 'leader'] } } }),
  policyOf({ methods: { listen: { max: 30, scale: 10 }, see: { max: 10 } } }),
);

describe('a sheet read in two halves and merged', () => {
  const compare = (text: string, cut: number, policy: Policy, semester: string | null, seen: Record<string, number>) => {
    const single = streamed({ 'a.csv': text }, policy, semester);
    const { merged, plain } = halves(text, cut, policy, semester);
    if (!plain) return void seen.skipped!++;
    if (single === null) {
      expect(merged).toBeNull();
      return void seen.gaveUp!++;
    }
    if (merged === null) return void seen.mergeGaveUp!++;
    const r = (m: NonNullable<typeof merged>) => render([...m.keys()].sort().map((s) => rankReport(s, m.get(s)!.staff, m.get(s)!.raters, null)));
    expect(r(merged)).toBe(r(single));
    seen.same!++;
  };

  it('clean sheets, cut at any line', () => {
    const seen = { same: 0, gaveUp: 0, mergeGaveUp: 0, skipped: 0 };
    fc.assert(
      fc.property(cleanArb, fc.nat(40), mergeable, (text, cut, policy) => compare(text, cut, policy, null, seen)),
      { numRuns: 400 },
    );
    expect(seen.same).toBeGreaterThan(150);
  });

  it('clean sheets spoilt by one line (a method twice, two names, two posts, two roles), cut at any line', () => {
    const seen = { same: 0, gaveUp: 0, mergeGaveUp: 0, skipped: 0 };
    const sheetArb = fc
      .record({
        staff: fc.integer({ min: 1, max: 5 }),
        raters: fc.integer({ min: 1, max: 5 }),
        scores: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 60, maxLength: 60 }),
        spoil: fc.constantFrom('none', 'duplicate', 'duplicate without scores', 'name', 'post', 'role', 'blank name'),
        line: fc.nat(),
        cut: fc.nat(),
      })
      .map(({ staff, raters, scores, spoil, line, cut }) => {
        const roles = ['leader', 'head-office', 'center-office', 'student'];
        const rows: string[][] = [];
        let k = 0;
        for (let p = 0; p < staff; p++)
          for (let r = 0; r < raters; r++) rows.push([`S${p}`, `N${p}`, `P${p}`, '2026-H1', `R${r}`, roles[r % 4]!, ...Array.from({ length: 5 }, () => (scores[k++ % 60]! / 100).toFixed(2))]);
        const i = line % rows.length;
        const row = [...rows[i]!];
        if (spoil === 'duplicate') rows.push(row);
        if (spoil === 'duplicate without scores') rows.push([...row.slice(0, 6), '', '', '', '', '']);
        if (spoil === 'name') rows[i]![1] = 'Other';
        if (spoil === 'blank name') rows[i]![1] = '';
        if (spoil === 'post') rows[i]![2] = 'Elsewhere';
        if (spoil === 'role') rows[i]![5] = roles[(Number(row[4]!.slice(1)) + 1) % 4]!;
        return { text: `${['staff_id,name,post,semester,rater,role,listen,see,check,test,ask', ...rows.map((r) => r.join(','))].join('\n')}\n`, cut };
      });
    fc.assert(
      fc.property(sheetArb, mergeable, ({ text, cut }, policy) => compare(text, cut, policy, null, seen)),
      { numRuns: 1500 },
    );
    expect(seen.same).toBeGreaterThan(300);
    expect(seen.gaveUp).toBeGreaterThan(300);
  });

  it('rows with mistakes (a method twice, two names, two roles) split between the halves', () => {
    const seen = { same: 0, gaveUp: 0, mergeGaveUp: 0, skipped: 0 };
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 12 }),
        fc.nat(12),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom(null, '2026-H1'),
        mergeable,
        (rows, cut, eol, semester, policy) => {
          const text = ['staff_id,name,semester,rater,role,listen,see,check,test,ask', ...rows.map((r) => [r.staff, r.name, r.semester, r.rater, r.role, ...r.scores].join(','))].join(eol) + eol;
          compare(text, cut, policy, semester, seen);
        },
      ),
      { numRuns: 3000 },
    );
    expect(seen.same).toBeGreaterThan(0);
    expect(seen.gaveUp).toBeGreaterThan(seen.same);
  });
});

describe('staff ids as the streaming path keys them (their trimmed text as UTF-8 bytes)', () => {
  // Rows of one person whose id cell carries blanks that trim() removes (tab, vertical tab, the
  // ideographic space, no-break space), and ids that are not ASCII: the same person to both paths.
  it.each([
    ['S1', '\tS1', 'S1\u000b', '\u3000S1', 'S1\u00a0'],
    ['工01', ' 工01', '工01\u3000', '\u00a0工01', '工01'],
    ['𠀀', '𠀀 ', ' 𠀀', '𠀀', '𠀀'],
  ])('%j and its padded forms', (...forms) => {
    const rows = forms.map((id, r) => `${id},N,2026-H1,R${r},leader,18,17,16,15,14`);
    const text = `staff_id,name,semester,rater,role,listen,see,check,test,ask\n${rows.join('\n')}\n`;
    expect(check({ 'a.csv': text }, policyOf(), null)).toBe('same');
    const fast = streamed({ 'a.csv': text }, policyOf(), null)!;
    expect(fast.get('2026-H1')!.staff.map((s) => s.staffId)).toEqual([forms[0]]);
  });

  it('a very long id (90,000 characters, under the cell limit) is one person like any other', () => {
    const id = `S${'x'.repeat(90_000)}`;
    const text = `staff_id,name,semester,rater,role,listen,see,check,test,ask\n${id},N,2026-H1,A,leader,1,2,3,4,5\n ${id} ,N,2026-H1,B,leader,1,2,3,4,5\n`;
    expect(check({ 'a.csv': text }, policyOf(), null)).toBe('same');
    expect(streamed({ 'a.csv': text }, policyOf(), null)!.get('2026-H1')!.staff.map((s) => s.staffId)).toEqual([id]);
  });

  it('an id cell with a control character that trim() keeps is another person', () => {
    const text = 'staff_id,name,semester,rater,role,listen,see,check,test,ask\nS1,N,2026-H1,A,leader,1,2,3,4,5\n\u0001S1,N,2026-H1,A,leader,1,2,3,4,5\n';
    expect(check({ 'a.csv': text }, policyOf(), null)).toBe('same');
    expect(streamed({ 'a.csv': text }, policyOf(), null)!.get('2026-H1')!.staff).toHaveLength(2);
  });
});
