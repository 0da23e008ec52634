/** `evaluate history` end to end, on a tree of centers and years generated here (folders with subfolders). */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DINING, DINING_AMOUNTS, PROPERTY, SEMESTERS, expectedHistory, sheet, writeCenter } from './centers-tree.js';
import { FIX, run, tempDir } from './helpers.js';

let dir: string;
let dining: string;
let property: string;

beforeAll(() => {
  dir = tempDir();
  dining = writeCenter(dir, '饮食中心', DINING, { amounts: DINING_AMOUNTS });
  property = writeCenter(dir, '物业中心', PROPERTY, null);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EVERYONE = () => [...DINING, ...PROPERTY].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('evaluate history', () => {
  it('gives SPEC-shaped JSON: every semester in order, counts, award and non-renewal years, runs and trends as computed here', () => {
    const r = run(['history', dining, property, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['semesters', 'staff']);
    expect(doc.semesters).toEqual([...SEMESTERS]);
    expect(doc.staff).toEqual(EVERYONE().map(expectedHistory));
    // The cases the table was built for, spelled out.
    const by = (id: string) => doc.staff.find((s: { staffId: string }) => s.staffId === id);
    expect(by('A01')).toMatchObject({ awardYears: [2024, 2025], trend: -14.9 });
    expect(by('A02')).toMatchObject({ nonRenewalYears: [2024], longestUnqualifiedRun: 2 });
    expect(by('A05')).toMatchObject({ nonRenewalYears: [2024], longestUnqualifiedRun: 2 });
    expect(by('A07')).toMatchObject({ nonRenewalYears: [], longestUnqualifiedRun: 2 });
    expect(by('A03').results['2024-H1']).toBeNull();
    expect(by('A06').trend).toBeNull();
    expect(Object.keys(by('A01'))).toEqual(['staffId', 'name', 'post', 'results', 'counts', 'awardYears', 'nonRenewalYears', 'longestUnqualifiedRun', 'trend']);
  });

  it('writes SPEC\'s CSV columns, with an empty cell (never 0) where someone was not scored', () => {
    const r = run(['history', dining, property, '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout) as string[][];
    expect(rows[0]).toEqual([
      'staff_id', 'name', 'post', ...SEMESTERS,
      'excellent', 'good', 'qualified', 'unqualified', 'award_years', 'non_renewal_years', 'longest_unqualified_run', 'trend',
    ]);
    expect(rows.find((x) => x[0] === 'A01')).toEqual(['A01', '张伟', '1号楼', '95.0', '92.0', '91.0', '90.0', '80.1', '4', '1', '0', '0', '2024;2025', '', '0', '-14.9']);
    expect(rows.find((x) => x[0] === 'A03')).toEqual(['A03', '陈静', '2号楼', '', '', '80.0', '85.0', '90.0', '1', '2', '0', '0', '', '', '0', '10.0']);
    expect(rows.find((x) => x[0] === 'B02')).toEqual(['B02', '孙建国', '食堂', '50.0', '61.0', '', '', '', '0', '0', '1', '1', '', '', '1', '11.0']);
    expect(rows.find((x) => x[0] === 'A06')!.at(-1)).toBe('');
    expect(rows).toHaveLength(1 + DINING.length + PROPERTY.length);
  });

  it('reads a folder with its subfolders, and the same sheets given one by one agree', () => {
    const files = SEMESTERS.map((s) => join(dining, s.slice(0, 4), `${s}.csv`));
    const a = run(['history', dining, '--format', 'csv']);
    const b = run(['history', ...files.reverse(), '--format', 'csv']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it('shows a table for people, in English and in Chinese', () => {
    const en = run(['history', dining, '--no-color']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('History 2024-H1 to 2026-H1: 7 staff, 5 semesters');
    expect(en.stdout).toMatch(/A01 +张伟 +1号楼 +95\.0 E +92\.0 E +91\.0 E +90\.0 E +80\.1 G +4 +1 +0 +0 +2024;2025 +0 +-14\.9/);
    expect(en.stdout).toMatch(/A03 +陈静 +2号楼 +— +— +80\.0 G/);
    expect(en.stdout).toContain('Award candidate in some year: 1; not renewed in some year: 2; unqualified two or more semesters running: 3');
    const zh = run(['history', dining, '--no-color', '--lang', 'zh']);
    // Semesters as every Chinese text words them; the CSV keeps SPEC's column names (2024-H1).
    expect(zh.stdout).toContain('历年评比 2024年上半年 至 2026年上半年：7 人，5 个学期');
    expect(zh.stdout).toMatch(/工号 +姓名 +岗位 +2024年上半年 +2024年下半年 +2025年上半年 +2025年下半年 +2026年上半年 +优秀/);
    expect(zh.stdout).not.toContain('H1');
    expect(zh.stdout).toMatch(/A02 +刘洋 +1号楼 +55\.0 不 +58\.0 不 +70\.0 合/);
    expect(zh.stdout).toContain('评优候选年度');
    const csv = parse(run(['history', dining, '--format', 'csv', '--lang', 'zh']).stdout) as string[][];
    expect(csv[0]!.slice(0, 8)).toEqual(['工号', '姓名', '岗位', ...SEMESTERS]);
  });

  it('gives Markdown', () => {
    const r = run(['history', dining, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## History 2024-H1 to 2026-H1/);
    expect(r.stdout).toContain('| A01 | 张伟 | 1号楼 | 95.0 E | 92.0 E | 91.0 E | 90.0 E | 80.1 G | 4 | 1 | 0 | 0 | 2024;2025 |  | 0 | -14.9 |');
    const zh = run(['history', dining, '--format', 'md', '--lang', 'zh']);
    expect(zh.stdout).toMatch(/^## 历年评比 2024年上半年 至 2026年上半年：7 人，5 个学期\n/);
    expect(zh.stdout).toContain('| 工号 | 姓名 | 岗位 | 2024年上半年 | 2024年下半年 | 2025年上半年 | 2025年下半年 | 2026年上半年 | 优秀 |');
    expect(zh.stdout).toContain('| A01 | 张伟 | 1号楼 | 95.0 优 | 92.0 优 | 91.0 优 | 90.0 优 | 80.1 良 |');
  });

  it('works on the shipped fixtures (one year)', () => {
    const r = run(['history', join(FIX, '2026-H1.csv'), join(FIX, '2026-H2.csv'), '--policy', join(FIX, 'policy.json'), '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.semesters).toEqual(['2026-H1', '2026-H2']);
    expect(doc.staff.find((s: { staffId: string }) => s.staffId === 'S007')).toMatchObject({ nonRenewalYears: [2026], longestUnqualifiedRun: 2, trend: -1.1 });
    expect(doc.staff.filter((s: { awardYears: number[] }) => s.awardYears.length > 0).map((s: { staffId: string }) => s.staffId)).toEqual(['S001', 'S011', 'S022']);
  });

  it('stops on a bad sheet with its place (exit 1), and on a sheet that cannot be read (exit 2), writing nothing', () => {
    const bad = join(dir, 'bad');
    mkdirSync(join(bad, '2024'), { recursive: true });
    writeFileSync(join(bad, '2024', '2024-H1.csv'), sheet(DINING, 0, 'A99,某人,1号楼,2024-H1,25,10,10,10,10\n'));
    const out = join(dir, 'out.csv');
    const r = run(['history', bad, '--format', 'csv', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\/2024\/2024-H1\.csv:\d+:5: error: /);
    expect(r.stdout).toBe('');

    const unreadable = join(dir, 'unreadable');
    mkdirSync(join(unreadable, 'old.csv'), { recursive: true });
    writeFileSync(join(unreadable, '2024-H1.csv'), sheet(DINING, 0));
    symlinkSync(join(unreadable, 'nowhere.csv'), join(unreadable, 'gone.csv'));
    const u = run(['history', unreadable, '--format', 'csv', '--out', out]);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('unreadable/gone.csv: error: cannot read this sheet: it is a link to a file that does not exist');
    expect(u.stderr).toContain('unreadable/old.csv: error: cannot read this sheet: it is a folder, not a file');
    const empty = join(dir, 'empty');
    mkdirSync(join(empty, 'sub'), { recursive: true });
    expect(run(['history', empty]).stderr).toContain('has no .csv files (subfolders included)');
  });
});
