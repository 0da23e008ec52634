import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contributions } from '../src/core/aggregation.js';
import { MICRO, isSummaryLabel, maybeSummaryLabel, parseRole, parseScore, parseSemester, toHalfWidth } from '../src/core/cells.js';
import { byPost } from '../src/core/report.js';
import { validatePolicy } from '../src/core/policy.js';
import { Rational } from '../src/core/rational.js';
import { NO_ROLE, RATER, STAFF } from '../src/core/tally.js';
import { ROLES } from '../src/core/types.js';
import { tempDir } from './helpers.js';
import { policyOf, problemsOf, readFiles, reportsOf, scoreText, scoreTexts } from './score-text.js';

const HEAD = 'staff_id,name,semester,rater,role,listen,see,check,test,ask';
/** listen's place in METHODS (StaffResult.methodValue(k)). */
const LISTEN = 0;

describe('score cells', () => {
  it.each([
    ['18.5', 18_500_000],
    [' 20 ', 20_000_000],
    ['0', 0],
    ['.5', 500_000],
    ['１８．５', 18_500_000],
    ['17.999999', 17_999_999],
  ])('%s is %i micro-points', (text, micro) => {
    expect(parseScore(text, 'listen', 20_000_000)).toEqual({ ok: true, micro });
  });

  it.each([
    ['18,5', 'is not a number (write a decimal point: 18.5)'],
    ['18。5', 'is not a number (write a decimal point: 18.5)'],
    ['18，5', 'is not a number (write a decimal point: 18.5)'],
    ['1,000', 'has a thousands separator'],
    ['-3', 'is negative'],
    ['-.5', 'is negative'],
    ['20.5', 'exceeds the maximum 20'],
    ['NaN', 'is not a number'],
    ['1e2', 'is in exponent notation'],
    ['abc', 'is not a number'],
    ['18.1234567', 'has more than 6 decimals'],
    ['99999999999', 'exceeds the maximum 20'],
    ['18分', 'is not a number (write the number alone: 18)'],
    ['18.5 分', 'is not a number (write the number alone: 18.5)'],
    ['１８分', 'is not a number (write the number alone: 18)'],
    ['17 Points', 'is not a number (write the number alone: 17)'],
    ['19.5pts', 'is not a number (write the number alone: 19.5)'],
  ])('%s is refused: %s', (text, words) => {
    const r = parseScore(text, 'check', 20_000_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(words);
  });

  it('names no number to write where the unit has no number before it, or the word is not a unit', () => {
    expect(parseScore('分', 'check', 20_000_000)).toEqual({ ok: false, message: 'score "分" for check is not a number' });
    expect(parseScore('18分钟', 'check', 20_000_000)).toEqual({ ok: false, message: 'score "18分钟" for check is not a number' });
  });

  it('reads full-width digits and the ideographic space', () => {
    expect(toHalfWidth('\u3000１２３．４')).toBe(' 123.4');
  });

  it.each([
    ['2026-H1', '2026-H1'],
    ['2026H2', '2026-H2'],
    ['2026-h1', '2026-H1'],
    ['2026-1', '2026-H1'],
    ['2026-2', '2026-H2'],
    ['2026上半年', '2026-H1'],
    ['2026年下半年', '2026-H2'],
    ['２０２６上半年', '2026-H1'],
    ['2026-3', null],
    ['H1', null],
    ['spring', null],
  ])('semester %s is %s', (text, id) => {
    expect(parseSemester(text)).toBe(id);
  });

  it('knows the roles in English and Chinese', () => {
    expect(parseRole('组长')).toBe('leader');
    expect(parseRole('Head-Office')).toBe('head-office');
    expect(parseRole('学生代表')).toBe('student');
    expect(parseRole('boss')).toBeNull();
  });
});

describe('rational rounding', () => {
  it.each([
    ['8995/100', 1, '90.0'],
    ['7995/100', 1, '80.0'],
    ['5995/100', 1, '60.0'],
    ['5994/100', 1, '59.9'],
    ['1/3', 2, '0.33'],
    ['2/3', 0, '1'],
    ['1/8', 2, '0.13'],
  ])('%s at %i decimals is %s', (frac, places, text) => {
    const [n, d] = frac.split('/').map(BigInt) as [bigint, bigint];
    expect(Rational.of(n, d).toFixed(places)).toBe(text);
  });

  it('writes exact decimals where they end', () => {
    expect(Rational.of(8995n, 100n).toExactDecimal()).toBe('89.95');
    expect(Rational.of(1n, 3n).toExactDecimal()).toBeNull();
    expect(Rational.of(90n).toExactDecimal()).toBe('90');
  });
});

/** One staff member scored by raters (rows of five scores), in a CSV with the default committee. */
function sheet(id: string, rows: number[][], roles = ['leader', 'head-office', 'center-office', 'student', 'student']): string {
  return rows.map((r, i) => `${id},N${id},2026-H1,R${i},${roles[i % roles.length]},${r.join(',')}`).join('\n');
}

function single(rows: number[][], policy = policyOf()) {
  const { reports, problems } = scoreText(`${HEAD}\n${sheet('S1', rows)}\n`, policy);
  expect(problems.list.filter((p) => p.severity === 'error')).toEqual([]);
  return reports[0]!.staff[0]!;
}

describe('band edges (exact totals, half-up rounding at precision 1)', () => {
  // Two raters; each method's mean is (a+b)/2, so totals land on the hundredths we need.
  it.each([
    [[[18, 18, 18, 18, 17.95], [18, 18, 18, 18, 17.95]], '89.95', '90.0', 'excellent'],
    [[[16, 16, 16, 16, 15.95], [16, 16, 16, 16, 15.95]], '79.95', '80.0', 'good'],
    [[[12, 12, 12, 12, 11.95], [12, 12, 12, 12, 11.95]], '59.95', '60.0', 'qualified'],
    [[[12, 12, 12, 12, 11.94], [12, 12, 12, 12, 11.94]], '59.94', '59.9', 'unqualified'],
    [[[18, 18, 18, 18, 17.94], [18, 18, 18, 18, 17.94]], '89.94', '89.9', 'good'],
  ])('exact total %#: %s rounds to %s, %s', (rows, exact, total, grade) => {
    const s = single(rows);
    expect(s.exact.toExactDecimal()).toBe(exact);
    expect(s.total.toFixed(1)).toBe(total);
    expect(s.grade).toBe(grade);
  });

  it('89.95 from periodic per-method means (17.99333..., 17.98666...) is still 90.0 and excellent', () => {
    // Three raters; listen sums to 53.98 and see to 53.96, so their means never end in decimal.
    const rows = [
      [18, 18, 18, 18, 18],
      [18, 17.98, 17.99, 17.99, 17.99],
      [17.98, 17.98, 17.98, 17.98, 17.98],
    ];
    const s = single(rows);
    expect(s.methodValue(0).toString()).toBe('2699/150');
    expect(s.methodValue(1).toExactDecimal()).toBeNull();
    expect(s.exact.toExactDecimal()).toBe('89.95');
    // Binary floating point gets this wrong: the naive sum is below 89.95.
    const naive = [53.98 / 3, 53.96 / 3, 53.97 / 3, 53.97 / 3, 53.97 / 3].reduce((a, b) => a + b, 0);
    expect(naive).toBeLessThan(89.95);
    expect(s.total.toFixed(1)).toBe('90.0');
    expect(s.grade).toBe('excellent');
  });

  it('bands follow the policy, precision 2 rounds at the hundredths', () => {
    const s = single([[18, 18, 18, 18, 17.955]], policyOf({ precision: 2, bands: { excellent: 89.96, good: 80, qualified: 60 } }));
    expect(s.total.toFixed(2)).toBe('89.96');
    expect(s.grade).toBe('excellent');
  });
});

describe('aggregation', () => {
  const five = [
    [20, 10, 10, 10, 10],
    [10, 10, 10, 10, 10],
    [14, 10, 10, 10, 10],
    [12, 10, 10, 10, 10],
    [0, 10, 10, 10, 10],
  ];

  it('mean', () => expect(single(five).methodValue(LISTEN).toExactDecimal()).toBe('11.2'));

  it('trimmed drops one highest and one lowest', () => {
    const policy = policyOf({ aggregation: 'trimmed' });
    const s = single(five, policy);
    expect(s.methodValue(LISTEN).toExactDecimal()).toBe('12');
    // Which scores were dropped, as explain shows them: the raters' listen scores in sheet order.
    const listen = five.map((r, i) => ({ rater: `R${i}`, role: null, micro: r[LISTEN]! * MICRO }));
    const dropped = contributions(listen, policy).filter((c) => c.dropped).map((c) => [c.rater, c.dropped]);
    expect(dropped).toEqual([
      ['R0', 'highest'],
      ['R4', 'lowest'],
    ]);
  });

  it('trimmed keeps everything below trimMinScores', () => {
    const s = single(five.slice(0, 4), policyOf({ aggregation: 'trimmed' }));
    expect(s.methodValue(LISTEN).toExactDecimal()).toBe('14');
  });

  it('median of an odd and an even count', () => {
    expect(single(five, policyOf({ aggregation: 'median' })).methodValue(LISTEN).toExactDecimal()).toBe('12');
    expect(single(five.slice(0, 4), policyOf({ aggregation: 'median' })).methodValue(LISTEN).toExactDecimal()).toBe('13');
  });

  it('weighted by role', () => {
    // Leader 20 with weight 2, the others weight 1: (40 + 10 + 14 + 12 + 0) / 6.
    const s = single(five, policyOf({ aggregation: 'weighted', roleWeights: { leader: 2 } }));
    expect(s.methodValue(LISTEN).toString()).toBe('38/3');
  });

  it('scales a method scored on another scale to its maximum', () => {
    const p = policyOf({ methods: { listen: { max: 20, scale: 10 } } });
    const s = single([[5, 10, 10, 10, 10]], p);
    expect(s.methodValue(LISTEN).toExactDecimal()).toBe('10');
  });
});

describe('ranking', () => {
  it('shares ranks on equal rounded totals and skips (1, 2, 2, 4), ties by staff id', () => {
    const rows = (v: number) => [[v, v, v, v, v]];
    const text = [HEAD, sheet('B', rows(18)), sheet('A10', rows(17)), sheet('A9', rows(17)), sheet('C', rows(16.99))].join('\n');
    const { reports } = scoreText(text);
    const got = reports[0]!.staff.map((s) => [s.rank, s.staffId, s.total.toFixed(1)]);
    // 16.99 x 5 = 84.95 rounds to 85.0, tying with 85.0; code-point order puts A10 before A9.
    expect(got).toEqual([
      [1, 'B', '90.0'],
      [2, 'A10', '85.0'],
      [2, 'A9', '85.0'],
      [2, 'C', '85.0'],
    ]);
  });
});

describe('merging and validation problems', () => {
  it('names both places when a method is scored twice', () => {
    const { problems } = scoreText(`${HEAD}\nS1,A,2026-H1,R,leader,1,2,3,4,5\nS1,A,2026-H1,R,leader,1,,,,\n`);
    expect(problems.sorted().map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '3:6: listen is scored twice for S1 A, rater R: here and at sheet.csv:2:6',
    ]);
  });

  it('says a row given twice once, and a row that repeats two earlier rows once for each of them', () => {
    const again = scoreText(`${HEAD}\nS1,A,2026-H1,R,leader,1,2,3,4,5\nS1,A,2026-H1,R,leader,1,2,3,4,5\n`);
    expect(again.problems.sorted().map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '3:6: listen, see, check, test and ask are scored twice for S1 A, rater R: here and at sheet.csv:2:6',
    ]);
    const halves = scoreText(`${HEAD}\nS1,A,2026-H1,R,leader,1,2,,,\nS1,A,2026-H1,R,leader,,,3,4,5\nS1,A,2026-H1,R,leader,1,2,,4,5\n`);
    expect(halves.problems.sorted().map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '4:6: listen and see are scored twice for S1 A, rater R: here and at sheet.csv:2:6',
      '4:9: test and ask are scored twice for S1 A, rater R: here and at sheet.csv:3:9',
    ]);
  });

  it('names the first sheet of a score given twice among hundreds of sheets (a cell keeps its file in 1, 2 or 4 bytes)', () => {
    // 300 sheets: the cells keep their file in two bytes. Sheet 260 (past what a byte holds) gives
    // R's listen for S1 first, sheet 300 again.
    const sheets: Record<string, string> = {};
    for (let i = 1; i <= 300; i++) sheets[`s${String(i).padStart(3, '0')}.csv`] = `${HEAD}\nS${i === 300 ? 1 : i},A,2026-H1,${i === 300 || i === 260 ? 'R' : `R${i}`},leader,1,2,3,4,5\n`;
    sheets['s260.csv'] = `${HEAD}\nS1,A,2026-H1,R,leader,1,2,3,4,5\n`;
    const { problems } = scoreTexts(sheets);
    expect(problems.sorted().filter((p) => p.message.includes('scored twice')).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)).toEqual([
      's300.csv:2:6: listen, see, check, test and ask are scored twice for S1 A, rater R: here and at s260.csv:2:6',
    ]);
  });

  it('a missing score is an error, never a zero', () => {
    const { problems } = scoreText(`${HEAD}\nS1,A,2026-H1,R,leader,1,2,3,4,\n`);
    expect(problems.sorted().map((p) => p.message)).toEqual([
      'no ask score from rater R (leader) for S1 A; a missing score is never counted as zero',
    ]);
  });

  it('role restrictions: a score from a role the policy does not give the method is an error', () => {
    const p = policyOf({ methods: { ask: { max: 20, roles: ['student'] } } });
    const { problems } = scoreText(`${HEAD}\nS1,A,2026-H1,R,leader,1,2,3,4,5\nS1,A,2026-H1,T,student,1,2,3,4,5\n`, p);
    expect(problems.sorted().map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '2:10: rater R is leader, and the policy gives ask only to student (S1 A)',
    ]);
  });

  it('a person with two names and a rater with two roles', () => {
    const { problems } = scoreText(`${HEAD}\nS1,A,2026-H1,R,leader,1,2,3,4,5\nS1,B,2026-H1,Q,student,1,2,3,4,5\nS2,C,2026-H1,R,student,1,2,3,4,5\n`);
    expect(problems.sorted().map((p) => `${p.line}: ${p.message}`)).toEqual([
      '3: S1 has two names: "B" here and "A" at sheet.csv:2',
      '4: rater R has two roles: student here and leader at sheet.csv:2 (S2 C)',
    ]);
  });

  it('a consensus sheet (no rater column) is the committee as one rater', () => {
    const { reports, problems } = scoreText('staff_id,semester,listen,see,check,test,ask\nS1,2026-H1,18,18,18,18,18\n');
    expect(problems.list).toEqual([]);
    expect(reports[0]!.staff[0]).toMatchObject({ raters: 1 });
    expect(reports[0]!.staff[0]!.total.toFixed(1)).toBe('90.0');
  });

  it('the semester comes from --semester when the column is blank, and must agree with it', () => {
    const text = 'staff_id,semester,listen,see,check,test,ask\nS1,,18,18,18,18,18\nS2,2026-H2,1,1,1,1,1\n';
    const { problems } = scoreText(text, undefined, '2026-H1');
    expect(problems.sorted().map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '3:2: semester 2026-H2 disagrees with --semester 2026-H1 (S2)',
    ]);
  });

  it('rows that disagree with --semester are one problem per sheet and semester, at the first, with how many more (--verbose: each)', () => {
    const rows = (semester: string, from: number, n: number) => Array.from({ length: n }, (_, i) => `S${from + i},${semester},18,18,18,18,18\n`).join('');
    const a = `staff_id,semester,listen,see,check,test,ask\n${rows('2026-H2', 1, 3)}${rows('', 4, 1)}${rows('2025-H1', 5, 2)}`;
    const b = `staff_id,semester,listen,see,check,test,ask\n${rows('2026-H2', 7, 1)}`;
    const { problems } = scoreTexts({ 'a.csv': a, 'b.csv': b }, undefined, '2026-H1');
    expect(problems.sorted().map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)).toEqual([
      'a.csv:2:2: semester 2026-H2 disagrees with --semester 2026-H1 (S1), and so do 2 more rows of this sheet; give --verbose to list each of them',
      'a.csv:6:2: semester 2025-H1 disagrees with --semester 2026-H1 (S5), and so do 1 more row of this sheet; give --verbose to list each of them',
      'b.csv:2:2: semester 2026-H2 disagrees with --semester 2026-H1 (S7)',
    ]);
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), a);
    const verbose = problemsOf(readFiles([join(dir, 'a.csv')], { semester: '2026-H1', verbose: true }));
    expect(verbose.map((p) => `${p.line}: ${p.message.replace(/ \(S\d\)$/, '')}`)).toEqual([
      '2: semester 2026-H2 disagrees with --semester 2026-H1',
      '3: semester 2026-H2 disagrees with --semester 2026-H1',
      '4: semester 2026-H2 disagrees with --semester 2026-H1',
      '6: semester 2025-H1 disagrees with --semester 2026-H1',
      '7: semester 2025-H1 disagrees with --semester 2026-H1',
    ]);
  });
});

