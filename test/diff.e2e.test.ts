/**
 * `evaluate diff` on an appeal: one person's scores corrected in the H1 sheet move them across the
 * good band's edge (80) and past one colleague: exactly those two people and those fields are listed.
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** S012 胡军 (76.5, qualified, 16th under fixtures/policy.json) gets one more point on four methods and half a point on ask from every rater: 81.0, good, 15th; S024 冯建华 (80.5) drops from 15th to 16th. */
function corrected(dir: string): void {
  const lines = readFileSync(join(FIX, '2026-H1.csv'), 'utf8').split('\n');
  const fixed = lines.map((l) => {
    if (!l.startsWith('S012,')) return l;
    const c = l.split(',');
    for (let i = 6; i <= 9; i++) c[i] = String(Number(c[i]) + 1);
    c[10] = String(Number(c[10]) + 0.5);
    return c.join(',');
  });
  writeFileSync(join(dir, 'corrected-H1.csv'), fixed.join('\n'));
}

function work(): string {
  const dir = tempDir();
  dirs.push(dir);
  for (const f of ['2026-H1.csv', '2026-H2.csv', 'policy.json']) copyFileSync(join(FIX, f), join(dir, f));
  corrected(dir);
  const json = (args: string[], out: string) => expect(run([...args, '--policy', 'policy.json', '--format', 'json', '--out', out], { cwd: dir }).code).toBe(0);
  json(['score', '2026-H1.csv'], 'before.json');
  json(['score', 'corrected-H1.csv'], 'after.json');
  json(['year', '2026-H1.csv', '2026-H2.csv', '--year', '2026'], 'year-before.json');
  json(['year', 'corrected-H1.csv', '2026-H2.csv', '--year', '2026'], 'year-after.json');
  json(['rewards', '2026-H1.csv', '2026-H2.csv', '--year', '2026'], 'rewards.json');
  return dir;
}

