/**
 * The committee against the rules (SPEC "The rules": 1 leader, 1 head office, 1 center office and
 * 2 student representatives; a panel unlike it is a warning, not an error). Every command that
 * reads sheets says it once per semester, at the semester's first row (or at the row of a rater a
 * role has too many), in English and in Chinese,
 * and JSON lists it among its warnings; `evaluate check` says it in its summary instead. Sheets that
 * give no rater a role are not checked. And someone scored by fewer raters than most people of the
 * semester is named.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

/** fixtures/2026-H1.csv: 24 staff, each scored by the five members of a complete committee. */
const H1 = readFileSync(join(FIX, '2026-H1.csv'), 'utf8');
const LINES = H1.split(/(?<=\n)/);

/** The sheet without 学生乙's rows (`grep -v 学生乙`): one student representative of the two. */
const FOUR = LINES.filter((l) => !l.includes('学生乙')).join('');
/** The sheet without its role column: nobody has a role, so there is no committee to check. */
const NO_ROLE = LINES.map((l) => l.split(',').filter((_, i) => i !== 5).join(',')).join('');
/** 学生乙's role cells left empty: five raters, one of them without a role. */
const BLANK_ROLE = H1.replaceAll(',学生乙,student,', ',学生乙,,');

const EN_RULES = 'the committee of 2026-H1 differs from the rules (1 leader, 1 head office, 1 center office, 2 student representatives)';
const ZH_RULES = '2026年上半年考评小组组成与规定（组长 1 人、总公司办公室 1 人、中心办公室 1 人、学生代表 2 人）不同';
/** The message of the warning, as JSON gives it; `parts` are the counts that differ. */
const enMessage = (parts: string) => `${EN_RULES}: ${parts}`;
const zhMessage = (parts: string) => `${ZH_RULES}：${parts}`;
/** The warning's line on standard error: at the semester's first row, line 2. */
const line = (file: string, message: string) => `${file}:2: warning: ${message}\n`;

const ONE_STUDENT_EN = 'student 1 (the rules ask 2)';
const ONE_STUDENT_ZH = '学生代表 1 人（规定 2 人）';

/** A folder holding `sheets` (name to text), and the fixtures' 2026-H2.csv and policy.json (which sets the amounts `year` would warn about). */
function folder(sheets: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(sheets)) writeFileSync(join(dir, name), text);
  copyFileSync(join(FIX, '2026-H2.csv'), join(dir, '2026-H2.csv'));
  copyFileSync(join(FIX, 'policy.json'), join(dir, 'policy.json'));
  return dir;
}

function jsonWarnings(dir: string, args: string[]): unknown {
  const r = run(['score', ...args, '--format', 'json'], { cwd: dir });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).warnings;
}