describe('sheets that list people in the order of another', () => {
  it('finds each person, in the same order, in another, or with neighbours swapped, whatever their ids\' lengths', () => {
    // One sheet per rater. The first lists S10 S11 S12 S13 S1 S100; the others the same, with
    // neighbours swapped, or reversed: a row is never taken for the person after the previous one
    // unless its id is that person's (S11 and S12 differ in their last byte, S1 and S100 in length).
    const ids = ['S10', 'S11', 'S12', 'S13', 'S1', 'S100'];
    const orders = [
      [0, 1, 2, 3, 4, 5],
      [0, 2, 1, 3, 5, 4],
      [1, 0, 3, 2, 4, 5],
      [0, 1, 2, 3, 4, 5],
      [5, 4, 3, 2, 1, 0],
    ];
    const roles = ['leader', 'head-office', 'center-office', 'student', 'student'];
    const sheets: Record<string, string> = {};
    orders.forEach((order, r) => {
      // Person k, rater r: every method k + 10 + r / 2, so that a row given to another person shows.
      const rows = order.map((k) => `${ids[k]},N${k},2026-H1,R${r},${roles[r]},${Array(5).fill(k + 10 + r / 2).join(',')}`);
      sheets[`rater-${r + 1}.csv`] = `${HEAD}\n${rows.join('\n')}\n`;
    });
    const { reports, problems } = scoreTexts(sheets);
    expect(problems.list.filter((p) => p.severity === 'error')).toEqual([]);
    // Each method's mean over the raters is k + 11; the total five times that.
    const totals = Object.fromEntries(reports[0]!.staff.map((x) => [x.staffId, x.total.toFixed(1)]));
    expect(totals).toEqual(Object.fromEntries(ids.map((id, k) => [id, (5 * (k + 11)).toFixed(1)])));
  });
});

