// What a user test of enter and init found, driven through the real prompts by @inquirer/testing
// (imported before anything that loads @inquirer/prompts): a scaled method's total, init's ranges
// and defaults, a name the roster spells otherwise, Ctrl-C before anyone is saved, long lines.
import { screen } from '@inquirer/testing/vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EnterFlags, runEnter } from '../src/commands/enter.js';
import { fitLines } from '../src/render/lines.js';
import { runInit } from '../src/commands/init.js';
import { MICRO } from '../src/core/cells.js';
import { rowTotal } from '../src/core/entry.js';
import { validatePolicy } from '../src/core/policy.js';
import { displayWidth } from '../src/render/width.js';
import { run, tempDir } from './helpers.js';

const HEADER = 'staff_id,name,post,semester,rater,role,listen,see,check,test,ask';
/** listen typed 0-10 and counting 30, ask out of 10, the others 20: the user test's policy. */
const SCALED = '{"methods":{"listen":{"max":30,"scale":10},"ask":{"max":10}}}';

function setup(roster = 'staff_id,name,post\nS001,张伟,1号楼\nS002,刘洋,1号楼\n') {
  const dir = tempDir();
  writeFileSync(join(dir, 'roster.csv'), roster);
  const flags: EnterFlags = { roster: join(dir, 'roster.csv'), semester: '2026-H1', rater: '王主任', role: 'leader', out: join(dir, 'z.csv'), lang: 'en' };
  return { dir, flags };
}

async function start(flags: EnterFlags) {
  const lines: string[] = [];
  const warnings: string[] = [];
  const problems: string[] = [];
  const outcome = runEnter(flags, { interactive: true, print: (l) => lines.push(l), warn: (l) => warnings.push(l), problem: (l) => problems.push(l) });
  await screen.next();
  return { outcome, lines, warnings, problems };
}

async function answer(text: string): Promise<void> {
  if (text) screen.type(text);
  screen.keypress('enter');
  await screen.next();
}

const µ = (points: number) => Math.round(points * MICRO);

describe('enter: the total is the one evaluate score gives, with the policy\'s decimals', () => {
  it('rowTotal scales a method to its maximum and rounds once', () => {
    const { policy } = validatePolicy(JSON.parse(SCALED));
    const scoring = { policy, role: 'leader' as const, semester: '2026-H1' };
    expect(rowTotal({ listen: µ(9), see: µ(18), check: µ(18), test: µ(18), ask: µ(9) }, scoring).toFixed(1)).toBe('90.0');
    // 1/3 of a point on a scale of 30 to a maximum of 20 is 0.2222...: rounded once, at the end.
    const { policy: thirds } = validatePolicy({ methods: { listen: { max: 20, scale: 30 } } });
    expect(rowTotal({ listen: µ(1) }, { ...scoring, policy: thirds }).toFixed(1)).toBe('0.7');
  });

  it.each([
    [
      'en',
      ['Methods: listen 0-10 (counts as 0-30), see 0-20, check 0-20, test 0-20,', '  ask 0-10'],
      '? listen (0-10, counts as 0-30)',
      '? ask (0-10) 9  → total 90.0',
      '? Save S001 张伟: 9→27 + 18 + 18 + 18 + 9 = 90.0? (Y/n)',
    ],
    [
      'zh',
      ['考评方式：听 0-10（折合 0-30 分），看 0-20，查 0-20，测 0-20，问 0-10'],
      '? 听（0-10，折合 0-30 分）',
      '? 问（0-10） 9  → 合计 90.0',
      '? 保存 S001 张伟：9→27 + 18 + 18 + 18 + 9 = 90.0？ [是]/否',
    ],
  ] as const)('%s: a scaled method says its range and what it counts for; the totals are score\'s', async (lang, methods, first, typing, confirm) => {
    const { dir, flags } = setup('staff_id,name,post\nS001,张伟,1号楼\n');
    const policy = join(dir, 'pr.json');
    writeFileSync(policy, SCALED);
    const s = await start({ ...flags, policy, lang });
    for (const l of methods) expect(s.lines).toContain(l);
    expect(screen.getScreen()).toBe(first);
    await answer('9');
    expect(screen.getScreen()).toMatch(lang === 'en' ? /total so far 27\.0$/ : /已计 27\.0$/);
    for (const v of ['18', '18', '18']) await answer(v);
    screen.type('9');
    expect(screen.getScreen()).toBe(typing);
    await answer('');
    expect(screen.getScreen()).toBe(confirm);
    await answer('');
    expect(s.lines.some((l) => /^ {2}S001 +张伟 +9 +18 +18 +18 +9 +90\.0 /.test(l))).toBe(true);
    screen.keypress('enter');
    await expect(s.outcome).resolves.toBe('done');
    // What the confirmation said is what score gives the sheet.
    const r = run(['score', flags.out, '--policy', policy, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).semesters[0].staff[0]).toMatchObject({ staffId: 'S001', total: 90, methods: { listen: 27, ask: 9 } });
  });

  it('totals keep the policy\'s decimals: 92.0, not 92; precision 2 gives 92.00', async () => {
    const { dir, flags } = setup('staff_id,name,post\nS001,张伟,1号楼\n');
    let s = await start(flags);
    for (const v of ['19', '18', '18', '17', '20']) await answer(v);
    expect(screen.getScreen()).toBe('? Save S001 张伟: 19 + 18 + 18 + 17 + 20 = 92.0? (Y/n)');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(s.outcome).resolves.toBe('interrupted');
    const policy = join(dir, 'p2.json');
    writeFileSync(policy, '{"precision":2}');
    screen.clear();
    s = await start({ ...flags, policy });
    for (const v of ['19', '18', '18', '17', '20']) await answer(v);
    expect(screen.getScreen()).toBe('? Save S001 张伟: 19 + 18 + 18 + 17 + 20 = 92.00? (Y/n)');
    await answer('');
    expect(s.lines.some((l) => / 92\.00 {2}saved$/.test(l))).toBe(true);
    expect(screen.getScreen()).toContain('Correct S001 张伟 (92.00)');
    screen.keypress('down');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toBe('? listen (0-20) (19)');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(s.outcome).resolves.toBe('interrupted');
  });
});