describe('the committee of a semester against the rules', () => {
  it('the sheets are made as meant', () => {
    expect(LINES[0]).toBe('staff_id,name,post,semester,rater,role,listen,see,check,test,ask\n');
    expect(LINES).toHaveLength(1 + 24 * 5);
    expect(FOUR.split('\n').filter((l) => l !== '')).toHaveLength(1 + 24 * 4);
    expect(NO_ROLE.split('\n')[0]).toBe('staff_id,name,post,semester,rater,listen,see,check,test,ask');
    expect(BLANK_ROLE.split(',学生乙,,')).toHaveLength(24 + 1);
  });

  it('the fixture, a complete committee: nothing is said', () => {
    const dir = folder({ '2026-H1.csv': H1 });
    for (const lang of ['en', 'zh']) {
      const score = run(['score', '2026-H1.csv', '--lang', lang], { cwd: dir });
      expect(score.stderr, lang).toBe('');
      expect(score.code, lang).toBe(0);
      expect(jsonWarnings(dir, ['2026-H1.csv', '--lang', lang]), lang).toEqual([]);
      const year = run(['year', '2026-H1.csv', '2026-H2.csv', '--policy', 'policy.json', '--lang', lang], { cwd: dir });
      expect(year.stderr, lang).toBe('');
      expect(year.code, lang).toBe(0);
    }
  });

  it('one student representative: score says it once, at the first row, and exits 0; JSON lists it', () => {
    const dir = folder({ 'four.csv': FOUR });
    const en = run(['score', 'four.csv'], { cwd: dir });
    expect(en.stderr).toBe(line('four.csv', enMessage(ONE_STUDENT_EN)));
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('S001');
    const zh = run(['score', 'four.csv', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr).toBe(line('four.csv', zhMessage(ONE_STUDENT_ZH)));
    expect(zh.code).toBe(0);
    expect(jsonWarnings(dir, ['four.csv'])).toEqual([{ file: 'four.csv', line: 2, message: enMessage(ONE_STUDENT_EN) }]);
    expect(jsonWarnings(dir, ['four.csv', '--lang', 'zh'])).toEqual([{ file: 'four.csv', line: 2, message: zhMessage(ONE_STUDENT_ZH) }]);
  });

  it('year says it of the semester whose committee differs, and of no other', () => {
    const dir = folder({ 'four.csv': FOUR });
    const en = run(['year', 'four.csv', '2026-H2.csv', '--policy', 'policy.json'], { cwd: dir });
    expect(en.stderr).toBe(line('four.csv', enMessage(ONE_STUDENT_EN)));
    expect(en.code).toBe(0);
    const zh = run(['year', 'four.csv', '2026-H2.csv', '--policy', 'policy.json', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr).toBe(line('four.csv', zhMessage(ONE_STUDENT_ZH)));
    expect(zh.code).toBe(0);
  });

  it('report --format html says it before the file written, and writes the report', () => {
    const dir = folder({ 'four.csv': FOUR });
    const en = run(['report', 'four.csv', '--format', 'html', '--out', 'report.html'], { cwd: dir });
    expect(en.stderr).toBe(`${line('four.csv', enMessage(ONE_STUDENT_EN))}evaluate: wrote report.html\n`);
    expect(en.code).toBe(0);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    const zh = run(['report', 'four.csv', '--format', 'html', '--out', '报告.html', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr).toBe(`${line('four.csv', zhMessage(ONE_STUDENT_ZH))}evaluate: 已写入 报告.html\n`);
    expect(zh.code).toBe(0);
    expect(existsSync(join(dir, '报告.html'))).toBe(true);
  });

  it('check says it in its summary, not on standard error', () => {
    const dir = folder({ 'four.csv': FOUR });
    const en = run(['check', 'four.csv'], { cwd: dir });
    expect(en.stderr).toBe('');
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('  warning: the committee differs from the rules: student 1 (rules: 2)\n');
    expect(en.stdout).toContain('No errors; 1 warning.');
    const zh = run(['check', 'four.csv', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr).toBe('');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('  警告：考评小组组成与规定不同：学生代表 1 人（规定 2 人）\n');
  });

  it('a sheet without a role column is not checked: nothing is said', () => {
    const dir = folder({ 'no-role.csv': NO_ROLE });
    const r = run(['score', 'no-role.csv'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(jsonWarnings(dir, ['no-role.csv'])).toEqual([]);
  });

  it('a rater without a role among raters with roles is counted as such', () => {
    // 王主任 leader, 李科长 head office, 赵老师 center office, 学生甲 student, 学生乙 no role: one
    // student of the two, and one rater without a role where the rules have none.
    const dir = folder({ 'blank-role.csv': BLANK_ROLE });
    const en = run(['score', 'blank-role.csv'], { cwd: dir });
    const enParts = 'student 1 (the rules ask 2); raters without a role 1 (the rules ask 0)';
    expect(en.stderr).toBe(line('blank-role.csv', enMessage(enParts)));
    expect(en.code).toBe(0);
    const zh = run(['score', 'blank-role.csv', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr).toBe(line('blank-role.csv', zhMessage('学生代表 1 人（规定 2 人）；未注明角色的评委 1 人（规定 0 人）')));
    expect(zh.code).toBe(0);
    expect(jsonWarnings(dir, ['blank-role.csv'])).toEqual([{ file: 'blank-role.csv', line: 2, message: enMessage(enParts) }]);
  });

  it('raters whose every row is refused still sit on the committee; rows without a semester hold back only "too few"', () => {
    // Every row of 学生乙 refused for a score over the maximum: the committee is still complete.
    const over = H1.replace(/(,学生乙,student,)[^,]+/g, '$125');
    const dir = folder({ 'over.csv': over, 'no-semester.csv': FOUR.replace(',2026-H1,学生甲,', ',,学生甲,') });
    const r = run(['score', 'over.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('committee');
    expect(r.stderr).toContain('error: score 25 for listen exceeds the maximum 20 (S001 张伟, rater 学生乙)');
    // One student fewer, and a row whose semester is blank: its rater may be that student; not said.
    const blank = run(['score', 'no-semester.csv'], { cwd: dir });
    expect(blank.stderr).toBe('no-semester.csv:5:4: error: no semester for this row (S001 张伟, rater 学生甲): the semester cell is blank; give --semester\n1 error; nothing was written\n');
    // Too many is said all the same: 学生乙 given the role leader on every row.
    writeFileSync(join(dir, 'two-leaders.csv'), FOUR.replace(',2026-H1,学生甲,', ',,学生甲,') + LINES.filter((l) => l.includes('学生乙')).join('').replaceAll(',student,', ',leader,'));
    const two = run(['score', 'two-leaders.csv'], { cwd: dir });
    expect(two.stderr).toContain(`: warning: ${enMessage(`leader 2 (the rules ask 1); ${ONE_STUDENT_EN}`)}\n`);
  });
});

describe('a committee member typed twice, and someone scored by fewer raters than most', () => {
  /** The sample split into one sheet per rater, as a secretary collects them, in a folder. */
  function perRater(edit: (rater: string, lines: string[]) => string[] = (_, l) => l): string {
    const dir = tempDir();
    const [head, ...rows] = H1.trimEnd().split('\n');
    for (const rater of ['王主任', '李科长', '赵老师', '学生甲', '学生乙']) {
      writeFileSync(join(dir, `${rater}.csv`), `${[head, ...edit(rater, rows.filter((r) => r.split(',')[4] === rater))].join('\n')}\n`);
    }
    return dir;
  }

  it('a leader\'s name typed another way on one row: the warning is at that row, where the second leader is', () => {
    const dir = perRater((rater, rows) => (rater === '王主任' ? rows.map((r, i) => (i === 9 ? r.replace(',王主任,', ',王 主任,') : r)) : rows));
    const r = run(['score', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`王主任.csv:11: warning: ${enMessage('leader 2 (the rules ask 1)')}\n`);
    // The two spellings differ only by a space: said, with both names, in en and zh.
    expect(r.stderr).toContain('王主任.csv:11: warning: the raters "王主任" and "王 主任" of 2026-H1 differ only in spaces or letter case: is one person\'s name typed two ways? They count as 2 raters, each without the other\'s scores\n');
    expect(run(['score', '.', '--lang', 'zh'], { cwd: dir }).stderr).toContain('王主任.csv:11: warning: 2026年上半年的评委 “王主任”与“王 主任” 只差空格或大小写');
    // Two raters whose names share no such likeness: nothing of the kind.
    expect(run(['score', '.'], { cwd: perRater() }).stderr).not.toContain('differ only');
  });

  it('a row missing from one rater\'s sheet: a warning at the person\'s first row naming that rater, in en and zh; exit 0', () => {
    const dir = perRater((rater, rows) => (rater === '王主任' ? rows.filter((r) => !r.startsWith('S024,')) : rows));
    const r = run(['score', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      '学生乙.csv:25: warning: S024 冯建华 is scored by 4 raters, most people of 2026-H1 by 5: not by 王主任; is a row missing from a sheet, or the staff id typed differently?\n',
    );
    expect(run(['score', '.', '--lang', 'zh'], { cwd: dir }).stderr).toContain(
      '学生乙.csv:25: warning: S024 冯建华 只有 4 位评委评分，2026年上半年多数人有 5 位：王主任 没有给其评分；是否漏了一行，或者工号输错了？\n',
    );
  });

  it('a staff id typed differently on one sheet: both the one-rater person and the four-rater one are named', () => {
    const dir = perRater((rater, rows) => (rater === '赵老师' ? rows.map((r) => r.replace(/^S003,/, 'S03,')) : rows));
    const said = run(['score', '.'], { cwd: dir }).stderr;
    expect(said).toContain('S03 陈静 is scored by 1 rater, most people of 2026-H1 by 5: not by 李科长, 王主任, 学生甲, 学生乙;');
    expect(said).toContain('S003 陈静 is scored by 4 raters, most people of 2026-H1 by 5: not by 赵老师;');
  });

  it('raters who each score a part of the staff by design (a quarter or more with fewer): nothing is said of it', () => {
    // 学生乙 scores only the first half of the staff.
    const dir = perRater((rater, rows) => (rater === '学生乙' ? rows.slice(0, 12) : rows));
    expect(run(['score', '.'], { cwd: dir }).stderr).not.toContain('is scored by');
  });

  it('while the sheets have errors, a refused row is not taken for a missing one', () => {
    const dir = perRater((rater, rows) => (rater === '王主任' ? rows.map((r) => (r.startsWith('S024,') ? r.replace(/,[^,]*$/, ',abc') : r)) : rows));
    const r = run(['score', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('王主任.csv:25:11: error: score "abc" for ask is not a number (S024 冯建华, rater 王主任)');
    expect(r.stderr).not.toContain('is scored by');
  });

  it('a staff id typed as another\'s (an error there): the person who lost the row is named in the same run', () => {
    const dir = perRater((rater, rows) => (rater === '学生甲' ? rows.map((r) => r.replace(/^S023,韩雪,/, 'S022,韩雪,')) : rows));
    const r = run(['score', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('学生甲.csv:24:7: error: listen, see, check, test and ask are scored twice for S022 唐明, rater 学生甲: here and at 学生甲.csv:23:7\n');
    expect(r.stderr).toContain('学生乙.csv:24: warning: S023 韩雪 is scored by 4 raters, most people of 2026-H1 by 5: not by 学生甲; is a row missing from a sheet, or the staff id typed differently?\n');
  });

  it('two semesters in two sheets: each semester\'s warning is at a row of its own sheet, where its second leader is', () => {
    const dir = tempDir();
    const sheet = (semester: string) => `staff_id,semester,rater,role,listen,see,check,test,ask\nS1,${semester},A,leader,18,18,18,18,18\nS1,${semester},B,leader,18,18,18,18,18\n`;
    writeFileSync(join(dir, 'p1.csv'), sheet('2026-H1'));
    writeFileSync(join(dir, 'p2.csv'), sheet('2026-H2'));
    const said = run(['score', 'p1.csv', 'p2.csv'], { cwd: dir }).stderr.split('\n').filter((l) => l.includes('the committee of'));
    expect(said.map((l) => l.replace(/ differs.*/, ''))).toEqual(['p1.csv:3: warning: the committee of 2026-H1', 'p2.csv:3: warning: the committee of 2026-H2']);
  });
});

describe('staff ids that a spreadsheet stripped of their leading zeros', () => {
  /**
   * One sheet per rater with the staff ids as digits: S001 as `idFor(rater, '001')` (by default
   * 001, or 1 for the raters in `stripped`, as a spreadsheet that read the ids as numbers saves them).
   */
  function digitsPerRater(stripped: string[], idFor = (rater: string, digits: string) => (stripped.includes(rater) ? String(Number(digits)) : digits)): string {
    const dir = tempDir();
    const [head, ...rows] = H1.trimEnd().split('\n');
    for (const rater of ['王主任', '李科长', '赵老师', '学生甲', '学生乙']) {
      const mine = rows.filter((r) => r.split(',')[4] === rater).map((r) => r.replace(/^S(\d+)/, (_, digits: string) => idFor(rater, digits)));
      writeFileSync(join(dir, `${rater}.csv`), `${[head, ...mine].join('\n')}\n`);
    }
    return dir;
  }
  const EN =
    'staff ids of 2026-H1 that differ only in leading zeros: 1 张伟 and 001 张伟; 2 刘洋 and 002 刘洋; 3 陈静 and 003 陈静; and 21 more. Did a spreadsheet read the ids as numbers and drop the zeros? Each id counts as a person of its own, with part of the scores; correct the ids in the sheet (keep the column as text so that the zeros stay)';
  const ZH =
    '2026年上半年有工号只差开头的 0：1 张伟 与 001 张伟；2 刘洋 与 002 刘洋；3 陈静 与 003 陈静；另有 21 组。是否电子表格把工号当作数字读入，去掉了开头的 0？目前每个工号各算一人，各自只有部分评分；请在表中改正工号（把这一列设为文本格式，0 才不会被去掉）';

  it('one rater\'s sheet with 1 where the others have 001: said once, at that sheet\'s first row, in en, zh and JSON', () => {
    const dir = digitsPerRater(['学生乙']);
    expect(readFileSync(join(dir, '学生乙.csv'), 'utf8').split('\n')[1]).toBe('1,张伟,1号楼,2026-H1,学生乙,student,20,20,18.5,19,19');
    expect(readFileSync(join(dir, '王主任.csv'), 'utf8').split('\n')[1]).toMatch(/^001,张伟,/);
    const en = run(['score', '.'], { cwd: dir });
    expect(en.stderr).toBe(`学生乙.csv:2: warning: ${EN}\n`);
    expect(en.code).toBe(0);
    // The report holds 48 people, as the sheets say: warned, not guessed.
    expect(en.stdout).toContain('48 staff');
    const zh = run(['score', '.', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr).toBe(`学生乙.csv:2: warning: ${ZH}\n`);
    expect(jsonWarnings(dir, ['.'])).toEqual([{ file: '学生乙.csv', line: 2, message: EN }]);
    // check, which says the committee in its summary, says this as a warning.
    const check = run(['check', '.'], { cwd: dir });
    expect(check.stderr).toBe(`学生乙.csv:2: warning: ${EN}\n`);
    expect(check.stdout).toContain('No errors; 1 warning.');
  });

  it('two paddings of one id (0001 and 001) are warned about too, at the one met last', () => {
    const dir = digitsPerRater([], (rater, digits) => (rater === '赵老师' && digits === '007' ? '0007' : digits));
    const r = run(['score', '.'], { cwd: dir });
    // One person of 24 lost a rater: fewer-raters names both halves as well.
    expect(r.stderr).toBe(
      '学生乙.csv:8: warning: 007 吴强 is scored by 4 raters, most people of 2026-H1 by 5: not by 赵老师; is a row missing from a sheet, or the staff id typed differently?\n' +
        '赵老师.csv:8: warning: 0007 吴强 is scored by 1 rater, most people of 2026-H1 by 5: not by 李科长, 王主任, 学生甲, 学生乙; is a row missing from a sheet, or the staff id typed differently?\n' +
        '赵老师.csv:8: warning: staff ids of 2026-H1 that differ only in leading zeros: 007 吴强 and 0007 吴强. Did a spreadsheet read the ids as numbers and drop the zeros? Each id counts as a person of its own, with part of the scores; correct the ids in the sheet (keep the column as text so that the zeros stay)\n',
    );
  });

  it('an id with its zeros in one semester and without them in the other: year names the id the other semester has', () => {
    const dir = tempDir();
    // H1 with ids 001 … 024; H2 the same rows, but 吴强's id is 7 (its sheet went through a spreadsheet).
    const h1 = H1.replace(/^S(\d+)/gm, '$1');
    const h2 = h1.replaceAll(',2026-H1,', ',2026-H2,').replace(/^007,/gm, '7,');
    writeFileSync(join(dir, 'h1.csv'), h1);
    writeFileSync(join(dir, 'h2.csv'), h2);
    const en = run(['year', 'h1.csv', 'h2.csv'], { cwd: dir });
    const missing = en.stderr.split('\n').filter((l) => l.includes('has no scores'));
    expect(missing).toEqual([
      'h1.csv:32: warning: 007 吴强 has no scores in 2026-H2: the year is incomplete, not decided. 2026-H2 scores 7 吴强, an id that differs only in leading zeros: did a spreadsheet read the ids as numbers and drop the zeros? Correct the ids so that both semesters give one',
      'h2.csv:32: warning: 7 吴强 has no scores in 2026-H1: the year is incomplete, not decided. 2026-H1 scores 007 吴强, an id that differs only in leading zeros: did a spreadsheet read the ids as numbers and drop the zeros? Correct the ids so that both semesters give one',
    ]);
    const zh = run(['year', 'h1.csv', 'h2.csv', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr.split('\n').filter((l) => l.includes('没有评分'))).toEqual([
      'h1.csv:32: warning: 007 吴强 在 2026年下半年 没有评分：该年度不完整，暂不作年度结论。2026年下半年有 7 吴强，工号只差开头的 0：是否电子表格把工号当作数字读入，去掉了开头的 0？请改正工号，使两个学期一致',
      'h2.csv:32: warning: 7 吴强 在 2026年上半年 没有评分：该年度不完整，暂不作年度结论。2026年上半年有 007 吴强，工号只差开头的 0：是否电子表格把工号当作数字读入，去掉了开头的 0？请改正工号，使两个学期一致',
    ]);
    // Someone missing from a semester whose ids are all other ids is told as before, without a guess.
    writeFileSync(join(dir, 'h2.csv'), h2.split('\n').filter((l) => !l.startsWith('7,')).join('\n'));
    const gone = run(['year', 'h1.csv', 'h2.csv'], { cwd: dir });
    expect(gone.stderr.split('\n').filter((l) => l.includes('has no scores'))).toEqual(['h1.csv:32: warning: 007 吴强 has no scores in 2026-H2: the year is incomplete, not decided']);
  });

  it('ids of digits alike in every sheet, with zeros or without, padded to one width or not, are not warned about', () => {
    // 001 … 024; 1 … 24; 01 … 24 (the ids from 10 on begin with another digit, none is longer).
    const twoDigits = (_: string, digits: string) => digits.slice(1);
    for (const [stripped, idFor] of [[[]], [['王主任', '李科长', '赵老师', '学生甲', '学生乙']], [[], twoDigits]] as const) {
      const dir = digitsPerRater([...stripped], idFor);
      const r = run(['score', '.'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('24 staff');
    }
  });
});
