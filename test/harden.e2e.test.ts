/** End to end, the small attacks: the rewards table in 120 columns, semesters of impossible years, full-width formula starters. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/render/width.js';
import { FIX, run, tempDir } from './helpers.js';

const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const BOTH = [join(FIX, '2026-H1.csv'), join(FIX, '2026-H2.csv'), '--year', '2026', '--policy', join(FIX, 'policy.json')];

describe('rewards --format table fits 120 columns', () => {
  it.each(['en', 'zh'])('in %s, every line, with the reason on a line of its own under each person', (lang) => {
    const r = run(['rewards', ...BOTH, '--format', 'table', '--no-color', '--lang', lang]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const widest = Math.max(...lines.map((l) => displayWidth(l)));
    expect(widest).toBeLessThanOrEqual(120);
    // Nobody is lost: the 20 people, each followed by their reason.
    const people = lines.filter((l) => /^S\d{3} /.test(l));
    expect(people).toHaveLength(20);
    const s001 = lines.findIndex((l) => l.startsWith('S001 '));
    expect(lines[s001 + 1]).toMatch(lang === 'en' ? /^ +excellent in both semesters: award candidate, annual bonus/ : /^ +上、下半年均优秀：评优推荐候选人，年度奖金/);
  });

  it('the amounts of each semester, the bonus and the totals are all there', () => {
    const r = run(['rewards', ...BOTH, '--format', 'table', '--no-color']);
    expect(r.stdout).toMatch(/^ID +Name +Post +H1 +H2 +Bonus +Rewards +Penalties +Rectify by$/m);
    expect(r.stdout).toMatch(/^S022 {2}唐明 +4号楼 {2}excellent ¥800 +excellent ¥800 +¥2,000 +¥3,600$/m);
    expect(r.stdout).toMatch(/^S007 {2}吴强 +2号楼 {2}unqualified −¥200 +unqualified −¥200 +¥400$/m);
    expect(r.stdout).toMatch(/^S014 {2}何平 +3号楼 {2}unqualified −¥200 +qualified +¥200 {2}2026-07-30$/m);
    expect(r.stdout).toContain('In total: rewards ¥19,500, penalties ¥800');
  });

  it('a long reason under a long staff id is wrapped at its separators', () => {
    const d = dir();
    const id = 'CENTER-NORTH-STAFF-000001';
    writeFileSync(join(d, 'y.csv'), `staff_id,name,semester,listen,see,check,test,ask\n${id},甲,2026-H1,19,19,19,19,19\n${id},甲,2026-H2,19,19,19,19,19\n`);
    const r = run(['rewards', join(d, 'y.csv'), '--year', '2026', '--policy', join(FIX, 'policy.json'), '--format', 'table', '--no-color']);
    const lines = r.stdout.split('\n');
    expect(Math.max(...lines.map((l) => displayWidth(l)))).toBeLessThanOrEqual(120);
    const at = lines.findIndex((l) => l.startsWith(id));
    expect(lines.slice(at + 1, at + 3).map((l) => l.trim())).toEqual([
      'excellent in both semesters: award candidate, annual bonus; H1 excellent reward;',
      'H2 excellent reward',
    ]);
  });

  it('unset amounts are said as unset', () => {
    const d = dir();
    writeFileSync(join(d, 'p.json'), '{ "amounts": { "excellent": 800 } }');
    const r = run(['rewards', join(FIX, '2026-H1.csv'), join(FIX, '2026-H2.csv'), '--year', '2026', '--policy', join(d, 'p.json'), '--format', 'table', '--no-color']);
    expect(r.stdout).toMatch(/^S002 {2}刘洋 +1号楼 {2}good \(unset\) +good \(unset\) +\(unset\)/m);
  });
});

describe('a semester of an impossible year', () => {
  it.each(['0000-H1', '1899-H2', '3000-H1'])('%s in a sheet is refused as any text that is not a semester', (sem) => {
    const d = dir();
    writeFileSync(join(d, 's.csv'), `staff_id,name,semester,listen,see,check,test,ask\nS1,甲,${sem},18,18,18,18,18\n`);
    const r = run(['score', join(d, 's.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`s.csv:2:3: error: semester "${sem}" is not a semester`);
  });

  it('and as --semester', () => {
    const r = run(['score', join(FIX, '2026-H1.csv'), '--semester', '0000-H1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--semester "0000-H1" is not a semester');
  });
});

describe('full-width formula starters in CSV output', () => {
  it('get the apostrophe as = + - @ do', () => {
    const d = dir();
    const rows = ['＝1+1', '＋SUM(A1)', '－2', '＠cmd'].map((n, i) => `F${i},${n},${n},2026-H1,18,18,18,18,18`);
    writeFileSync(join(d, 'f.csv'), `staff_id,name,post,semester,listen,see,check,test,ask\n${rows.join('\n')}\n`);
    const r = run(['score', join(d, 'f.csv'), '--format', 'csv']);
    expect(r.code).toBe(0);
    const names = r.stdout.split('\r\n').slice(1, 5).map((l) => l.split(',').slice(2, 4));
    expect(names.sort()).toEqual([["'＋SUM(A1)", "'＋SUM(A1)"], ["'－2", "'－2"], ["'＝1+1", "'＝1+1"], ["'＠cmd", "'＠cmd"]].sort());
  });
});
