/**
 * The summary of `evaluate enter` in a terminal narrower than its table: no line wider than the
 * terminal (a Chinese character is two columns), and every figure typed still shown. Driven through
 * its prompts with the terminal's width fixed (60, 40, and 80 where the table is as it always was),
 * then as a person sees it, in a real terminal 60 columns wide (tmux; skipped, visibly, without it).
 */
import { screen } from '@inquirer/testing/vitest';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type EnterFlags, runEnter } from '../src/commands/enter.js';
import { displayWidth } from '../src/render/width.js';
import { BIN, haveTmux, tempDir, tmuxServer } from './helpers.js';

const term = vi.hoisted(() => ({ columns: 60 as number | null }));
vi.mock('../src/io/output.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/io/output.js')>()),
  terminalColumns: () => term.columns,
}));

// Two names of four characters (eight columns): the widest the name column gets here.
const ROSTER = 'staff_id,name,post\nS001,张伟,1号楼\nS002,欧阳建国,1号楼\nS003,陈静,2号楼\nS004,司马相如,2号楼\n';
const TYPED = [
  ['19', '18.5', '18', '17', '20'],
  ['15', '16', '14', '13', '12'],
];
/** The numbers on each saved person's entry of the summary: the id's digits, the five scores, the total. */
const FIGURES = {
  S001: ['001', '19', '18.5', '18', '17', '20', '92.5'],
  S002: ['002', '15', '16', '14', '13', '12', '70.0'],
};
const SKIPPED = { en: 'skipped', zh: '已跳过' };

function setup(lang: 'en' | 'zh'): EnterFlags {
  const dir = tempDir();
  writeFileSync(join(dir, 'roster.csv'), ROSTER);
  return { roster: join(dir, 'roster.csv'), semester: '2026-H1', rater: '王主任', role: 'leader', out: join(dir, 'h1.csv'), lang };
}

/** The summary's lines: from its title to the end. */
function summaryOf(lines: string[]): string[] {
  return lines.slice(lines.findIndex((l) => /^(Summary|汇总)/.test(l)));
}

/** A person's entry of the summary: their line, and the lines that continue it. */
function entryOf(summary: string[], id: string): string {
  const at = summary.findIndex((l) => l.startsWith(`  ${id} `));
  expect(at, `${id} is not in the summary:\n${summary.join('\n')}`).toBeGreaterThan(0);
  const next = summary.findIndex((l, i) => i > at && /^ {2}S\d/.test(l));
  return summary.slice(at, next === -1 ? undefined : next).join(' ');
}

function expectFigures(summary: string[], lang: 'en' | 'zh'): void {
  for (const [id, figures] of Object.entries(FIGURES)) expect(entryOf(summary, id).match(/[\d.]+/g)).toEqual(figures);
  for (const id of ['S003', 'S004']) expect(entryOf(summary, id)).toContain(SKIPPED[lang]);
}

/** Two people typed and saved, the other two skipped twice: the summary's lines, above the question. */
async function toSummary(flags: EnterFlags): Promise<string[]> {
  const lines: string[] = [];
  const outcome = runEnter(flags, { interactive: true, print: (l) => lines.push(l), warn: (l) => lines.push(l) });
  await screen.next();
  const answer = async (text: string) => {
    if (text) screen.type(text);
    screen.keypress('enter');
    await screen.next();
  };
  for (const scores of TYPED) {
    for (const s of scores) await answer(s);
    await answer(''); // save: yes
  }
  for (let i = 0; i < 4; i++) await answer('s');
  expect(screen.getScreen()).toMatch(/All correct|全部无误/);
  const shown = lines.length; // what is on the screen above the question
  screen.keypress('enter'); // finish
  await expect(outcome).resolves.toBe('done');
  return summaryOf(lines.slice(0, shown));
}