describe('init: a range message says what the question accepts', () => {
  /** Answers Enter up to the question whose text starts with `question`. */
  async function upTo(question: string): Promise<void> {
    for (let i = 0; i < 30 && !screen.getScreen().startsWith(`? ${question}`); i++) await answer('');
  }

  it.each([
    ['en', '0', 'Maximum score of listen', '> out of range: type a number greater than 0 and at most 100'],
    ['zh', '0', '"听"的满分', '> 超出范围：请输入大于 0 且不超过 100 的数'],
    ['en', '101', 'Maximum score of listen', '> out of range: type a number greater than 0 and at most 100'],
    ['en', 'x', 'Maximum score of listen', '> not a number: type a number greater than 0 and at most 100'],
    ['en', '3651', 'Days allowed', '> out of range: type a whole number from 0 to 3650'],
    ['zh', '2.5', '考评日期', '> 不是整数：请输入 0 到 3650 之间的整数'],
  ] as const)('%s: %s at "%s"', async (lang, typed, question, message) => {
    const out = join(tempDir(), 'p.json');
    const outcome = runInit({ out, lang }, { interactive: true, print: () => {}, warn: () => {} });
    await screen.next();
    await upTo(question);
    await answer(typed);
    expect(screen.getScreen().split('\n').at(-1)).toBe(message);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(outcome).resolves.toBe('interrupted');
  });

  it.each([
    ['en', 'Weight of the leader', '> out of range: type a number greater than 0 and at most 1000'],
    ['zh', '组长的权重', '> 超出范围：请输入大于 0 且不超过 1000 的数'],
  ] as const)('%s: a role weight of 0 is refused as the message says', async (lang, question, message) => {
    const out = join(tempDir(), 'p.json');
    writeFileSync(out, '{"aggregation":"weighted"}');
    const outcome = runInit({ out, lang, force: true }, { interactive: true, print: () => {}, warn: () => {} });
    await screen.next();
    await upTo(question);
    await answer('0');
    expect(screen.getScreen().split('\n').at(-1)).toBe(message);
    screen.keypress('backspace');
    await answer('1000'); // the maximum is taken
    expect(screen.getScreen()).not.toContain(message);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(outcome).resolves.toBe('interrupted');
  });

  it.each([
    ['en', 'Share of staff given identical scores', '(above 0, at most 1)', '> out of range: type a number greater than 0 and at most 1'],
    ['zh', '给出相同分数的人数比例', '（大于 0，不超过 1）', '> 超出范围：请输入大于 0 且不超过 1 的数'],
  ] as const)('%s: the identical share says 0 is refused, in its question and its message', async (lang, question, range, message) => {
    const out = join(tempDir(), 'p.json');
    const outcome = runInit({ out, lang }, { interactive: true, print: () => {}, warn: () => {} });
    await screen.next();
    await upTo(lang === 'en' ? 'Change the thresholds' : '修改 "evaluate panel"');
    screen.keypress('down');
    await answer('');
    await upTo(question);
    expect(screen.getScreen()).toContain(range);
    for (let i = 0; i < 3; i++) screen.keypress('backspace');
    await answer('0');
    expect(screen.getScreen().split('\n').at(-1)).toBe(message);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(outcome).resolves.toBe('interrupted');
  });
});

