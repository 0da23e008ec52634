// evaluate report as a secretary uses it: the committee's report of the fixtures, as HTML and, in a
// real browser, as PDF; safe with hostile names; never over an input or an existing file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, FIX, ROOT, run, tempDir } from './helpers.js';
import { MARGIN_PT, pageCount, pageTexts, rawText, warnIfMissing, wordsPastMargin } from './report-pdf.js';

const H1 = join(FIX, '2026-H1.csv');
const H2 = join(FIX, '2026-H2.csv');
const ROSTER = join(FIX, 'roster.csv');
const POLICY = join(FIX, 'policy.json');
const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;
const canPrint = warnIfMissing('evaluate report');

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Scored {
  staffId: string;
  name: string;
  post: string;
  total: number;
  rank: number;
}

/** What `evaluate score` says of the sheets: each semester's staff with their totals. */
function scored(args: string[]): Map<string, Scored[]> {
  const r = run(['score', ...args, '--format', 'json']);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { semesters: { semester: string; staff: Scored[] }[] };
  return new Map(doc.semesters.map((s) => [s.semester, s.staff]));
}

/** The HTML between `<section id="ID"` and the next section. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf('<section ', start + 1);
  return html.slice(start, end < 0 ? undefined : end);
}

/** The text of some HTML as a reader sees it: tags removed, character references decoded. */
function text(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|[a-z]+);/g, (_, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (named[e] ?? `&${e};`)))
    .replace(/\s+/g, ' ');
}

