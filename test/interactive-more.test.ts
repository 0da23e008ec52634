// What a newcomer tripped over in init and enter, and both in Chinese all the way through (the
// prompt library's own hints included), driven through the real prompts by @inquirer/testing
// (imported before anything that loads @inquirer/prompts).
import { screen } from '@inquirer/testing/vitest';
import iconv from 'iconv-lite';
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type EnterFlags, runEnter } from '../src/commands/enter.js';
import { runInit } from '../src/commands/init.js';
import { validatePolicy } from '../src/core/policy.js';
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

async function answer(text: string): Promise<void> {
  if (text) screen.type(text);
  screen.keypress('enter');
  await screen.next();
}

/** The screen without the file names, which are data. */
function words(s: string, ...paths: string[]): string {
  return paths.reduce((t, p) => t.replaceAll(p, ''), s);
}

/** English words on a Chinese screen: anything in Latin letters but the identifiers and keys shown as written. */
function english(s: string): string[] {
  const allowed = new Set(['mean', 'trimmed', 'median', 'weighted', 'evaluate', 'panel', 'b', 's', 'y', 'n', 'Ctrl-C']);
  const text = s.replace(/\bS\d{3}\b/g, '').replace(/\b\d{4}-H[12]\b/g, '');
  return (text.match(/[A-Za-z][A-Za-z-]*/g) ?? []).filter((x) => !allowed.has(x));
}

describe('init: the questions a newcomer needs', () => {
  it('says outliers are beyond SD AND points, as panel applies them', async () => {
    const d = dir();
    const out = join(d, 'p.json');
    const lines: string[] = [];
    const outcome = runInit({ out, lang: 'en' }, { interactive: true, print: (l) => lines.push(l) });
    await screen.next();
    for (let i = 0; i < 5; i++) await answer('');
    await answer(''); // mean
    for (let i = 0; i < 5; i++) await answer('');
    expect(screen.getScreen()).toContain('outlier 2.5 SD and 4 points');
    expect(screen.getScreen()).not.toContain(' or 4 points');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(outcome).resolves.toBe('interrupted');
  });

  it('warns when trimMinScores is more than the five members of a committee', async () => {
    const d = dir();
    const out = join(d, 'p.json');
    const lines: string[] = [];
    const outcome = runInit({ out, lang: 'en' }, { interactive: true, print: (l) => lines.push(l) });
    await screen.next();
    for (let i = 0; i < 5; i++) await answer('');
    screen.keypress('down');
    await answer(''); // trimmed
    await answer('800');
    expect(lines.join('\n')).toContain(
      'warning: a committee has 5 members (leader, head office, center office, 2 students): with trimMinScores 800 the highest and lowest scores are never dropped, and trimmed is the plain mean',
    );
    // Asked again, with the answer kept: 5 is fine.
    expect(screen.getScreen()).toBe('? Drop the highest and lowest only with at least this many scores (800)');
    for (let i = 0; i < 3; i++) screen.keypress('backspace');
    await answer('5');
    expect(screen.getScreen()).toContain('Reward for an excellent semester');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(outcome).resolves.toBe('interrupted');
  });

  it('b goes back one question, and "no" at the end goes back instead of losing every answer', async () => {
    const d = dir();
    const out = join(d, 'p.json');
    const lines: string[] = [];
    const outcome = runInit({ out, lang: 'en' }, { interactive: true, print: (l) => lines.push(l) });
    await screen.next();
    expect(lines.join('\n')).toContain('Type b to go back one question.');
    await answer('25');
    await answer('b');
    expect(screen.getScreen()).toBe('? Maximum score of listen (25)');
    await answer('');
    for (let i = 0; i < 3; i++) await answer('');
    await answer('15');
    await answer(''); // mean
    for (const a of ['800', '300', '2000', '200']) await answer(a);
    await answer('30');
    await answer(''); // panel: keep
    expect(screen.getScreen()).toContain(`? Write ${out}?`);
    screen.keypress('down'); // back to the last question
    await answer('');
    expect(screen.getScreen()).toMatch(/^\? Change the thresholds of "evaluate panel"/);
    screen.keypress('up'); // back once more
    await answer('');
    expect(screen.getScreen()).toBe('? Days allowed for rectification after the evaluation date (June 30 / December 31) (30)');
    for (let i = 0; i < 2; i++) screen.keypress('backspace');
    await answer('15');
    await answer('');
    expect(screen.getScreen()).toContain(`? Write ${out}?`);
    screen.keypress('enter');
    await expect(outcome).resolves.toBe('done');
    const { policy, errors } = validatePolicy(JSON.parse(readFileSync(out, 'utf8')));
    expect(errors).toEqual([]);
    expect(policy.methods.listen.max).toBe(25);
    expect(policy.amounts).toEqual({ excellent: 800, good: 300, annualBonus: 2000, penalty: 200 });
    expect(policy.rectificationDays).toBe(15);
  });

  it('--out in folders that do not exist yet makes them, as template does', async () => {
    const d = dir();
    const r = run(['init', '--yes', '--out', 'policies/2026/p.json'], { cwd: d });
    expect([r.code, r.stderr]).toEqual([0, 'Wrote policies/2026/p.json: the built-in rules (edit it, or run "evaluate init" to answer the questions).\n']);
    expect(validatePolicy(JSON.parse(readFileSync(join(d, 'policies', '2026', 'p.json'), 'utf8'))).errors).toEqual([]);
    // Asked, too; and a question stopped leaves no folder behind.
    const out = join(d, 'more', 'p.json');
    const outcome = runInit({ out, lang: 'en' }, { interactive: true, print: () => {} });
    await screen.next();
    screen.keypress({ name: 'c', ctrl: true });
    await expect(outcome).resolves.toBe('interrupted');
    expect(existsSync(join(d, 'more'))).toBe(false);
  });
});

