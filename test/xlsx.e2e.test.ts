/**
 * HR's workbook (`--format xlsx`): read back with exceljs (cell types, number formats, frozen bold
 * header, sheet names), and opened in LibreOffice Calc, which must show ids, Chinese names, numbers
 * and dates as written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Cell, Workbook, Worksheet } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../src/core/policy.js';
import type { Common } from '../src/commands/common.js';
import { refuseXlsxToTerminal } from '../src/commands/workbook.js';
import { UsageError } from '../src/errors.js';
import { CNY_FORMAT, loadExcelJS, workbook } from '../src/render/xlsx.js';
import { displayWidth } from '../src/render/width.js';
import { BIN, run, tempDir } from './helpers.js';

// Three people over a year, with what HR's workbook must keep: an id with leading zeros, a name that
// looks like a formula, posts starting with @ and -, a long Chinese name, an unqualified semester (due date).
const SHEET = `staff_id,name,post,semester,rater,role,listen,see,check,test,ask
0001,张伟,1号楼,2026-H1,王主任,leader,19,19,18.5,18,19
0002,=1+2,@楼,2026-H1,王主任,leader,10,11,12,10,11
0003,欧阳娜娜,-3,2026-H1,王主任,leader,17,16.5,17,16,17.25
0001,张伟,1号楼,2026-H2,王主任,leader,19,19.5,18.5,18,19
0002,=1+2,@楼,2026-H2,王主任,leader,13,13,13,13,13
0003,欧阳娜娜,-3,2026-H2,王主任,leader,17,16.5,17,16,17
`;
const POLICY = { precision: 2, amounts: { excellent: 800, good: 300, annualBonus: 2000, penalty: 200 } };

/** exceljs types its buffers with an older Node Buffer type than @types/node 20's. */
type XlsxBuffer = Parameters<Workbook['xlsx']['load']>[0];

let dir: string;
let ExcelJS: Awaited<ReturnType<typeof loadExcelJS>>;

