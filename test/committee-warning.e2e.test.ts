/**
 * The committee against the rules (SPEC "The rules": 1 leader, 1 head office, 1 center office and
 * 2 student representatives; a panel unlike it is a warning, not an error). Every command that
 * reads sheets says it once per semester, at the semester's first row, in English and in Chinese,
 * and JSON lists it among its warnings; `evaluate check` says it in its summary instead. Sheets that
 * give no rater a role are not checked.
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
});
