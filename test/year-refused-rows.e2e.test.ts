/**
 * Someone whose rows in one semester were all refused (a score that is not one, or above the
 * maximum) has rows there: `year` (and `rewards`, `batch`) must not also warn that they have no
 * scores in that semester. The errors of the rows say what is wrong, with their places, and exit 1.
 * Someone really missing from a semester is still warned about, on one thread or two.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, type RunResult, run, tempDir } from './helpers.js';

const H1 = readFileSync(join(FIX, '2026-H1.csv'), 'utf8');
const H2 = readFileSync(join(FIX, '2026-H2.csv'));

/** The H1 fixture with S002's last score (ask, column 11) made `bad` on `rows` of their rows, and S004 left out when `dropS004`. */
function h1With(bad: string, rows: number, dropS004 = false): string {
  let n = 0;
  const lines = H1.split('\n')
    .filter((l) => !(dropS004 && l.startsWith('S004,')))
    .map((l) => (l.startsWith('S002,') && n++ < rows ? l.replace(/,[^,]*$/, `,${bad}`) : l));
  return lines.join('\n');
}

/** Both semesters in a folder of their own, H1 as given. */
function sheets(h1: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'h1.csv'), h1);
  writeFileSync(join(dir, 'h2.csv'), H2);
  return dir;
}

/** The warnings that someone has no scores in a semester, in either language. */
const missingWarnings = (r: RunResult) => r.stderr.split('\n').filter((l) => /warning: .*(has no scores in|没有评分)/.test(l));

describe('year with refused rows', () => {
  it.each(['en', 'zh'])('does not call someone whose H1 rows were all refused missing from H1 (--lang %s)', (lang) => {
    const dir = sheets(h1With('abc', 5));
    const r = run(['year', 'h1.csv', 'h2.csv', '--lang', lang], { cwd: dir });
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => / error: /.test(l));
    expect(errors.map((l) => l.slice(0, l.indexOf(' error:')))).toEqual(['h1.csv:7:11:', 'h1.csv:8:11:', 'h1.csv:9:11:', 'h1.csv:10:11:', 'h1.csv:11:11:']);
    for (const l of errors) expect(l).toMatch(/"abc".*S002 刘洋/);
    expect(missingWarnings(r)).toEqual([]);
    expect(r.stderr).not.toMatch(/warning:.*S002/);
  });

  it.each(['year', 'rewards'])('says nothing false in %s when the scores are above the maximum', (command) => {
    const dir = sheets(h1With('25', 5));
    const r = run([command, 'h1.csv', 'h2.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('h1.csv:7:11: error: score 25 for ask exceeds the maximum 20 (S002 刘洋, rater 王主任)');
    expect(missingWarnings(r)).toEqual([]);
    expect(r.stderr).toMatch(/^5 errors; nothing was written$/m);
  });

  it.each(['en', 'zh'])('says nothing false when one of five rows is refused (--lang %s)', (lang) => {
    const dir = sheets(h1With('abc', 1));
    const r = run(['year', 'h1.csv', 'h2.csv', '--lang', lang], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^h1\.csv:7:11: error: .*"abc".*S002 刘洋/);
    expect(lines[1]).toMatch(lang === 'en' ? /^1 error; nothing was written$/ : /^1 个错误；/);
  });

  it.each(['en', 'zh'])('still warns about someone really missing from H1 (--lang %s)', (lang) => {
    const dir = sheets(h1With('abc', 5, true));
    const r = run(['year', 'h1.csv', 'h2.csv', '--lang', lang], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^h1\.csv:7:11: error: .*"abc".*S002 刘洋/m);
    const warned = missingWarnings(r);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/^h2\.csv:\d+: warning: S004 杨帆 /);
    expect(warned[0]).toContain(lang === 'en' ? 'has no scores in 2026-H1' : '在 2026年上半年 没有评分');
  });

  it.each([['year', 'h2.csv'], ['score']])('with --roster, %s does not say the roster\'s person has no scores either', (...cmd) => {
    const dir = sheets(h1With('abc', 5));
    const r = run([cmd[0]!, 'h1.csv', ...cmd.slice(1), '--roster', join(FIX, 'roster.csv')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('h1.csv:7:11: error: score "abc" for ask is not a number (S002 刘洋, rater 王主任)');
    expect(r.stderr).not.toContain('S002 刘洋 is on the roster but has no scores');
    // Someone on the roster with no row at all still is.
    const none = sheets(h1With('18', 5, true));
    expect(run([cmd[0]!, 'h1.csv', ...cmd.slice(1), '--roster', join(FIX, 'roster.csv')], { cwd: none }).stderr).toMatch(/roster\.csv:\d+: (error|warning): S004 杨帆 is on the roster but has no scores in 2026-H1/);
  });

  it('says the same on two threads, the refused rows read by the second (its staff numbers its own)', () => {
    // One sheet of 1,000 people in both semesters, cut inside (past its first 64 KB): P0500's H2
    // rows are all refused, P0700 has none in H2.
    const raters = ['王主任,leader', '李科长,head-office', '赵老师,center-office', '学生甲,student', '学生乙,student'];
    const out = ['staff_id,name,post,semester,rater,role,listen,see,check,test,ask'];
    for (const semester of ['2026-H1', '2026-H2']) {
      for (let i = 0; i < 1000; i++) {
        if (semester === '2026-H2' && i === 700) continue;
        const id = `P${String(i).padStart(4, '0')}`;
        for (const r of raters) out.push(`${id},人${i},1号楼,${semester},${r},18,17,16,15,${semester === '2026-H2' && i === 500 ? 'abc' : '17'}`);
      }
    }
    const dir = tempDir();
    writeFileSync(join(dir, 'big.csv'), `${out.join('\n')}\n`);
    const two = run(['year', 'big.csv'], { cwd: dir, env: { EVALUATE_PARALLEL_MIN_BYTES: '1', EVALUATE_TEST_FIXED_CUT: '1', EVALUATE_DEBUG: '1' } });
    const one = run(['year', 'big.csv'], { cwd: dir, env: { EVALUATE_ONE_THREAD: '1' } });
    expect(two.stderr).toMatch(/first part read \([1-9]\d* bytes of file 1\)/);
    expect(two.stderr).toContain('second part merged');
    const problems = (r: RunResult) => r.stderr.split('\n').filter((l) => /^big\.csv:/.test(l));
    expect(problems(two)).toEqual(problems(one));
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(missingWarnings(one)).toEqual(['big.csv:3502: warning: P0700 人700 has no scores in 2026-H2: the year is incomplete, not decided']);
    expect(problems(one).filter((l) => l.includes(' error: '))).toHaveLength(5);
  });
});
