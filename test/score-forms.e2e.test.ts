/** The same scores in every shape a sheet can take give identical JSON; options behave as documented. */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { FIX, run, tempDir } from './helpers.js';

const H1 = join(FIX, '2026-H1.csv');
const json = (args: string[], input?: Buffer) => {
  const r = run(['score', ...args, '--format', 'json'], { input });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  // The seal names the input files, which differ from form to form: the report is what must not.
  return JSON.stringify({ ...JSON.parse(r.stdout), seal: undefined });
};

describe('one semester in every shape', () => {
  const reference = json([H1]);
  const forms = join(FIX, 'forms');
  it.each([
    ['five one-method sheets', ['listen', 'see', 'check', 'test', 'ask'].map((m) => join(forms, `${m}.csv`))],
    ['a long sheet', [join(forms, 'long.csv')]],
    ['GBK with Chinese headers and full-width digits', [join(forms, 'h1-gbk-fullwidth.csv')]],
    ['UTF-8 with BOM, CRLF, shuffled columns and rows', [join(forms, 'h1-bom-crlf.csv')]],
  ])('%s', (_, files) => {
    expect(json(files)).toBe(reference);
  });

  it('standard input', () => {
    expect(json(['-'], readFileSync(H1))).toBe(reference);
  });

  it('GBK from standard input', () => {
    expect(json(['-'], readFileSync(join(forms, 'h1-gbk-fullwidth.csv')))).toBe(reference);
  });

  it('the GBK H2 sheet reads with detection and with --encoding gbk, and fails plainly with --encoding utf8', () => {
    const h2 = join(FIX, '2026-H2.csv');
    expect(json([h2, '--encoding', 'gbk'])).toBe(json([h2]));
    const r = run(['score', h2, '--encoding', 'utf8']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2026-H2\.csv:1: error: the file is not valid UTF-8 here \(byte 0x\w\w\); it reads as GBK/);
  });

  it('a tab-separated sheet with --delimiter as a tab, "\\t" or "tab" (a tab is hard to type in some shells)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'h1.tsv'), readFileSync(H1, 'utf8').replace(/,/g, '\t'));
    for (const d of ['\t', '\\t', 'tab', 'TAB']) expect(json([join(dir, 'h1.tsv'), '--delimiter', d])).toBe(reference);
  });

  it('--delimiter must be one ASCII character: a full-width comma or a middle dot is refused (exit 2), not ignored nor matched inside a character', () => {
    for (const d of ['，', '；', '·', ';;']) {
      const r = run(['score', H1, '--delimiter', d]);
      expect(r.code, d).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr, d).toContain(`evaluate: error: --delimiter must be one ASCII character other than a quote or a line end (a comma, a semicolon, tab...), not "${d}"`);
    }
    expect(run(['score', H1, '--delimiter', '，']).stderr).toContain('a sheet split by full-width commas or semicolons: replace them with , in the editor and leave --delimiter out');
    expect(run(['score', H1, '--delimiter', '；', '--lang', 'zh']).stderr).toContain('--delimiter 不能是 "；"：分隔符须是一个半角字符（如逗号、分号、tab），且不能是引号或换行；用全角逗号或分号分隔的表格');
  });

  it('a Chinese header spaced out as forms align it (工　号, 姓　名, 岗 位, 评　委) reads as the header', () => {
    const dir = tempDir();
    const [head, ...rows] = readFileSync(H1, 'utf8').split('\n');
    expect(head).toBe('staff_id,name,post,semester,rater,role,listen,see,check,test,ask');
    writeFileSync(join(dir, 'spaced.csv'), ['工　号,姓　名,岗 位,学　期,评　委,角  色,听,看,查,测,问', ...rows].join('\n'));
    expect(json([join(dir, 'spaced.csv')])).toBe(reference);
  });

  it('--group-by post lists 1号楼 to 12号楼 in their numbers\' order (10号楼 came before 2号楼)', () => {
    const dir = tempDir();
    const rows = Array.from({ length: 12 }, (_, i) => `S${String(i + 1).padStart(3, '0')},张${i},${12 - i}号楼,2026-H1,18,18,18,18,18`);
    writeFileSync(join(dir, 'posts.csv'), ['staff_id,name,post,semester,listen,see,check,test,ask', ...rows].join('\n'));
    const r = run(['score', join(dir, 'posts.csv'), '--group-by', 'post', '--format', 'csv']);
    expect(r.code).toBe(0);
    const posts = r.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[3]);
    expect(posts).toEqual(Array.from({ length: 12 }, (_, i) => `${i + 1}号楼`));
  });

  it('--semester fills a sheet without a semester column', () => {
    const dir = tempDir();
    const text = readFileSync(H1, 'utf8').replace(/,2026-H1,/g, ',').replace('semester,', '');
    writeFileSync(join(dir, 'nosem.csv'), text);
    expect(json([join(dir, 'nosem.csv'), '--semester', '2026上半年'])).toBe(reference);
    const r = run(['score', join(dir, 'nosem.csv')]);
    expect(r.code).toBe(1);
    // One problem for the sheet, not one a row: the same cause on each of its 120 rows.
    expect(r.stderr).toBe(
      `${join(dir, 'nosem.csv')}:2: error: no semester for this row (S001 张伟, rater 王主任), nor for 119 more rows of this sheet: the sheet has no semester column; give --semester; give --verbose to list each of them\n1 error; nothing was written\n`,
    );
    const each = run(['score', join(dir, 'nosem.csv'), '--verbose']);
    expect(each.stderr.split('\n').filter((l) => l.includes(': error: no semester for this row (')).length).toBe(120);
    expect(each.stderr).toContain('nosem.csv:121: error: no semester for this row (S024 冯建华, rater 学生乙): the sheet has no semester column; give --semester\n');
  });
});

