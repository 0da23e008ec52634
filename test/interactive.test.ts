// The interactive commands driven through their real prompts: @inquirer/testing stands in for the
// terminal (it must be imported before anything that loads @inquirer/prompts).
import { screen } from '@inquirer/testing/vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type EnterFlags, runEnter } from '../src/commands/enter.js';
import { runInit } from '../src/commands/init.js';
import { parseHeader } from '../src/core/cells.js';
import { DEFAULT_POLICY, validatePolicy } from '../src/core/policy.js';
import { DataError } from '../src/errors.js';
import { FIX, run, tempDir } from './helpers.js';

const HEADER = 'staff_id,name,post,semester,rater,role,listen,see,check,test,ask';

function setup(roster = 'staff_id,name,post\nS001,张伟,1号楼\nS002,刘洋,1号楼\nS003,陈静,2号楼\n') {
  const dir = tempDir();
  writeFileSync(join(dir, 'roster.csv'), roster);
  const flags: EnterFlags = {
    roster: join(dir, 'roster.csv'),
    semester: '2026-H1',
    rater: '王主任',
    role: 'leader',
    out: join(dir, 'wang.csv'),
    lang: 'en',
  };
  return { dir, flags, sheet: flags.out };
}

/** Starts a session; `lines` collects what it prints between the questions, `warnings` its closing words. */
async function start(flags: EnterFlags) {
  const lines: string[] = [];
  const warnings: string[] = [];
  const outcome = runEnter(flags, { interactive: true, print: (l) => lines.push(l), warn: (l) => warnings.push(l) });
  await screen.next(); // the first question is on the screen
  return { outcome, lines, warnings };
}

/** Types a value and Enter, then waits for the next question (or the same one with its error). */
async function answer(text: string): Promise<void> {
  if (text) screen.type(text);
  screen.keypress('enter');
  await screen.next();
}

async function person(scores: string[]): Promise<void> {
  for (const s of scores) await answer(s);
  expect(screen.getScreen()).toMatch(/^\? (Save S\d+ .*\? \(Y\/n\)|保存 S\d+ .*？ \[是\]\/否)$/);
  await answer(''); // Enter: yes
}

function rows(sheet: string): string[] {
  return readFileSync(sheet, 'utf8').split('\r\n').filter(Boolean);
}