describe('policy validation', () => {
  it.each([
    [{ lisen: 1 }, 'unknown key "lisen"'],
    [{ methods: { listen: { max: 30 } } }, '"methods" maxima must add up to 100, but listen 30 + see 20 + check 20 + test 20 + ask 20 = 110'],
    [{ bands: { excellent: 80, good: 85 } }, '"bands" are out of order'],
    [{ aggregation: 'mode' }, '"aggregation" must be one of mean, trimmed, median, weighted, not "mode"'],
    [{ methods: { ask: { roles: ['boss'] } } }, '"methods.ask.roles" has an unknown role "boss"'],
    [{ amounts: { excelent: 800 } }, 'unknown key "amounts.excelent" (did you mean'],
    [{ precision: 1.5 }, '"precision" must be a whole number from 0 to 6'],
  ])('%j is refused: %s', (json, words) => {
    const { errors } = validatePolicy(json);
    expect(errors.join('\n')).toContain(words);
  });

  it('fills what is left out key by key', () => {
    const p = policyOf({ methods: { ask: { max: 20, roles: ['student', 'leader'] } }, amounts: { excellent: 800 } });
    expect(p.methods.ask.roles).toEqual(['student', 'leader']);
    expect(p.methods.listen.roles).toEqual(['leader', 'head-office', 'center-office', 'student']);
    expect(p.amounts).toEqual({ excellent: 800, good: null, annualBonus: null, penalty: null });
    expect(p.rectificationDays).toBe(30);
  });
});

