/**
 * One person scored by very many raters (issue 12, item 10): the merge of two threads' tallies once
 * overflowed the call stack past about 510,000 raters of one person, and `panel` grew much faster
 * than the number of raters. Untimed: these tests say that both finish, with the right figures;
 * the bench (`npm run bench -- --only raters`) measures how fast.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from './helpers.js';

/** Rater i gives listen 10 + (i mod 11) and 18 for every other method. */
function sheet(path: string, raters: number): void {
  const lines = ['staff_id,name,semester,rater,listen,see,check,test,ask'];
  for (let i = 0; i < raters; i++) lines.push(`S1,张伟,2026-H1,R${i},${10 + (i % 11)},18,18,18,18`);
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** The exact total, rounded half up to one decimal, as the report prints it. */
function expectedTotal(raters: number): string {
  let listen = 0;
  for (let i = 0; i < raters; i++) listen += 10 + (i % 11);
  // (listen / raters + 72) * 10, rounded half up: integers only.
  const tenths = Math.floor((2 * 10 * (listen + 72 * raters) + raters) / (2 * raters));
  return (tenths / 10).toFixed(1);
}

describe('one person scored by very many raters', () => {
  it('600,000 raters: score finishes (the file is read on two threads and the tallies merged)', () => {
    const dir = tempDir();
    const path = join(dir, 'raters.csv');
    sheet(path, 600_000);
    const r = run(['score', path, '--format', 'json'], { env: { EVALUATE_DEBUG: '1', EVALUATE_PARALLEL_MIN_BYTES: '1000000', EVALUATE_TEST_FIXED_CUT: '1' } });
    expect(r.code).toBe(0);
    // Both threads took part: the merge of their tallies is what used to overflow.
    expect(r.stderr).toMatch(/second part merged/);
    const report = JSON.parse(r.stdout) as { semesters: { staff: { staffId: string; raters: number; total: number }[] }[] };
    const [person] = report.semesters[0]!.staff;
    expect(person).toMatchObject({ staffId: 'S1', raters: 600_000 });
    expect(person!.total.toFixed(1)).toBe(expectedTotal(600_000));
  }, 120_000);

  it("a method's sum past 32 bits: every person's method values exact, whoever comes before", () => {
    // S1's sums fit in 32 bits; S2's 120 raters give 20 points (sum 2.4 x 10^9 micro-points) and
    // 17.5 (2.1 x 10^9): the values kept for the report go from 32-bit to 64-bit numbers at S2.
    const dir = tempDir();
    const path = join(dir, 'wide.csv');
    const lines = ['staff_id,name,semester,rater,listen,see,check,test,ask'];
    for (let i = 0; i < 3; i++) lines.push(`S1,张伟,2026-H1,R${i},${15 + i},16,17,18,19.5`);
    for (let i = 0; i < 120; i++) lines.push(`S2,刘洋,2026-H1,R${i},20,17.5,${i % 2 === 0 ? 19 : 18},0,12.25`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const r = run(['score', path, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { semesters: { staff: { staffId: string; methods: Record<string, number>; total: number }[] }[] };
    const byId = new Map(report.semesters[0]!.staff.map((s) => [s.staffId, s]));
    expect(byId.get('S1')).toMatchObject({ methods: { listen: 16, see: 16, check: 17, test: 18, ask: 19.5 }, total: 86.5 });
    expect(byId.get('S2')).toMatchObject({ methods: { listen: 20, see: 17.5, check: 18.5, test: 0, ask: 12.25 }, total: 68.3 });
    const csv = run(['score', path, '--format', 'csv']);
    expect(csv.stdout).toContain('1,S1,张伟,,2026-H1,16,16,17,18,19.5,86.5,');
    expect(csv.stdout).toContain('2,S2,刘洋,,2026-H1,20,17.5,18.5,0,12.25,68.3,');
  });

  it('8,000 raters: panel finishes and compares each rater with the 7,999 others', () => {
    const dir = tempDir();
    const path = join(dir, 'raters.csv');
    sheet(path, 8_000);
    const r = run(['panel', path, '--format', 'json']);
    expect(r.code).toBe(0);
    const panel = JSON.parse(r.stdout) as { raters: { rater: string; scored: number; leniency: number | null }[]; staff: { raters: number }[] };
    expect(panel.raters).toHaveLength(8_000);
    expect(panel.staff[0]!.raters).toBe(8_000);
    // The others' median of listen is 15 whoever is left out (the values 10..20 come evenly), so a
    // rater who gave 20 is 5 points above it, one who gave 10 five below.
    const byName = new Map(panel.raters.map((x) => [x.rater, x]));
    expect(byName.get('R10')!.leniency).toBe(5);
    expect(byName.get('R0')!.leniency).toBe(-5);
  }, 120_000);
});
