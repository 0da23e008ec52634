/**
 * init and enter in a real terminal (tmux, 120 x 40), in Chinese: what the secretary sees on the
 * screen, the prompt library's hints included, and the files written. Skipped, visibly, where
 * tmux is not installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validatePolicy } from '../src/core/policy.js';
import { BIN, FIX, tempDir } from './helpers.js';

const haveTmux = spawnSync('tmux', ['-V']).status === 0;
if (!haveTmux) console.warn('tmux is not installed: the terminal tests of init and enter are skipped');

// A server of our own, so that the tests never touch the user's tmux sessions.
const SOCKET = `evaluate-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });

const dirs: string[] = [];
afterAll(() => {
  if (haveTmux) tmux('kill-server');
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
    // The decimal comma is refused with the hint, and the answer stays on the line to correct.
    await waitFor('enter', '"18,5" 不是数字：小数请用小数点，写作 18.5');
    tmux('send-keys', '-t', 'enter', 'BSpace', 'BSpace', 'BSpace', 'BSpace');
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
});