describe('the tally widens its block of raters', () => {
  // One person scored by 40 raters, each score kept (median): the block of cells grows 5, 10, 15, 25,
  // 40 slots a person, and each array of it stays as long as the block (the scores 5 a cell).
  it('40 raters of one person, scores kept: the median, and arrays the size of the block', () => {
    const rows = ['staff_id,semester,rater,listen,see,check,test,ask'];
    for (let r = 0; r < 40; r++) rows.push(`S1,2026-H1,R${r},${[1, 2, 3, 4, 5].map(() => 10 + (r % 5)).join(',')}`);
    for (let p = 2; p <= 4; p++) rows.push(`S${p},2026-H1,R0,10,10,10,10,10`);
    const { reports, problems, reading } = scoreTexts({ 'h1.csv': `${rows.join('\n')}\n` }, policyOf({ aggregation: 'median' }));
    expect(problems.list).toEqual([]);
    // Eight each of 10, 11, 12, 13, 14 per method: the median is 12, five times.
    expect(reports[0]!.staff.find((s) => s.staffId === 'S1')!.total.toFixed(1)).toBe('60.0');
    const tally = reading.tally;
    expect(tally.stride).toBe(40);
    expect(tally.cellScores!.length).toBe(tally.cellState.length * 5);
    expect(tally.cellState.length).toBe(1024 * 40);
  });
});

