/** Reports of 140,000 staff render in every format (spreading that many lines, or widths, overflowed the stack). */
import { describe, expect, it } from 'vitest';
import { scoreCsv, scoreJson, scoreMd, scoreTable } from '../src/render/score.js';
import { MICRO } from '../src/core/cells.js';
import { DEFAULT_POLICY } from '../src/core/policy.js';
import { Rational } from '../src/core/rational.js';
import { PersonResult, rankReport } from '../src/core/report.js';
import { settle } from '../src/core/rounding.js';
import { rewardsFilter, yearOutcome } from '../src/core/year.js';
import { rewardsCsv, rewardsMd, rewardsTable } from '../src/render/rewards.js';
import { yearCsv, yearMd, yearTable } from '../src/render/year.js';

/**
 * A CSV whose pieces are reused, read as the commands write it: each piece copied out before the
 * next is asked for; the pieces must be at least two buffers written over (more than two pieces).
 */
function writtenPieces(pieces: Iterable<Uint8Array>): string {
  const out: Buffer[] = [];
  const buffers = new Set<ArrayBufferLike>();
  for (const piece of pieces) {
    out.push(Buffer.from(piece));
    buffers.add(piece.buffer);
  }
  expect(out.length).toBeGreaterThan(2);
  expect(buffers.size).toBeLessThan(out.length);
  return Buffer.concat(out).toString('utf8');
}

describe('a report of 140,000 staff (more lines than a spread can take)', () => {
  const n = 140_000;
  const policy = DEFAULT_POLICY;
  // As scoring makes them: each person's five method values as numerator, denominator pairs (one
  // rater's score over MICRO) read from one object shared by everyone; 50 different sets of values.
  const parts = new Float64Array(n * 10);
  let asked = 0;
  const fractions = {
    fraction(at: number, k: number, out: Float64Array) {
      asked++;
      out[0] = parts[at * 10 + 2 * k]!;
      out[1] = parts[at * 10 + 2 * k + 1]!;
    },
  };
  const settled = Array.from({ length: 50 }, (_, i) => settle('2026-H1', Rational.of([0, 1, 2, 3, 4].reduce((a, k) => a + ((i + k) % 21), 0)), policy));
  // Two posts, one of them larger than a spread can take on its own.
  const staff = Array.from({ length: n }, (_, i) => {
    for (let k = 0; k < 5; k++) {
      parts[i * 10 + 2 * k] = ((i % 50) + k) % 21 * MICRO;
      parts[i * 10 + 2 * k + 1] = MICRO;
    }
    return new PersonResult(`S${String(i).padStart(6, '0')}`, `张${i % 97}`, i % 50 === 0 ? '2号楼' : '1号楼', 1, settled[i % 50]!, fractions, i);
  });
  const reports = [rankReport('2026-H1', staff, 1, null)];
  const byPost = [rankReport('2026-H1', staff, 1, 'post')];
  const input = (groupBy: boolean) => ({
    reports: groupBy ? byPost : reports,
    warnings: [],
    counts: { read: n, used: n, rejected: 0 },
    precision: 1,
    lang: 'en' as const,
    color: false,
  });

  it.each([
    ['table', (g: boolean) => scoreTable(input(g))],
    ['md', (g: boolean) => scoreMd(input(g))],
  ])('renders as %s, flat and by post', (_, render) => {
    for (const g of [false, true]) {
      const text = render(g);
      expect(text).toContain('S139999');
      expect(text.split('\n').filter((l) => l.includes('张')).length).toBe(n);
    }
  });

  it('the CSV comes a piece at a time, the first before most people are written', () => {
    asked = 0;
    const csv = scoreCsv(input(false), false);
    const first = csv.next();
    expect(first.done).toBe(false);
    expect(first.value!.length).toBeGreaterThan(500_000);
    // Five method values a person: the first piece (about 1 MB) holds about 12,000 people of 140,000.
    expect(asked / 5).toBeGreaterThan(1000);
    expect(asked / 5).toBeLessThan(n / 4);
    let pieces = 1;
    while (!csv.next().done) pieces++;
    expect(pieces).toBeGreaterThan(3);
    expect(asked / 5).toBe(n);
  });

  it('renders as csv and json', () => {
    const csv = Buffer.concat([...scoreCsv(input(false), false)]).toString('utf8');
    // Pieces reused (as the commands write them, each before asking for the next): the same bytes.
    expect(writtenPieces(scoreCsv(input(false), false, true))).toBe(csv);
    expect(csv.split('\r\n')).toHaveLength(n + 2);
    expect(JSON.parse(Buffer.concat(scoreJson(input(false))).toString('utf8')).semesters[0].staff).toHaveLength(n);
  });
});

describe('a year of 162,000 staff, every one on HR\'s lists (more than a spread can take)', () => {
  const n = 162_000;
  const policy = DEFAULT_POLICY;
  const fractions = {
    fraction(_at: number, _k: number, out: Float64Array) {
      out[0] = 18 * MICRO;
      out[1] = MICRO;
    },
  };
  // Excellent, good or unqualified in each semester (none only qualified: everyone is on a list),
  // so that every list has people: award candidates, rewards, penalties, the non-renewed.
  const settled = (semester: string) => [95, 85, 50].map((t) => settle(semester, Rational.of(t), policy));
  const s1 = settled('2026-H1');
  const s2 = settled('2026-H2');
  const id = (i: number) => `S${String(i).padStart(6, '0')}`;
  const h1 = Array.from({ length: n }, (_, i) => new PersonResult(id(i), `张${i % 97}`, '1号楼', 1, s1[i % 3]!, fractions, i));
  const h2 = Array.from({ length: n }, (_, i) => new PersonResult(id(i), `张${i % 97}`, '1号楼', 1, s2[Math.floor(i / 3) % 3]!, fractions, i));
  const outcomes = h1.map((r, i) => yearOutcome(r, h2[i]!, policy));
  const base = { year: 2026, precision: 1, lang: 'en' as const, color: false };
  const listed = outcomes.filter(rewardsFilter(null));
  const rewards = { ...base, only: null, outcomes: listed };

  it('renders the year as table, md and csv, everyone once', () => {
    for (const text of [yearTable({ ...base, outcomes }), yearMd({ ...base, outcomes })]) {
      expect(text).toContain('S139999');
      expect(text.split('\n').filter((l) => l.includes('张')).length).toBe(n);
    }
    const csv = Buffer.concat([...yearCsv({ ...base, outcomes }, false)]).toString('utf8');
    expect(csv.split('\r\n')).toHaveLength(n + 2);
    expect(writtenPieces(yearCsv({ ...base, outcomes }, false, true))).toBe(csv);
  });

  it('renders HR\'s lists as table (wide and narrow), md and csv, everyone listed once', () => {
    expect(listed).toHaveLength(n);
    for (const only of ['award-candidates', 'non-renewal'] as const) expect(outcomes.filter(rewardsFilter(only)).length).toBe(n / 9);
    for (const width of [null, 60]) {
      const text = rewardsTable({ ...rewards, width });
      expect(text).toContain(listed[listed.length - 1]!.staffId);
      expect(text.split('\n').filter((l) => l.includes('张')).length).toBe(listed.length);
    }
    expect(rewardsMd(rewards).split('\n').filter((l) => l.includes('张')).length).toBe(listed.length);
    const csv = Buffer.concat([...rewardsCsv(rewards, false)]).toString('utf8');
    expect(csv.split('\r\n')).toHaveLength(listed.length + 2);
    expect(writtenPieces(rewardsCsv(rewards, false, true))).toBe(csv);
  });
});
