/**
 * The score table in a terminal narrower than it (tmux, 80 columns): no line wraps, and the rewards,
 * penalties and due dates the table has no room for are listed below it. Skipped where tmux is missing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/render/width.js';
import { BIN, FIX, ROOT, haveTmux, run, tempDir, tmuxServer } from './helpers.js';

if (!haveTmux) console.warn('tmux is not installed: the narrow-terminal tests are skipped');
const tmux = tmuxServer('narrow');

/** The screen's lines (joined where the terminal wrapped one) once the command has ended, in a terminal `width` wide. */
async function screen(name: string, width: number, args: string[]): Promise<string[]> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  expect(tmux('new-session', '-d', '-s', name, '-x', String(width), '-y', '60', '-c', ROOT, `${command}; echo EXIT=$?; sleep 30`).status).toBe(0);
  const end = Date.now() + 10_000;
  for (;;) {
    const s = tmux('capture-pane', '-p', '-S', '-200', '-t', name).stdout;
    if (s.includes('EXIT=')) return s.split('\n');
    if (Date.now() > end) throw new Error(s);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!haveTmux)('the score table in an 80-column terminal', () => {
  for (const lang of ['en', 'zh']) {
    it(`(${lang}) fits: no line wider than the terminal, and every reward, penalty and due date is listed below`, async () => {
      const lines = await screen(`n-${lang}`, 80, ['score', join(FIX, '2026-H1.csv'), '--lang', lang, '--no-color']);
      expect(lines.every((l) => displayWidth(l) < 80)).toBe(true);
      const text = lines.join('\n');
      expect(text).toContain(lang === 'en' ? 'Rewards, penalties and rectification (too wide for the table here):' : '奖励、处罚与整改期限（终端太窄，未在上表中显示）：');
      expect(text).toContain(lang === 'en' ? '  22 S020 谢涛: Penalty (unset), Rectify by 2026-07-30' : '  22 S020 谢涛：处罚（金额未设），整改期限 2026-07-30');
      // The ranks below right-aligned as in the table.
      expect(text).toContain(lang === 'en' ? '   9 S010 马晓燕: Reward (unset)\n  11 S008 徐芳: Reward (unset)' : '   9 S010 马晓燕：奖励（金额未设）\n  11 S008 徐芳：奖励（金额未设）');
      // Every person is in the table, each on one line.
      expect(lines.filter((l) => /^ +\d+ +S0\d\d +\S+ +\S+ +\d+\.\d\d /.test(l))).toHaveLength(24);
    });
  }

  it('a post too long for the terminal goes below with the money, each person\'s on their line; no line wraps', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'long.csv'), readFileSync(join(FIX, '2026-H1.csv'), 'utf8').replaceAll(',1号楼,', ',1号楼（女生公寓东区）,'));
    const lines = await screen('n-long-post', 80, ['score', join(dir, 'long.csv'), '--no-color']);
    expect(lines.every((l) => displayWidth(l) < 80)).toBe(true);
    const text = lines.join('\n');
    expect(text).toContain('Posts, rewards, penalties and rectification (too wide for the table here):');
    expect(text).toContain('  2 S001 张伟: Post 1号楼（女生公寓东区）, Reward (unset)');
    expect(lines.filter((l) => /^ +\d+ +S0\d\d +\S+ +\d+\.\d\d /.test(l))).toHaveLength(24);
  });

  it('a wide terminal, a file and a pipe get the whole table as before', async () => {
    const wide = (await screen('n-wide', 160, ['score', join(FIX, '2026-H1.csv'), '--no-color'])).join('\n');
    expect(wide).not.toContain('too wide');
    const piped = run(['score', join(FIX, '2026-H1.csv')]).stdout;
    expect(piped).toContain('Rectify by');
    expect(piped).not.toContain('too wide');
  });
});

