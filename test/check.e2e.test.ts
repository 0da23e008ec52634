import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

const H1 = join(FIX, '2026-H1.csv');
const H2 = join(FIX, '2026-H2.csv');

/** Ten different mistakes a secretary could make, one a line from line 3 on. */
const TEN = [
  'staff_id,name,post,semester,rater,role,listen,see,check,test,ask',
  'S001,张伟,1号楼,2026-H1,王主任,leader,19,20,18,17.5,17.5',
  'S001,张伟,1号楼,2026-H1,李科长,head-office,17.5,19.5,17.5,19,20.5',
  'S001,张伟,1号楼,2026-H1,赵老师,center-office,-3,20,19,18.5,18',
  'S001,张伟,1号楼,2026-H1,学生甲,student,17.5,"18,5",19,19,18',
  ',刘洋,1号楼,2026-H1,学生乙,student,17,18,17,16,17',
  'S002,刘洋,1号楼,2026-H1,王主任,teacher,17,18,17,16,17',
  'S002,刘洋,1号楼,2026-H3,李科长,head-office,17,18,17,16,17',
  'S002,刘洋,1号楼,2026-H1,赵老师,center-office,17,18,17',
  'S002,刘洋,1号楼,2026-H1,学生甲,student,17,18,17,16,',
  'S003,陈静,1号楼,2026-H1,王主任,student,16,16,16,16,16',
  'S003,陈静,1号楼,2026-H1,李科长,head-office,16,16,16,16,16',
  'S003,陈静,1号楼,2026-H1,李科长,head-office,,,16,,',
].join('\n');