describe('the summary of enter fits the terminal, every figure shown', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`(${lang}) 60 columns: no line wider than 59, the scores, totals and statuses all there`, async () => {
      term.columns = 60;
      const summary = await toSummary(setup(lang));
      expect(summary.filter((l) => displayWidth(l) >= 60)).toEqual([]);
      expectFigures(summary, lang);
    });

    it(`(${lang}) 40 columns: one person a line, broken between figures, none lost`, async () => {
      term.columns = 40;
      const summary = await toSummary(setup(lang));
      expect(summary.filter((l) => displayWidth(l) >= 40)).toEqual([]);
      expectFigures(summary, lang);
      expect(summary).toContain(lang === 'en' ? '  S003 陈静: skipped' : '  S003 陈静：已跳过');
    });
  }

  it('80 columns, and no terminal: the table as before, columns two spaces apart', async () => {
    for (const columns of [80, null]) {
      term.columns = columns;
      const summary = await toSummary(setup('en'));
      expect(summary.slice(0, 2)).toEqual(['Summary: 2 of 4 saved for 2026-H1, rater 王主任', '  ID    Name      listen   see  check  test  ask  Total  Status']);
      expect(summary).toContain('  S002  欧阳建国      15    16     14    13   12   70.0  saved');
      expect(summary[2]).toBe('  ────  ────────  ──────  ────  ─────  ────  ───  ─────  ───────');
      expect(summary.at(-1)).toMatch(/^ {2}S004 {2}司马相如 {40,}skipped$/);
    }
  });
});

if (!haveTmux) console.warn('tmux is not installed: the enter summary in a 60-column terminal is skipped');
const tmux = tmuxServer('enter-narrow');

/** The screen with the lines the terminal wrapped joined again (so that a wrap shows as a wide line). */
function screenOf(name: string): string[] {
  return tmux('capture-pane', '-p', '-J', '-S', '-3000', '-t', name).stdout.split('\n').map((l) => l.trimEnd());
}

async function until(name: string, done: (s: string[]) => boolean): Promise<string[]> {
  const end = Date.now() + 10_000;
  for (;;) {
    const s = screenOf(name);
    if (done(s)) return s;
    if (Date.now() > end) throw new Error(`the terminal stopped at:\n${s.join('\n')}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

const answered = (s: string[]) => s.filter((l) => l.startsWith('✔ ')).length;
/** Whether a question is on the screen below the last answer (the prompt library breaks a long one in lines itself). */
const asked = (s: string[]) => s.slice(s.map((l) => l.startsWith('✔ ')).lastIndexOf(true) + 1).some((l) => l.startsWith('? '));

describe.skipIf(!haveTmux)('the summary of enter in a real terminal 60 columns wide', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`(${lang}) no line wraps, and every figure is on the screen`, async () => {
      const flags = setup(lang);
      const name = `narrow-${lang}`;
      // In the sheet's folder, as a secretary runs it: the lines naming the sheet are short too.
      const args = [BIN, 'enter', '--roster', 'roster.csv', '--semester', '2026-H1', '--rater', '王主任', '--role', 'leader', '--out', 'h1.csv', '--lang', lang];
      const command = [process.execPath, ...args].map((a) => `'${a}'`).join(' ');
      const cwd = dirname(flags.out);
      expect(tmux('new-session', '-d', '-s', name, '-x', '60', '-y', '40', '-c', cwd, `LANG=C.UTF-8 ${command}; echo EXIT=$?; sleep 60`).status).toBe(0);
      // Each answer once the question is on the screen, and the next once it is marked answered.
      let done = 0;
      const reply = async (keys: string) => {
        await until(name, (s) => answered(s) === done && asked(s));
        if (keys) tmux('send-keys', '-t', name, '-l', keys);
        tmux('send-keys', '-t', name, 'Enter');
        await until(name, (s) => answered(s) > done);
        done++;
      };
      for (const scores of TYPED) for (const v of [...scores, '']) await reply(v);
      for (let i = 0; i < 4; i++) await reply('s');
      await until(name, (s) => s.some((l) => /All correct|全部无误/.test(l)));
      tmux('send-keys', '-t', name, 'Enter');
      const end = await until(name, (s) => s.includes('EXIT=0'));
      const summary = summaryOf(end);
      const table = summary.slice(0, summary.findIndex((l) => /All correct|全部无误/.test(l)));
      expect(table.filter((l) => displayWidth(l) >= 60)).toEqual([]);
      expectFigures(table, lang);
    });
  }
});
