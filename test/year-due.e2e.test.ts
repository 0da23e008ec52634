/** At year end, non-renewal replaces H2's rectification (SPEC "Which report decides"); H1's stands. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, run } from './helpers.js';

const YEAR = [join(FIX, '2026-H1.csv'), join(FIX, '2026-H2.csv'), '--policy', join(FIX, 'policy.json')];
/** An HTML document's text, tags turned into spaces and blanks folded. */
const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

describe('S007, unqualified in both semesters of 2026', () => {
  it('the report shows H1 rectified by 2026-07-30 and H2 replaced by non-renewal, in the ranking and in the consequences alike', () => {
    const r = run(['report', ...YEAR, '--lang', 'zh', '--format', 'html']);
    expect(r.code).toBe(0);
    const rows = text(r.stdout).match(/S007 吴强 2号楼 [^S]*/g)!;
    // Ranking H1, ranking H2, consequences H1, consequences H2 (the year section's row holds both totals).
    expect(rows.filter((x) => x.includes('55.3') && !x.includes('54.2')).map((x) => x.includes('2026-07-30'))).toEqual([true, true]);
    expect(rows.filter((x) => x.includes('54.2') && !x.includes('55.3')).map((x) => x.includes('不予聘任，不再整改') && !x.includes('2027-01-30'))).toEqual([true, true]);
    // The semester report alone knows no year: H2's own due date.
    expect(text(run(['report', join(FIX, '2026-H2.csv'), '--policy', join(FIX, 'policy.json'), '--lang', 'zh', '--format', 'html']).stdout)).toMatch(/S007 吴强 2号楼 [^S]*2027-01-30/);
  });

  it('the notices say the same', () => {
    const n = text(run(['notices', ...YEAR, '--lang', 'zh', '--format', 'html']).stdout);
    const mine = n.slice(n.indexOf('S007'), n.indexOf('S008'));
    expect(mine).toContain('不合格：处罚 ¥200；须于 2026-07-30 前完成整改。');
    expect(mine).toContain('不合格：处罚 ¥200；不予聘任，不再整改。');
  });

  it('the year and rewards lists have no rectification to do for them', () => {
    const y = run(['year', ...YEAR, '--format', 'csv']);
    expect(y.stdout.split('\r\n').find((l) => l.startsWith('S007,'))).not.toMatch(/2026-07-30|2027-01-30/);
  });
});