describe('evaluate check', () => {
  it('lists all ten problems of a sheet with their places, prints the summary and exits 1', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ten.csv'), `${TEN}\n`);
    const r = run(['check', 'ten.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      'ten.csv:3:11: error: score 20.5 for ask exceeds the maximum 20 (S001 张伟, rater 李科长)',
      'ten.csv:4:7: error: score -3 for listen is negative (S001 张伟, rater 赵老师)',
      'ten.csv:5:8: error: score "18,5" for see is not a number (write a decimal point: 18.5) (S001 张伟, rater 学生甲)',
      'ten.csv:6:1: error: staff_id is blank (name 刘洋)',
      expect.stringMatching(/^ten\.csv:7:6: error: unknown role "teacher" \(S002 刘洋, rater 王主任\)/),
      expect.stringMatching(/^ten\.csv:8:4: error: semester "2026-H3" is not a semester \(S002 刘洋, rater 李科长\)/),
      'ten.csv:9:10: error: the row has 9 cells but the header has 11 (S002 刘洋, rater 赵老师)',
      expect.stringMatching(/^ten\.csv:10:11: error: no ask score from rater 学生甲 \(student\) for S002 刘洋/),
      'ten.csv:11:6: error: rater 王主任 has two roles: student here and leader at ten.csv:2 (S003 陈静)',
      'ten.csv:13:9: error: check is scored twice for S003 陈静, rater 李科长: here and at ten.csv:12:9',
    ]);
    // The summary still comes, on standard output.
    expect(r.stdout).toContain('Checked 1 file: ten.csv');
    expect(r.stdout).toContain('Rows: 12 read, 5 used, 7 rejected');
    // The committee counts the raters of refused rows too (赵老师's row has -3, 学生乙's no staff id): complete.
    expect(r.stdout).toContain('Staff: 3   Raters: 5   Semesters: 2026-H1');
    expect(r.stdout).toContain('  Committee: leader 1 (王主任), head office 1 (李科长), center office 1 (赵老师), student 2 (学生甲, 学生乙)\n  as the rules ask');
    expect(r.stdout).toMatch(/\n10 errors\.\n$/);
  });

  it('gives the same problems as a list for scripts with --format json', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ten.csv'), `${TEN}\n`);
    const r = run(['check', 'ten.csv', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.problems).toHaveLength(10);
    expect(doc.problems.map((p: { line: number }) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 13]);
    expect(doc.problems[0]).toEqual({
      file: 'ten.csv',
      line: 3,
      column: 11,
      severity: 'error',
      message: 'score 20.5 for ask exceeds the maximum 20 (S001 张伟, rater 李科长)',
    });
    // Every problem of these is at a cell: the missing score at its method's cell of the row found.
    expect(doc.problems[7]).toMatchObject({ line: 10, column: 11 });
    expect(doc.problems.every((p: { column?: number }) => typeof p.column === 'number')).toBe(true);
    expect(doc.summary).toMatchObject({ ok: false, errors: 10, warnings: 0, rows: { read: 12, used: 5, rejected: 7 }, staff: 3, raters: 5 });
  });

  it('passes the fixtures with exit 0 and summarizes them', () => {
    const r = run(['check', H1, H2, '--roster', join(FIX, 'roster.csv'), '--no-color'], { cwd: FIX });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Rows: 240 read, 240 used, 0 rejected');
    expect(r.stdout).toContain('Staff: 24   Raters: 5   Semesters: 2026-H1, 2026-H2');
    expect(r.stdout).toContain('Scores per method: listen 240, see 240, check 240, test 240, ask 240');
    expect(r.stdout).toContain('2026-H2: 24 staff, 5 raters');
    expect(r.stdout).toContain('Committee: leader 1 (王主任), head office 1 (李科长), center office 1 (赵老师), student 2 (学生甲, 学生乙)');
    expect(r.stdout.match(/as the rules ask/g)).toHaveLength(2);
    expect(r.stdout).toMatch(/No problems found\.\n$/);
    // Which policy the scores would be read with: the working folder has none here.
    expect(r.stdout).toContain('Policy: built-in (no evaluate.config.json in this folder, no --policy)\n');
    expect(run(['check', H1, '--policy', join(FIX, 'policy.json'), '--lang', 'zh']).stdout).toContain(`考评办法：${join(FIX, 'policy.json')}\n`);

    const json = JSON.parse(run(['check', H2, '--format', 'json']).stdout);
    expect(json.problems).toEqual([]);
    expect(json.summary).toMatchObject({
      ok: true,
      errors: 0,
      warnings: 0,
      semesters: ['2026-H2'],
      scores: { listen: 120, see: 120, check: 120, test: 120, ask: 120 },
    });
    expect(json.summary.bySemester[0].committee.members.student).toEqual(['学生甲', '学生乙']);
  });

  it('warns about a committee with a third student, and still exits 0', () => {
    const dir = tempDir();
    const extra = readFileSync(H1, 'utf8')
      .split('\n')
      .filter((l) => l.includes(',学生乙,'))
      .map((l) => l.replace(',学生乙,', ',学生丙,'));
    writeFileSync(join(dir, 'h1.csv'), `${readFileSync(H1, 'utf8').trimEnd()}\n${extra.join('\n')}\n`);
    const r = run(['check', 'h1.csv', '--lang', 'zh'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('学生代表 3 人（学生甲、学生乙、学生丙）');
    expect(r.stdout).toContain('警告：考评小组组成与规定不同：学生代表 3 人（规定 2 人）');
    expect(r.stdout).toMatch(/没有错误；1 个警告。\n$/);
  });

  it('writes --out only when there are no errors', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ten.csv'), `${TEN}\n`);
    const bad = run(['check', 'ten.csv', '--out', 'summary.txt'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(existsSync(join(dir, 'summary.txt'))).toBe(false);
    expect(bad.stderr).toContain('--out summary.txt was not written because of the errors.');
    expect(bad.stdout).toContain('Checked 1 file: ten.csv');

    const good = run(['check', H1, '--out', join(dir, 'ok.txt')]);
    expect(good.code).toBe(0);
    expect(good.stdout).toBe('');
    expect(readFileSync(join(dir, 'ok.txt'), 'utf8')).toContain('No problems found.');
  });
});

describe('a committee sheet (no rater column) in Chinese', () => {
  it('names its one rater 考评小组, never "committee", in the summary and in the problems', () => {
    const dir = tempDir();
    const sheet = join(dir, 'committee.csv');
    writeFileSync(sheet, 'staff_id,name,semester,listen,see,check,test,ask\nS001,张伟,2026-H1,18,18,18,18,\nS001,张伟,2026-H1,18,18,18,18,17\n');
    const r = run(['check', sheet, '--lang', 'zh']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  考评小组：无角色 1 人（考评小组）');
    expect(r.stderr).toContain('committee.csv:3:4: error: 评委 考评小组 给 S001 张伟 的“听”、“看”、“查”、“测”评了两次：这里和 ');
    expect(`${r.stdout}${r.stderr}`).not.toContain('committee）');
    expect(r.stderr).not.toMatch(/评委 committee/);
  });
});

describe('the committee in check\'s summary counts the raters of refused rows, as score\'s warning does', () => {
  const json = (r: { stdout: string }) => JSON.parse(r.stdout) as { summary: { warnings: number; raters: number; bySemester: { raters: number; committee: { ok: boolean; warning: boolean } }[] } };

  it('staff ids merged over a sheet: the five raters of its rows sit on the committee, no warning besides the error', () => {
    const sheet = join(FIX, 'bad', 'merged-cells.csv');
    const en = run(['check', sheet]);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain('Staff: 2   Raters: 5   Semesters: 2026-H1\n');
    expect(en.stdout).toContain('2026-H1: 2 staff, 5 raters\n');
    expect(en.stdout).toContain('  Committee: leader 1 (王主任), head office 1 (李科长), center office 1 (赵老师), student 2 (学生甲, 学生乙)\n  as the rules ask');
    expect(en.stdout.endsWith('\n1 error.\n')).toBe(true);
    expect(en.stderr.trim().split('\n')).toHaveLength(1);
    const zh = run(['check', sheet, '--lang', 'zh']);
    expect(zh.stdout).toContain('  考评小组：组长 1 人（王主任）；总公司办公室 1 人（李科长）；中心办公室 1 人（赵老师）；学生代表 2 人（学生甲、学生乙）\n  符合规定');
    expect(zh.stdout.endsWith('\n1 个错误。\n')).toBe(true);
    const data = json(run(['check', sheet, '--format', 'json']));
    expect(data.summary.warnings).toBe(0);
    expect(data.summary.raters).toBe(5);
    expect(data.summary.bySemester[0]!.committee).toMatchObject({ ok: true, warning: false });
  });

  it('a row refused without a semester: the roles short are said as a plain line, not counted as a warning (score says nothing)', () => {
    const sheet = join(FIX, 'bad', 'bad-semester.csv');
    const en = run(['check', sheet]);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain(
      '  fewer raters than the rules ask: head office 0 (rules: 1); center office 0 (rules: 1); student 1 (rules: 2); rows refused without a semester may hold the others (their errors above)\n',
    );
    expect(en.stdout).not.toContain('warning');
    expect(en.stdout.endsWith('\n1 error.\n')).toBe(true);
    expect(run(['score', sheet]).stderr).not.toContain('committee');
    const zh = run(['check', sheet, '--lang', 'zh']);
    expect(zh.stdout).toContain('  评委少于规定：总公司办公室 0 人（规定 1 人）；中心办公室 0 人（规定 1 人）；学生代表 1 人（规定 2 人）；缺少学期而被拒绝的行中可能有其余评委（见上面的错误）\n');
    expect(zh.stdout).not.toContain('警告');
    const data = json(run(['check', sheet, '--format', 'json']));
    expect(data.summary.warnings).toBe(0);
    expect(data.summary.bySemester[0]!.committee).toMatchObject({ ok: false, warning: false });
  });

  it('a sixth rater whose every row is refused makes three students: a warning in check\'s summary and in score alike', () => {
    const dir = tempDir();
    const h1 = readFileSync(H1, 'utf8');
    const extra = h1
      .split('\n')
      .filter((l) => l.includes(',学生乙,'))
      .map((l) => l.replace(',学生乙,', ',学生丙,').replace(/,[^,]*$/, ',25'));
    writeFileSync(join(dir, 'six.csv'), `${h1.trimEnd()}\n${extra.join('\n')}\n`);
    const score = run(['score', 'six.csv'], { cwd: dir });
    expect(score.code).toBe(1);
    expect(score.stderr).toContain(': warning: the committee of 2026-H1 differs from the rules (1 leader, 1 head office, 1 center office, 2 student representatives): student 3 (the rules ask 2)\n');
    const check = run(['check', 'six.csv'], { cwd: dir });
    expect(check.stdout).toContain('student 3 (学生甲, 学生乙, 学生丙)');
    expect(check.stdout).toContain('  warning: the committee differs from the rules: student 3 (rules: 2)\n');
    expect(check.stdout).toMatch(/\n24 errors, 1 warning\.\n$/);
    expect(json(run(['check', 'six.csv', '--format', 'json'], { cwd: dir })).summary.bySemester[0]!.committee).toMatchObject({ ok: false, warning: true });
  });
});
