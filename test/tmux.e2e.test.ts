/**
 * init and enter in a real terminal (tmux, 120 x 40), in Chinese: what the secretary sees on the
 * screen, the prompt library's hints included, and the files written. Then every console example
 * of the documentation marked `<!-- example: terminal -->`, replayed in a terminal (200 x 50) and
 * compared with the screen (docs/README-examples.md). Skipped, visibly, where tmux is not installed.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validatePolicy } from '../src/core/policy.js';
import { IDENTIFIERS, POLICY_VALUES, englishWords } from './english-words.js';
import { type Example, asShown, docFiles, examples, matches, runIn, scratchFor } from './examples.js';
import { BIN, FIX, ROOT, haveTmux, tempDir, tmuxServer } from './helpers.js';

if (!haveTmux) console.warn('tmux is not installed: the terminal tests of init and enter are skipped');
const tmux = tmuxServer('terminal');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Starts the command in a 120 x 40 terminal; its exit code is printed as EXIT=n when it ends. */
function open(name: string, cwd: string, args: string[]): void {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '40', '-c', cwd, `LANG=zh_CN.UTF-8 ${command}; echo EXIT=$?; sleep 60`);
  expect(r.status, r.stderr).toBe(0);
}

function screenOf(name: string): string {
  return tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', name).stdout;
}