beforeAll(async () => {
  dir = tempDir();
  writeFileSync(join(dir, 's.csv'), SHEET);
  writeFileSync(join(dir, 'p.json'), JSON.stringify(POLICY));
  ExcelJS = await loadExcelJS();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(args: string[], out: string): string {
  const r = run([...args, '--policy', 'p.json', '--format', 'xlsx', '--out', out, '--force'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toBe('');
  return join(dir, out);
}

async function open(file: string): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell of a sheet, for the checks that hold for all of them. */
function cells(ws: Worksheet): Cell[] {
  const out: Cell[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => out.push(c)));
  return out;
}

function expectFrozenBoldHeader(ws: Worksheet): void {
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  const header = ws.getRow(1);
  header.eachCell((c) => expect(c.font?.bold, `${ws.name} ${c.address}`).toBe(true));
  expect(ws.getRow(2).getCell(1).font?.bold ?? false).toBe(false);
}

function expectNoFormula(wb: Workbook): void {
  wb.eachSheet((ws) => {
    for (const c of cells(ws)) {
      expect(c.type, `${ws.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula);
      expect(c.formula, `${ws.name}!${c.address}`).toBeUndefined();
    }
  });
}

const row = (ws: Worksheet, staffId: string) => {
  const col = (ws.getRow(1).values as unknown[]).findIndex((v) => v === 'staff_id' || v === '工号');
  let found = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(col).value === staffId) found = n;
  });
  expect(found, staffId).toBeGreaterThan(1);
  return ws.getRow(found);
};

describe('--format xlsx', () => {
  it('score: one sheet per semester, typed cells with their formats, text stays text, no formula', async () => {
    const wb = await open(write(['score', 's.csv'], 'score.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2026-H1', '2026-H2']);
    const ws = wb.getWorksheet('2026-H1')!;
    expectFrozenBoldHeader(ws);
    expect(ws.getRow(1).values).toEqual([
      undefined, 'rank', 'staff_id', 'name', 'post', 'semester', 'listen', 'see', 'check', 'test', 'ask', 'total', 'grade', 'reward', 'penalty', 'rectify_by',
    ]);
    const z = row(ws, '0001');
    expect(z.getCell(1)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 1, numFmt: '0' });
    expect(z.getCell(2)).toMatchObject({ type: ExcelJS.ValueType.String, value: '0001' });
    expect(z.getCell(3)).toMatchObject({ type: ExcelJS.ValueType.String, value: '张伟' });
    expect(z.getCell(6)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 19, numFmt: '0.00' });
    // precision 2 in the policy: totals are written with two decimals.
    expect(z.getCell(11)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 93.5, numFmt: '0.00' });
    expect(z.getCell(12).value).toBe('excellent');
    expect(z.getCell(13)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 800, numFmt: CNY_FORMAT });
    expect(z.getCell(14).value).toBeNull();
    const f = row(ws, '0002');
    expect(f.getCell(3)).toMatchObject({ type: ExcelJS.ValueType.String, value: '=1+2' });
    expect(f.getCell(4)).toMatchObject({ type: ExcelJS.ValueType.String, value: '@楼' });
    expect(f.getCell(14)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 200, numFmt: CNY_FORMAT });
    expect(f.getCell(15)).toMatchObject({ type: ExcelJS.ValueType.Date, numFmt: 'yyyy-mm-dd' });
    expect((f.getCell(15).value as Date).toISOString()).toBe('2026-07-30T00:00:00.000Z');
    expect(row(ws, '0003').getCell(4).value).toBe('-3');
    expect(row(ws, '0003').getCell(10).value).toBe(17.25);
    expectNoFormula(wb);
    const raw = readFileSync(join(dir, 'score.xlsx'));
    expect(raw.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });

  it('widths fit the text, Chinese counting double', async () => {
    const wb = await open(write(['score', 's.csv', '--lang', 'zh'], 'score-zh.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2026年上半年', '2026年下半年']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('姓名');
    expect(ws.getRow(2).getCell(12).value).toBe('优秀');
    for (let c = 1; c <= 15; c++) {
      // What the cell shows: its text, a date as yyyy-mm-dd, a number at least as its digits.
      const shown = cells(ws)
        .filter((x) => Number(x.col) === c)
        .map((x) => (x.value instanceof Date ? '2026-07-30' : String(x.value)));
      const need = Math.max(...shown.map(displayWidth));
      expect(ws.getColumn(c).width ?? 9, `column ${c}`).toBeGreaterThanOrEqual(need);
    }
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(displayWidth('欧阳娜娜'));
  });

  it('year: one sheet; totals and amounts numeric; undecided and yes/no as words', async () => {
    const wb = await open(write(['year', 's.csv', '--year', '2026'], 'year.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2026']);
    const ws = wb.worksheets[0]!;
    expectFrozenBoldHeader(ws);
    expect(ws.getRow(1).getCell(4).value).toBe('h1_total');
    const z = row(ws, '0001');
    expect(z.getCell(4)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 93.5, numFmt: '0.00' });
    expect(z.getCell(9).value).toBe('yes');
    expect(z.getCell(12)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 2000, numFmt: CNY_FORMAT });
    expect(z.getCell(13)).toMatchObject({ value: 3600, numFmt: CNY_FORMAT });
    expect(row(ws, '0002').getCell(15)).toMatchObject({ type: ExcelJS.ValueType.Date, numFmt: 'yyyy-mm-dd' });
    expectNoFormula(wb);
  });

  it('rewards: one sheet per list, each present even when empty; --only writes that list', async () => {
    const wb = await open(write(['rewards', 's.csv', '--year', '2026', '--lang', 'zh'], 'rewards.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['奖励', '处罚', '评优候选', '不予聘任']);
    for (const ws of wb.worksheets) expectFrozenBoldHeader(ws);
    const ids = (name: string) => cells(wb.getWorksheet(name)!).filter((c) => c.col === '1' || Number(c.col) === 1).map((c) => c.value).slice(1);
    expect(ids('奖励')).toEqual(['0001', '0003']);
    expect(ids('处罚')).toEqual(['0002']);
    expect(ids('评优候选')).toEqual(['0001']);
    expect(ids('不予聘任')).toEqual([]);
    expect(wb.getWorksheet('不予聘任')!.getRow(1).getCell(1).value).toBe('工号');
    const p = row(wb.getWorksheet('处罚')!, '0002');
    expect(p.getCell(10)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 200, numFmt: CNY_FORMAT });
    expect(p.getCell(6)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 0 });
    expect((p.getCell(15).value as Date).toISOString()).toBe('2026-07-30T00:00:00.000Z');
    expect(p.getCell(16).value).toBe('上半年不合格处罚，2026-07-30 前整改');
    expectNoFormula(wb);
    const only = await open(write(['rewards', 's.csv', '--year', '2026', '--only', 'penalties'], 'penalties.xlsx'));
    expect(only.worksheets.map((w) => w.name)).toEqual(['penalties']);
  });

  it('to a standard output that is not a terminal: the workbook bytes', async () => {
    const r = spawnSync(process.execPath, [BIN, 'score', 's.csv', '--format', 'xlsx'], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.stdout as unknown as XlsxBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2026-H1', '2026-H2']);
  });

  it('the same bytes run after run, dated the evaluation day of the last semester, not the clock', async () => {
    const once = () => spawnSync(process.execPath, [BIN, 'score', 's.csv', '--format', 'xlsx'], { cwd: dir, env: { PATH: process.env.PATH ?? '' } }).stdout;
    const first = once();
    // Past a second, the clock's time would differ in the zip's entries.
    await new Promise((r) => setTimeout(r, 2100));
    expect(Buffer.compare(once(), first)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as XlsxBuffer);
    expect(wb.created.toISOString()).toBe('2026-12-31T00:00:00.000Z');
    // Every zip entry (local headers and the directory) dated 2026-12-31, 00:00.
    const dos = ((2026 - 1980) << 9) | (12 << 5) | 31;
    const entries: number[] = [];
    for (let at = first.indexOf('PK\u0003\u0004'); at >= 0; at = first.indexOf('PK\u0003\u0004', at + 4)) entries.push(at);
    expect(entries.length).toBeGreaterThan(5);
    for (const at of entries) expect([first.readUInt16LE(at + 10), first.readUInt16LE(at + 12)]).toEqual([0, dos]);
  });

  it('not to a terminal: a usage error that says how, in the language', () => {
    const common = (over: Partial<Common>): Common => ({
      policy: DEFAULT_POLICY, policyFile: null, lang: 'en', format: 'xlsx', out: null, force: false, color: false, encoding: null, delimiter: ',', ...over,
    });
    expect(() => refuseXlsxToTerminal(common({}), true)).toThrow(UsageError);
    expect(() => refuseXlsxToTerminal(common({}), true)).toThrow('add --out FILE.xlsx');
    expect(() => refuseXlsxToTerminal(common({ lang: 'zh' }), true)).toThrow('不能输出到终端');
    expect(() => refuseXlsxToTerminal(common({ out: '-' }), true)).toThrow(UsageError);
    expect(() => refuseXlsxToTerminal(common({ out: 'a.xlsx' }), true)).not.toThrow();
    expect(() => refuseXlsxToTerminal(common({}), false)).not.toThrow();
    expect(() => refuseXlsxToTerminal(common({ format: 'csv' }), true)).not.toThrow();
  });

  it('--bom is refused with xlsx', () => {
    expect(run(['score', 's.csv', '--format', 'xlsx', '--bom', '--out', 'x.xlsx'], { cwd: dir }).code).toBe(2);
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });

  it('control characters and _xHHHH_ in the data come back as written', async () => {
    const bytes = await workbook([{ name: 'a', columns: [{ header: 'name', kind: 'text' }], rows: [['a\u0007b'], ['a_x0041_b'], ['tab\there']] }], 1, new Date(Date.UTC(2026, 5, 30)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as XlsxBuffer);
    expect([2, 3, 4].map((r) => wb.getWorksheet('a')!.getCell(r, 1).value)).toEqual(['a\u0007b', 'a_x0041_b', 'tab\there']);
  });

  it('exceljs is loaded for xlsx only', () => {
    const hook = join(dir, 'hook.cjs');
    writeFileSync(hook, `process.on('exit', () => require('fs').writeFileSync(process.env.HOOK_LOG, String(Object.keys(require.cache).filter((k) => k.includes('exceljs')).length)));`);
    const loaded = (format: string) => {
      const log = join(dir, `hook-${format}.log`);
      const r = spawnSync(process.execPath, ['--require', hook, BIN, 'score', 's.csv', '--format', format, ...(format === 'xlsx' ? ['--out', 'h.xlsx', '--force'] : [])], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOOK_LOG: log },
      });
      expect(r.status).toBe(0);
      return Number(readFileSync(log, 'utf8'));
    };
    expect(loaded('table')).toBe(0);
    expect(loaded('json')).toBe(0);
    expect(loaded('xlsx')).toBeGreaterThan(0);
  });
});

// LibreOffice Calc, headless, converts each sheet to CSV as shown (filter option 12 = -1: every sheet,
// one file each, named FILE-SHEET.csv); a profile folder of its own so that parallel runs do not share one.
const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
if (!soffice) console.warn('xlsx.e2e: LibreOffice (soffice) is not installed: the workbook is not opened in Calc (apt-get install libreoffice-calc-nogui)');

function calcCsv(file: string): Map<string, string[][]> {
  const out = join(dir, `calc-${Date.now().toString(36)}`);
  const profile = join(dir, `profile-${Date.now().toString(36)}`);
  mkdirSync(out);
  const r = spawnSync(
    soffice!,
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', out, file],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  const base = file.split('/').pop()!.replace(/\.xlsx$/, '');
  const sheets = new Map<string, string[][]>();
  for (const f of readdirSync(out).sort()) {
    const rows = parse(readFileSync(join(out, f), 'utf8')) as string[][];
    sheets.set(f.slice(base.length + 1, -'.csv'.length), rows);
  }
  return sheets;
}

describe('opened in LibreOffice Calc', () => {
  it.skipIf(!soffice)('score (zh): ids with leading zeros, Chinese names, formula-looking text, numbers with their decimals, dates, yuan', () => {
    const sheets = calcCsv(write(['score', 's.csv', '--lang', 'zh'], 'calc-score.xlsx'));
    expect([...sheets.keys()]).toEqual(['2026年上半年', '2026年下半年']);
    expect(sheets.get('2026年上半年')).toEqual([
      ['名次', '工号', '姓名', '岗位', '学期', '听', '看', '查', '测', '问', '总分', '等级', '奖励', '处罚', '整改期限'],
      ['1', '0001', '张伟', '1号楼', '2026-H1', '19.00', '19.00', '18.50', '18.00', '19.00', '93.50', '优秀', '¥800', '', ''],
      ['2', '0003', '欧阳娜娜', '-3', '2026-H1', '17.00', '16.50', '17.00', '16.00', '17.25', '83.75', '良好', '¥300', '', ''],
      ['3', '0002', '=1+2', '@楼', '2026-H1', '10.00', '11.00', '12.00', '10.00', '11.00', '54.00', '不合格', '', '¥200', '2026-07-30'],
    ]);
  });

  it.skipIf(!soffice)('rewards: every list a sheet, the empty one too', () => {
    const sheets = calcCsv(write(['rewards', 's.csv', '--year', '2026'], 'calc-rewards.xlsx'));
    expect([...sheets.keys()].sort()).toEqual(['award-candidates', 'non-renewal', 'penalties', 'rewards']);
    expect(sheets.get('non-renewal')!.length).toBe(1);
    const p = sheets.get('penalties')!;
    expect(p[1]!.slice(0, 3)).toEqual(['0002', '=1+2', '@楼']);
    expect(p[1]![9]).toBe('¥200');
    expect(p[1]![14]).toBe('2026-07-30');
    expect(sheets.get('award-candidates')![1]!.slice(0, 2)).toEqual(['0001', '张伟']);
    expect(sheets.get('rewards')![1]!.slice(0, 9)).toEqual(['0001', '张伟', '1号楼', 'excellent', 'excellent', '¥800', '¥800', '¥2,000', '¥3,600']);
  });
});

describe('history --format xlsx', () => {
  it('one sheet with the CSV\'s columns (SPEC "History"): totals numeric, empty where not scored, years as text, zh sheet name', async () => {
    const csv = run(['history', 's.csv', '--policy', 'p.json', '--format', 'csv'], { cwd: dir });
    expect(csv.code).toBe(0);
    const rows = parse(csv.stdout) as string[][];
    for (const lang of ['en', 'zh'] as const) {
      const wb = await open(write(['history', 's.csv', '--lang', lang], `history-${lang}.xlsx`));
      expect(wb.worksheets.map((w) => w.name)).toEqual([lang === 'zh' ? '历年评比' : 'history']);
      const ws = wb.worksheets[0]!;
      expectFrozenBoldHeader(ws);
      expectNoFormula(wb);
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      const csvHeader = lang === 'en' ? rows[0] : (parse(run(['history', 's.csv', '--policy', 'p.json', '--format', 'csv', '--lang', 'zh'], { cwd: dir }).stdout) as string[][])[0];
      expect(header).toEqual(csvHeader);
      expect(ws.rowCount).toBe(rows.length);
      // 0001 keeps its zeros; both totals are numbers with the policy's two decimals; the counts are numbers.
      const r2 = ws.getRow(2);
      expect(r2.getCell(1).value).toBe('0001');
      expect(r2.getCell(4).value).toBe(Number(rows[1]![3]));
      expect(r2.getCell(4).numFmt).toBe('0.00');
      expect(r2.getCell(6).value).toBe(Number(rows[1]![5]));
      expect(r2.getCell(6).numFmt).toBe('0');
      // =1+2 is a name (text), never a formula.
      expect(ws.getRow(3).getCell(2).value).toBe('=1+2');
      expect(ws.getRow(3).getCell(2).type).toBe(ExcelJS.ValueType.String);
    }
  });
});