describe.skipIf(!haveTmux)("HR's rewards table in an 80-column terminal", () => {
  const sheets = [join(FIX, '2026-H1.csv'), join(FIX, '2026-H2.csv'), '--policy', join(FIX, 'policy.json'), '--format', 'table', '--no-color'];
  for (const lang of ['en', 'zh']) {
    it(`(${lang}) fits: no line wider than the terminal; the due dates, on the person's own line, and every reason are kept`, async () => {
      const lines = await screen(`r-${lang}`, 80, ['rewards', ...sheets, '--lang', lang]);
      expect(lines.every((l) => displayWidth(l) < 80)).toBe(true);
      // Every person of the lists on one row of the table, with both semesters and the totals.
      const rows = lines.filter((l) => /^S0\d\d +\S+ +\d号楼 /.test(l));
      expect(rows).toHaveLength(20);
      expect(rows.find((l) => l.startsWith('S001'))).toMatch(lang === 'en' ? /excellent ¥800 +excellent ¥800 +¥2,000 +¥3,600$/ : /优秀 ¥800 +优秀 ¥800 +¥2,000 +¥3,600$/);
      // The due date has no column here: it is under the person's row, before the reason.
      const at = lines.findIndex((l) => l.startsWith('S014'));
      expect(lines.slice(at + 1, at + 3).map((l) => l.trim())).toEqual(
        lang === 'en' ? ['Rectify by 2026-07-30', 'H1 unqualified: penalty, rectify by 2026-07-30'] : ['整改期限 2026-07-30', '上半年不合格处罚，2026-07-30 前整改'],
      );
    });
  }

  it('a file gets the whole table, 120 columns wide, the due dates in their column', () => {
    const piped = run(['rewards', ...sheets]).stdout.split('\n');
    expect(piped.find((l) => l.startsWith('S014'))).toMatch(/¥200 +2026-07-30$/);
    expect(Math.max(...piped.map(displayWidth))).toBeGreaterThan(80);
    expect(piped.every((l) => displayWidth(l) <= 120)).toBe(true);
  });
});

describe.skipIf(!haveTmux)('the panel in an 80-column terminal', () => {
  for (const lang of ['en', 'zh']) {
    it(`(${lang}) fits: no line wider than the terminal, and a flagged rater's flags are shown`, async () => {
      const dir = tempDir();
      // 学生乙 gives everyone full marks: flagged lenient and identical.
      writeFileSync(join(dir, 'lenient.csv'), readFileSync(join(FIX, '2026-H1.csv'), 'utf8').replace(/^(.*,学生乙,[^,]*),.*$/gm, '$1,20,20,20,20,20'));
      const lines = await screen(`p-${lang}`, 80, ['panel', join(dir, 'lenient.csv'), '--lang', lang, '--no-color']);
      expect(lines.every((l) => displayWidth(l) < 80)).toBe(true);
      const text = lines.join('\n');
      expect(text).toMatch(lang === 'en' ? /^ {2}学生乙: Flags identical scores, lenient$/m : /^学生乙 +学生代表 +24 +100\.00 .*评分雷同、偏宽$/m);
      // Every rater on one line of the table.
      expect(lines.filter((l) => /^(王主任|李科长|赵老师|学生甲|学生乙) +\S+.* 24 /.test(l))).toHaveLength(5);
    });
  }

  it('a file or a pipe gets the whole table, the flags in their column', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'lenient.csv'), readFileSync(join(FIX, '2026-H1.csv'), 'utf8').replace(/^(.*,学生乙,[^,]*),.*$/gm, '$1,20,20,20,20,20'));
    const piped = run(['panel', join(dir, 'lenient.csv')]).stdout;
    expect(piped).toMatch(/^学生乙 +student +24 +100\.00 .*identical scores, lenient$/m);
  });
});