/** Waits until the screen shows `text`, then returns the screen. */
async function waitFor(name: string, text: string, ms = 10_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const s = screenOf(name);
    if (s.includes(text)) return s;
    if (Date.now() > end) throw new Error(`"${text}" never appeared; the screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Answers the question showing `question`: types `keys` (if any) and Enter. */
async function reply(name: string, question: string, keys = ''): Promise<void> {
  await waitFor(name, question);
  if (keys) tmux('send-keys', '-t', name, '-l', keys);
  tmux('send-keys', '-t', name, 'Enter');
  // The answered question is marked done before the next one is asked.
  await waitFor(name, `✔ ${question.slice(2)}`);
}

describe('in a real terminal, in Chinese', () => {
  it.skipIf(!haveTmux)('init: the questions, the list hints and the yes/no in Chinese; the policy written in a new folder', async () => {
    const dir = tempDir();
    dirs.push(dir);
    open('init', dir, ['init', '--out', 'policies/2026.json']);
    for (const m of ['听', '看', '查', '测']) await reply('init', `? "${m}"的满分`);
    await reply('init', '? "问"的满分');
    const list = await waitFor('init', '↑↓ 移动 • ⏎ 选择');
    expect(list).toContain('? 同一考评方式下各评委的分数如何合并？');
    await reply('init', '? 同一考评方式下各评委的分数如何合并？');
    await reply('init', '? 学期优秀奖励', '800');
    for (const q of ['? 学期良好奖励', '? 两学期均优秀的年度奖金', '? 学期不合格处罚', '? 考评日期']) await reply('init', q);
    await reply('init', '? 修改 "evaluate panel" 的阈值吗');
    await reply('init', '? 写入 policies/2026.json？');
    const end = await waitFor('init', 'EXIT=0');
    expect(end).toContain('已写入 policies/2026.json。');
    expect(end).not.toMatch(/navigate|select|\bYes\b|\bNo\b|Y\/n/);
    const { policy, errors } = validatePolicy(JSON.parse(readFileSync(join(dir, 'policies', '2026.json'), 'utf8')));
    expect(errors).toEqual([]);
    expect(policy.amounts.excellent).toBe(800);
  });

  it.skipIf(!haveTmux)('enter: a person typed and saved, [是]/否, Ctrl-C keeps what was saved (exit 130)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    open('enter', dir, ['enter', '--roster', join(FIX, 'roster.csv'), '--semester', '2026上半年', '--rater', '王主任', '--role', '组长', '--out', 'h1.csv']);
    await waitFor('enter', '? 听（0-20）');
    tmux('send-keys', '-t', 'enter', '-l', '18,5');
    tmux('send-keys', '-t', 'enter', 'Enter');
    // The decimal comma is refused with the hint, and the line cleared: what is typed next is the
    // score (it stayed there, and 18.5 typed after it made 18,518.5).
    const refused = await waitFor('enter', '"18,5" 不是数字：小数请用小数点，写作 18.5');
    expect(refused.split('\n').find((l) => l.startsWith('? 听'))?.trimEnd()).toBe('? 听（0-20）');
    tmux('send-keys', '-t', 'enter', '-l', '18.5');
    tmux('send-keys', '-t', 'enter', 'Enter');
    await waitFor('enter', '✔ 听（0-20） 18.5');
    for (const [m, v] of [['看', '19'], ['查', '17'], ['测', '16'], ['问', '20']] as const) await reply('enter', `? ${m}（0-20）`, v);
    const save = await waitFor('enter', '? 保存 S001 张伟：18.5 + 19 + 17 + 16 + 20 = 90.5？ [是]/否');
    expect(save).not.toContain('Y/n');
    await reply('enter', '? 保存 S001 张伟');
    await waitFor('enter', '已保存 S001 张伟（表中 1/24 人）');
    await waitFor('enter', '[2/24] S002');
    tmux('send-keys', '-t', 'enter', 'C-c');
    const end = await waitFor('enter', 'EXIT=130');
    expect(end).toContain('已停止。24 人中 1 人已保存在 h1.csv');
    expect(existsSync(join(dir, 'h1.csv'))).toBe(true);
    expect(readFileSync(join(dir, 'h1.csv'), 'utf8')).toContain('S001,张伟,1号楼,2026-H1,王主任,组长,18.5,19,17,16,20');
  });

  it.skipIf(!haveTmux)('score - at the keyboard: says where it reads from and how to end; the rows typed are scored', async () => {
    const dir = tempDir();
    dirs.push(dir);
    open('stdin', dir, ['score', '-']);
    await waitFor('stdin', 'evaluate: 正在从键盘读取评分表（-）：请粘贴或输入各行，最后在单独一行按 Ctrl-D');
    for (const line of ['staff_id,name,semester,rater,listen,see,check,test,ask', 'S1,张伟,2026-H1,王主任,18,18,18,18,17.95']) {
      tmux('send-keys', '-t', 'stdin', '-l', line);
      tmux('send-keys', '-t', 'stdin', 'Enter');
    }
    tmux('send-keys', '-t', 'stdin', 'C-d');
    const end = await waitFor('stdin', 'EXIT=0');
    // 89.95 exactly, rounded to 90.0: excellent.
    expect(end).toMatch(/ {3}1 {2}S1 {4}张伟 .* 18\.00 {2}17\.95 {2}90\.0 {2}优秀/);
  });
});

/**
 * The screen of a session: every line of its scrollback, wrapped lines joined, blank lines at the
 * end left out; `ended` is the exit status once the command has ended (the lines after it are cut).
 */
function session(name: string): { lines: string[]; ended: number | null } {
  const lines = screenOf(name).split('\n');
  const end = lines.findIndex((l) => /^--session-ended-\d+--$/.test(l));
  const ended = end >= 0 ? Number(/\d+/.exec(lines[end]!)![0]) : null;
  const shown = end >= 0 ? lines.slice(0, end) : lines;
  while (shown.length && shown.at(-1)!.trim() === '') shown.pop();
  return { lines: shown, ended };
}

/** Waits until `ok` holds of the session's screen; fails with `what` and the screen. */
async function until(name: string, what: string, ok: (s: ReturnType<typeof session>) => boolean, ms = 10_000): Promise<ReturnType<typeof session>> {
  const end = Date.now() + ms;
  for (;;) {
    const s = session(name);
    if (ok(s)) return s;
    if (Date.now() > end) throw new Error(`${what}; the screen:\n${s.lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const answered = (lines: string[]) => lines.filter((l) => l.startsWith('✔ ')).length;

/** The question being asked: the last `? ` line with no answered question after it, and the lines under it. */
function asking(lines: string[]): { at: number; text: string; below: string[] } | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]!.startsWith('✔ ')) return null;
    if (lines[i]!.startsWith('? ')) return { at: i, text: lines[i]!.slice(2), below: lines.slice(i + 1) };
  }
  return null;
}

