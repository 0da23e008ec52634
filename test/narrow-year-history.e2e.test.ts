/**
 * The year and history tables in a terminal narrower than them (tmux, 80 columns, en and zh): no line
 * as wide as the terminal, every person's totals on the screen, what the table has no room for listed
 * below it; a terminal wide enough and --out get the same text as a pipe. Skipped where tmux is missing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/render/width.js';
import { BIN, FIX, ROOT, haveTmux, run, tempDir, tmuxServer } from './helpers.js';

if (!haveTmux) console.warn('tmux is not installed: the narrow year and history tests are skipped');
const tmux = tmuxServer('narrow-yh');
const SHEETS = [join(FIX, '2026-H1.csv'), join(FIX, '2026-H2.csv')];
let sessions = 0;

/** The screen's lines up to the exit line (joined where the terminal wrapped one), in a terminal `width` wide. */
async function screen(width: number, lang: string, args: string[]): Promise<string[]> {
  const name = `s${++sessions}`;
  const locale = lang === 'zh' ? 'zh_CN.UTF-8' : 'en_US.UTF-8';
  // The warnings about unset amounts go to standard error: they are not the table.
  const command = `env LANG=${locale} ${[process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ')} 2>/dev/null; echo EXIT=$?; sleep 30`;
  expect(tmux('new-session', '-d', '-s', name, '-x', String(width), '-y', '60', '-c', ROOT, command).status).toBe(0);
  const end = Date.now() + 10_000;
  for (;;) {
    const lines = tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', name).stdout.split('\n');
    const exit = lines.findIndex((l) => l.startsWith('EXIT='));
    if (exit >= 0) {
      expect(lines[exit]).toBe('EXIT=0');
      tmux('kill-session', '-t', name);
      return lines.slice(0, exit);
    }
    if (Date.now() > end) throw new Error(lines.join('\n'));
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Each person's id and totals as the CSV (and so the table) writes them. */
function totals(command: string, lang: string): { id: string; totals: string[] }[] {
  const [head, ...rows] = run([command, ...SHEETS, '--format', 'csv', '--lang', lang]).stdout.trim().split('\n').map((l) => l.split(','));
  const at = command === 'year' ? [3, 5] : head!.map((_, i) => i).filter((i) => /^\d{4}-H[12]$/.test(head![i]!));
  return rows.map((r) => ({ id: r[0]!, totals: at.map((i) => r[i]!).filter((t) => t !== '') }));
}

const MOVED: Record<string, Record<string, string[]>> = {
  year: {
    en: ['Rewards, penalties and rectification (too wide for the table here):', 'S014 何平: Penalties (unset), Rectify by 2026-07-30'],
    zh: ['奖励、处罚与整改期限（终端太窄，未在上表中显示）：', 'S014 何平：处罚合计（金额未设），整改期限 2026-07-30'],
  },
  history: {
    en: ['Exc, Good, Qual, Unq', 'S007 吴强: Exc 0, Good 0, Qual 0, Unq 2'],
    zh: ['优秀、良好、合格、不合格', 'S007 吴强：优秀 0，良好 0，合格 0，不合格 2'],
  },
};

describe.skipIf(!haveTmux)('year and history in an 80-column terminal', () => {
  for (const command of ['year', 'history']) {
    for (const lang of ['en', 'zh']) {
      it(`${command} (${lang}): no line as wide as the terminal, every person's totals on one line of the screen`, async () => {
        const lines = await screen(80, lang, [command, ...SHEETS]);
        expect(lines.filter((l) => displayWidth(l) >= 80)).toEqual([]);
        for (const p of totals(command, lang)) {
          expect(lines.some((l) => l.startsWith(p.id) && p.totals.every((t) => l.includes(t))), `${p.id} ${p.totals.join(' ')}`).toBe(true);
        }
        const text = lines.join('\n');
        for (const s of MOVED[command]![lang]!) expect(text).toContain(s);
      });
    }
  }
});

describe.skipIf(!haveTmux)('year and history where the table fits, and to a file', () => {
  for (const command of ['year', 'history']) {
    for (const lang of ['en', 'zh']) {
      it(`${command} (${lang}): a 200-column terminal shows what a pipe gets`, async () => {
        const lines = await screen(200, lang, [command, ...SHEETS, '--lang', lang, '--no-color']);
        const piped = run([command, ...SHEETS, '--lang', lang]).stdout;
        expect(`${lines.join('\n').trimEnd()}\n`).toBe(piped);
      });
    }
  }

  it('--out from an 80-column terminal writes the whole table, byte for byte as a pipe gets it', async () => {
    const dir = tempDir();
    for (const command of ['year', 'history']) {
      const out = join(dir, `${command}.txt`);
      await screen(80, 'zh', [command, ...SHEETS, '--out', out]);
      expect(readFileSync(out, 'utf8')).toBe(run([command, ...SHEETS, '--lang', 'zh']).stdout);
    }
  });
});

// util-linux `script` gives the command a terminal that does not say its width (0 columns), as a
// serial console or an editor's shell may.
const haveScript = spawnSync('script', ['--version']).status === 0;
if (!haveScript) console.warn('util-linux `script` is not installed (apt-get install bsdutils): the tests of a terminal of no known width are skipped');

/** What the command prints to a terminal of 0 columns, COLUMNS set to `columns` (or unset), its line ends as a file's. */
function inZeroWidthTerminal(args: string[], columns: string | null): string {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', `stty cols 0 rows 0; ${command} 2>/dev/null`, '/dev/null'], {
    env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8', TERM: 'xterm', ...(columns === null ? {} : { COLUMNS: columns }) },
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  return r.stdout.replace(/\r\n/g, '\n');
}

describe.skipIf(!haveScript)('a terminal that does not say its width', () => {
  for (const lang of ['en', 'zh']) {
    it(`(${lang}) rewards gets the whole table, as a pipe does (it was squeezed to a word a line)`, () => {
      const args = ['rewards', ...SHEETS, '--format', 'table', '--lang', lang, '--no-color'];
      expect(inZeroWidthTerminal(args, null)).toBe(run(args).stdout);
    });
  }

  it('COLUMNS gives its width: rewards fits 60 columns, each person and both semesters on their line', () => {
    const text = inZeroWidthTerminal(['rewards', ...SHEETS, '--format', 'table', '--lang', 'zh', '--no-color'], '60');
    const lines = text.trimEnd().split('\n');
    expect(Math.max(...lines.map(displayWidth))).toBeLessThan(60);
    expect(lines[0]).toBe('2026年度奖惩名单：20 人');
    expect(lines).toContain('S007  吴强    2号楼  不合格（金额未设）  不合格（金额未设）');
    expect(lines).toContain('      年度奖金（金额未设），奖励合计（金额未设）');
  });
});