describe('init in Chinese, the prompt library included', () => {
  it('every question and hint is Chinese', async () => {
    const d = dir();
    const out = join(d, 'p.json');
    writeFileSync(out, '{}\n');
    const lines: string[] = [];
    const seen: string[] = [];
    const look = () => seen.push(words(screen.getScreen(), out));
    const outcome = runInit({ out, lang: 'zh' }, { interactive: true, print: (l) => lines.push(l) });
    await screen.next();
    look();
    expect(screen.getScreen()).toBe(`? ${out} 已存在。要替换吗？ 是/[否]`);
    await answer('是');
    look();
    for (let i = 0; i < 5; i++) {
      await answer('');
      look();
    }
    expect(screen.getScreen()).toContain('↑↓ 移动 • ⏎ 选择');
    await answer('');
    for (let i = 0; i < 5; i++) {
      look();
      await answer('');
    }
    look();
    expect(screen.getScreen()).toContain('离群 2.5 个标准差且 4 分');
    await answer('');
    look();
    expect(screen.getScreen()).toContain(`写入 ${out}？`);
    screen.keypress('enter');
    await expect(outcome).resolves.toBe('done');
    const all = [...seen, ...lines.map((l) => words(l, out))].join('\n');
    expect(english(all)).toEqual([]);
  });

  it('a confirmation answers to 是 and 否, and to y and n', async () => {
    const d = dir();
    const out = join(d, 'p.json');
    writeFileSync(out, '{}\n');
    const lines: string[] = [];
    const outcome = runInit({ out, lang: 'zh' }, { interactive: true, print: (l) => lines.push(l) });
    await screen.next();
    screen.type('x');
    screen.keypress('enter'); // refused at once, on the same screen
    expect(screen.getScreen()).toContain('请回答"是"或"否"（也可输入 y 或 n）');
    screen.keypress('backspace');
    screen.type('n');
    screen.keypress('enter');
    await expect(outcome).resolves.toBe('done');
    expect(lines).toEqual([`保留 ${out}，未写入任何内容。`]);
  });
});

const HEADER = 'staff_id,name,post,semester,rater,role,listen,see,check,test,ask';

function enterSetup() {
  const d = dir();
  writeFileSync(join(d, 'roster.csv'), 'staff_id,name,post\nS001,张伟,1号楼\nS002,刘洋,1号楼\n');
  const flags: EnterFlags = { roster: join(d, 'roster.csv'), semester: '2026-H1', rater: '王主任', role: 'leader', out: join(d, 'wang.csv'), lang: 'en' };
  return { d, flags };
}