/**
 * What the example typed at a question: `want` is the example's line for it (after `✔ ` or `? `),
 * `shown` the question on the screen, which may show a default after it (`(20)`, `(Y/n)`). The
 * answer starts after the space that ends the part the two have in common.
 */
function answerOf(shown: string, want: string): string {
  let n = 0;
  while (n < shown.length && n < want.length && shown[n] === want[n]) n++;
  if (n === want.length) return '';
  let p = n;
  while (p > 0 && want[p] !== ' ') p--;
  return want.slice(p).trim();
}

/** A confirm's default, by how the prompt library shows it. */
function confirmDefault(question: string): string | null {
  if (/\(Y\/n\)\s*$/.test(question)) return 'Yes';
  if (/\(y\/N\)\s*$/.test(question)) return 'No';
  if (/\[是\]\/否\s*$/.test(question)) return '是';
  if (/是\/\[否\]\s*$/.test(question)) return '否';
  return null;
}

/** Answers the question on the screen as the example's line shows: a choice of a list, a confirm, or typed text. */
function type(name: string, question: NonNullable<ReturnType<typeof asking>>, want: string, enter: boolean): void {
  const answer = answerOf(question.text, want);
  const choices = question.below.filter((l) => /^[❯ ] /.test(l));
  if (choices.some((l) => l.startsWith('❯ '))) {
    const labels = choices.map((l) => l.slice(2));
    const from = choices.findIndex((l) => l.startsWith('❯ '));
    const to = labels.indexOf(answer);
    if (to < 0) throw new Error(`the example chooses "${answer}", which the list does not offer: ${labels.join(' | ')}`);
    for (let i = from; i !== to; i += to > from ? 1 : -1) tmux('send-keys', '-t', name, to > from ? 'Down' : 'Up');
  } else {
    const dflt = confirmDefault(question.text);
    // Typed text is the answer's first word: what follows it is the tool's own (`19  → total 19`, `b (back)`).
    const keys = dflt !== null ? (answer === dflt ? '' : answer) : (answer.split(/\s+/)[0] ?? '');
    if (keys) tmux('send-keys', '-t', name, '-l', keys);
  }
  if (enter) tmux('send-keys', '-t', name, 'Enter');
}

/**
 * Replays a terminal example: its first command runs in tmux, each `✔ QUESTION ANSWER` line of
 * its output is answered as shown, a `? QUESTION TYPED` line is typed and left unanswered (its
 * `> ` lines are what the prompt says to it; a bare `? QUESTION` over a `> ` line that quotes a
 * refused value first: that value typed and Enter, the line cleared), and then the session is stopped with Ctrl-C when
 * more follows, or left there when the block ends. The screen must show what the block shows; the
 * commands after the first run as docs.test.ts runs them.
 */