describe('a dense cell in one byte (Tally.cellState: its role code + 1 and its methods)', () => {
  it('keeps the role a later row gives and every method, a method given again found, for a cell with a role and one without', () => {
    const rows = ['staff_id,semester,rater,role,method,score'];
    // S1 by R0: the first row gives no role, the second student; all five methods, then listen again.
    for (const [role, method, score] of [['', 'listen', 10], ['student', 'see', 11], ['', 'check', 12], ['', 'test', 13], ['', 'ask', 14], ['', 'listen', 15]] as const) rows.push(`S1,2026-H1,R0,${role},${method},${score}`);
    // S2 by R1: no role in any row (NO_ROLE + 1 and all five methods: the largest state, 253).
    for (const method of ['listen', 'see', 'check', 'test', 'ask']) rows.push(`S2,2026-H1,R1,,${method},9`);
    const { problems, reading } = scoreTexts({ 'long.csv': `${rows.join('\n')}\n` });
    const twice = problems.list.filter((p) => /given again|twice/.test(p.message));
    expect(twice.map((p) => p.line)).toEqual([7]);
    const { tally, texts } = reading;
    const cells = (staff: string) => {
      const person = tally.personIn('2026-H1', texts.tables[STAFF]!.internText(staff));
      const out: [string, number, number][] = [];
      tally.cellsOf(person, (rater, role, mask) => out.push([texts.text(RATER, rater), role, mask]));
      return out;
    };
    expect(cells('S1')).toEqual([['R0', ROLES.indexOf('student'), 31]]);
    expect(cells('S2')).toEqual([['R1', NO_ROLE, 31]]);
    expect(Math.max(...tally.cellState.subarray(0, tally.persons * tally.stride))).toBe(NO_ROLE + 1 + (31 << 3));
  });
});