/** Nothing in the source that reads as a URL, SVG namespace declarations aside. */
function urls(html: string): string[] {
  return [...html.replace(/ xmlns(:\w+)?="[^"]*"/g, '').matchAll(/https?:|\/\/|url\((?!#)/gi)].map((m) => m[0]);
}

describe('evaluate report', () => {
  it('writes one semester as one standalone HTML document: sections in order, the same totals as score', () => {
    const out = join(dir, 'h1.html');
    const r = run(['report', H1, '--policy', POLICY, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n')).toBe(true);
    expect(html).toContain(CSP);
    expect([...html.matchAll(/<section id="([a-z]+)"/g)].map((m) => m[1])).toEqual(['summary', 'ranking', 'consequences', 'panel', 'signatures', 'appendix']);
    expect(html).not.toMatch(/<script|<img|<link|<iframe|<object|<embed|\son[a-z]+=/i);
    expect(urls(html)).toEqual([]);
    // Four charts, inline SVG, with Chinese-capable fonts.
    expect(section(html, 'summary').match(/<svg /g)).toHaveLength(4);
    expect(html).toContain("font-family:'Noto Sans CJK SC'");

    const ranking = section(html, 'ranking');
    const staff = scored([H1, '--policy', POLICY]).get('2026-H1')!;
    expect(staff).toHaveLength(24);
    for (const s of staff) {
      const row = new RegExp(`<tr><td class="n">${s.rank}</td><td>${s.staffId}</td><td>${s.name}</td><td>${s.post}</td>.*<b>${s.total.toFixed(1)}</b>`);
      expect(ranking).toMatch(row);
    }
    const consequences = section(html, 'consequences');
    expect(text(consequences)).toContain('2026-H1: rewards, 15 staff, ¥7,000 in total');
    expect(consequences).toMatch(/<td>S020<\/td><td>谢涛<\/td>.*¥200<\/td><td><span class="date">2026-07-30<\/span><\/td>/);

    const signatures = section(html, 'signatures');
    expect(signatures.match(/<tr><td>[^<]+<\/td><td>[^<]+<\/td><td><\/td><td><\/td><\/tr>/g)).toHaveLength(5);
    expect(signatures).toContain('<td>leader</td><td>王主任</td>');
    expect(signatures).toContain('the committee is composed as the rules ask');

    const appendix = section(html, 'appendix');
    const sha = createHash('sha256').update(readFileSync(H1)).digest('hex');
    expect(appendix).toContain(`<td class="hash">${sha}</td>`);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(appendix).toContain(`Made by evaluate ${version}`);
    expect(appendix).toContain('the mean without the highest and the lowest score');
  });

  it('with both semesters of a year: H1 then H2 in ranking, consequences and panel, then the year, in Chinese', () => {
    const out = join(dir, 'year.html');
    const r = run(['report', H1, H2, '--roster', ROSTER, '--policy', POLICY, '--lang', 'zh', '--center', '学生公寓管理服务中心', '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">\n')).toBe(true);
    const ids = [...html.matchAll(/ id="([a-z0-9-]+|[a-z]+-\d{4}-H[12])"/gi)].map((m) => m[1]);
    expect(ids).toEqual([
      'summary',
      'ranking',
      'ranking-2026-H1',
      'ranking-2026-H2',
      'consequences',
      'consequences-2026-H1',
      'consequences-2026-H2',
      'year',
      'panel',
      'panel-2026-H1',
      'panel-2026-H2',
      'signatures',
      'appendix',
    ]);
    expect(html).toContain('<p class="center">学生公寓管理服务中心</p>');
    const both = scored([H1, H2, '--policy', POLICY]);
    for (const [semester, staff] of both) {
      const block = html.slice(html.indexOf(`id="ranking-${semester}"`), html.indexOf('</table>', html.indexOf(`id="ranking-${semester}"`)));
      for (const s of staff) expect(block).toMatch(new RegExp(`<td>${s.staffId}</td><td>${s.name}</td>.*<b>${s.total.toFixed(1)}</b>`));
    }
    const year = section(html, 'year');
    expect(year).toContain('评优推荐候选人 3，不予聘任 1，限期整改 2，不完整 0');
    expect(year).toMatch(/<td>S007<\/td><td>吴强<\/td>.*不予聘任（不再整改）/);
    // At year end non-renewal replaces the rectification: no due date for 吴强 in H2.
    expect(section(html, 'consequences')).toMatch(/<td>S007<\/td><td>吴强<\/td>.*<td>不予聘任，不再整改<\/td>/);
    expect(urls(html)).toEqual([]);
  });

  it('without amounts (the built-in rules set none) says no amount is set, never a total of ¥0 for the committee to sign', () => {
    for (const lang of ['en', 'zh'] as const) {
      const out = join(dir, `unset-${lang}.html`);
      expect(run(['report', H1, H2, '--lang', lang, '--out', out]).code).toBe(0);
      const html = readFileSync(out, 'utf8');
      const said = text(section(html, 'consequences'));
      if (lang === 'en') {
        expect(said).toContain('2026-H1: rewards, 15 staff, no amount set');
        expect(said).toContain('2026-H1: penalties and rectification, 3 staff, no amount set');
        expect(text(section(html, 'year'))).toContain('In total: rewards unset, penalties unset');
      } else {
        expect(said).toContain('2026年上半年奖励：15 人，金额均未设定');
        expect(said).toContain('2026年上半年处罚与限期整改：3 人，金额均未设定');
        expect(text(section(html, 'year'))).toContain('合计：奖励 金额未设，处罚 金额未设');
      }
      expect(text(html)).not.toMatch(/¥0\b/);
    }
  });

  // A control character in a cell is the reader's to refuse (SPEC): a terminal escape comes in here
  // through --center; test/report.test.ts shows h() making one visible in any text.
  it('shows a name with HTML or a formula, and a heading with a terminal escape, as plain text', () => {
    const sheet = join(dir, 'hostile.csv');
    writeFileSync(
      sheet,
      readFileSync(H1, 'utf8')
        .replaceAll('张伟', '"<script>alert(1)</script>"')
        .replaceAll('刘洋', '=1+2')
        .replaceAll(',1号楼,', ',<img src=x onerror=alert(1)> http://evil.example/,'),
    );
    const out = join(dir, 'hostile.html');
    const r = run(['report', sheet, '--center', '<b>中心</b>\u001b[2J', '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script|<img|<b>中心/);
    expect(html).not.toContain('\u001b');
    expect(html).toContain('<td>&lt;script&gt;alert&#40;1)&lt;&#47;script&gt;</td>');
    expect(html).toContain('<td>=1+2</td>');
    expect(html).toContain('<p class="center">&lt;b&gt;中心&lt;&#47;b&gt;\\u001b[2J</p>');
    expect(urls(html)).toEqual([]);
  });

  it('lists every outlier score the panel finds (the committee signs it), as evaluate panel does', () => {
    // 学生乙 gives full marks to everyone: 31 outlier scores.
    const sheet = join(dir, 'lenient.csv');
    writeFileSync(sheet, readFileSync(H1, 'utf8').replace(/^(.*,学生乙,[^,]*),.*$/gm, '$1,20,20,20,20,20'));
    const found = (JSON.parse(run(['panel', sheet, '--format', 'json']).stdout) as { outliers: unknown[] }).outliers.length;
    expect(found).toBeGreaterThan(12);
    const out = join(dir, 'lenient.html');
    expect(run(['report', sheet, '--out', out]).code).toBe(0);
    const table = /<table class="outliers">[\s\S]*?<\/table>/.exec(readFileSync(out, 'utf8'))![0];
    expect(table.match(/<tr>/g)).toHaveLength(found + 1);
    expect(readFileSync(out, 'utf8')).not.toContain('The first');
  });

  it('never writes over an input or an existing file without --force', () => {
    const inputCopy = join(dir, 'input.csv');
    writeFileSync(inputCopy, readFileSync(H1));
    const over = run(['report', inputCopy, '--out', inputCopy, '--force']);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('it is one of the input files');
    expect(readFileSync(inputCopy)).toEqual(readFileSync(H1));

    const existing = join(dir, 'existing.html');
    writeFileSync(existing, 'keep me');
    const refused = run(['report', H1, '--out', existing]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists; add --force');
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(run(['report', H1, '--out', existing, '--force']).code).toBe(0);
    expect(readFileSync(existing, 'utf8')).toContain('<section id="summary">');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('asks for --semester or --year when the sheets hold semesters of different years', () => {
    const other = join(dir, '2025-H2.csv');
    writeFileSync(other, readFileSync(H1, 'utf8').replaceAll('2026-H1', '2025-H2'));
    const r = run(['report', other, H1, '--out', join(dir, 'mixed.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the sheets hold 2025-H2, 2026-H1: choose one semester with --semester, or a year with --year');
    expect(existsSync(join(dir, 'mixed.html'))).toBe(false);
    expect(run(['report', other, H1, '--semester', '2026-H1', '--out', join(dir, 'mixed.html')]).code).toBe(0);
  });

  it('reads a sheet from standard input once: one semester, or both with --year', () => {
    const one = run(['report', '-'], { input: readFileSync(H1) });
    expect(one.code).toBe(0);
    expect(one.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(section(one.stdout, 'appendix')).toContain('<td>&lt;stdin&gt;</td>');
    const two = run(['notices', '-', H2], { input: readFileSync(H1) });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('--year 2026 for the year report');
    const year = run(['notices', '-', H2, '--year', '2026'], { input: readFileSync(H1) });
    expect(year.code).toBe(0);
    expect(year.stdout.match(/<section class="notice" /g)).toHaveLength(24);
  });

  it('without a browser (EVALUATE_BROWSER pointing to nothing): exit 2, says how to get one, writes nothing', () => {
    const out = join(dir, 'none.pdf');
    const r = run(['report', H1, '--out', out], { env: { EVALUATE_BROWSER: join(dir, 'no-such-browser') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot make a PDF: EVALUATE_BROWSER is');
    expect(r.stderr).toContain('--out FILE.html');
    expect(existsSync(out)).toBe(false);
    const zh = run(['report', H1, '--out', out, '--lang', 'zh'], { env: { EVALUATE_BROWSER: join(dir, 'no-such-browser') } });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('无法生成 PDF');
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(!canPrint)(
    'prints an A4 PDF in the browser: every name and total of both semesters, nothing past the right margin',
    () => {
      const out = join(dir, 'year.pdf');
      const r = run(['report', H1, H2, '--policy', POLICY, '--lang', 'zh', '--out', out]);
      expect(r.code).toBe(0);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
      expect(pageCount(out)).toBeGreaterThanOrEqual(7);
      const text = pageTexts(out).join('\n');
      for (const [semester, staff] of scored([H1, H2, '--policy', POLICY])) {
        for (const s of staff) {
          // The ranking row: id, name, post, the five methods, then the total.
          expect(text, `${semester} ${s.staffId}`).toMatch(new RegExp(`${s.staffId}\\s+${s.name}\\s+${s.post}(\\s+\\d+\\.\\d\\d){5}\\s+${s.total.toFixed(1).replace('.', '\\.')}\\s`));
        }
      }
      expect(text).toContain('考评小组签字');
      expect(wordsPastMargin(out, MARGIN_PT)).toEqual([]);
    },
    180_000,
  );

  it.skipIf(!canPrint)(
    'printing leaves nothing behind: in its temporary folder, or in /tmp/.config where there is no HOME (a bare environment)',
    () => {
      // Chromium keeps its crash reports under its configuration folder, which without HOME it puts
      // in /tmp/.config: the print gives it a folder of its own, removed after.
      const hadConfig = existsSync('/tmp/.config');
      const own = join(dir, 'own-tmp');
      mkdirSync(own);
      const out = join(dir, 'bare.pdf');
      const r = run(['report', H1, '--out', out], { env: { TMPDIR: own } });
      expect(r.code).toBe(0);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
      expect(readdirSync(own)).toEqual([]);
      expect(existsSync('/tmp/.config')).toBe(hadConfig);
    },
    180_000,
  );

  it.skipIf(!canPrint)(
    'prints hostile names as the text they are',
    () => {
      const sheet = join(dir, 'hostile-pdf.csv');
      writeFileSync(sheet, readFileSync(H1, 'utf8').replaceAll('张伟', '"<script>alert(1)</script>"').replaceAll('刘洋', '=1+2'));
      const out = join(dir, 'hostile.pdf');
      expect(run(['report', sheet, '--center', '中心\u001b[31m', '--out', out]).code).toBe(0);
      // A table cell may wrap a long name onto a second line: read the lines of a cell together.
      const raw = rawText(out).replace(/\n/g, '');
      expect(raw).toContain('<script>alert(1)</script>');
      expect(pageTexts(out).join('\n')).toMatch(/S002\s+=1\+2/);
      expect(raw).toContain('中心\\u001b[31m');
      expect(wordsPastMargin(out, MARGIN_PT)).toEqual([]);
    },
    180_000,
  );
});

describe('start-up', () => {
  /** Every module an `evaluate` run asks Node's ES module loader for (ECharts and playwright-core come that way). */
  function imported(args: string[]): string[] {
    const hooks = join(dir, 'hooks.mjs');
    const log = join(dir, `imports-${args[0]}.log`);
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) { appendFileSync(${JSON.stringify(log)}, specifier + '\\n'); return next(specifier, context); }
`,
    );
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8' } });
    expect(r.status).toBe(0);
    return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  }

  it('evaluate score loads neither ECharts nor playwright-core; evaluate report loads ECharts', () => {
    expect(imported(['score', H1]).filter((m) => /echarts|playwright/.test(m))).toEqual([]);
    expect(imported(['report', H1, '--out', join(dir, 'startup.html')])).toContain('echarts/dist/echarts.esm.min');
  });
});