describe('init refuses what the policy file refuses, and takes what it takes', () => {
  // The ends of each range init's messages state, against validatePolicy (core/policy.ts).
  it.each([
    [{ methods: { listen: { max: 0 } } }, { methods: { listen: { max: 100 } } }],
    [{ roleWeights: { leader: 0 } }, { roleWeights: { leader: 1000 } }],
    [{ roleWeights: { leader: 1000.5 } }, { roleWeights: { leader: 0.001 } }],
    [{ panel: { identicalShare: 0 } }, { panel: { identicalShare: 1 } }],
    [{ panel: { spread: 0 } }, { panel: { spread: 100 } }],
    [{ rectificationDays: 3651 }, { rectificationDays: 0 }],
    [{ trimMinScores: 2 }, { trimMinScores: 1000 }],
    [{ amounts: { excellent: 1_000_000_001 } }, { amounts: { excellent: 0 } }],
  ])('%j refused, %j taken', (refused, taken) => {
    expect(validatePolicy(refused).errors).not.toEqual([]);
    // A maximum of 100 is valid alone; the sum of the maxima is another question.
    expect(validatePolicy(taken).errors.filter((e) => !e.includes('add up'))).toEqual([]);
  });
});

describe('init over an existing policy offers its values', () => {
  const OLD = {
    precision: 2,
    aggregation: 'weighted',
    methods: { listen: { max: 30, scale: 10 }, see: { max: 10 }, check: { max: 20 }, test: { max: 20 }, ask: { max: 20, roles: ['student', 'leader'] } },
    bands: { excellent: 85, good: 75, qualified: 60 },
    roleWeights: { leader: 2, 'head-office': 1.5, 'center-office': 1, student: 0.5 },
    amounts: { excellent: 800, good: 300, annualBonus: 2000, penalty: 200 },
    rectificationDays: 45,
    panel: { leniency: 6, outlierSd: 3, outlierPoints: 5, identicalShare: 0.9, spread: 20 },
  };

  /** Enter at every question, then "write". */
  async function enterThrough(): Promise<void> {
    for (let i = 0; i < 40 && !/^\? (Write|写入) /.test(screen.getScreen()); i++) await answer('');
    screen.keypress('enter');
  }

  it.each(['en', 'zh'] as const)('%s: Enter through every question keeps the file as it was', async (lang) => {
    const out = join(tempDir(), 'evaluate.config.json');
    writeFileSync(out, JSON.stringify(OLD));
    const lines: string[] = [];
    const outcome = runInit({ out, lang }, { interactive: true, print: (l) => lines.push(l), warn: () => {} });
    await screen.next();
    await answer(lang === 'en' ? 'y' : '是');
    expect(lines.join('\n')).toContain(lang === 'en' ? `Each question shows the value in ${out}` : `每个问题都预填了 ${out} 中的值`);
    expect(screen.getScreen()).toContain('(30)');
    await enterThrough();
    await expect(outcome).resolves.toBe('done');
    const now = validatePolicy(JSON.parse(readFileSync(out, 'utf8')));
    expect(now.errors).toEqual([]);
    expect(now.policy).toEqual(validatePolicy(OLD).policy);
  });

  it('--policy FILE is where the values come from, over the file replaced', async () => {
    const d = tempDir();
    const out = join(d, 'evaluate.config.json');
    const from = join(d, 'last-year.json');
    writeFileSync(from, JSON.stringify(OLD));
    writeFileSync(out, '{"rectificationDays": 10}');
    const lines: string[] = [];
    const outcome = runInit({ out, policy: from, force: true, lang: 'en' }, { interactive: true, print: (l) => lines.push(l), warn: () => {} });
    await screen.next();
    expect(lines.join('\n')).toContain(`Each question shows the value in ${from}`);
    await enterThrough();
    await expect(outcome).resolves.toBe('done');
    expect(validatePolicy(JSON.parse(readFileSync(out, 'utf8'))).policy).toEqual(validatePolicy(OLD).policy);
  });

  it('a file that is not a policy any more: said, and the rules offered instead', async () => {
    const out = join(tempDir(), 'evaluate.config.json');
    writeFileSync(out, '{"precision": 9}');
    const lines: string[] = [];
    const outcome = runInit({ out, force: true, lang: 'en' }, { interactive: true, print: (l) => lines.push(l), warn: () => {} });
    await screen.next();
    expect(lines.join('\n')).toContain('"precision" must be a whole number from 0 to 6');
    expect(lines.join('\n')).toContain(`${out} cannot be read as a policy (above): the questions show the built-in rules instead.`);
    expect(screen.getScreen()).toBe('? Maximum score of listen (20)');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(outcome).resolves.toBe('interrupted');
  });
});