describe("a dense cell's first line, kept as its distance from its person's first line (Tally.cellLine)", () => {
  it('in two bytes while the rows of a person lie near each other, in four from the first cell far from its person: every place as read', () => {
    const rows = ['staff_id,semester,rater,role,method,score'];
    const at = new Map<string, number>();
    const row = (text: string, key?: string) => {
      rows.push(text);
      if (key !== undefined) at.set(key, rows.length);
    };
    for (let i = 0; i < 3; i++) row(`F${i},2026-H1,R0,leader,listen,10`);
    row('S9,2026-H1,R0,leader,listen,10', 'S9 R0'); // S9's first row
    for (let i = 3; i < 30000; i++) row(`F${i},2026-H1,R0,leader,listen,10`);
    row('S9,2026-H1,R3,student,listen,10', 'S9 R3'); // 30,000 lines on: still two bytes
    expect(at.get('S9 R3')! - at.get('S9 R0')!).toBeLessThan(32768);
    for (let i = 30000; i < 40000; i++) row(`F${i},2026-H1,R0,leader,listen,10`);
    row('S9,2026-H1,R1,student,listen,10', 'S9 R1'); // too far: four bytes from here
    expect(at.get('S9 R1')! - at.get('S9 R0')!).toBeGreaterThan(32767);
    row('F5,2026-H1,R1,student,listen,10', 'F5 R1'); // F5's first row lies 39,997 lines before
    // Each given again: the first score's place is the cell's first row.
    for (const [staff, rater] of [['S9', 'R0'], ['S9', 'R3'], ['S9', 'R1'], ['F5', 'R1'], ['F1', 'R0']]) row(`${staff},2026-H1,${rater},,listen,11`);
    at.set('F1 R0', 3);
    // Another sheet: S9 by R2 above S9's first line (a distance below zero), then again.
    const other = ['staff_id,semester,rater,role,method,score', 'S9,2026-H1,R2,student,listen,10', 'S9,2026-H1,R2,student,listen,12'];
    const { problems, reading } = scoreTexts({ 'a.csv': `${rows.join('\n')}\n`, 'b.csv': `${other.join('\n')}\n` });
    const twice = problems.list.filter((p) => / scored twice /.test(p.message)).map((p) => `${p.file}:${p.line} ${p.message.replace(/.*here and at /, '')}`);
    const n = rows.length;
    expect(twice).toEqual([
      `a.csv:${n - 4} a.csv:${at.get('S9 R0')}:6`,
      `a.csv:${n - 3} a.csv:${at.get('S9 R3')}:6`,
      `a.csv:${n - 2} a.csv:${at.get('S9 R1')}:6`,
      `a.csv:${n - 1} a.csv:${at.get('F5 R1')}:6`,
      `a.csv:${n} a.csv:${at.get('F1 R0')}:6`,
      'b.csv:3 b.csv:2:6',
    ]);
    expect(reading.tally.cellLine).toBeInstanceOf(Int32Array);
    // Rows of each person near each other: two bytes a cell.
    const near = scoreTexts({ 'near.csv': `staff_id,semester,rater,role,method,score\nS1,2026-H1,R0,leader,listen,10\nS1,2026-H1,R1,student,listen,10\nS1,2026-H1,R1,student,listen,9\n` });
    expect(near.problems.list.filter((p) => / scored twice /.test(p.message)).map((p) => `${p.line} ${p.message.replace(/.*here and at /, '')}`)).toEqual(['4 near.csv:3:6']);
    expect(near.reading.tally.cellLine).toBeInstanceOf(Int16Array);
  });
});

