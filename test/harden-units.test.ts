/** Small rules found by attacking the tool: leading zeros, full-width formula starters, the years a semester may have. */
import { describe, expect, it } from 'vitest';
import { parseScore, parseSemester } from '../src/core/cells.js';
import { DEFAULT_POLICY } from '../src/core/policy.js';
import { addDays, evaluationDate, semesterConsequence } from '../src/core/rules.js';
import { parseYearOption } from '../src/commands/results.js';
import { UsageError } from '../src/errors.js';
import { neutralize } from '../src/render/format.js';
import { parseSemester as referenceSemester } from './legacy/cells.js';

describe('score cells with leading zeros', () => {
  it.each([
    ['00000000000000018', 18_000_000],
    ['018.5', 18_500_000],
    ['0000', 0],
    ['00.5', 500_000],
    ['０００１８', 18_000_000],
  ])('%s is read as its value', (text, micro) => {
    expect(parseScore(text, 'listen', 20_000_000)).toEqual({ ok: true, micro });
  });

  it('a long number is still over the maximum, said with the value as written', () => {
    expect(parseScore('00000000000000021', 'listen', 20_000_000)).toEqual({
      ok: false,
      message: 'score 00000000000000021 for listen exceeds the maximum 20',
    });
    expect(parseScore('1000000000000000018', 'listen', 20_000_000)).toEqual({
      ok: false,
      message: 'score 1000000000000000018 for listen exceeds the maximum 20',
    });
  });
});

describe('CSV formula starters', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t1', '\r1', '＝1+1', '＋1', '－1', '＠SUM(A1)'])('%j gets a leading apostrophe', (text) => {
    expect(neutralize(text)).toBe(`'${text}`);
  });

  it.each(['S001', '张伟', '', '1号楼', '（1）', '－'.slice(1)])('%j is left as it is', (text) => {
    expect(neutralize(text)).toBe(text);
  });
});

describe('the years a semester may have: 1900 to 2999', () => {
  it.each(['1900-H1', '2026-H2', '2999H2', '2999下半年', '１９００-1'])('%s is a semester', (text) => {
    expect(parseSemester(text)).toMatch(/^(19|2\d)\d\d-H[12]$/);
  });

  it.each(['0000-H1', '0099-H2', '1899-H2', '3000-H1', '9999上半年', '０００１H1', '7026-2'])('%s is refused like any text that is not a semester', (text) => {
    expect(parseSemester(text)).toBeNull();
  });

  it.each(['1900-H1', '2999下半年', '１９００-1', '1899-H2', '3000-H1', '7026-2'])('the reference the fuzz compares with (test/legacy) reads %s the same way', (text) => {
    // Until 2026-11-30 it took any four digits: a spoilt byte that made 2026-2 into 7026-2 failed
    // `npm run fuzz` (seed 878434492) on a difference the tool makes on purpose.
    expect(referenceSemester(text)).toBe(parseSemester(text));
  });

  it.each([
    ['1900-H1', 30, '1900-07-30'],
    ['1900-H2', 30, '1901-01-30'],
    ['2000-H1', 0, '2000-06-30'],
    ['2024-H2', 60, '2025-03-01'],
    ['2999-H2', 30, '3000-01-30'],
    ['2100-H1', 3650, '2110-06-28'],
  ])('%s: rectification %i days after the evaluation date is %s', (semester, days, date) => {
    expect(addDays(evaluationDate(semester), days)).toBe(date);
  });

  it('the due date of an unqualified semester follows the policy', () => {
    expect(semesterConsequence('1999-H2', 'unqualified', DEFAULT_POLICY).rectifyBy).toBe('2000-01-30');
  });

  it('evaluationDate does not move years below 100 into the 1900s', () => {
    // Date.UTC(0, ...) is 1900: the date must be built without it.
    expect(evaluationDate('0050-H1').getUTCFullYear()).toBe(50);
  });

  it.each(['1900', '2026', '2999', ' 2026 '])('--year %s is a year', (y) => {
    expect(parseYearOption(y)).toBe(Number(y));
  });

  it.each(['0000', '0099', '1899', '3000', '9999', '26', '2026-H1', ''])('--year %j is refused with the one message', (y) => {
    expect(() => parseYearOption(y)).toThrow(UsageError);
    expect(() => parseYearOption(y)).toThrow(`--year "${y}" is not a year from 1900 to 2999; write it with four digits, as in --year 2026`);
  });
});