describe('evaluate diff', () => {
  it('a corrected score: exactly the person who crossed the band edge and the colleague passed, field by field (JSON, exit 1)', () => {
    const dir = work();
    const r = run(['diff', 'before.json', 'after.json', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      changes: [
        { semester: '2026-H1', staffId: 'S012', field: 'rank', before: 16, after: 15 },
        { semester: '2026-H1', staffId: 'S012', field: 'total', before: 76.5, after: 81 },
        { semester: '2026-H1', staffId: 'S012', field: 'grade', before: 'qualified', after: 'good' },
        { semester: '2026-H1', staffId: 'S012', field: 'reward', before: null, after: 300 },
        { semester: '2026-H1', staffId: 'S024', field: 'rank', before: 15, after: 16 },
      ],
      added: [],
      removed: [],
    });
  });

  it('the same as a table, in CSV and in Markdown, in English and Chinese', () => {
    const dir = work();
    const table = run(['diff', 'before.json', 'after.json'], { cwd: dir });
    expect(table.code).toBe(1);
    expect(table.stdout).toBe(
      [
        'score: before.json → after.json: 2 staff members changed, 0 added, 0 removed',
        '',
        'Semester  ID    Name    Field   Before     After',
        '────────  ────  ──────  ──────  ─────────  ─────',
        '2026-H1   S012  胡军    rank    16         15',
        '2026-H1   S012  胡军    total   76.5       81.0',
        '2026-H1   S012  胡军    grade   qualified  good',
        '2026-H1   S012  胡军    reward  —          ¥300',
        '2026-H1   S024  冯建华  rank    15         16',
        '',
      ].join('\n'),
    );
    const csv = run(['diff', 'before.json', 'after.json', '--format', 'csv', '--lang', 'zh'], { cwd: dir });
    expect(csv.code).toBe(1);
    expect(parse(csv.stdout)).toEqual([
      ['学期', '工号', '姓名', '变化', '项目', '变更前', '变更后'],
      ['2026-H1', 'S012', '胡军', '变化', '名次', '16', '15'],
      ['2026-H1', 'S012', '胡军', '变化', '总分', '76.5', '81.0'],
      ['2026-H1', 'S012', '胡军', '变化', '等级', '合格', '良好'],
      ['2026-H1', 'S012', '胡军', '变化', '奖励', '', '300'],
      ['2026-H1', 'S024', '冯建华', '变化', '名次', '15', '16'],
    ]);
    const md = run(['diff', 'before.json', 'after.json', '--format', 'md', '--lang', 'zh'], { cwd: dir });
    expect(md.stdout).toContain('| 2026年上半年 | S012 | 胡军 | 总分 | 76.5 | 81.0 |\n| 2026年上半年 | S012 | 胡军 | 等级 | 合格 | 良好 |\n');
    expect(md.stdout.split('\n')[0]).toBe('## score：before.json → after.json：2 人有变化，新增 0 人，减少 0 人');
  });

  it('year reports: the semester total and grade, and the money it moves', () => {
    const dir = work();
    const r = run(['diff', 'year-before.json', 'year-after.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      changes: [
        { semester: 2026, staffId: 'S012', field: 'h1', before: { total: 76.5, grade: 'qualified' }, after: { total: 81, grade: 'good' } },
        { semester: 2026, staffId: 'S012', field: 'rewardTotal', before: 300, after: 600 },
      ],
      added: [],
      removed: [],
    });
    expect(run(['diff', 'year-before.json', 'year-after.json', '--lang', 'zh'], { cwd: dir }).stdout).toContain('2026  S012  胡军  上半年    76.5 合格  81.0 良好');
    expect(run(['diff', 'year-before.json', 'year-after.json', '--format', 'md'], { cwd: dir }).stdout).toContain('| 2026 | S012 | 胡军 | h1 | 76.5 qualified | 81.0 good |\n');
    expect(parse(run(['diff', 'year-before.json', 'year-after.json', '--format', 'csv'], { cwd: dir }).stdout)).toContainEqual(['2026', 'S012', '胡军', 'changed', 'h1', '76.5 qualified', '81.0 good']);
  });

  it('people added and removed', () => {
    const dir = work();
    const doc = JSON.parse(readFileSync(join(dir, 'after.json'), 'utf8')) as { semesters: { staff: { staffId: string; name: string }[] }[] };
    const staff = doc.semesters[0]!.staff;
    staff.splice(staff.findIndex((s) => s.staffId === 'S003'), 1);
    staff.push({ ...staff[0]!, staffId: 'S025', name: '新同事' });
    writeFileSync(join(dir, 'after.json'), JSON.stringify(doc));
    const r = run(['diff', 'before.json', 'after.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout) as { added: unknown[]; removed: unknown[] };
    expect(d.added).toEqual([{ semester: '2026-H1', staffId: 'S025', name: '新同事' }]);
    expect(d.removed).toEqual([{ semester: '2026-H1', staffId: 'S003', name: '陈静' }]);
    const table = run(['diff', 'before.json', 'after.json'], { cwd: dir });
    expect(table.stdout).toContain('Added (1)\nSemester  ID    Name\n');
    expect(table.stdout).toContain('Removed (1)\n');
  });

  it('nothing changed: exit 0', () => {
    const dir = work();
    const r = run(['diff', 'before.json', 'before.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No changes: the two reports agree on everyone.');
    const j = run(['diff', 'before.json', 'before.json', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(j.stdout)).toEqual({ changes: [], added: [], removed: [] });
  });

  it('not two reports of the same command: exit 2, nothing on standard output', () => {
    const dir = work();
    for (const [a, b, message] of [
      ['before.json', 'year-after.json', 'reports of different commands (score and year)'],
      ['rewards.json', 'rewards.json', 'not of evaluate rewards'],
      ['before.json', '2026-H1.csv', '2026-H1.csv is not JSON'],
      ['policy.json', 'after.json', 'policy.json is not a JSON report of evaluate score or evaluate year'],
      ['before.json', 'none.json', 'cannot read none.json: there is no such file or folder'],
    ]) {
      const r = run(['diff', a!, b!], { cwd: dir });
      expect(r.code, `${a} ${b}`).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(message);
    }
  });

  it('--out writes the diff, and keeps an existing file without --force', () => {
    const dir = work();
    expect(run(['diff', 'before.json', 'after.json', '--format', 'csv', '--out', 'changes.csv'], { cwd: dir }).code).toBe(1);
    expect(readFileSync(join(dir, 'changes.csv'), 'utf8').split('\r\n')[0]).toBe('semester,staff_id,name,change,field,before,after');
    expect(run(['diff', 'before.json', 'after.json', '--format', 'csv', '--out', 'changes.csv'], { cwd: dir }).code).toBe(2);
    expect(run(['diff', 'before.json', 'after.json', '--out', 'after.json', '--force'], { cwd: dir }).code).toBe(2);
  });
});

describe('evaluate diff shows totals with the precision of the reports\' policy', () => {
  const HEAD = 'staff_id,name,post,semester,listen,see,check,test,ask';
  /** One person, 88.5 (ask 16.5) in a.csv and 89 (ask 17) in b.csv; reports of both under `policy` (or the built-in one). */
  function reports(policy: { file: string; precision: number } | null, ask: [string, string] = ['16.5', '17']): string {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(join(dir, 'a.csv'), `${HEAD}\nM1,甲,1号楼,2026-H1,18,18,18,18,${ask[0]}\n`);
    writeFileSync(join(dir, 'b.csv'), `${HEAD}\nM1,甲,1号楼,2026-H1,18,18,18,18,${ask[1]}\n`);
    const with_ = policy ? ['--policy', policy.file] : [];
    if (policy) writeFileSync(join(dir, policy.file), JSON.stringify({ precision: policy.precision }));
    for (const x of ['a', 'b']) expect(run(['score', `${x}.csv`, ...with_, '--format', 'json', '--out', `${x}.json`], { cwd: dir }).code).toBe(0);
    return dir;
  }
  const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

  it('the built-in policy (precision 1): 89.0, not 89, in the table, Markdown and CSV; JSON keeps the numbers', () => {
    const dir = reports(null);
    expect(lastLine(run(['diff', 'a.json', 'b.json'], { cwd: dir }).stdout)).toBe('2026-H1   M1  甲    total  88.5    89.0');
    expect(run(['diff', 'a.json', 'b.json', '--format', 'md', '--lang', 'zh'], { cwd: dir }).stdout).toContain('| 2026年上半年 | M1 | 甲 | 总分 | 88.5 | 89.0 |\n');
    expect(parse(run(['diff', 'a.json', 'b.json', '--format', 'csv'], { cwd: dir }).stdout)).toEqual([
      ['semester', 'staff_id', 'name', 'change', 'field', 'before', 'after'],
      ['2026-H1', 'M1', '甲', 'changed', 'total', '88.5', '89.0'],
    ]);
    const json = run(['diff', 'a.json', 'b.json', '--format', 'json'], { cwd: dir });
    expect(json.stdout).toContain('"before": 88.5,\n      "after": 89\n');
  });

  it('a policy of precision 2: 88.50 and 89.00, found by the hash the seal holds (the sealed file, or --policy when the file has moved)', () => {
    const dir = reports({ file: 'p2.json', precision: 2 });
    expect(lastLine(run(['diff', 'a.json', 'b.json'], { cwd: dir }).stdout)).toBe('2026-H1   M1  甲    total  88.50   89.00');
    writeFileSync(join(dir, 'moved.json'), readFileSync(join(dir, 'p2.json')));
    rmSync(join(dir, 'p2.json'));
    expect(lastLine(run(['diff', 'a.json', 'b.json', '--policy', 'moved.json'], { cwd: dir }).stdout)).toBe('2026-H1   M1  甲    total  88.50   89.00');
  });

  it('a policy of precision 0: whole numbers', () => {
    const dir = reports({ file: 'p0.json', precision: 0 }, ['16.5', '12']);
    expect(lastLine(run(['diff', 'a.json', 'b.json'], { cwd: dir }).stdout)).toBe('2026-H1   M1  甲    total  89      84');
  });

  it('a report without a seal: as many decimals as its totals have, and no fewer than the policy in force gives', () => {
    const dir = reports({ file: 'p2.json', precision: 2 }, ['16.25', '17']);
    for (const x of ['a', 'b']) {
      const doc = JSON.parse(readFileSync(join(dir, `${x}.json`), 'utf8')) as Record<string, unknown>;
      delete doc.seal;
      writeFileSync(join(dir, `${x}.json`), JSON.stringify(doc));
    }
    expect(lastLine(run(['diff', 'a.json', 'b.json'], { cwd: dir }).stdout)).toBe('2026-H1   M1  甲    total  88.25   89.0');
    expect(lastLine(run(['diff', 'a.json', 'b.json', '--policy', 'p2.json'], { cwd: dir }).stdout)).toBe('2026-H1   M1  甲    total  88.25   89.00');
  });
});
