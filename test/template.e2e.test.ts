// evaluate template as a committee uses it: blank sheets out, filled in, read back by evaluate score.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

const ROSTER = join(FIX, 'roster.csv');
const H1 = join(FIX, '2026-H1.csv');
const COMMITTEE = '王主任:leader,李科长:head-office,赵老师:center-office,学生甲:student,学生乙:student';

/** The fixture's scores by "staff_id/rater": the five method cells as written. */
function fixtureScores(): Map<string, string[]> {
  const lines = readFileSync(H1, 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((l) => l.split(',')).map((c) => [`${c[0]}/${c[4]}`, c.slice(6, 11)]));
}

/** Fills the empty method cells of a template, as a secretary would in Excel, keeping everything else. */
function fill(file: string, scores: (staffId: string, rater: string) => string[]): void {
  const text = readFileSync(file, 'utf8');
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const [header, ...rows] = text.replace(/^\uFEFF/, '').split('\r\n');
  const filled = rows.map((r) => {
    if (r === '') return r;
    const c = r.split(',');
    return [...c.slice(0, 6), ...scores(c[0]!, c[4]!)].join(',');
  });
  writeFileSync(file, bom + [header, ...filled].join('\r\n'));
}

describe('evaluate template', () => {
  it('writes one pre-filled sheet per rater; filled in, they score exactly like the original sheet', () => {
    const dir = join(tempDir(), 'h1');
    const r = run(['template', '--roster', ROSTER, '--semester', '2026上半年', '--out', dir, '--raters', COMMITTEE]);
    expect(r.code).toBe(0);
    const names = ['王主任', '李科长', '赵老师', '学生甲', '学生乙'].map((n) => join(dir, `2026-H1-${n}.csv`));
    expect(r.stdout).toBe(names.map((n) => `${n}\n`).join(''));
    expect(r.stderr).toBe(`Wrote 5 blank sheets for 2026-H1 (24 staff each) in ${dir}. Fill in the scores, then run: evaluate score ${dir}\n`);
    const blank = readFileSync(names[0]!, 'utf8').split('\r\n');
    expect(blank[0]).toBe('staff_id,name,post,semester,rater,role,listen,see,check,test,ask');
    expect(blank[1]).toBe('S001,张伟,1号楼,2026-H1,王主任,leader,,,,,');
    expect(blank[24]).toBe('S024,冯建华,4号楼,2026-H1,王主任,leader,,,,,');
    expect(blank).toHaveLength(26); // header, 24 staff, and the last line's end
    expect(readFileSync(names[4]!, 'utf8').split('\r\n')[2]).toBe('S002,刘洋,1号楼,2026-H1,学生乙,student,,,,,');

    // A blank sheet is not a scored one: evaluate score says whose scores are missing.
    const early = run(['score', dir, '--roster', ROSTER]);
    expect(early.code).toBe(1);

    const scores = fixtureScores();
    for (const f of names) fill(f, (id, rater) => scores.get(`${id}/${rater}`)!);
    const fromTemplates = run(['score', dir, '--roster', ROSTER, '--format', 'json', '--policy', join(FIX, 'policy.json')]);
    const fromFixture = run(['score', H1, '--roster', ROSTER, '--format', 'json', '--policy', join(FIX, 'policy.json')]);
    expect(fromTemplates.stderr).toBe('');
    expect(fromTemplates.code).toBe(0);
    // The same report (its seal names other input files, and so differs).
    expect({ ...JSON.parse(fromTemplates.stdout), seal: null }).toEqual({ ...JSON.parse(fromFixture.stdout), seal: null });
    const staff = JSON.parse(fromTemplates.stdout).semesters[0].staff;
    expect(staff[0]).toMatchObject({ rank: 1, staffId: 'S011', name: '朱磊', total: 95.3, grade: 'excellent', raters: 5, reward: 800 });
    expect(staff.find((s: { staffId: string }) => s.staffId === 'S007')).toMatchObject({ grade: 'unqualified', penalty: 200, rectifyBy: '2026-07-30' });
  });

  it('in Chinese with a BOM: Chinese headers and the default committee, read back by score', () => {
    const dir = tempDir();
    const r = run(['template', '--roster', ROSTER, '--semester', '2026-H2', '--out', dir, '--lang', 'zh', '--bom']);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(
      ['2026-H2-中心办公室.csv', '2026-H2-学生代表1.csv', '2026-H2-学生代表2.csv', '2026-H2-总公司办公室.csv', '2026-H2-组长.csv'].sort(),
    );
    const text = readFileSync(join(dir, '2026-H2-组长.csv'), 'utf8');
    expect(text.startsWith('\uFEFF工号,姓名,岗位,学期,评委,角色,听,看,查,测,问\r\nS001,张伟,1号楼,2026-H2,组长,组长,,,,,\r\n')).toBe(true);
    expect(readFileSync(join(dir, '2026-H2-学生代表2.csv'), 'utf8').split('\r\n')[1]).toBe('S001,张伟,1号楼,2026-H2,学生代表2,学生代表,,,,,');
    // Everyone scores 18 in every method but S003, who gets 11 from everyone.
    for (const f of readdirSync(dir)) fill(join(dir, f), (id) => Array(5).fill(id === 'S003' ? '11' : '18'));
    const score = run(['score', dir, '--roster', ROSTER, '--format', 'csv', '--lang', 'zh']);
    expect(score.stderr).toBe('');
    expect(score.code).toBe(0);
    const lines = score.stdout.split('\r\n');
    expect(lines[0]).toBe('名次,工号,姓名,岗位,学期,听,看,查,测,问,总分,等级,奖励,处罚,整改期限');
    expect(lines[1]).toBe('1,S001,张伟,1号楼,2026-H2,18,18,18,18,18,90.0,优秀,,,');
    expect(lines[24]).toBe('24,S003,陈静,1号楼,2026-H2,11,11,11,11,11,55.0,不合格,,,2027-01-30');
  });

  it('never replaces sheets without --force', () => {
    const dir = tempDir();
    expect(run(['template', '--roster', ROSTER, '--semester', '2026-H1', '--out', dir]).code).toBe(0);
    const leader = join(dir, '2026-H1-leader.csv');
    writeFileSync(leader, 'filled in already');
    const again = run(['template', '--roster', ROSTER, '--semester', '2026-H1', '--out', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exist; add --force to replace');
    expect(readFileSync(leader, 'utf8')).toBe('filled in already');
    expect(run(['template', '--roster', ROSTER, '--semester', '2026-H1', '--out', dir, '--force']).code).toBe(0);
    expect(readFileSync(leader, 'utf8')).toMatch(/^staff_id,/);
  });

  it('gives a role only the columns of the methods the policy gives it', () => {
    const dir = tempDir();
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ methods: { ask: { max: 20, roles: ['student', 'leader'] } } }));
    const r = run(['template', '--roster', ROSTER, '--semester', '2026-H1', '--out', dir, '--policy', policy, '--raters', 'A:leader,B:head-office']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, '2026-H1-A.csv'), 'utf8').split('\r\n')[0]).toBe('staff_id,name,post,semester,rater,role,listen,see,check,test,ask');
    expect(readFileSync(join(dir, '2026-H1-B.csv'), 'utf8').split('\r\n')[0]).toBe('staff_id,name,post,semester,rater,role,listen,see,check,test');
  });

  it.each([
    [['--raters', '王主任'], '--raters: "王主任" is not NAME:ROLE'],
    [['--raters', '王主任:boss'], '--raters: unknown role "boss" for 王主任'],
    [['--raters', 'A:leader,A:student'], '--raters names A twice'],
    [['--semester', '2026'], '--semester "2026" is not a semester'],
  ])('refuses %j (exit 2)', (extra, message) => {
    const dir = tempDir();
    const args = ['template', '--roster', ROSTER, '--semester', '2026-H1', '--out', dir];
    const i = args.indexOf(extra[0]!);
    if (i >= 0) args.splice(i, 2);
    const r = run([...args, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('template never replaces what it reads', () => {
  it('refuses, even with --force, to write a blank sheet over the roster it is made from', () => {
    const dir = tempDir();
    const first = run(['template', '--roster', join(FIX, 'roster.csv'), '--semester', '2026-H1', '--out', dir, '--lang', 'zh']);
    expect(first.code).toBe(0);
    const roster = join(dir, '2026-H1-组长.csv');
    const before = readFileSync(roster);
    const r = run(['template', '--roster', roster, '--semester', '2026-H1', '--out', dir, '--lang', 'zh', '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('它是输入文件之一');
    expect(readFileSync(roster)).toEqual(before);
  });
});

describe('template run again in the other language', () => {
  it('refuses to add a second committee of blank sheets beside the first (exit 2, nothing written); another semester, --force in the same language and --raters are as before', () => {
    const dir = tempDir();
    const base = ['template', '--roster', ROSTER, '--semester', '2026-H1', '--out', 'h1/'];
    expect(run([...base, '--lang', 'en'], { cwd: dir }).code).toBe(0);
    const before = readdirSync(join(dir, 'h1')).sort();
    const zh = run([...base, '--lang', 'zh'], { cwd: dir });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('h1/2026-H1-leader.csv、h1/2026-H1-head-office.csv、h1/2026-H1-center-office.csv、h1/2026-H1-student-1.csv、h1/2026-H1-student-2.csv：文件夹中已有本学期用另一种语言命名的空白评分表');
    expect(readdirSync(join(dir, 'h1')).sort()).toEqual(before);
    expect(run([...base, '--lang', 'en', '--force'], { cwd: dir }).code).toBe(0);
    expect(run(['template', '--roster', ROSTER, '--semester', '2026-H2', '--out', 'h1/', '--lang', 'zh'], { cwd: dir }).code).toBe(0);
    expect(run([...base, '--lang', 'zh', '--raters', COMMITTEE], { cwd: dir }).code).toBe(0);
  });
});
