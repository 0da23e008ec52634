/**
 * With --lang zh (or LANG=zh_CN.UTF-8) everything the tool says is Chinese (SPEC "Messages"): the
 * help of the program and of every command, commander's own errors, a set of representative runs of
 * every command (and the text of the report and notice documents they write), every bad sheet and
 * policy of fixtures/bad with `score` and `check`, and every console example of the documentation
 * (README.md, README.zh-CN.md, docs/*.md) run again in Chinese. A run fails when its output carries
 * an English word that is not data, by the rule written out in test/english-words.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/list.js';
import { HELP_ALLOW, IDENTIFIERS, POLICY_VALUES, englishWords } from './english-words.js';
import { docFiles, examples, runExample } from './examples.js';
import { FIX, ROOT, run, tempDir } from './helpers.js';

const ZH = { LANG: 'zh_CN.UTF-8', NO_COLOR: '1' };
const H1 = 'fixtures/2026-H1.csv';
const H2 = 'fixtures/2026-H2.csv';
const POLICY = 'fixtures/policy.json';
const ROSTER = 'fixtures/roster.csv';

/** The text of an HTML document as a reader sees it, one line per element. */
function htmlText(html: string): string {
  return html
    .replace(/<style\b[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]*>/g, '\n')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** `what` is the command line: its words are data. */
function expectChinese(what: string, text: string, allow: ReadonlySet<string> = IDENTIFIERS): void {
  expect(englishWords(text, allow, what), `${what}:\n${text}`).toEqual([]);
}

describe('--help in Chinese', () => {
  const commands = ['', ...COMMANDS.map((c) => c.name)];
  it.each(commands)('evaluate %s --help', (name) => {
    const args = name ? [name, '--help'] : ['--help'];
    const flag = run([...args, '--lang', 'zh']);
    expect(flag.code).toBe(0);
    expectChinese(`evaluate ${args.join(' ')} --lang zh`, flag.stdout, HELP_ALLOW);
    // LANG alone chooses it too, before commander parses anything.
    const env = run(args, { env: ZH });
    expect(env.stdout).toBe(flag.stdout);
    // The headings are commander's, in Chinese.
    expect(flag.stdout).toMatch(/^用法：evaluate/);
    expect(flag.stdout).toContain('选项：');
    expect(flag.stdout).not.toMatch(/Usage:|Options:|Commands:|Arguments:/);
  });

  it('evaluate help score, and evaluate alone (help on standard error, exit 2)', () => {
    const help = run(['help', 'score'], { env: ZH });
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(run(['score', '--help', '--lang', 'zh']).stdout);
    const none = run([], { env: ZH });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('命令：');
    expectChinese('evaluate', none.stderr, HELP_ALLOW);
  });

  it('--lang en wins over a Chinese LANG, and --lang zh over an English one', () => {
    expect(run(['score', '--help', '--lang', 'en'], { env: ZH }).stdout).toMatch(/^Usage: evaluate score \[options\] <sheet\.\.\.>/);
    expect(run(['score', '--help', '--lang=zh']).stdout).toMatch(/^用法：evaluate score \[选项\] <评分表\.\.\.>/);
  });
});

describe("commander's errors in Chinese (exit 2)", () => {
  it.each([
    [['score', H1, '--frobnicate'], "error: 没有选项 '--frobnicate'"],
    [['score', H1, '--lnag', 'zh'], "（是不是想用 --lang？）"],
    [['score'], 'evaluate: error: 缺少参数 <评分表...>：评分表（CSV）'],
    [['score', H1, '--format', 'xml'], "error: 选项 '--format <格式>' 的值 'xml' 无效；可用的值：table、csv、json、md、xlsx"],
    [['scroe', H1], "error: 没有命令 'scroe'\n（是不是想用 score？）"],
    [['score', H1, '--semester'], "error: 选项 '--semester <学期>' 缺少值"],
    [['diff', 'a.json', 'b.json', 'c.json'], 'error: diff 的参数太多：应为 2 个，实际 3 个'],
    [['batch', 'fixtures/centers'], "error: 必须给出选项 '--out-dir <文件夹>'"],
  ])('evaluate %j', (args, message) => {
    const r = run(args as string[], { env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expectChinese(`evaluate ${(args as string[]).join(' ')}`, r.stderr);
  });
});

/** Representative runs of every command, on the fixtures, each with what it prints on both streams. */
const RUNS: string[][] = [
  ['score', H1],
  ['score', H2, '--roster', ROSTER, '--policy', POLICY, '--group-by', 'post'],
  ['score', H1, '--format', 'md'],
  ['score', H1, '--format', 'csv'],
  ['score', H1, '--semester', '2026-H9'],
  ['score', H1, '--format', 'json', '--bom'],
  ['score', H1, '--encoding', 'latin1'],
  ['year', H1, H2, '--year', '2026'],
  ['year', H2, '--year', '2026', '--policy', POLICY, '--format', 'csv'],
  ['year', H1, H2, '--year', '1800'],
  ['rewards', H1, H2, '--year', '2026', '--format', 'table'],
  ['rewards', H1, H2, '--year', '2026', '--policy', POLICY, '--format', 'md'],
  ['check', H1, H2, '--roster', ROSTER],
  ['explain', 'S001', H1, H2, '--semester', '2026-H1', '--policy', POLICY],
  ['explain', 'S014', H1, H2, '--semester', '2026-H1', '--policy', POLICY],
  ['explain', 'S012', H1, H2, '--semester', '2026-H2', '--policy', POLICY],
  ['explain', 'S001', H1, H2],
  ['explain', '张伟', H1],
  ['explain', 's001', H1],
  ['panel', H1],
  ['panel', H1, H2],
  ['history', 'fixtures/centers/公寓中心', '--policy', POLICY],
  ['history', 'fixtures/centers/公寓中心', '--format', 'md'],
  ['diff', H1, H2],
  ['verify', ROSTER],
  // Refused: an --out that is a file (nothing is written into the fixtures), an existing policy.
  ['template', '--roster', ROSTER, '--semester', '2026-H1', '--out', ROSTER],
  ['init', '--yes', '--out', POLICY],
  ['report', H1, '--out', 'report.pdf'],
  ['notices', H1, '--pdf'],
];

describe('representative runs in Chinese', () => {
  it.each(RUNS)('evaluate %s', (...args) => {
    const r = run(args, { env: { ...ZH, EVALUATE_BROWSER: '/no/such/browser' } });
    const stdout = args.includes('json') ? '' : r.stdout;
    expectChinese(`evaluate ${args.join(' ')}`, `${stdout}\n${r.stderr}`);
  });

  it('commands that write: template, init, batch, notices --out-dir, report, verify, diff, history xlsx', () => {
    const dir = tempDir();
    const out = (...p: string[]) => join(dir, ...p);
    const steps: string[][] = [
      ['template', '--roster', ROSTER, '--semester', '2026-H1', '--out', out('h1')],
      ['template', '--roster', ROSTER, '--semester', '2026-H1', '--out', out('h1')],
      ['init', '--yes', '--out', out('policy.json')],
      ['batch', 'fixtures/centers', '--out-dir', out('reports')],
      ['batch', 'fixtures/centers', '--out-dir', out('reports')],
      ['notices', H1, '--out-dir', out('notices')],
      ['report', H1, '--out', out('report.html')],
      ['score', H1, '--policy', POLICY, '--format', 'json', '--out', out('before.json')],
      ['score', H1, '--format', 'json', '--out', out('after.json')],
      ['verify', out('before.json')],
      ['diff', out('before.json'), out('after.json')],
      ['history', 'fixtures/centers', '--format', 'xlsx', '--out', out('history.xlsx')],
    ];
    for (const args of steps) {
      const r = run(args, { env: ZH });
      expectChinese(`evaluate ${args.join(' ')}`, `${r.stdout}\n${r.stderr}`);
    }
    // The documents' text too (the charts' labels included): tags and styles are not words.
    for (const file of [out('report.html'), out('notices', 'S001.html'), out('reports', '饮食中心', 'report-2026-H2.html')]) {
      expectChinese(file, htmlText(readFileSync(file, 'utf8')));
    }
  });
});

describe('every bad fixture in Chinese', () => {
  const bad = readdirSync(join(FIX, 'bad')).sort();
  const sheets = bad.filter((f) => f.endsWith('.csv'));
  const policies = bad.filter((f) => f.endsWith('.json'));
  it('has sheets and policies', () => {
    expect(sheets.length).toBeGreaterThan(30);
    expect(policies.length).toBeGreaterThan(5);
  });
  it.each(sheets)('score and check fixtures/bad/%s', (f) => {
    for (const command of ['score', 'check']) {
      const r = run([command, `fixtures/bad/${f}`], { env: ZH });
      expectChinese(`evaluate ${command} fixtures/bad/${f}`, `${r.stdout}\n${r.stderr}`);
    }
  });
  it.each(policies)('score and check with --policy fixtures/bad/%s', (f) => {
    for (const command of ['score', 'check']) {
      const r = run([command, H1, '--policy', `fixtures/bad/${f}`], { env: ZH });
      expect(r.code).toBe(2);
      expectChinese(`evaluate ${command} --policy fixtures/bad/${f}`, r.stderr, new Set([...IDENTIFIERS, ...POLICY_VALUES]));
    }
  });
});

describe("the documentation's console examples, run again in Chinese", () => {
  // README.md, README.zh-CN.md, docs/guide.md, docs/guide.zh-CN.md, ...: each run with LANG=zh_CN.UTF-8.
  const found = docFiles().flatMap((f) => examples(f, readFileSync(join(ROOT, f), 'utf8')).filter((ex) => ex.skip === null));
  it('finds them, in every file with examples', () => {
    expect(found.length).toBeGreaterThan(60);
    for (const f of ['README.md', 'README.zh-CN.md', 'docs/guide.md', 'docs/guide.zh-CN.md']) expect(found.some((ex) => ex.where.startsWith(`${f}:`)), f).toBe(true);
  });
  for (const ex of found) {
    it(`${ex.where} $ ${ex.commands[0]?.line ?? ''}`.slice(0, 140), () => {
      for (const c of runExample(ex, { LANG: 'zh_CN.UTF-8' })) {
        // Only what evaluate says: `head`, `cat` and `ls` show files and their data.
        if (!/\bevaluate\b/.test(c.line)) continue;
        // What the example's own `echo "..."` prints is the documentation's, not the tool's.
        const echoes = [...c.line.matchAll(/\becho "([^"]*)"/g)].map((m) => new RegExp(`^${m[1]!.replace(/[.*+?^()|[\]\\]/g, '\\$&').replace(/\$\{[^}]*\}|\$\w+/g, '.*')}$`));
        const said = c.output.filter((l) => !echoes.some((e) => e.test(l)));
        expectChinese(`${ex.where}: $ ${c.line}`, said.join('\n'));
      }
    });
  }
});
