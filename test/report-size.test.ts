/** A report of 140,000 staff renders in every format (spreading that many lines overflowed the stack). */
import { describe, expect, it } from 'vitest';
import { scoreCsv, scoreJson, scoreMd, scoreTable } from '../src/render/score.js';
import { aggregate } from '../src/core/aggregate.js';
import { DEFAULT_POLICY } from '../src/core/policy.js';
import { rankReport, staffResult } from '../src/core/report.js';
import { METHODS } from '../src/core/types.js';

describe('a report of 140,000 staff (more lines than a spread can take)', () => {
  const n = 140_000;
  const policy = DEFAULT_POLICY;
  const methods = Array.from(
    { length: 50 },
    (_, i) => Object.fromEntries(METHODS.map((m, k) => [m, aggregate(m, [{ rater: 'r', role: 'leader', micro: ((i + k) % 21) * 1_000_000 }], policy)])) as Parameters<typeof staffResult>[2],
  );
  // Two posts, one of them larger than a spread can take on its own.
  const staff = Array.from({ length: n }, (_, i) =>
    staffResult({ semester: '2026-H1', staffId: `S${String(i).padStart(6, '0')}`, name: `张${i % 97}`, post: i % 50 === 0 ? '2号楼' : '1号楼' }, 1, methods[i % 50]!, policy),
  );
  const reports = [rankReport('2026-H1', staff, 1, null)];
  const input = (groupBy: boolean) => ({
    reports: groupBy ? reports.map((r) => ({ ...r, groupBy: 'post' as const })) : reports,
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

  it('renders as csv and json', () => {
    const csv = Buffer.concat(scoreCsv(input(false), false)).toString('utf8');
    expect(csv.split('\r\n')).toHaveLength(n + 2);
    expect(JSON.parse(scoreJson(input(false))).semesters[0].staff).toHaveLength(n);
  });
});