async function replay(ex: Example, name: string): Promise<void> {
  const [first, ...rest] = ex.commands;
  if (!first) throw new Error(`${ex.where}: a terminal example is a whole session: it starts with the "$ " command line`);
  const place = scratchFor(ex);
  runIn(place, ex.where, ex.before, []);
  const script = join(place.scratch, '.session.sh');
  const vars = Object.entries(place.env).map(([k, v]) => `export ${k}='${v.replaceAll("'", "'\\''")}'`);
  writeFileSync(script, [...vars, 'export TERM=screen', first.line, 'printf -- "--session-ended-%d--\\n" $?', 'sleep 600', ''].join('\n'));
  const r = tmux('new-session', '-d', '-s', name, '-x', '200', '-y', '50', '-c', place.cwd, `bash --norc --noprofile '${script}'`);
  expect(r.status, r.stderr).toBe(0);
  const lines = first.expected;
  let done = 0;
  let stopped = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('✔ ') && !line.startsWith('? ')) continue;
    const at = `${ex.where}: at "${line}"`;
    // The prompt library redraws a question as it goes: the screen counts once it is the same twice, 50 ms apart.
    const ready = (x: ReturnType<typeof session>) => x.ended !== null || (answered(x.lines) === done && asking(x.lines) !== null);
    let seen = '';
    const s = await until(name, `${at}: that question is never asked`, (x) => {
      const now = x.lines.join('\n');
      const same = ready(x) && now === seen;
      seen = now;
      return same;
    });
    const q = s.ended === null ? asking(s.lines) : null;
    if (!q) throw new Error(`${at}: the command ended instead; the screen:\n${s.lines.join('\n')}`);
    if (line.startsWith('✔ ')) {
      type(name, q, line.slice(2), true);
      done++;
      await until(name, `${at}: the answer is not taken`, (x) => x.ended !== null || answered(x.lines) >= done);
      continue;
    }
    // A question left unanswered: what is typed at it, then what the prompt says (`> ...`). A value
    // refused is cleared from the line: the block shows the question bare, and its message quotes
    // the value first (`> 175 is above the maximum`, `> "18,5" 不是数字`), which is what is typed.
    const says: string[] = [];
    while (i + 1 < lines.length && lines[i + 1]!.startsWith('> ')) says.push(lines[++i]!);
    const typed = answerOf(q.text, line.slice(2));
    if (typed === '' && says.length > 0) {
      const refused = says[0]!.slice(2).split(/\s/)[0]!.replace(/^"(.*)"$/, '$1');
      tmux('send-keys', '-t', name, '-l', refused);
      tmux('send-keys', '-t', name, 'Enter');
    } else type(name, q, line.slice(2), typed !== '');
    for (const m of says) await until(name, `${at}: "${m}" never appears`, (x) => x.lines.includes(m));
    if (lines.slice(i + 1).some((l) => l.trim() !== '' && l !== '...')) {
      await new Promise((res) => setTimeout(res, 200));
      tmux('send-keys', '-t', name, 'C-c');
      stopped = true;
    }
    break;
  }
  const pending = !stopped && lines.some((l) => l.startsWith('? '));
  const s = await until(name, `${ex.where}: the screen never shows what the block shows`, (x) => (pending || x.ended !== null) && matches(lines, x.lines)).catch(() => {
    const x = session(name);
    expect(asShown(lines, x.lines).join('\n'), `${ex.where}: $ ${first.line}\nthe screen shows something else than the block`).toBe(lines.join('\n'));
    return x;
  });
  if (!pending) expect(s.ended, `${ex.where}: $ ${first.line}\nexits ${s.ended}: a command that exits other than 0 ends its line with "# exit ${s.ended}"`).toBe(first.exit);
  // A Chinese session is Chinese all the way (the policy values init offers, such as `mean`, are data).
  if (ex.where.includes('.zh-CN.md:')) expect(englishWords(s.lines.join('\n'), new Set([...IDENTIFIERS, ...POLICY_VALUES]), first.line), `${ex.where}: English on the screen`).toEqual([]);
  tmux('kill-session', '-t', name);
  for (const c of runIn(place, ex.where, [], rest)) {
    const what = `${ex.where}: $ ${c.line}`;
    if (!matches(c.expected, c.output)) expect(asShown(c.expected, c.output).join('\n'), `${what}\nprints something else than the block shows`).toBe(c.expected.join('\n'));
    expect(c.status, `${what}\nexits ${c.status}`).toBe(c.exit);
  }
}

describe("the documentation's terminal examples, replayed in a terminal", () => {
  const found = docFiles().flatMap((f) => examples(f, readFileSync(join(ROOT, f), 'utf8')).filter((ex) => ex.skip === 'needs a terminal'));
  it('finds them: init and enter, in English and in Chinese', () => {
    const lines = found.map((ex) => ex.commands[0]?.line ?? '');
    expect(lines.some((l) => /evaluate init\b/.test(l))).toBe(true);
    expect(lines.some((l) => /evaluate enter\b/.test(l))).toBe(true);
    expect(found.some((ex) => ex.where.includes('.zh-CN.md'))).toBe(true);
  });
  found.forEach((ex, n) => {
    it.skipIf(!haveTmux)(`${ex.where} $ ${ex.commands[0]?.line ?? '(no command)'}`.slice(0, 140), async () => {
      await replay(ex, `doc${n}`);
    }, 60_000);
  });
});
