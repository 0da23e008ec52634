/**
 * --out under attack: a file that appears while the run writes, two runs on one --out, devices
 * and pipes as --out, a dangling link, a hard link of an input, a signal in the middle of the
 * write, a disk that fails. An existing file is never replaced without --force, nothing half
 * written or temporary is ever left behind, and every refusal says why in words (exit 2).
 *
 * EVALUATE_DEBUG_WRITE_PAUSE_MS makes the writer pause after its first chunk, so that a test can
 * act while the temporary file exists.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { writeOut } from '../src/io/output.js';
import { BIN, FIX, run, tempDir } from './helpers.js';

const H1 = join(FIX, '2026-H1.csv');
const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const REPORT = run(['score', H1, '--format', 'csv']).stdout;

function temporaries(d: string): string[] {
  return readdirSync(d).filter((f) => f.endsWith('.tmp'));
}

interface Started {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function start(args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b) => (stderr += String(b)));
  child.stdout!.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done };
}

async function until(what: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const PAUSE = { EVALUATE_DEBUG_WRITE_PAUSE_MS: '1500' };

describe('an existing --out is never replaced without --force', () => {
  it('a file that appears while the run is writing is kept, and the run exits 2', async () => {
    const d = dir();
    const out = join(d, 'report.csv');
    const r = start(['score', H1, '--format', 'csv', '--out', out], PAUSE);
    await until(() => temporaries(d).length > 0);
    writeFileSync(out, 'mine\n');
    const end = await r.done;
    expect(end.code).toBe(2);
    expect(end.stderr).toBe(`evaluate: error: --out ${out} appeared while this run was writing it; it is kept as it is: add --force to replace it\n`);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    expect(temporaries(d)).toEqual([]);
  });

  it('with --force the run replaces it', async () => {
    const d = dir();
    const out = join(d, 'report.csv');
    const r = start(['score', H1, '--format', 'csv', '--out', out, '--force'], PAUSE);
    await until(() => temporaries(d).length > 0);
    writeFileSync(out, 'mine\n');
    expect((await r.done).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(REPORT);
    expect(temporaries(d)).toEqual([]);
  });

  it('two runs writing one --out: one wins, the other exits 2', async () => {
    const d = dir();
    const out = join(d, 'report.csv');
    const a = start(['score', H1, '--format', 'csv', '--out', out], PAUSE);
    const b = start(['score', H1, '--format', 'csv', '--out', out], PAUSE);
    const ends = await Promise.all([a.done, b.done]);
    expect(ends.map((e) => e.code).sort()).toEqual([0, 2]);
    expect(ends.find((e) => e.code === 2)!.stderr).toContain('appeared while this run was writing it');
    expect(readFileSync(out, 'utf8')).toBe(REPORT);
    expect(temporaries(d)).toEqual([]);
  });
});

describe('--out that is not a regular file is written directly', () => {
  it('--out /dev/stdout --force writes to the stream', () => {
    const r = run(['score', H1, '--format', 'csv', '--out', '/dev/stdout', '--force']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(REPORT);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
  });

  it('--out /dev/stdout with standard output sent to a file', () => {
    const d = dir();
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" score "${H1}" --format csv --out /dev/stdout > "${join(d, 'redirected.csv')}"`], {
      encoding: 'utf8',
    });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(readFileSync(join(d, 'redirected.csv'), 'utf8')).toBe(REPORT);
  });

  it('--out - is standard output', () => {
    const d = dir();
    const r = run(['score', H1, '--format', 'csv', '--out', '-'], { cwd: d });
    expect([r.code, r.stderr, r.stdout]).toEqual([0, '', REPORT]);
    expect(readdirSync(d)).toEqual([]);
  });

  it('--out /dev/null', () => {
    const r = run(['score', H1, '--format', 'csv', '--out', '/dev/null']);
    expect([r.code, r.stderr, r.stdout]).toEqual([0, '', '']);
  });

  it('a FIFO: the reader gets the report, the FIFO stays a FIFO', () => {
    const d = dir();
    const fifo = join(d, 'pipe.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = spawnSync('bash', ['-c', `cat "${fifo}" > "${join(d, 'got.csv')}" & "${process.execPath}" "${BIN}" score "${H1}" --format csv --out "${fifo}"; s=$?; wait; exit $s`], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(readFileSync(join(d, 'got.csv'), 'utf8')).toBe(REPORT);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('/dev/full: the disk is full, said in words, exit 2', () => {
    const r = run(['score', H1, '--format', 'csv', '--out', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evaluate: error: cannot write --out /dev/full: the disk is full; nothing was written\n');
  });
});

describe('--out paths that are refused', () => {
  it('a dangling symbolic link, even with --force', () => {
    const d = dir();
    const link = join(d, 'report.csv');
    symlinkSync(join(d, 'nowhere', 'x.csv'), link);
    for (const force of [[], ['--force']]) {
      const r = run(['score', H1, '--format', 'csv', '--out', link, ...force]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `evaluate: error: refusing to write --out ${link}: it is a symbolic link to ${join(d, 'nowhere', 'x.csv')}, which does not exist; give the file's real name\n`,
      );
      expect(readlinkSync(link)).toBe(join(d, 'nowhere', 'x.csv'));
    }
    expect(existsSync(join(d, 'nowhere'))).toBe(false);
  });

  it('a hard link of an input, even with --force', () => {
    const d = dir();
    const input = join(d, 'h1.csv');
    writeFileSync(input, readFileSync(H1));
    linkSync(input, join(d, 'copy.csv'));
    const r = run(['score', input, '--format', 'csv', '--out', join(d, 'copy.csv'), '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`evaluate: error: refusing to write --out ${join(d, 'copy.csv')}: it is one of the input files\n`);
    expect(readFileSync(input).equals(readFileSync(H1))).toBe(true);
  });

  it('a folder', () => {
    const d = dir();
    const r = run(['score', H1, '--out', d, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`evaluate: error: cannot write --out ${d}: it is a folder; give a file name\n`);
  });

  it('a folder that does not exist, in Chinese too', () => {
    const d = dir();
    const out = join(d, 'no', 'report.csv');
    expect(run(['score', H1, '--out', out]).stderr).toBe(`evaluate: error: cannot write --out ${out}: the folder ${join(d, 'no')} does not exist\n`);
    expect(run(['score', H1, '--out', out, '--lang', 'zh']).stderr).toBe(`evaluate: error: 无法写入 --out ${out}：文件夹 ${join(d, 'no')} 不存在\n`);
  });

  it('an existing file without --force, in Chinese too', () => {
    const d = dir();
    const out = join(d, 'r.csv');
    writeFileSync(out, 'x');
    expect(run(['score', H1, '--out', out]).stderr).toBe(`evaluate: error: --out ${out} already exists; add --force to replace it\n`);
    expect(run(['score', H1, '--out', out, '--lang', 'zh']).stderr).toBe(`evaluate: error: --out ${out} 已存在；如要替换，请加 --force\n`);
    expect(readFileSync(out, 'utf8')).toBe('x');
  });
});

describe('the format of --out', () => {
  const H2 = join(FIX, '2026-H2.csv');
  const stdout = (args: string[]) => run(args).stdout;

  it('a file named .xlsx (in any case) is a workbook without --format: not a table in a file Excel refuses', () => {
    const d = dir();
    for (const [args, out] of [[['score', H1], '名单.xlsx'], [['year', H1, H2], 'Y.XLSX'], [['rewards', H1, H2], '2026-奖惩.xlsx'], [['history', H1, H2], 'h.Xlsx']] as const) {
      const r = run([...args, '--out', out, '--lang', 'zh'], { cwd: d });
      expect([r.code, r.stderr.split('\n').at(-2)]).toEqual([0, `evaluate: 已写入 ${out}`]);
      // A zip file (the workbook), not text.
      expect(readFileSync(join(d, out)).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    }
  });

  it('text files keep --format and its default, as the contract says (.csv, .json, .md, .txt), with a warning where the name says another', () => {
    const d = dir();
    const table = run(['score', H1, '--out', 'r.csv'], { cwd: d });
    expect([table.code, table.stderr]).toEqual([
      0,
      'evaluate: warning: --out r.csv holds the aligned table (--format table, the default), not CSV: give --format csv for a CSV file that Excel opens as a sheet\nevaluate: wrote r.csv\n',
    ]);
    expect(readFileSync(join(d, 'r.csv'), 'utf8')).toBe(stdout(['score', H1]));
    const zh = run(['score', H1, '--out', '成绩.csv', '--lang', 'zh'], { cwd: d });
    expect(zh.stderr).toBe('evaluate: warning: --out 成绩.csv 写入的是对齐的表格（默认的 --format table），不是 CSV：要得到 Excel 能按表格打开的 CSV 文件，请加 --format csv\nevaluate: 已写入 成绩.csv\n');
    // --format given, or a name that says nothing: no warning.
    expect(run(['score', H1, '--format', 'csv', '--out', 'c.csv'], { cwd: d }).stderr).toBe('evaluate: wrote c.csv\n');
    expect(run(['score', H1, '--out', 't.txt'], { cwd: d }).stderr).toBe('evaluate: wrote t.txt\n');
    expect(run(['score', H1, '--format', 'md', '--out', 'r.txt'], { cwd: d }).code).toBe(0);
    expect(readFileSync(join(d, 'r.txt'), 'utf8')).toBe(stdout(['score', H1, '--format', 'md']));
    const list = run(['rewards', H1, H2, '--out', 'list.json'], { cwd: d });
    expect(list.code).toBe(0);
    expect(list.stderr).toContain('evaluate: warning: --out list.json holds the CSV (--format csv, the default), not JSON: give --format json for a JSON file\nevaluate: wrote list.json\n');
    expect(readFileSync(join(d, 'list.json'), 'utf8')).toBe(stdout(['rewards', H1, H2]));
    expect(run(['check', H1, '--format', 'json', '--out', 'c.md'], { cwd: d }).code).toBe(0);
    expect(JSON.parse(readFileSync(join(d, 'c.md'), 'utf8'))).toEqual(JSON.parse(stdout(['check', H1, '--format', 'json'])));
  });

  it('refuses a --format that the file\'s extension contradicts, and a file the command does not write: exit 2 before reading, in words, nothing written', () => {
    const d = dir();
    const cases: [string[], string][] = [
      [['score', H1, '--format', 'csv', '--out', 'r.xlsx'], '--format csv writes text, but --out r.xlsx names an Excel workbook: leave out --format to write an Excel workbook, or name the file .csv'],
      [['rewards', H1, H2, '--format', 'table', '--out', 'R.XLSX'], '--format table writes text, but --out R.XLSX names an Excel workbook: leave out --format to write an Excel workbook, or name the file .txt'],
      [['year', H1, H2, '--format', 'table', '--out', 'a.xlsx'], '--format table writes text, but --out a.xlsx names an Excel workbook: leave out --format to write an Excel workbook, or name the file .txt'],
      [['report', H1, '--format', 'pdf', '--out', 'r.html'], '--format pdf writes a PDF, but --out r.html names an HTML document: leave out --format to write an HTML document, or name the file .pdf'],
      [['report', H1, '--format', 'html', '--out', 'r.pdf'], '--format html writes an HTML document, but --out r.pdf names a PDF: leave out --format to write a PDF, or name the file .html'],
      [['score', join(d, 'missing.csv'), '--format', 'json', '--out', 'r.xlsx'], '--format json writes text, but --out r.xlsx names an Excel workbook: leave out --format to write an Excel workbook, or name the file .json'],
    ];
    for (const [args, message] of cases) {
      const r = run(args, { cwd: d });
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `evaluate: error: ${message}\n`]);
    }
    const zh = run(['year', H1, H2, '--format', 'table', '--out', 'a.xlsx', '--lang', 'zh'], { cwd: d });
    expect([zh.code, zh.stderr]).toEqual([
      2,
      'evaluate: error: --format table 写出的是文本，而 --out a.xlsx 是 Excel 工作簿的文件名：要写 Excel 工作簿请不写 --format，否则请把文件命名为 .txt\n',
    ]);
    // A command that writes no such file: a workbook of check, a PDF of score.
    const check = run(['check', H1, '--out', 'c.xlsx'], { cwd: d });
    expect([check.code, check.stderr]).toEqual([2, 'evaluate: error: --out c.xlsx: check writes no .xlsx file (its formats: table, json); name the file for one of them\n']);
    const pdf = run(['score', H1, '--out', '成绩.pdf', '--lang', 'zh'], { cwd: d });
    expect([pdf.code, pdf.stderr]).toEqual([2, 'evaluate: error: --out 成绩.pdf：score 不能写出 .pdf 文件（可用的格式：table、csv、json、md、xlsx）；请按其中一种格式命名文件\n']);
    expect(readdirSync(d)).toEqual([]);
  });

  it('a spreadsheet\'s or word processor\'s own file (.xls, .docx, ...) is refused, naming the file of that kind the command writes', () => {
    // Text under 成绩.xls, or HTML under 通知.docx, is a file Excel or Word will not open as such.
    const d = dir();
    const cases: [string[], string][] = [
      [['score', H1, '--out', '成绩.xls'], '--out 成绩.xls: score writes no .xls file (its formats: table, csv, json, md, xlsx); name the file .xlsx for an Excel workbook (Excel and WPS open it)'],
      [['rewards', H1, H2, '--format', 'csv', '--out', 'R.ODS'], '--out R.ODS: rewards writes no .ods file (its formats: csv, table, json, md, xlsx); name the file .xlsx for an Excel workbook (Excel and WPS open it)'],
      [['notices', H1, '--out', '通知.docx'], '--out 通知.docx: notices writes no .docx file (its formats: html, pdf); name the file .pdf to print or send it, or .html (any browser opens and prints it)'],
      [['report', H1, '--format', 'html', '--out', 'r.doc'], '--out r.doc: report writes no .doc file (its formats: html, pdf); name the file .pdf to print or send it, or .html (any browser opens and prints it)'],
      [['check', H1, '--out', 'c.docx'], '--out c.docx: check writes no .docx file (its formats: table, json); name the file for one of them'],
    ];
    for (const [args, message] of cases) {
      const r = run(args, { cwd: d });
      expect([r.code, r.stdout, r.stderr], args.join(' ')).toEqual([2, '', `evaluate: error: ${message}\n`]);
    }
    const zh = run(['report', H1, '--out', '报告.docx', '--lang', 'zh'], { cwd: d });
    expect([zh.code, zh.stderr]).toEqual([2, 'evaluate: error: --out 报告.docx：report 不能写出 .docx 文件（可用的格式：html、pdf）；要打印或发送请命名为 .pdf，或者命名为 .html（任何浏览器都能打开、打印）\n']);
    const xls = run(['score', H1, '--out', '成绩.xls', '--lang', 'zh'], { cwd: d });
    expect(xls.stderr).toBe('evaluate: error: --out 成绩.xls：score 不能写出 .xls 文件（可用的格式：table、csv、json、md、xlsx）；要得到 Excel 工作簿请命名为 .xlsx（Excel 和 WPS 都能打开）\n');
    expect(readdirSync(d)).toEqual([]);
    // A device under such a name is written as it is (its name says nothing).
    symlinkSync('/dev/null', join(d, 'null.xls'));
    expect(run(['score', H1, '--out', 'null.xls'], { cwd: d }).code).toBe(0);
    expect(lstatSync(join(d, 'null.xls')).isSymbolicLink()).toBe(true);
  });

  it('a workbook is named .xlsx and a PDF .pdf: either under another name is refused, exit 2, nothing written', () => {
    const d = dir();
    const cases: [string[], string][] = [
      [['year', H1, H2, '--format', 'xlsx', '--out', 'y2.csv'], '--format xlsx writes an Excel workbook, but --out y2.csv is not named .xlsx: name the file .xlsx, or choose another --format'],
      [['score', H1, '--format', 'xlsx', '--out', 'scores'], '--format xlsx writes an Excel workbook, but --out scores is not named .xlsx: name the file .xlsx, or choose another --format'],
      [['report', H1, '--format', 'pdf', '--out', 'r.txt'], '--format pdf writes a PDF, but --out r.txt is not named .pdf: name the file .pdf, or choose another --format'],
      [['notices', H1, '--format', 'pdf', '--out', 'n.htm'], '--format pdf writes a PDF, but --out n.htm names an HTML document: leave out --format to write an HTML document, or name the file .pdf'],
      [['notices', H1, '--format', 'html', '--out', 'n.xlsx'], '--out n.xlsx: notices writes no .xlsx file (its formats: html, pdf); name the file for one of them'],
    ];
    for (const [args, message] of cases) {
      const r = run(args, { cwd: d });
      expect([r.code, r.stdout, r.stderr], args.join(' ')).toEqual([2, '', `evaluate: error: ${message}\n`]);
    }
    const zh = run(['year', H1, H2, '--format', 'xlsx', '--out', 'y2.csv', '--lang', 'zh'], { cwd: d });
    expect([zh.code, zh.stderr]).toEqual([2, 'evaluate: error: --format xlsx 写出的是 Excel 工作簿，而 --out y2.csv 的扩展名不是 .xlsx：请把文件命名为 .xlsx，或换用其他 --format\n']);
    expect(readdirSync(d)).toEqual([]);
  });

  it('a workbook to standard output, or to a path that is no file (a device), is written; an HTML document under a text name too', () => {
    const d = dir();
    const dash = run(['score', H1, '--format', 'xlsx', '--out', '-'], { cwd: d });
    expect([dash.code, dash.stderr, dash.stdout.slice(0, 2)]).toEqual([0, '', 'PK']);
    expect(run(['score', H1, '--format', 'xlsx', '--out', '/dev/null'], { cwd: d }).code).toBe(0);
    const page = run(['report', H1, '--format', 'html', '--out', 'r.txt'], { cwd: d });
    expect([page.code, page.stderr]).toEqual([0, 'evaluate: wrote r.txt\n']);
    expect(readFileSync(join(d, 'r.txt'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  });
});

describe('writing a regular --out', () => {
  it('names the file written on standard error, in the language asked', () => {
    const d = dir();
    const r = run(['score', H1, '--format', 'csv', '--out', 'report.csv'], { cwd: d });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'evaluate: wrote report.csv\n']);
    const zh = run(['score', H1, '--format', 'csv', '--out', 'report.csv', '--force', '--lang', 'zh'], { cwd: d });
    expect([zh.code, zh.stdout, zh.stderr]).toEqual([0, '', 'evaluate: 已写入 report.csv\n']);
    expect(readFileSync(join(d, 'report.csv'), 'utf8')).toBe(run(['score', H1, '--format', 'csv', '--lang', 'zh']).stdout);
  });

  it('a symbolic link to an existing report: with --force the report it points to is replaced, the link stays', () => {
    const d = dir();
    mkdirSync(join(d, 'reports'));
    writeFileSync(join(d, 'reports', '2026.csv'), 'old\n');
    symlinkSync(join(d, 'reports', '2026.csv'), join(d, 'latest.csv'));
    const r = run(['score', H1, '--format', 'csv', '--out', join(d, 'latest.csv'), '--force']);
    expect(r.code).toBe(0);
    expect(lstatSync(join(d, 'latest.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'reports', '2026.csv'), 'utf8')).toBe(REPORT);
    expect(temporaries(d)).toEqual([]);
    expect(temporaries(join(d, 'reports'))).toEqual([]);
  });

  it('a disk that fails while writing: exit 2, the reason in words, nothing left behind', () => {
    const d = dir();
    const out = join(d, 'report.csv');
    // A file size limit of 1 KB: the write fails half-way with EFBIG, as a full disk would with ENOSPC.
    const r = spawnSync('bash', ['-c', `ulimit -f 1; exec "${process.execPath}" "${BIN}" score "${H1}" --format csv --out "${out}"`], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`evaluate: error: cannot write --out ${out}: the file is too big for this disk; nothing was written\n`);
    expect(readdirSync(d)).toEqual([]);
  });

  it.each([['SIGINT'], ['SIGTERM'], ['SIGHUP'], ['SIGQUIT']] as const)('%s during the write leaves no temporary file and no report', async (signal) => {
    const d = dir();
    const out = join(d, 'report.csv');
    const r = start(['score', H1, '--format', 'csv', '--out', out], PAUSE);
    await until(() => temporaries(d).length > 0);
    r.child.kill(signal);
    const end = await r.done;
    expect(end.signal).toBe(signal);
    expect(readdirSync(d)).toEqual([]);
  });

  it('a folder to make under /proc, or below a file: exit 2 at once, in words (Node 20\'s recursive mkdir looped forever under /proc, deaf to SIGTERM)', () => {
    const d = dir();
    writeFileSync(join(d, 'afile'), '');
    const cases: [string[], string][] = [
      [['notices', H1, '--out-dir', '/proc/x/y'], 'cannot write /proc/x/y: there is no such file or folder'],
      [['notices', H1, '--out-dir', join(d, 'afile', 'n')], `cannot write ${join(d, 'afile', 'n')}: a part of the path is a file, not a folder`],
      [['batch', join(FIX, 'centers'), '--out-dir', '/proc/x/y'], 'cannot write --out-dir /proc/x/y: there is no such file or folder'],
      [['template', '--roster', join(FIX, 'roster.csv'), '--semester', '2026-H1', '--out', '/proc/x/y'], 'cannot write --out /proc/x/y: there is no such file or folder'],
      [['init', '--yes', '--out', '/proc/x/y/p.json'], 'cannot write --out /proc/x/y/p.json: there is no such file or folder'],
      [['score', H1, '--out', '/proc/x/y/r.csv'], '/proc/x/y'],
    ];
    for (const [args, said] of cases) {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: d, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL', env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8' } });
      expect([r.status, r.signal], args.join(' ')).toEqual([2, null]);
      expect(r.stderr).toContain(said);
      expect(r.stderr).not.toMatch(/\bE[A-Z]{2,}\b/);
    }
    expect(readdirSync(d)).toEqual(['afile']);
  });

  it('no message about a file carries a raw error code', () => {
    const d = dir();
    for (const args of [
      ['--out', join(d, 'no', 'x.csv')],
      ['--out', '/dev/full'],
      ['--out', '/proc/version', '--force'],
      ['--policy', join(d, 'none.json')],
    ]) {
      const r = run(['score', H1, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\bE[A-Z]{2,}\b/);
    }
  });
});

describe('a report made while it is written (the CSVs are generators)', () => {
  function* pieces(fail: Error | null): Generator<Uint8Array> {
    yield Buffer.from('rank,staff_id\r\n');
    if (fail) throw fail;
    yield Buffer.from('1,S001\r\n');
  }

  it('is written whole, piece by piece', async () => {
    const d = dir();
    const out = join(d, 'r.csv');
    expect(await writeOut(out, pieces(null), { replace: false })).toBe('file');
    expect(readFileSync(out, 'utf8')).toBe('rank,staff_id\r\n1,S001\r\n');
    expect(temporaries(d)).toEqual([]);
  });

  it('a fault in making it is thrown as it is, not as a disk problem; nothing is left behind', async () => {
    const d = dir();
    const out = join(d, 'r.csv');
    const fault = new TypeError('a fault in the renderer');
    const thrown = await writeOut(out, pieces(fault), { replace: false }).catch((e: unknown) => e);
    expect(thrown).toBe(fault);
    expect(thrown).not.toBeInstanceOf(UsageError);
    expect(existsSync(out)).toBe(false);
    expect(temporaries(d)).toEqual([]);
  });

  it('a refusal of the file system is still said in words', async () => {
    const d = dir();
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const thrown = await writeOut(join(d, 'r.csv'), pieces(full), { replace: false }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toMatch(/cannot write --out .*r\.csv: .*; nothing was written/);
    expect(temporaries(d)).toEqual([]);
  });
});