describe('reports', () => {
  it('CSV in Chinese with a BOM, formula-looking text neutralized, numbers as numbers', () => {
    const dir = tempDir();
    const sheet = join(dir, 's.csv');
    writeFileSync(sheet, 'staff_id,name,post,semester,listen,see,check,test,ask\n=1+2,@cmd,-楼,2026-H1,18,18,18,18,17.95\n');
    const r = run(['score', sheet, '--format', 'csv', '--lang', 'zh', '--bom']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '\uFEFF名次,工号,姓名,岗位,学期,听,看,查,测,问,总分,等级,奖励,处罚,整改期限\r\n' + "1,'=1+2,'@cmd,'-楼,2026-H1,18,18,18,18,17.95,90.0,优秀,,,\r\n",
    );
    const j = JSON.parse(run(['score', sheet, '--format', 'json']).stdout);
    expect(j.semesters[0].staff[0]).toMatchObject({ staffId: '=1+2', name: '@cmd', post: '-楼', total: 90, grade: 'excellent' });
  });

  it('--group-by post ranks within each building', () => {
    const r = run(['score', H1, '--group-by', 'post', '--format', 'json']);
    const staff = JSON.parse(r.stdout).semesters[0].staff as { rank: number; post: string }[];
    expect(staff.map((s) => s.post)).toEqual([...staff.map((s) => s.post)].sort());
    for (const post of ['1号楼', '2号楼', '3号楼', '4号楼']) {
      expect(staff.filter((s) => s.post === post).map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const table = run(['score', H1, '--group-by', 'post', '--no-color']).stdout;
    expect(table).toContain('Post 1号楼');
  });

  it('Markdown and the Chinese table', () => {
    const md = run(['score', H1, '--format', 'md']).stdout;
    expect(md).toContain('| 1 | S011 | 朱磊 | 2号楼 | 19.10 | 19.50 | 18.60 | 18.60 | 19.30 | **95.1** | excellent |');
    const zh = run(['score', join(FIX, '2026-H2.csv'), '--lang', 'zh', '--no-color', '--policy', join(FIX, 'policy.json')]).stdout;
    expect(zh).toContain('员工业务评比 2026年下半年：24 人，评委 5 人');
    expect(zh).toMatch(/S007 {2}吴强 .* 不合格 {2}\s*¥200 {2}2027-01-30/);
    expect(zh).toContain('等级分布：优秀 4，良好 11，合格 8，不合格 1');
  });

  it('colors grades only when asked or on a terminal', () => {
    expect(run(['score', H1]).stdout).not.toContain('\x1b[');
    expect(run(['score', H1], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\x1b[');
    expect(run(['score', H1, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\x1b[');
  });
});

describe('--out', () => {
  it('writes atomically, keeps an existing file without --force, replaces it with --force', () => {
    const dir = tempDir();
    const out = join(dir, 'r.csv');
    expect(run(['score', H1, '--format', 'csv', '--out', out]).code).toBe(0);
    const first = readFileSync(out, 'utf8');
    expect(first.split('\r\n')[0]).toBe('rank,staff_id,name,post,semester,listen,see,check,test,ask,total,grade,reward,penalty,rectify_by');
    writeFileSync(out, 'keep me');
    const r = run(['score', H1, '--format', 'csv', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already exists; add --force to replace it');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(run(['score', H1, '--format', 'csv', '--out', out, '--force']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(first);
  });

  it('refuses to write over an input sheet, also through a symlink or ./ spelling, even with --force', () => {
    const dir = tempDir();
    const sheet = join(dir, 'h1.csv');
    copyFileSync(H1, sheet);
    symlinkSync(sheet, join(dir, 'link.csv'));
    const before = readFileSync(sheet);
    for (const out of ['h1.csv', './h1.csv', 'link.csv', `../${dir.split('/').pop()}/h1.csv`]) {
      const r = run(['score', 'h1.csv', '--out', out, '--force'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('it is one of the input files');
    }
    expect(readFileSync(sheet)).toEqual(before);
  });

  it('is not created when the data has problems', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'staff_id,listen,see,check,test,ask\nS1,1,2,3,4,x\n');
    const r = run(['score', 'bad.csv', '--semester', '2026-H1', '--out', 'r.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.csv:2:6: error: score "x" for ask is not a number (S1)');
    expect(r.stderr).toContain('1 error; nothing was written');
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
  });
});

describe('policy', () => {
  it('picks up evaluate.config.json in the working folder; --policy overrides it', () => {
    const dir = tempDir();
    copyFileSync(H1, join(dir, 'h1.csv'));
    writeFileSync(join(dir, 'evaluate.config.json'), JSON.stringify({ amounts: { excellent: 999 } }));
    const r = run(['score', 'h1.csv', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r.stdout).semesters[0].staff[0].reward).toBe(999);
    const o = run(['score', 'h1.csv', '--format', 'json', '--policy', join(FIX, 'policy.json')], { cwd: dir });
    expect(JSON.parse(o.stdout).semesters[0].staff[0].reward).toBe(800);
  });

  it.each([
    [{ lisen: { max: 20 } }, 'unknown key "lisen"'],
    [{ methods: { listen: { max: 25 } } }, '"methods" maxima must add up to 100'],
    [{ bands: { excellent: 70, good: 80 } }, '"bands" are out of order'],
    [{ aggregation: 'average' }, '"aggregation" must be one of mean, trimmed, median, weighted'],
  ])('%j is a usage error (exit 2) naming the key', (policy, words) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'p.json'), JSON.stringify(policy));
    const r = run(['score', H1, '--policy', join(dir, 'p.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`p.json: error: ${words}`);
  });

  it('a policy that is not JSON names the line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'p.json'), '{\n  "precision": 1,\n  oops\n}');
    const r = run(['score', H1, '--policy', join(dir, 'p.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p\.json:3:3: error: the policy is not valid JSON: a key in double quotes is expected here/);
  });
});

describe('usage and help', () => {
  it('evaluate without a command shows the help on standard error and exits 2; asked for, help is 0', () => {
    const none = run([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage: evaluate [options] [command]');
    expect(run(['help']).code).toBe(0);
    expect(run(['--help']).code).toBe(0);
    expect(run(['-V']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('unknown options and missing sheets exit 2', () => {
    expect(run(['score', H1, '--frobnicate']).code).toBe(2);
    expect(run(['score']).code).toBe(2);
    expect(run(['score', H1, '--format', 'xml']).code).toBe(2);
    const r = run(['score', 'nope.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evaluate: error: cannot read sheet "nope.csv": there is no such file or folder\n');
  });

  it('--help explains every option with real examples that work', () => {
    const top = run(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('$ evaluate score fixtures/2026-H1.csv');
    const help = run(['score', '--help']).stdout;
    for (const opt of ['--semester', '--roster', '--group-by', '--bom', '--policy', '--lang', '--format', '--out', '--force', '--no-color', '--encoding', '--delimiter']) {
      expect(help).toContain(opt);
    }
    const examples = help.split('\n').filter((l) => l.trim().startsWith('$ evaluate score fixtures/'));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const ex of examples.filter((l) => !l.includes('--out'))) {
      const args = ex.trim().slice('$ evaluate '.length).split(/\s+/);
      expect(run(args).code).toBe(0);
    }
  });
});

describe('a report of evaluate kept beside the sheets', () => {
  it('is refused as a sheet, in either language, not read as one more consensus sheet (rater "committee")', () => {
    const dir = tempDir();
    copyFileSync(H1, join(dir, '2026-H1.csv'));
    expect(run(['score', '2026-H1.csv', '--format', 'csv', '--out', 'report.csv'], { cwd: dir }).code).toBe(0);
    expect(run(['score', '2026-H1.csv', '--format', 'csv', '--bom', '--lang', 'zh', '--out', '成绩.csv'], { cwd: dir }).code).toBe(0);
    const r = run(['score', '.'], { cwd: dir });
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      "report.csv:1: error: this is a report written by evaluate score (rank, total and grade columns), not a scoring sheet: move it out of the sheets' folder, or name the sheets one by one\n" +
        '成绩.csv:1: error: this is a report written by evaluate score (rank, total and grade columns), not a scoring sheet: move it out of the sheets\' folder, or name the sheets one by one\n' +
        '2 errors; nothing was written\n',
    ]);
    const zh = run(['score', '.', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr.split('\n')[0]).toBe('report.csv:1: error: 这是 evaluate score 写出的报表（有名次、总分、等级列），不是评分表：请把它移出评分表所在的文件夹，或逐个指定评分表');
  });
});

describe('a roster kept beside the sheets', () => {
  it('is said to be a roster to give with --roster, in either language, for score and check alike', () => {
    const dir = tempDir();
    copyFileSync(H1, join(dir, '2026-H1.csv'));
    copyFileSync(join(FIX, 'roster.csv'), join(dir, 'roster.csv'));
    const want =
      "roster.csv:1: error: this is a roster (staff_id, name and post columns, no scores), not a scoring sheet: a roster is given with --roster FILE, not among the sheets; move it out of the sheets' folder, or name the sheets one by one\n";
    const r = run(['score', '.', '--format', 'csv'], { cwd: dir });
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `${want}1 error; nothing was written\n`]);
    expect(run(['check', '.'], { cwd: dir }).stderr).toContain(want);
    const zh = run(['score', '.', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr.split('\n')[0]).toBe('roster.csv:1: error: 这是花名册（只有工号、姓名、岗位列，没有评分），不是评分表：花名册用 --roster 文件 给出，不与评分表放在一起；请把它移出评分表所在的文件夹，或逐个指定评分表');
  });

  it('is told from a sheet that lacks its score columns: Chinese names, blank columns after, one more column, a header of two rows', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'zh.csv'), '工号,姓名,岗位,,\r\nS001,张伟,1号楼,,\r\n');
    writeFileSync(join(dir, 'ids.csv'), 'staff_id,post\nS001,1号楼\n');
    writeFileSync(join(dir, 'header-only.csv'), '工号,姓名,岗位\n');
    writeFileSync(join(dir, 'remarks.csv'), 'staff_id,name,post,备注\nS001,张伟,1号楼,x\n');
    writeFileSync(join(dir, 'rater.csv'), 'staff_id,name,post,rater\nS001,张伟,1号楼,王主任\n');
    // The roster's columns over the score columns' names (a merged cell left blank above them): a sheet.
    writeFileSync(join(dir, 'two-rows.csv'), '工号,姓名,岗位,,,,,\n,,,听,看,查,测,问\nS001,张伟,1号楼,18,18,18,18,18\n');
    const lines = (f: string) => run(['score', f], { cwd: dir }).stderr.split('\n').filter((l) => l.includes(': error: '));
    const roster = (f: string) => `${f}:1: error: this is a roster (staff_id, name and post columns, no scores), not a scoring sheet: a roster is given with --roster FILE, not among the sheets; move it out of the sheets' folder, or name the sheets one by one`;
    const noScores = (f: string) => `${f}:1: error: the header has no score columns: name them listen, see, check, test, ask (听 看 查 测 问), or use method and score columns`;
    expect(lines('zh.csv')).toEqual([roster('zh.csv')]);
    expect(lines('ids.csv')).toEqual([roster('ids.csv')]);
    expect(lines('header-only.csv')).toEqual([roster('header-only.csv')]);
    expect(lines('remarks.csv')).toEqual([noScores('remarks.csv')]);
    expect(lines('rater.csv')).toEqual([noScores('rater.csv')]);
    const two = run(['score', 'two-rows.csv'], { cwd: dir });
    expect([two.code, two.stderr.split('\n').filter((l) => / (error|warning): /.test(l) && !l.includes('no header name'))]).toEqual([
      1,
      [noScores('two-rows.csv'), "two-rows.csv:2: warning: this row names score columns (听, 看, 查, 测, 问) below the header of line 1: is the header two rows, as under a merged cell? Make it one row, each column's name in the column's own cell"],
    ]);
  });
});

describe('a sheet named twice', () => {
  it('is read once, with a warning naming both names (a folder and a file in it, a name given twice, a link)', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'h'));
    copyFileSync(H1, join(dir, 'h', '2026-H1.csv'));
    symlinkSync(join(dir, 'h', '2026-H1.csv'), join(dir, 'latest.csv'));
    const want = run(['score', H1, '--format', 'csv']).stdout;
    const cases: [string[], string][] = [
      [['h', 'h/2026-H1.csv'], 'h/2026-H1.csv:1: warning: the same file as h/2026-H1.csv, named before: read once\n'],
      [['h/2026-H1.csv', 'latest.csv'], 'latest.csv:1: warning: the same file as h/2026-H1.csv, named before: read once\n'],
    ];
    for (const [args, warning] of cases) {
      const r = run(['score', ...args, '--format', 'csv'], { cwd: dir });
      expect([r.code, r.stdout, r.stderr]).toEqual([0, want, warning]);
    }
    const zh = run(['year', 'h', 'h', '--lang', 'zh'], { cwd: dir });
    expect(zh.code).toBe(0);
    expect(zh.stderr).toContain('h/2026-H1.csv:1: warning: 与前面给出的 h/2026-H1.csv 是同一个文件：只读取一次\n');
    expect(zh.stderr).not.toContain('两次');
  });
});

describe('a sheet saved twice under two names', () => {
  it('is read once, with a warning naming the first; a sheet of the same size with other bytes is read', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'h'));
    copyFileSync(H1, join(dir, 'h', '2026-H1.csv'));
    copyFileSync(H1, join(dir, 'h', '2026-H1 (copy).csv'));
    const want = run(['score', H1, '--format', 'csv']).stdout;
    const r = run(['score', 'h', '--format', 'csv'], { cwd: dir });
    // The copy is the one named as such, though it sorts first: the other is read, and problems point into it.
    expect([r.code, r.stdout, r.stderr]).toEqual([0, want, 'h/2026-H1 (copy).csv:1: warning: the same bytes as h/2026-H1.csv (a sheet saved again under another name?): only h/2026-H1.csv is read\n']);
    copyFileSync(H1, join(dir, 'h', '2026-H1 - 副本.csv'));
    expect(run(['score', 'h', '--lang', 'zh'], { cwd: dir }).stderr).toBe(
      'h/2026-H1 (copy).csv:1: warning: 内容与 h/2026-H1.csv 完全相同（是否把同一张表另存了一份？）：只读取 h/2026-H1.csv\n' +
        'h/2026-H1 - 副本.csv:1: warning: 内容与 h/2026-H1.csv 完全相同（是否把同一张表另存了一份？）：只读取 h/2026-H1.csv\n',
    );
    const seal = JSON.parse(run(['score', 'h', '--format', 'json'], { cwd: dir }).stdout) as { seal: { inputs: { file: string }[] } };
    expect(seal.seal.inputs.map((i) => i.file)).toEqual(['h/2026-H1.csv']);
    // Two names neither of which says copy: the one named first is read.
    rmSync(join(dir, 'h'), { recursive: true });
    mkdirSync(join(dir, 'h'));
    copyFileSync(H1, join(dir, 'h', 'a.csv'));
    copyFileSync(H1, join(dir, 'h', 'b.csv'));
    expect(run(['score', 'h'], { cwd: dir }).stderr).toBe('h/b.csv:1: warning: the same bytes as h/a.csv (a sheet saved again under another name?): only h/a.csv is read\n');
    rmSync(join(dir, 'h', 'b.csv'));
    copyFileSync(H1, join(dir, 'h', '2026-H1 (copy).csv'));
    // The warning is under the copy's name, and the problems of the sheet read under that sheet's
    // (a file named twice too): each name where it belongs.
    copyFileSync(join(FIX, 'bad', 'score-over-max.csv'), join(dir, 'bad.csv'));
    copyFileSync(join(FIX, 'bad', 'score-over-max.csv'), join(dir, 'bad (1).csv'));
    const named = run(['score', 'bad (1).csv', 'bad.csv', './bad.csv'], { cwd: dir }).stderr.split('\n');
    expect(named.filter((l) => / error: | the same /.test(l))).toEqual([
      'bad.csv:2:7: error: score 20.5 for listen exceeds the maximum 20 (S001 张伟, rater 王主任)',
      'bad (1).csv:1: warning: the same bytes as bad.csv (a sheet saved again under another name?): only bad.csv is read',
      './bad.csv:1: warning: the same file as bad.csv, named before: read once',
    ]);
    // One score changed for another of the same length (the same size, other bytes): two sheets,
    // each of whose rows the other scores again.
    const text = readFileSync(H1, 'utf8');
    writeFileSync(join(dir, 'h', '2026-H1 (copy).csv'), text.replace(',19,20,18,17.5,17.5', ',19,20,18,17.5,16.5'));
    const both = run(['score', 'h'], { cwd: dir });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('are scored twice for S001 张伟, rater 王主任');
    expect(both.stderr).not.toContain('same bytes');
  });

  it('saved again in another encoding (not the same bytes): one warning naming the other sheet above the rows scored twice', () => {
    const dir = tempDir();
    const text = readFileSync(H1, 'utf8');
    writeFileSync(join(dir, '2026-H1.csv'), text);
    writeFileSync(join(dir, '2026-H1 GBK.csv'), iconv.encode(text.replaceAll('\n', '\r\n'), 'gbk'));
    const both = ['2026-H1.csv', '2026-H1 GBK.csv'];
    const r = run(['score', ...both, '--out', 'out.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(
      "2026-H1 GBK.csv:1: warning: every one of its 120 rows scores again what 2026-H1.csv scores (the same people, rater and methods): is it the same sheet saved again (in another encoding, or by another program), or another rater's sheet whose rater column was left as it was? Give only one copy, or correct the rater",
    );
    expect(lines.filter((l) => l.includes('scored twice'))).toHaveLength(120);
    expect(lines.at(-1)).toBe('120 errors, 1 warning; nothing was written');
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    expect(run(['score', ...both, '--lang', 'zh'], { cwd: dir }).stderr.split('\n')[0]).toBe(
      '2026-H1 GBK.csv:1: warning: 本表全部 120 行都与 2026-H1.csv 重复（同样的人、同一位评委、同样的考评方式）：是否同一张评分表又另存了一份（换了编码或用别的程序保存），或是另一位评委的表而评委一栏没有改？前者请只给出其中一份，后者请改正评委',
    );
    // The other sheet lacks a row the copy has: not every row repeats, no such warning (the rows scored twice stay errors).
    writeFileSync(join(dir, '2026-H1.csv'), text.replace(/\n[^\n]*\n$/, '\n'));
    const part = run(['score', ...both], { cwd: dir });
    expect(part.code).toBe(1);
    expect(part.stderr).not.toContain('again what');
    expect(part.stderr.split('\n').filter((l) => l.includes('scored twice'))).toHaveLength(119);
    // A copy with a row refused (score 20.5): not every row repeats the other, no such warning.
    writeFileSync(join(dir, '2026-H1.csv'), text);
    writeFileSync(join(dir, '2026-H1 GBK.csv'), iconv.encode(text.replace(',19,20,18,17.5,17.5', ',20.5,20,18,17.5,17.5'), 'gbk'));
    const refused = run(['score', ...both], { cwd: dir });
    expect(refused.stderr).toContain('2026-H1 GBK.csv:2:7: error: score 20.5 for listen exceeds the maximum 20');
    expect(refused.stderr).not.toContain('again what');
  });
});

describe('--roster, both directions', () => {
  it('a roster kept in the sheets\' folder is the roster, not one of the sheets (by any name of it)', () => {
    const dir = tempDir();
    copyFileSync(H1, join(dir, '2026-H1.csv'));
    copyFileSync(join(FIX, 'roster.csv'), join(dir, 'roster.csv'));
    const want = run(['score', H1, '--roster', join(FIX, 'roster.csv'), '--format', 'csv']).stdout;
    for (const roster of ['roster.csv', './roster.csv', join(dir, 'roster.csv')]) {
      const r = run(['score', '.', '--roster', roster, '--format', 'csv'], { cwd: dir });
      expect([r.code, r.stdout, r.stderr]).toEqual([0, want, '']);
    }
    // The sealed inputs name it once, as the roster.
    const json = JSON.parse(run(['score', '.', '--roster', 'roster.csv', '--format', 'json'], { cwd: dir }).stdout);
    expect(json.seal.inputs.map((i: { file: string; kind: string }) => [i.file.split('/').pop(), i.kind])).toEqual([['2026-H1.csv', 'sheet'], ['roster.csv', 'roster']]);
    // Without --roster it is read as a sheet, and said to be a roster (see 'a roster kept beside the sheets').
    const bare = run(['score', '.'], { cwd: dir });
    expect([bare.code, bare.stderr.split('\n')[0]]).toEqual([1, "roster.csv:1: error: this is a roster (staff_id, name and post columns, no scores), not a scoring sheet: a roster is given with --roster FILE, not among the sheets; move it out of the sheets' folder, or name the sheets one by one"]);
  });

  it('names the person missing from the sheets, the person missing from the roster, and a name that disagrees', () => {
    const dir = tempDir();
    const roster = readFileSync(join(FIX, 'roster.csv'), 'utf8')
      .replace('S024,冯建华,4号楼\n', '')
      .replace('S002,刘洋', 'S002,刘阳')
      .concat('S099,新来的,1号楼\n');
    writeFileSync(join(dir, 'roster.csv'), roster);
    const r = run(['score', H1, '--roster', join(dir, 'roster.csv')]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/2026-H1\.csv:7:2: error: S002 is "刘洋" here but "刘阳" on the roster \(.*roster\.csv:3\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/2026-H1\.csv:117: error: S024 冯建华 is scored in 2026-H1 but is not on the roster/));
    expect(lines).toContainEqual(expect.stringMatching(/roster\.csv:25: error: S099 新来的 is on the roster but has no scores in 2026-H1$/));
    // Sheets first (argument order), the roster last.
    expect(lines.findIndex((l) => l.includes('roster.csv:25'))).toBeGreaterThan(lines.findIndex((l) => l.includes('2026-H1.csv:117')));
  });

  it('standard input is named <stdin> in messages', () => {
    const r = run(['score', '-'], { input: 'staff_id,semester,listen,see,check,test,ask\nS1,2026-H1,1,2,3,4,25\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('<stdin>:2:7: error: score 25 for ask exceeds the maximum 20 (S1)');
    // From a pipe, not a keyboard: no word on how to end the typing (test/tmux.e2e.test.ts has that).
    const clean = run(['score', '-', '--format', 'csv'], { input: 'staff_id,semester,listen,see,check,test,ask\nS1,2026-H1,1,2,3,4,20\n' });
    expect([clean.code, clean.stderr]).toEqual([0, '']);
  });
});

describe('the streaming path leaves to the detailed path what it must report', () => {
  it('an unquoted 10 MB cell is refused by score as by check', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big-name.csv'), `staff_id,name,semester,listen,see,check,test,ask\nS001,${'x'.repeat(10 << 20)},2026-H1,19,20,18,17.5,17.5\n`);
    const r = run(['score', 'big-name.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('big-name.csv:2:2: error: a cell longer than 100000 characters');
  });

  it('a UTF-8 sheet with a row pasted from a GBK sheet is an error, not a silent misreading', () => {
    const dir = tempDir();
    const utf8 = Buffer.from('staff_id,name,semester,listen,see,check,test,ask\nS001,张伟,2026-H1,19,20,18,17.5,17.5\nS003,陈静,2026-H1,19,20,18,17.5,17.5\n');
    // 刘洋 in GBK is C1 F5 D1 F3: the sheet is not UTF-8 as a whole, so the streaming path would read it as GBK.
    const gbkRow = Buffer.concat([Buffer.from('S002,'), Buffer.from([0xc1, 0xf5, 0xd1, 0xf3]), Buffer.from(',2026-H1,17,18,17,16,17\n')]);
    const body = Buffer.concat([utf8.subarray(0, utf8.indexOf(10) + 1), gbkRow, utf8.subarray(utf8.indexOf(10) + 1)]);
    writeFileSync(join(dir, 'mixed.csv'), body);
    const r = run(['score', 'mixed.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/mixed\.csv:2: error: /);
    expect(run(['check', 'mixed.csv'], { cwd: dir }).stderr).toMatch(/mixed\.csv:2: error: /);
  });

  it('control characters in names reach neither the terminal table nor Markdown raw: the sheet is refused', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.csv'), 'staff_id,name,semester,listen,see,check,test,ask\nS001,"a\x1b]0;owned\x07b",2026-H1,19,20,18,17.5,17.5\n');
    for (const format of ['table', 'md', 'json']) {
      const r = run(['score', 's.csv', '--format', format], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('s.csv:2:2: error: a control character (\\u001b, ESC, a terminal escape) in this cell: a sheet holds text only; delete it\n1 error; nothing was written\n');
    }
  });

  it('invisible format characters in names (a bidi override, a zero-width space) are shown escaped in the table and Markdown, kept in JSON', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.csv'), 'staff_id,name,semester,listen,see,check,test,ask\nS001,a\u202eb\u200bc,2026-H1,19,20,18,17.5,17.5\n');
    for (const format of ['table', 'md']) {
      const r = run(['score', 's.csv', '--format', format], { cwd: dir });
      expect(r.code).toBe(0);
      expect(/[\u202e\u200b]/.test(r.stdout)).toBe(false);
      expect(r.stdout).toContain(format === 'md' ? String.raw`a\\u202eb\\u200bc` : String.raw`a\u202eb\u200bc`);
    }
    expect(JSON.parse(run(['score', 's.csv', '--format', 'json'], { cwd: dir }).stdout).semesters[0].staff[0].name).toBe('a\u202eb\u200bc');
  });
});