describe('enter: a sheet row whose name the roster spells otherwise', () => {
  it.each([
    ['en', 'warning: S001 is "张 伟" here but "张伟" on the roster (roster.csv:2); the row is kept as it is'],
    ['zh', 'warning: S001 在这里叫 "张 伟"，在花名册上叫 "张伟"（roster.csv:2）；该行保持原样'],
  ] as const)('%s: warned, as check --roster would, before the first question', async (lang, message) => {
    const { dir, flags } = setup();
    writeFileSync(flags.out, `${HEADER}\nS001,张 伟,1号楼,2026-H1,王主任,leader,19,18,17,16,15\n`);
    const s = await start({ ...flags, lang });
    expect(s.problems.map((p) => p.replaceAll(`${dir}/`, ''))).toEqual([expect.stringContaining(`z.csv:2: ${message}`)]);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(s.outcome).resolves.toBe('interrupted');
  });

  it('two spellings of one name (full-width, an invisible character) are one name, as for check', async () => {
    const { flags } = setup('staff_id,name,post\nS001,Ann Lee,1号楼\nS002,刘洋,1号楼\n');
    writeFileSync(flags.out, `${HEADER}\nS001,Ａｎｎ Lee,1号楼,2026-H1,王主任,leader,19,18,17,16,15\nS002,刘\u200b洋,1号楼,2026-H1,王主任,leader,1,1,1,1,1\n`);
    const s = await start(flags);
    expect(s.problems).toEqual([]);
    screen.keypress('enter');
    await expect(s.outcome).resolves.toBe('done');
  });
});

describe('enter: Ctrl-C before anyone is saved', () => {
  it.each([
    ['en', (f: string) => `Stopped before anyone was saved: ${f} was not written.`],
    ['zh', (f: string) => `已停止，没有保存任何人：未写入 ${f}。`],
  ] as const)('%s: says nothing was saved and no file was written', async (lang, said) => {
    const { flags } = setup();
    const s = await start({ ...flags, lang });
    await answer('19');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(s.outcome).resolves.toBe('interrupted');
    expect(existsSync(flags.out)).toBe(false);
    expect(s.warnings).toEqual([`\n${said(flags.out)}`]);
  });

  it('a sheet that was there (another rater\'s rows) is said to be as it was, and is', async () => {
    const { flags } = setup();
    const text = `${HEADER}\nS001,张伟,1号楼,2026-H1,学生甲,student,10,10,10,10,10\n`;
    writeFileSync(flags.out, text);
    const s = await start(flags);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(s.outcome).resolves.toBe('interrupted');
    expect(s.warnings).toEqual([`\nStopped before anyone was saved: ${flags.out} is as it was.`]);
    expect(readFileSync(flags.out, 'utf8')).toBe(text);
  });

  it('finishing at the summary with nobody saved says the sheet was not written', async () => {
    const { flags } = setup('staff_id,name,post\nS001,张伟,1号楼\n');
    const s = await start(flags);
    await answer('s');
    await answer('s'); // skipped again when it comes back: the summary
    expect(screen.getScreen()).toContain('All correct?');
    screen.keypress('enter');
    await expect(s.outcome).resolves.toBe('done');
    expect(s.lines.at(-1)).toBe(`Done: nobody was saved, and ${flags.out} was not written.`);
    expect(existsSync(flags.out)).toBe(false);
  });
});