describe('scoring needs no places (Tally.forgetPlaces, as the commands let them go once every problem is worded)', () => {
  // Dense and sparse cells (a person scored by nine raters: past the stride of five), a duplicate
  // (a method's first score not in its cell's first row: the places of methods), two names, a roster
  // of one; each aggregation.
  const rows = ['staff_id,name,post,semester,rater,role,listen,see,check,test,ask'];
  for (let r = 0; r < 9; r++) rows.push(`S1,张伟,1号楼,2026-H1,R${r},${r === 0 ? 'leader' : r < 3 ? 'student' : ''},${12 + (r % 4)},${15 + (r % 3) / 2},14,${10 + r},18.5`);
  for (let p = 2; p <= 30; p++) rows.push(`S${p},${p % 2 ? '李娜' : '王芳'},${p % 5}号楼,2026-${p % 3 ? 'H1' : 'H2'},R${p % 4},,${p % 20},${(p * 7) % 20},19,${(p * 3) % 20},12.5`);
  rows.push('S2,李四,,2026-H1,R2,,,,,,');
  rows.push('S3,,,2026-H2,R1,,1,1,1,1,1');
  const text = `${rows.join('\n')}\n`;
  const view = (reports: ReturnType<typeof scoreTexts>['reports']) =>
    reports.map((r) => ({
      semester: r.semester,
      raters: r.raters,
      staff: r.staff.map((s) => [s.rank, s.staffId, s.name, s.post, s.raters, s.total.toFixed(2), s.exact.toString(), s.grade, s.methodsScaled(2)].join('|')),
    }));

  for (const aggregation of ['mean', 'trimmed', 'median', 'weighted'] as const) {
    it(`${aggregation}: the same reports after the places are let go; a place asked for after is a bug`, () => {
      const policy = policyOf(aggregation === 'weighted' ? { aggregation, roleWeights: { leader: 2, student: 1, 'head-office': 1, 'center-office': 1 } } : { aggregation });
      const { reports, problems, reading } = scoreTexts({ 'h1.csv': text }, policy);
      expect(problems.list.map((p) => p.message).join('\n')).toMatch(/two names|twice/);
      const before = view(reports);
      expect(reading.tally.cellPlace(0, false).line).toBeGreaterThan(0);
      reading.tally.forgetPlaces();
      expect(view(reportsOf(reading, policy))).toEqual(before);
      expect(() => reading.tally.cellPlace(0, false)).toThrow(/forgetPlaces/);
      expect(() => reading.tally.placeOf(0, 0)).toThrow(/forgetPlaces/);
    });
  }
});