async function startEnter(flags: EnterFlags) {
  const lines: string[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  const outcome = runEnter(flags, { interactive: true, print: (l) => lines.push(l), warn: (l) => warnings.push(l), problem: (l) => errors.push(l) });
  await screen.next();
  return { outcome, lines, warnings, errors };
}

describe('enter: what a newcomer tripped over', () => {
  it('a --rater the sheet does not have: a warning at the start with the raters found', async () => {
    const { d, flags } = enterSetup();
    expect(run(['template', '--roster', flags.roster, '--semester', '2026-H1', '--out', d, '--raters', '王主任:leader,学生甲:student']).code).toBe(0);
    const sheet = join(d, '2026-H1-王主任.csv');
    const s = await startEnter({ ...flags, rater: '王主仼', out: sheet });
    expect(s.errors.map((e) => e.replace(`${d}/`, ''))).toEqual([
      '2026-H1-王主任.csv:1: warning: the sheet has no rater 王主仼: the raters found are 王主任; 王主仼 would be added as a new rater (Ctrl-C to stop)',
    ]);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(s.outcome).resolves.toBe('interrupted');
  });

  it('a blank template made without --raters (its rater the role, 组长): the rater typing takes its rows, none added beside them', async () => {
    const { d, flags } = enterSetup();
    expect(run(['template', '--roster', flags.roster, '--semester', '2026-H1', '--out', d, '--lang', 'zh']).code).toBe(0);
    const sheet = join(d, '2026-H1-组长.csv');
    const before = readFileSync(sheet, 'utf8');
    const s = await startEnter({ ...flags, out: sheet });
    expect(s.errors.map((e) => e.replace(`${d}/`, ''))).toEqual([
      '2026-H1-组长.csv:1: warning: the sheet is a blank template whose rater is "组长": its rows are taken as 王主任\'s (the rater cells say 王主任 once a score is saved)',
    ]);
    for (const v of ['19', '18', '17', '16', '15']) await answer(v);
    await answer(''); // save
    screen.keypress({ name: 'c', ctrl: true });
    await expect(s.outcome).resolves.toBe('interrupted');
    const rows = readFileSync(sheet, 'utf8').trim().split(/\r?\n/);
    // As many rows as the template, every one 王主任's, the first scored.
    expect(rows).toHaveLength(before.trim().split(/\r?\n/).length);
    expect(rows.slice(1).every((r) => r.split(',')[4] === '王主任')).toBe(true);
    expect(rows[1]!.split(',').slice(6)).toEqual(['19', '18', '17', '16', '15']);
    // Its scores once filled: the template's rows no longer blank, a second rater is a new one.
    const other = await startEnter({ ...flags, rater: '李科长', role: 'head-office', out: sheet });
    expect(other.errors.join('\n')).toContain('the sheet has no rater 李科长');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(other.outcome).resolves.toBe('interrupted');
  });

  it('a sheet another program changed while typing is not overwritten: the person and the values not saved are named', async () => {
    const { flags } = enterSetup();
    const s = await startEnter(flags);
    for (const v of ['19', '18', '17', '16', '15']) await answer(v);
    // Meanwhile another enter on the same sheet (or an editor) saves a row of its own.
    const other = 'staff_id,name,post,semester,rater,role,listen,see,check,test,ask\r\nS002,刘洋,1号楼,2026-H1,学生甲,student,10,11,12,13,14\r\n';
    writeFileSync(flags.out, other);
    screen.keypress('enter');
    await expect(s.outcome).rejects.toThrow(
      `${flags.out} was changed by another program while you were typing (another evaluate enter, an editor, Excel): S001 张伟 is not saved (19 + 18 + 17 + 16 + 15), and the file is left as it is. Run the same command again: it continues from what the file holds now`,
    );
    expect(readFileSync(flags.out, 'utf8')).toBe(other);
  });

  it('a sheet saved by this session and then changed elsewhere: the next save is refused too (zh)', async () => {
    const { flags } = enterSetup();
    const s = await startEnter({ ...flags, lang: 'zh' });
    for (const v of ['19', '18', '17', '16', '15']) await answer(v);
    await answer('');
    const saved = readFileSync(flags.out, 'utf8');
    expect(saved).toContain('S001,张伟');
    writeFileSync(flags.out, `${saved}S003,王芳,2号楼,2026-H1,王主任,leader,1,1,1,1,1\r\n`);
    for (const v of ['10', '11', '12', '13', '14']) await answer(v);
    screen.keypress('enter');
    await expect(s.outcome).rejects.toThrow(`录入期间 ${flags.out} 被其他程序改动过（另一个 evaluate enter、编辑器或 Excel）：S002 刘洋 未保存（10 + 11 + 12 + 13 + 14），文件保持原样`);
    expect(readFileSync(flags.out, 'utf8')).toContain('S003,王芳');
  });

  it('a GBK sheet with CRLF and 2026上半年 stays GBK, CRLF and 2026上半年', async () => {
    const { flags } = enterSetup();
    const text = '工号,姓名,岗位,学期,评委,角色,听,看,查,测,问\r\nS001,张伟,1号楼,2026上半年,王主任,组长,19,18,17,16,15\r\n';
    writeFileSync(flags.out, iconv.encode(text, 'gbk'));
    const s = await startEnter(flags);
    for (const v of ['10', '11', '12', '13', '14']) await answer(v);
    await answer('');
    screen.keypress('enter');
    await expect(s.outcome).resolves.toBe('done');
    const bytes = readFileSync(flags.out);
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(iconv.decode(bytes, 'gbk')).toBe(`${text}S002,刘洋,1号楼,2026上半年,王主任,组长,10,11,12,13,14\r\n`);
    const r = run(['score', flags.out, '--format', 'csv']);
    expect(r.code).toBe(0);
  });

  it('a UTF-8 sheet with LF stays so, and a replaced row keeps its own spellings', async () => {
    const { flags } = enterSetup();
    writeFileSync(flags.out, `${HEADER}\nS001,张伟,1号楼,2026-1,王主任,组长,19,18,17,16,\n`);
    const s = await startEnter(flags);
    // S001 is incomplete: asked again from the first method, the scores typed kept.
    expect(screen.getScreen()).toBe('? listen (0-20) (19)');
    for (let i = 0; i < 4; i++) await answer('');
    await answer('15');
    await answer('');
    for (const v of ['10', '11', '12', '13', '14']) await answer(v);
    await answer('');
    screen.keypress('enter');
    await expect(s.outcome).resolves.toBe('done');
    expect(readFileSync(flags.out, 'utf8')).toBe(
      `${HEADER}\nS001,张伟,1号楼,2026-1,王主任,组长,19,18,17,16,15\nS002,刘洋,1号楼,2026-1,王主任,组长,10,11,12,13,14\n`,
    );
  });

  it.each([
    ['en', '18,5', '"18,5" is not a number: write a decimal point: 18.5'],
    ['en', '18，5', '"18，5" is not a number: write a decimal point: 18.5'],
    ['zh', '18,5', '"18,5" 不是数字：小数请用小数点，写作 18.5'],
    ['zh', '18。5', '"18。5" 不是数字：小数请用小数点，写作 18.5'],
  ] as const)('%s: a decimal comma %s gets the hint', async (lang, typed, hint) => {
    const { flags } = enterSetup();
    const s = await startEnter({ ...flags, lang });
    await answer(typed);
    expect(screen.getScreen()).toContain(hint);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(s.outcome).resolves.toBe('interrupted');
  });
});

describe('enter refuses a sheet that is not a file', () => {
  it('a sheet it may not read: the reason in words', async () => {
    const { flags } = enterSetup();
    // A link that leads in a circle fails to read even for root.
    symlinkSync(flags.out, flags.out);
    await expect(runEnter(flags, { interactive: true, print: () => {} })).rejects.toThrow(
      `cannot write --out ${flags.out}: it is a symbolic link that leads in a circle`,
    );
  });

  it.each(['/dev/stdout', '/dev/null'])('%s', async (out) => {
    const { flags } = enterSetup();
    await expect(runEnter({ ...flags, out }, { interactive: true, print: () => {} })).rejects.toThrow(
      `--out ${out} is not a file (a device or a pipe); the sheet is read and written back: give a file name`,
    );
  });
});

describe('enter in Chinese, the prompt library included', () => {
  it('the save question and the summary list speak Chinese', async () => {
    const { flags } = enterSetup();
    const seen: string[] = [];
    const s = await startEnter({ ...flags, lang: 'zh', role: '组长' });
    for (const v of ['19', '18', '17', '16', '15']) await answer(v);
    expect(screen.getScreen()).toBe('? 保存 S001 张伟：19 + 18 + 17 + 16 + 15 = 85.0？ [是]/否');
    await answer('');
    for (const v of ['10', '11', '12', '13', '14']) await answer(v);
    await answer('');
    seen.push(screen.getScreen());
    expect(screen.getScreen()).toContain('↑↓ 移动 • ⏎ 选择');
    screen.keypress('enter');
    await expect(s.outcome).resolves.toBe('done');
    expect(english([...seen, ...s.lines].join('\n').replaceAll(flags.out, ''))).toEqual([]);
  });
});

describe('template in both languages', () => {
  it('says the sheets exist in the language asked', () => {
    const d = dir();
    const args = ['template', '--roster', join(FIX, 'roster.csv'), '--semester', '2026-H1', '--out', d, '--raters', '王主任:leader'];
    expect(run(args).code).toBe(0);
    const sheet = join(d, '2026-H1-王主任.csv');
    expect(run(args).stderr).toBe(`evaluate: error: ${sheet} already exists; add --force to replace it\n`);
    expect(run([...args, '--lang', 'zh']).stderr).toBe(`evaluate: error: ${sheet} 已存在；如要替换，请加 --force\n`);
    expect(run([...args.slice(0, -1), '王主任', '--lang', 'zh']).stderr).toBe(
      'evaluate: error: --raters："王主任" 不是"姓名:角色"的形式（例如 王主任:leader,学生甲:student）\n',
    );
    expect(run([...args.slice(0, -1), '王主任:boss', '--lang', 'zh']).stderr).toBe(
      'evaluate: error: --raters：王主任 的角色 "boss" 未知；请用 leader、head-office、center-office 或 student\n',
    );
  });
});