describe('enter keeps its own lines within 80 columns', () => {
  const ROSTER = `staff_id,name,post\n${Array.from({ length: 12 }, (_, i) => `S0${10 + i},欧阳建国${i},${i}号楼`).join('\n')}\n`;

  it.each(['en', 'zh'] as const)('%s: the opening, the summary and the lists broken between items', async (lang) => {
    const { dir, flags } = setup(ROSTER);
    const policy = join(dir, 'pr.json');
    writeFileSync(policy, '{"methods":{"listen":{"max":30,"scale":10},"see":{"max":15,"scale":20},"ask":{"max":15,"scale":10}}}');
    const s = await start({ ...flags, policy, lang, rater: '王主任' });
    for (const v of ['9', '18', '18', '18', '9']) await answer(v);
    await answer('');
    // Everyone else skipped, and skipped again when they come back: then the summary.
    for (let i = 0; i < 30 && !/(All correct|全部无误)/.test(screen.getScreen()); i++) await answer('s');
    screen.keypress('enter'); // finish with eleven not typed
    await expect(s.outcome).resolves.toBe('done');
    const own = s.lines.filter((l) => !l.includes(flags.out));
    expect(own.filter((l) => displayWidth(l) > 79)).toEqual([]);
    // Every person not typed is named, none cut in two.
    const missing = s.lines.slice(s.lines.findIndex((l) => /^(Not typed yet|尚未录入)/.test(l))).join(' ');
    for (let i = 1; i < 12; i++) expect(missing).toContain(`S0${10 + i} 欧阳建国${i}`);
  });

  it('fitLines breaks between items only', () => {
    const items = Array.from({ length: 9 }, (_, i) => `S00${i} 欧阳建国`);
    const lines = fitLines('Not typed yet: ', items, ', ', '.', 79);
    expect(lines.every((l) => displayWidth(l) <= 79)).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toBe(`Not typed yet: ${items.join(', ')}.`);
  });
});

describe('enter: a score refused is cleared from the line', () => {
  it('25 refused, then 18 typed: the score is 18 (it was "2518", refused again)', async () => {
    const { flags } = setup();
    const { outcome } = await start(flags);
    await answer('25');
    const refused = screen.getScreen();
    expect(refused).toContain('? listen (0-20)');
    expect(refused).toMatch(/25 .*exceeds|25.*maximum/);
    // The line holds nothing typed: the message above quotes what was refused.
    expect(refused.split('\n')[0]!.trimEnd()).toBe('? listen (0-20)');
    await answer('18');
    expect(screen.getScreen()).toContain('? see (0-20)');
    for (const s of ['17', '16', '15', '14']) await answer(s);
    await answer(''); // save: yes
    screen.keypress('escape');
    screen.keypress({ name: 'c', ctrl: true });
    await outcome.catch(() => undefined);
    const sheet = readFileSync(flags.out, 'utf8');
    expect(sheet).toContain('S001,张伟,1号楼,2026-H1,王主任,leader,18,17,16,15,14');
  });
});

describe('enter: the confirmation\'s sum adds up', () => {
  it('18.55 + 17 + 18 + 19 + 16.5 = 89.05 → 89.1 (it said = 89.1); a sum rounding leaves alone is shown once', async () => {
    const { flags } = setup();
    const { outcome } = await start(flags);
    for (const s of ['18.55', '17', '18', '19', '16.5']) await answer(s);
    expect(screen.getScreen()).toContain('? Save S001 张伟: 18.55 + 17 + 18 + 19 + 16.5 = 89.05 → 89.1? (Y/n)');
    await answer('');
    for (const s of ['18', '17', '18', '19', '16.5']) await answer(s);
    expect(screen.getScreen()).toContain('? Save S002 刘洋: 18 + 17 + 18 + 19 + 16.5 = 88.5? (Y/n)');
    screen.keypress({ name: 'c', ctrl: true });
    await outcome.catch(() => undefined);
  });
});