describe.skipIf(!haveTmux)("check's summary in an 80-column terminal", () => {
  for (const lang of ['en', 'zh']) {
    it(`(${lang}) no line wider than the terminal; the committee broken between its roles, never inside a name`, async () => {
      const lines = await screen(`c-${lang}`, 80, ['check', join(FIX, '2026-H1.csv'), join(FIX, '2026-H2.csv'), '--lang', lang, '--no-color']);
      expect(lines.every((l) => displayWidth(l) < 80)).toBe(true);
      const text = lines.join('\n');
      expect(text).toContain(
        lang === 'en'
          ? '  Committee: leader 1 (王主任), head office 1 (李科长),\n    center office 1 (赵老师), student 2 (学生甲, 学生乙)'
          : '  考评小组：组长 1 人（王主任）；总公司办公室 1 人（李科长）；\n    中心办公室 1 人（赵老师）；学生代表 2 人（学生甲、学生乙）',
      );
    });
  }

  it('a pipe gets each line whole', () => {
    expect(run(['check', join(FIX, '2026-H1.csv')]).stdout).toContain('  Committee: leader 1 (王主任), head office 1 (李科长), center office 1 (赵老师), student 2 (学生甲, 学生乙)\n');
  });
});

describe.skipIf(!haveTmux)('problems on a terminal', () => {
  /** The screen with its escape sequences (capture-pane -e) once the command has ended. */
  async function colored(name: string, args: string[], env = ''): Promise<string> {
    const command = `${env}${[process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ')}`;
    expect(tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '20', '-c', ROOT, `${command}; echo EXIT=$?; sleep 30`).status).toBe(0);
    const end = Date.now() + 10_000;
    for (;;) {
      const s = tmux('capture-pane', '-p', '-e', '-t', name).stdout;
      if (s.includes('EXIT=')) return s;
      if (Date.now() > end) throw new Error(s);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const bad = join(FIX, 'bad', 'score-over-max.csv');

  it('are colored by severity, and plain with --no-color (every command, as NO_COLOR and TERM=dumb do)', async () => {
    const plain = /score-over-max\.csv:\d+:\d+: error: score/;
    const screens = await Promise.all([
      colored('c-score', ['score', bad]),
      colored('c-score-plain', ['score', bad, '--no-color']),
      colored('c-year-plain', ['year', bad, '--no-color']),
      colored('c-panel-plain', ['panel', bad, '--no-color']),
      colored('c-env', ['score', bad], 'NO_COLOR=1 '),
      colored('c-dumb', ['score', bad], 'TERM=dumb '),
    ]);
    const [on, ...off] = screens;
    // tmux redraws the sequence in its own terms: some escape before the word on its line.
    const line = on.split('\n').find((l) => l.includes('error')) ?? '';
    expect(line.indexOf('\x1b[')).toBeGreaterThanOrEqual(0);
    expect(line.indexOf('\x1b[')).toBeLessThan(line.indexOf('error'));
    for (const s of off) {
      expect(s).toMatch(plain);
      expect(s.split('\n').filter((l) => l.includes('error')).join('\n')).not.toContain('\x1b[');
    }
    // A terminal without colors (TERM=dumb) gets the report's grades plain too.
    const table = await colored('c-dumb-table', ['score', join(FIX, '2026-H1.csv')], 'TERM=dumb ');
    expect(table).toContain('excellent');
    expect(table.split('\n').filter((l) => /excellent|unqualified/.test(l)).join('\n')).not.toContain('\x1b[');
  });
});

describe.skipIf(!haveTmux)('a document to a terminal', () => {
  it('report and notices refuse HTML as they refuse PDF (exit 2, a hint); a pipe still gets the document', async () => {
    const h1 = join(FIX, '2026-H1.csv');
    const report = (await screen('doc-report', 250, ['report', h1])).join('\n');
    expect(report).toContain('evaluate: error: an HTML document is not shown on a terminal: add --out FILE.html and open it in a browser (or --out FILE.pdf), or redirect standard output (> FILE.html)');
    expect(report).toContain('EXIT=2');
    expect(report).not.toContain('<html');
    const zh = (await screen('doc-notices', 250, ['notices', h1, '--lang', 'zh'])).join('\n');
    expect(zh).toContain('evaluate: error: HTML 文档不能显示在终端上');
    expect(zh).toContain('EXIT=2');
    const piped = run(['report', h1]);
    expect([piped.code, piped.stdout.startsWith('<!DOCTYPE html>')]).toEqual([0, true]);
  });
});