describe('evaluate enter, driven through its prompts', () => {
  it('the happy path: five scores a person, the running total, each person saved at once, a summary', async () => {
    const { flags, sheet } = setup();
    const { outcome, lines } = await start(flags);
    expect(lines).toContain('[1/3] S001 张伟 · 1号楼');
    expect(screen.getScreen()).toBe('? listen (0-20)');
    await answer('19');
    expect(screen.getScreen()).toBe('? see (0-20) total so far 19.0');
    screen.type('18.5');
    expect(screen.getScreen()).toBe('? see (0-20) 18.5  → total 37.5');
    await answer('');
    await answer('１８'); // full-width digits, as a Chinese input method types them
    await answer('17');
    await answer('20');
    expect(screen.getScreen()).toBe('? Save S001 张伟: 19 + 18.5 + 18 + 17 + 20 = 92.5? (Y/n)');
    expect(existsSync(sheet)).toBe(false);
    await answer('');
    // Saved before the next person is asked.
    expect(rows(sheet)).toEqual([HEADER, 'S001,张伟,1号楼,2026-H1,王主任,leader,19,18.5,18,17,20']);
    expect(lines).toContain('  saved S001 张伟 (1 of 3 in the sheet)');
    expect(lines).toContain('[2/3] S002 刘洋 · 1号楼');
    await person(['15', '15', '15', '15', '15']);
    await person(['10', '10', '12', '10', '10']);
    expect(lines).toContain('Summary: 3 of 3 saved for 2026-H1, rater 王主任');
    expect(lines.some((l) => /^ {2}S003 {2}陈静 +10 +10 +12 +10 +10 +52\.0 {2}saved$/.test(l))).toBe(true);
    expect(screen.getScreen()).toContain('All correct?');
    expect(screen.getScreen()).toContain('Yes, finish');
    screen.keypress('enter');
    await expect(outcome).resolves.toBe('done');
    expect(lines.at(-1)).toBe(`Done: 3 of 3 staff in ${sheet}.`);
    expect(rows(sheet)).toEqual([
      HEADER,
      'S001,张伟,1号楼,2026-H1,王主任,leader,19,18.5,18,17,20',
      'S002,刘洋,1号楼,2026-H1,王主任,leader,15,15,15,15,15',
      'S003,陈静,2号楼,2026-H1,王主任,leader,10,10,12,10,10',
    ]);

    // The sheet is what `evaluate score` reads.
    const r = run(['score', sheet, '--format', 'json']);
    expect(r.code).toBe(0);
    const staff = JSON.parse(r.stdout).semesters[0].staff;
    expect(staff.map((s: { staffId: string; total: number; grade: string }) => [s.staffId, s.total, s.grade])).toEqual([
      ['S001', 92.5, 'excellent'],
      ['S002', 75, 'qualified'],
      ['S003', 52, 'unqualified'],
    ]);
  });

  it('rejects an out-of-range value as it is typed and keeps asking the same question', async () => {
    const { flags, sheet } = setup();
    const { outcome, warnings } = await start(flags);
    // Each value refused is cleared from the line; the message quotes it.
    await answer('21');
    expect(screen.getScreen()).toBe('? listen (0-20)\n> 21 is above the maximum: a listen score is from 0 to 20');
    await answer('abc');
    expect(screen.getScreen()).toContain('> "abc" is not a number: type the listen score (0-20), b to go back or s to skip');
    await answer('-3');
    expect(screen.getScreen()).toContain('> -3 is negative: a listen score is from 0 to 20');
    await answer('');
    expect(screen.getScreen()).toContain('> type the listen score (0-20), b to go back or s to skip');
    await answer('20');
    expect(screen.getScreen()).toBe('? see (0-20) total so far 20.0');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(outcome).resolves.toBe('interrupted');
    // Nothing rejected, nor the half-typed person, reached the sheet.
    expect(existsSync(sheet)).toBe(false);
    expect(warnings).toEqual([`\nStopped before anyone was saved: ${sheet} was not written.`]);
  });

  it('b goes back a method, then to the previous person to correct them; their row is replaced, not added', async () => {
    const { flags, sheet } = setup();
    const { outcome, lines } = await start(flags);
    await answer('19');
    await answer('b');
    expect(screen.getScreen()).toBe('? listen (0-20) (19)');
    await answer(''); // Enter keeps 19
    await person(['18', '17', '16', '20']);
    await answer('b'); // at S002's first question: back to S001
    expect(lines.slice(-3)).toEqual(['', '[1/3] S001 张伟 · 1号楼', '  already saved; Enter keeps a score, type another to change it']);
    expect(screen.getScreen()).toBe('? listen (0-20) (19)');
    for (let i = 0; i < 4; i++) await answer('');
    expect(screen.getScreen()).toBe('? ask (0-20) (20) total so far 70.0');
    await answer('15');
    expect(screen.getScreen()).toBe('? Save S001 张伟: 19 + 18 + 17 + 16 + 15 = 85.0? (Y/n)');
    await answer('');
    expect(rows(sheet)).toEqual([HEADER, 'S001,张伟,1号楼,2026-H1,王主任,leader,19,18,17,16,15']);
    // And on to S002, where we were.
    expect(lines.at(-1)).toBe('[2/3] S002 刘洋 · 1号楼');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(outcome).resolves.toBe('interrupted');
  });

  it('s skips someone; they come back after the last one', async () => {
    const { flags, sheet } = setup();
    const { outcome, lines } = await start(flags);
    await answer('12');
    await answer('s');
    expect(lines).toContain('  skipped S001 张伟 for now; it comes back after the last one');
    expect(lines.at(-1)).toBe('[2/3] S002 刘洋 · 1号楼');
    await person(['15', '15', '15', '15', '15']);
    await person(['10', '10', '10', '10', '10']);
    expect(lines).toContain('Coming back to the staff skipped: S001 张伟');
    expect(screen.getScreen()).toBe('? listen (0-20) (12)');
    await person(['', '13', '13', '13', '13']);
    screen.keypress('enter');
    await expect(outcome).resolves.toBe('done');
    expect(rows(sheet).slice(1).map((r) => r.split(',')[0])).toEqual(['S002', 'S003', 'S001']);
    expect(rows(sheet)[3]).toBe('S001,张伟,1号楼,2026-H1,王主任,leader,12,13,13,13,13');
  });

  it('resumes after an interruption: saved people are kept, nobody is written twice', async () => {
    const { flags, sheet } = setup();
    const first = await start(flags);
    await person(['19', '18', '17', '16', '15']);
    await answer('14');
    await answer('13');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(first.outcome).resolves.toBe('interrupted');
    expect(first.warnings).toEqual([
      `\nStopped. 1 of 3 staff are saved in ${sheet}; S002 刘洋 was being typed and is not saved.`,
      '  S001 张伟',
      'Run the same command again to continue where you stopped.',
    ]);
    const saved = readFileSync(sheet, 'utf8');
    expect(rows(sheet)).toHaveLength(2);

    screen.clear();
    const second = await start(flags);
    expect(second.lines).toContain('Continuing: 1 of 3 are already in the sheet.');
    expect(second.lines.at(-1)).toBe('[2/3] S002 刘洋 · 1号楼');
    expect(screen.getScreen()).toBe('? listen (0-20)');
    await person(['14', '13', '12', '11', '10']);
    await person(['9', '9', '9', '9', '9']);
    screen.keypress('enter');
    await expect(second.outcome).resolves.toBe('done');
    const text = readFileSync(sheet, 'utf8');
    expect(text.startsWith(saved)).toBe(true);
    expect(rows(sheet).map((r) => r.split(',')[0])).toEqual(['staff_id', 'S001', 'S002', 'S003']);

    // A third run finds everyone and goes straight to the summary; finishing changes nothing.
    screen.clear();
    const third = await start(flags);
    expect(third.lines).toContain('Summary: 3 of 3 saved for 2026-H1, rater 王主任');
    screen.keypress('enter');
    await expect(third.outcome).resolves.toBe('done');
    expect(readFileSync(sheet, 'utf8')).toBe(text);
  });

  it('continues a sheet that holds other raters, keeping their rows as they are', async () => {
    const { flags, sheet } = setup('staff_id,name,post\nS001,张伟,1号楼\nS002,刘洋,1号楼\n');
    const other = 'S001,张伟,1号楼,2026-H1,学生甲,student,10,10,10,10,10';
    writeFileSync(sheet, `${HEADER}\n${other}\nS001,张伟,1号楼,2026-H1,王主任,leader,19,19,19,19,19\n`);
    const { outcome, lines } = await start(flags);
    expect(lines.at(-1)).toBe('[2/2] S002 刘洋 · 1号楼');
    await person(['1', '2', '3', '4', '5']);
    screen.keypress('enter');
    await expect(outcome).resolves.toBe('done');
    expect(readFileSync(sheet, 'utf8').split('\n')).toEqual([
      HEADER,
      other,
      'S001,张伟,1号楼,2026-H1,王主任,leader,19,19,19,19,19',
      'S002,刘洋,1号楼,2026-H1,王主任,leader,1,2,3,4,5',
      '',
    ]);
  });

  it('fills in a blank sheet from evaluate template in place', async () => {
    const { dir, flags } = setup();
    expect(run(['template', '--roster', flags.roster, '--semester', '2026-H1', '--out', dir, '--raters', '王主任:leader', '--bom']).code).toBe(0);
    const sheet = join(dir, '2026-H1-王主任.csv');
    const { outcome, lines } = await start({ ...flags, out: sheet });
    expect(lines.at(-1)).toBe('[1/3] S001 张伟 · 1号楼');
    await person(['19', '18', '17', '16', '15']);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(outcome).resolves.toBe('interrupted');
    expect(readFileSync(sheet, 'utf8').split('\r\n')).toEqual([
      `\uFEFF${HEADER}`,
      'S001,张伟,1号楼,2026-H1,王主任,leader,19,18,17,16,15',
      'S002,刘洋,1号楼,2026-H1,王主任,leader,,,,,',
      'S003,陈静,2号楼,2026-H1,王主任,leader,,,,,',
      '',
    ]);
  });

  it('asks in Chinese and writes a Chinese header that evaluate score reads', async () => {
    const { flags, sheet } = setup('staff_id,name,post\nS001,张伟,1号楼\n');
    const { outcome, lines } = await start({ ...flags, lang: 'zh', role: '组长' });
    expect(screen.getScreen()).toBe('? 听（0-20）');
    await answer('25');
    expect(screen.getScreen()).toContain('25 超过满分："听"的分数在 0 到 20 之间');
    screen.keypress('backspace');
    screen.keypress('backspace');
    await person(['20', '20', '20', '20', '20']);
    expect(lines).toContain('  已保存 S001 张伟（表中 1/1 人）');
    screen.keypress('enter');
    await expect(outcome).resolves.toBe('done');
    const header = rows(sheet)[0]!.split(',');
    expect(header).toEqual(['工号', '姓名', '岗位', '学期', '评委', '角色', '听', '看', '查', '测', '问']);
    expect(header.map((h) => parseHeader(h))).toEqual(HEADER.split(','));
    expect(rows(sheet)[1]).toBe('S001,张伟,1号楼,2026-H1,王主任,组长,20,20,20,20,20');
    const r = run(['score', sheet, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[1]).toBe('1,S001,张伟,1号楼,2026-H1,20,20,20,20,20,100.0,excellent,,,');
  });
});

describe('evaluate init, driven through its prompts', () => {
  it('asks with the rules pre-filled, checks the maxima add up to 100, shows the policy and writes it', async () => {
    const dir = tempDir();
    const out = join(dir, 'evaluate.config.json');
    const lines: string[] = [];
    const outcome = runInit({ out, lang: 'en' }, { interactive: true, print: (l) => lines.push(l) });
    await screen.next();
    expect(screen.getScreen()).toBe('? Maximum score of listen (20)');
    await answer('25');
    await answer('');
    await answer('');
    await answer('');
    expect(screen.getScreen()).toBe('? Maximum score of ask (the rest to 100: 15) (15)');
    await answer('20');
    expect(screen.getScreen()).toContain('> must be 15, so that the maxima add up to 100 (now 105)');
    // The value refused is cleared: Enter takes the default shown, 15.
    expect(screen.getScreen()).toContain('? Maximum score of ask (the rest to 100: 15) (15)');
    await answer('');
    expect(screen.getScreen()).toContain('How are the raters\' scores of one method combined?');
    screen.keypress('down'); // trimmed
    await answer('');
    expect(screen.getScreen()).toBe('? Drop the highest and lowest only with at least this many scores (5)');
    await answer('');
    for (const amount of ['800', '¥300', '２０００', '']) await answer(amount);
    expect(screen.getScreen()).toContain('Days allowed for rectification');
    await answer('abc');
    expect(screen.getScreen()).toContain('> not a number: type a whole number from 0 to 3650');
    for (let i = 0; i < 3; i++) screen.keypress('backspace');
    await answer('15');
    expect(screen.getScreen()).toMatch(/^\? Change the thresholds of "evaluate panel" \(leniency \d/);
    await answer('');
    expect(lines.join('\n')).toContain('Methods (maximum)  listen 25, see 20, check 20, test 20, ask 15 = 100');
    expect(lines.join('\n')).toContain('Penalty (CNY)      not set, rectification within 15 days');
    // A list: write, go back a question, or quit without writing.
    expect(screen.getScreen()).toContain(`? Write ${out}?\n❯ Yes, write it\n  ← back to the previous question\n  No, quit without writing anything`);
    screen.keypress('enter');
    await expect(outcome).resolves.toBe('done');
    const json = JSON.parse(readFileSync(out, 'utf8'));
    const { policy, errors } = validatePolicy(json);
    expect(errors).toEqual([]);
    expect(policy.methods.listen.max).toBe(25);
    expect(policy.methods.ask.max).toBe(15);
    expect(policy.aggregation).toBe('trimmed');
    expect(policy.amounts).toEqual({ excellent: 800, good: 300, annualBonus: 2000, penalty: null });
    expect(policy.rectificationDays).toBe(15);
    expect(policy.panel).toEqual(DEFAULT_POLICY.panel);
  });

  it('asks before replacing an existing file, and keeps it when told no', async () => {
    const dir = tempDir();
    const out = join(dir, 'evaluate.config.json');
    writeFileSync(out, '{ "precision": 2 }\n');
    const lines: string[] = [];
    const outcome = runInit({ out, lang: 'en' }, { interactive: true, print: (l) => lines.push(l) });
    await screen.next();
    expect(screen.getScreen()).toBe(`? ${out} exists. Replace it? (y/N)`);
    screen.keypress('enter');
    await expect(outcome).resolves.toBe('done');
    expect(lines).toEqual([`Kept ${out}; nothing was written.`]);
    expect(readFileSync(out, 'utf8')).toBe('{ "precision": 2 }\n');
  });
});

describe('init --yes and the refusals, as a process', () => {
  it('init --yes writes the rules; score then reads evaluate.config.json from the folder', () => {
    const dir = tempDir();
    const r = run(['init', '--yes', '--policy', join(FIX, 'policy.json')], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Wrote evaluate.config.json.\n');
    const written = JSON.parse(readFileSync(join(dir, 'evaluate.config.json'), 'utf8'));
    expect(validatePolicy(written).errors).toEqual([]);
    expect(written.amounts).toEqual({ excellent: 800, good: 300, annualBonus: 2000, penalty: 200 });
    const score = run(['score', join(FIX, '2026-H1.csv'), '--format', 'json'], { cwd: dir });
    expect(score.code).toBe(0);
    expect(JSON.parse(score.stdout).semesters[0].staff[0]).toMatchObject({ rank: 1, staffId: 'S011', reward: 800 });

    const again = run(['init', '--yes'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('evaluate: error: evaluate.config.json already exists; add --force to replace it\n');
    expect(JSON.parse(readFileSync(join(dir, 'evaluate.config.json'), 'utf8'))).toEqual(written);
    const forced = run(['init', '--yes', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('Wrote evaluate.config.json: the built-in rules');
    const defaults = JSON.parse(readFileSync(join(dir, 'evaluate.config.json'), 'utf8'));
    expect(validatePolicy(defaults)).toEqual({ policy: DEFAULT_POLICY, errors: [] });
  });

  it('init and enter refuse to ask when standard input is not a terminal (exit 2, nothing written)', () => {
    const dir = tempDir();
    const init = run(['init'], { cwd: dir });
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('evaluate init asks questions and needs a terminal');
    expect(init.stderr).toContain('add --yes');
    expect(existsSync(join(dir, 'evaluate.config.json'))).toBe(false);
    const out = join(dir, 'e.csv');
    const enter = run(
      ['enter', '--roster', join(FIX, 'roster.csv'), '--semester', '2026-H1', '--rater', '王主任', '--role', 'leader', '--out', out],
      { input: '19\n18\n' },
    );
    expect(enter.code).toBe(2);
    expect(enter.stdout).toBe('');
    expect(enter.stderr).toContain('evaluate enter asks questions and needs a terminal');
    expect(existsSync(out)).toBe(false);
  });

  it('enter: a bad --role is a usage error (exit 2)', () => {
    const dir = tempDir();
    const out = join(dir, 'e.csv');
    const r = run(['enter', '--roster', join(FIX, 'roster.csv'), '--semester', '2026-H1', '--rater', '王主任', '--role', 'boss', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown --role "boss"');
    expect(existsSync(out)).toBe(false);
  });
});

describe('enter refuses a sheet it cannot continue, before asking anything', () => {
  it.each([
    ['a score above the maximum', `${HEADER}\nS001,张伟,1号楼,2026-H1,王主任,leader,19,18,25,16,15\n`, 'wang.csv:2:9: error: score 25 for check exceeds the maximum 20 (S001 张伟, rater 王主任)'],
    [
      'a person twice',
      `${HEADER}\nS001,张伟,1号楼,2026-H1,王主任,leader,19,18,17,16,15\nS001,张伟,1号楼,2026-H1,王主任,leader,,,,,\n`,
      'wang.csv:3: error: S001 has a second row for rater 王主任 in 2026-H1 (the first is line 2); delete one of them',
    ],
    ['a sheet without the method columns', 'staff_id,rater,score\n', 'wang.csv:1: error: this sheet cannot be continued by evaluate enter: it has no listen (听), see (看), check (查), test (测), ask (问) column; give another --out'],
  ])('%s', async (_, text, message) => {
    const { flags, sheet, dir } = setup();
    writeFileSync(sheet, text);
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => errors.push(String(s)) > 0);
    try {
      await expect(runEnter(flags, { interactive: true, print: () => {} })).rejects.toBeInstanceOf(DataError);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('').replaceAll(`${dir}/`, '')).toContain(message);
    expect(readFileSync(sheet, 'utf8')).toBe(text);
  });
});