describe('a staff id cell that holds a totals, averages or notes row label', () => {
  it('is told from an id: spaces, letter case, full-width letters and what follows a colon do not matter', () => {
    for (const t of ['合计', '合  计', '平均', '平均分', '总分', '备注：本表一式两份', '注:', 'Total', 'TOTAL: all staff', 'Average', 'ｓｕｍ', 'notes']) expect(isSummaryLabel(t), t).toBe(true);
    for (const t of ['S001', '001', '平均一', '张伟', 'total1', 'S-合计', 'mean-1', '']) expect(isSummaryLabel(t), t).toBe(false);
  });

  it('is looked at closer only where it may be one: an ASCII id with a digit or a sign before any colon is not', () => {
    const bytes = (t: string) => {
      const b = Buffer.from(t, 'utf8');
      return { length: b.length, charCodeAt: (i: number) => b[i]! };
    };
    for (const t of ['合计', 'Total', 'TOTAL: all staff', 'notes', 'sum: 1', 'ｓｕｍ', '备注：2026']) expect(maybeSummaryLabel(bytes(t)), t).toBe(true);
    for (const t of ['S000123', '001', 'total1', 'S-1', 'mean-1', 'A.B']) expect(maybeSummaryLabel(bytes(t)), t).toBe(false);
    // Never false where isSummaryLabel says true.
    for (const t of ['合计', '合  计', '平均', '平均分', '总分', '备注：本表一式两份', '注:', 'Total', 'TOTAL: all staff', 'Average', 'ｓｕｍ', 'notes']) {
      expect(maybeSummaryLabel(bytes(t)) || !isSummaryLabel(t), t).toBe(true);
    }
  });
});

describe('posts in the order a center numbers them', () => {
  it('1号楼 ... 10号楼: runs of digits compare as numbers, the rest by code point', () => {
    const posts = ['10号楼', '2号楼', '1号楼', '11号楼', '门卫', '2号楼北', '02号楼', '20号楼', '宿管科', 'A10', 'A9', ''];
    expect([...posts].sort(byPost)).toEqual(['', '1号楼', '02号楼', '2号楼', '2号楼北', '10号楼', '11号楼', '20号楼', 'A9', 'A10', '宿管科', '门卫']);
    // A total order: antisymmetric, and 02号楼 and 2号楼 are told apart.
    expect(byPost('02号楼', '2号楼')).toBeLessThan(0);
    expect(byPost('2号楼', '02号楼')).toBeGreaterThan(0);
    expect(byPost('2号楼', '2号楼')).toBe(0);
  });
});
