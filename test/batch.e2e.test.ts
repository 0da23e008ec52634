/** `evaluate batch` end to end on a tree of centers and years generated here: reports, summary, failures, policies, workers. */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DINING, DINING_AMOUNTS, PROPERTY, SEMESTERS, expectedSummary, sheet, writeCenter } from './centers-tree.js';
import { FIX, run, tempDir } from './helpers.js';

let dir: string;
let root: string;

/** Every file under a folder, as relative path -> bytes. */
function snapshot(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(folder, p), readFileSync(p, 'latin1'));
    }
  };
  walk(folder);
  return out;
}

const FAILED = (center: string, semester: string | null) => ({
  center, semester, staff: null, excellent: null, good: null, qualified: null, unqualified: null,
  rewards: null, penalties: null, award_candidates: null, non_renewals: null, status: 'failed',
});

beforeAll(() => {
  dir = tempDir();
  root = join(dir, 'centers');
  mkdirSync(root);
  // ROOT's policy: no amounts, rectification within 15 days. 饮食中心 has its own, with amounts.
  writeFileSync(join(root, 'evaluate.config.json'), JSON.stringify({ rectificationDays: 15 }));
  writeCenter(root, '饮食中心', DINING, { amounts: DINING_AMOUNTS });
  writeCenter(root, '物业中心', PROPERTY, null);
  // 公寓中心: a score of 25 in its 2024-H2 sheet.
  const apartments = writeCenter(root, '公寓中心', PROPERTY, null);
  writeFileSync(join(apartments, '2024', '2024-H2.csv'), sheet(PROPERTY, 1, 'B09,某人,食堂,2024-H2,25,10,10,10,10\n'));
  // 水电中心: good sheets, but a folder named like a sheet and a link to nothing.
  const water = writeCenter(root, '水电中心', PROPERTY, null);
  mkdirSync(join(water, 'old.csv'));
  symlinkSync(join(water, 'nowhere.csv'), join(water, '2024', 'gone.csv'));
  // 保洁中心: nothing that can be read at all.
  mkdirSync(join(root, '保洁中心', '2024-H1.csv'), { recursive: true });
  // A sheet in ROOT itself belongs to no center.
  writeFileSync(join(root, 'stray.csv'), sheet(PROPERTY, 0));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evaluate batch', () => {
  let out: string;
  let r: ReturnType<typeof run>;
  beforeAll(() => {
    out = join(dir, 'out');
    r = run(['batch', root, '--out-dir', out]);
  });

  it('exits 1 when a center fails, names it, and still does the others', () => {
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`evaluate: error: center 公寓中心 failed: its problems are in ${join(out, '公寓中心', 'problems.txt')}`);
    expect(r.stderr).toContain('center 水电中心 failed');
    expect(r.stderr).toContain('center 保洁中心 failed');
    expect(r.stderr).not.toContain('center 饮食中心 failed');
    // A good center's warnings are said, as year says them: one person scored in 2025-H2 only.
    expect(r.stderr).toContain(`${join(root, '饮食中心', '2025', '2025-H2.csv')}:5: warning: A05 黄丽娟 has no scores in 2025-H1: the year is incomplete, not decided`);
    expect(r.stderr).toContain(`${join(root, 'stray.csv')}: warning: this sheet is in no center's folder`);
    expect(r.stdout).toContain('Batch: 5 centers into');
    expect(r.stdout).toMatch(/饮食中心 +5 +2 +7 +ok +14 files/);
    expect(r.stdout).toMatch(/公寓中心 +2 +failed +1 error: problems.txt/);
    expect(r.stdout).toContain('2 centers done, 3 failed; summary.csv and summary.json written');
  });

  it('writes summary.json per SPEC: counts and amounts computed here, null where empty or unset, failed centers per semester found', () => {
    const rows = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const expected = [
      // Centers in code-point order: 保洁中心, 公寓中心, 水电中心, 物业中心, 饮食中心.
      FAILED('保洁中心', null),
      FAILED('公寓中心', '2024-H1'),
      FAILED('公寓中心', '2024-H2'),
      FAILED('水电中心', '2024-H1'),
      FAILED('水电中心', '2024-H2'),
      expectedSummary('物业中心', PROPERTY, 0, null),
      expectedSummary('物业中心', PROPERTY, 1, null),
      ...SEMESTERS.map((_, i) => expectedSummary('饮食中心', DINING, i, DINING_AMOUNTS)),
    ];
    expect(rows).toEqual(expected);
    // The center with amounts shows amounts; the one without shows them unset (null).
    const dining2024H2 = rows.find((x: { center: string; semester: string }) => x.center === '饮食中心' && x.semester === '2024-H2');
    expect(dining2024H2).toMatchObject({ rewards: 800 + 2000, penalties: 3 * 200, award_candidates: 1, non_renewals: 2 });
    expect(rows.find((x: { center: string }) => x.center === '物业中心')).toMatchObject({ rewards: null, penalties: null });
    expect(Object.keys(rows[0])).toEqual(['center', 'semester', 'staff', 'excellent', 'good', 'qualified', 'unqualified', 'rewards', 'penalties', 'award_candidates', 'non_renewals', 'status']);
  });

  it('writes the same rows to summary.csv, empty cells where the JSON has null', () => {
    const json = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown>[];
    const csv = parse(readFileSync(join(out, 'summary.csv'), 'utf8')) as string[][];
    expect(csv[0]).toEqual(Object.keys(json[0]!));
    expect(csv.slice(1)).toEqual(json.map((row) => Object.values(row).map((v) => (v === null ? '' : String(v)))));
  });

  it("writes each center's reports, the same bytes as score, year and rewards give with the center's policy", () => {
    const center = join(out, '饮食中心');
    expect(readdirSync(center).sort()).toEqual([
      ...SEMESTERS.map((s) => `report-${s}.html`),
      'rewards-2024.csv', 'rewards-2025.csv',
      'score-2024-H1.csv', 'score-2024-H2.csv', 'score-2025-H1.csv', 'score-2025-H2.csv', 'score-2026-H1.csv',
      'year-2024.csv', 'year-2025.csv',
    ]);
    const src = join(root, '饮食中心');
    const policy = join(src, 'evaluate.config.json');
    const file = (s: string) => join(src, s.slice(0, 4), `${s}.csv`);
    for (const s of SEMESTERS) {
      expect(readFileSync(join(center, `score-${s}.csv`), 'utf8')).toBe(run(['score', file(s), '--policy', policy, '--format', 'csv']).stdout);
    }
    for (const y of ['2024', '2025']) {
      const both = [file(`${y}-H1`), file(`${y}-H2`), '--year', y, '--policy', policy];
      expect(readFileSync(join(center, `year-${y}.csv`), 'utf8')).toBe(run(['year', ...both, '--format', 'csv']).stdout);
      expect(readFileSync(join(center, `rewards-${y}.csv`), 'utf8')).toBe(run(['rewards', ...both]).stdout);
    }
  });

  it("writes each semester's committee report (SPEC \"Centers\"): the center's heading, its ranking, its policy's amounts", () => {
    const center = join(out, '饮食中心');
    for (const s of SEMESTERS) {
      const html = readFileSync(join(center, `report-${s}.html`), 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      expect(html).toContain('<html lang="en">');
      for (const id of ['summary', 'ranking', 'consequences', 'panel', 'signatures', 'appendix']) expect(html).toContain(`id="${id}"`);
      // One semester per report: no year section.
      expect(html).not.toContain('id="year"');
      expect(html).toContain('饮食中心');
      expect(html).toContain(s);
      const scored = parse(readFileSync(join(center, `score-${s}.csv`), 'utf8'), { columns: true }) as Record<string, string>[];
      for (const row of scored) expect(html).toContain(`>${row.staff_id}<`);
    }
    // The center's own policy gives amounts: its reports show them.
    expect(readFileSync(join(center, 'report-2024-H1.html'), 'utf8')).toContain('¥800');
  });

  it("applies ROOT's policy to a center without one (rectification in 15 days, amounts unset)", () => {
    const rows = parse(readFileSync(join(out, '物业中心', 'score-2024-H1.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.find((x) => x.staff_id === 'B02')).toMatchObject({ grade: 'unqualified', penalty: '', rectify_by: '2024-07-15' });
    expect(rows.find((x) => x.staff_id === 'B01')).toMatchObject({ grade: 'excellent', reward: '' });
  });

  it('gives a failed center its problems.txt and no reports', () => {
    expect(readdirSync(join(out, '公寓中心'))).toEqual(['problems.txt']);
    const apartments = readFileSync(join(out, '公寓中心', 'problems.txt'), 'utf8');
    expect(apartments).toMatch(new RegExp(`^${join(root, '公寓中心', '2024', '2024-H2.csv')}:5:5: error: .*25`, 'm'));
    const water = readFileSync(join(out, '水电中心', 'problems.txt'), 'utf8').trim().split('\n');
    expect(water).toEqual([
      `${join(root, '水电中心', '2024', 'gone.csv')}: error: cannot read this sheet: it is a link to a file that does not exist`,
      `${join(root, '水电中心', 'old.csv')}: error: cannot read this sheet: it is a folder, not a file`,
    ]);
    expect(readdirSync(join(out, '水电中心'))).toEqual(['problems.txt']);
    expect(readFileSync(join(out, '保洁中心', 'problems.txt'), 'utf8')).toContain('2024-H1.csv: error: cannot read this sheet: it is a folder');
  });

  it('gives the same files whatever the number of workers', () => {
    const one = join(dir, 'one');
    const three = join(dir, 'three');
    expect(run(['batch', root, '--out-dir', one], { env: { EVALUATE_BATCH_WORKERS: '1' } }).code).toBe(1);
    expect(run(['batch', root, '--out-dir', three], { env: { EVALUATE_BATCH_WORKERS: '3' } }).code).toBe(1);
    const a = snapshot(one);
    expect(a.size).toBeGreaterThan(15);
    expect(snapshot(three)).toEqual(a);
    expect(snapshot(out)).toEqual(a);
  });

  it('refuses a non-empty --out-dir without --force (exit 2, nothing changed); with --force replaces the centers written whole', () => {
    const again = join(dir, 'again');
    const tree = join(dir, 'tree2');
    cpSync(root, tree, { recursive: true, verbatimSymlinks: true });
    expect(run(['batch', tree, '--out-dir', again]).code).toBe(1);
    const before = snapshot(again);
    const refused = run(['batch', tree, '--out-dir', again]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--out-dir ${again} is not empty; add --force`);
    expect(snapshot(again)).toEqual(before);
    // Now 饮食中心 breaks and 公寓中心 is mended.
    writeFileSync(join(tree, '饮食中心', '2025', '2025-H1.csv'), sheet(DINING, 2, 'A01,张伟,1号楼,2025-H1,abc,1,1,1,1\n'));
    writeFileSync(join(tree, '公寓中心', '2024', '2024-H2.csv'), sheet(PROPERTY, 1));
    writeFileSync(join(again, 'notes.txt'), 'kept');
    const forced = run(['batch', tree, '--out-dir', again, '--force']);
    expect(forced.code).toBe(1);
    expect(readdirSync(join(again, '饮食中心'))).toEqual(['problems.txt']);
    expect(readdirSync(join(again, '公寓中心')).sort()).toEqual(['report-2024-H1.html', 'report-2024-H2.html', 'rewards-2024.csv', 'score-2024-H1.csv', 'score-2024-H2.csv', 'year-2024.csv']);
    expect(readFileSync(join(again, 'notes.txt'), 'utf8')).toBe('kept');
    // No staging folder left behind.
    expect(readdirSync(again).filter((f) => f.startsWith('.'))).toEqual([]);
    // One that a run killed outright left (its process gone) is removed by the next --force run; a
    // live run's is never taken for an earlier run's center.
    mkdirSync(join(again, '.batch.999999999.k1.tmp', '公寓中心'), { recursive: true });
    writeFileSync(join(again, '.batch.999999999.k1.tmp', '公寓中心', 'problems.txt'), 'half-written');
    mkdirSync(join(again, `.batch.${process.pid}.k2.tmp`));
    writeFileSync(join(again, `.batch.${process.pid}.k2.tmp`, 'problems.txt'), 'being written');
    const cleaned = run(['batch', tree, '--out-dir', again, '--force']);
    expect(readdirSync(again).filter((f) => f.startsWith('.'))).toEqual([`.batch.${process.pid}.k2.tmp`]);
    expect(cleaned.stderr).not.toContain('earlier run');
    rmSync(join(again, `.batch.${process.pid}.k2.tmp`), { recursive: true });
    const rows = JSON.parse(readFileSync(join(again, 'summary.json'), 'utf8'));
    expect(rows.filter((x: { center: string }) => x.center === '饮食中心')).toEqual(SEMESTERS.map((s) => FAILED('饮食中心', s)));
    expect(forced.stderr).not.toContain('earlier run');
    // 饮食中心 leaves ROOT: its folder of the earlier run stays, said to be of an earlier run.
    rmSync(join(tree, '饮食中心'), { recursive: true });
    const left = run(['batch', tree, '--out-dir', again, '--force']);
    expect(readdirSync(join(again, '饮食中心'))).toEqual(['problems.txt']);
    expect(left.stderr).toContain(`${join(again, '饮食中心')}: warning: no center of this name is under ${tree} now: this folder's files are of an earlier run, left as they were, and not in summary.csv\n`);
    expect(JSON.parse(readFileSync(join(again, 'summary.json'), 'utf8')).some((x: { center: string }) => x.center === '饮食中心')).toBe(false);
    expect(run(['batch', tree, '--out-dir', again, '--force', '--lang', 'zh']).stderr).toContain(`${join(again, '饮食中心')}: warning: ${tree} 下现在没有这个中心：此文件夹里的文件是以前运行留下的，未作改动，也不在 summary.csv 中\n`);
  });
});

describe('evaluate batch, the edges', () => {
  it('uses the built-in policy when neither the center nor ROOT has one, and exits 0 when every center is done', () => {
    const tree = join(dir, 'builtin');
    writeCenter(tree, '物业中心', PROPERTY, null);
    const out = join(dir, 'builtin-out');
    const r = run(['batch', tree, '--out-dir', out, '--lang', 'zh']);
    // The amounts the year needs and the built-in policy leaves unset: said, as year and rewards say
    // it, at the center's folder, naming the file to set them in (the files keep the cells empty).
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(new RegExp(`^${tree}/物业中心: warning: 未设定 amounts\\.\\w+：.*金额留空；请在 ${tree}/物业中心/evaluate\\.config\\.json 中设定$`));
    expect(r.stderr).toContain('未设定 amounts.penalty：B02');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('批量评比：1 个中心');
    const rows = parse(readFileSync(join(out, '物业中心', 'score-2024-H1.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.find((x) => x['工号'] === 'B02')).toMatchObject({ 等级: '不合格', 处罚: '', 整改期限: '2024-07-30' });
    // The summary keeps SPEC's column names and ids in every language.
    expect(readFileSync(join(out, 'summary.csv'), 'utf8').split('\r\n')[0]).toBe(
      'center,semester,staff,excellent,good,qualified,unqualified,rewards,penalties,award_candidates,non_renewals,status',
    );
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))[1]).toMatchObject({ semester: '2024-H2', status: 'ok', award_candidates: 0, non_renewals: 0 });
  });

  it('--no-reports writes the CSV files only, the same bytes as with reports; --lang zh words the reports', () => {
    const tree = join(dir, 'no-reports');
    writeCenter(tree, '物业中心', PROPERTY, null);
    const plain = join(dir, 'no-reports-out');
    const full = join(dir, 'reports-out');
    expect(run(['batch', tree, '--out-dir', plain, '--no-reports']).code).toBe(0);
    expect(run(['batch', tree, '--out-dir', full, '--lang', 'zh']).code).toBe(0);
    expect(readdirSync(join(plain, '物业中心')).sort()).toEqual(['rewards-2024.csv', 'score-2024-H1.csv', 'score-2024-H2.csv', 'year-2024.csv']);
    const withReports = readdirSync(join(full, '物业中心')).sort();
    expect(withReports).toEqual(['report-2024-H1.html', 'report-2024-H2.html', 'rewards-2024.csv', 'score-2024-H1.csv', 'score-2024-H2.csv', 'year-2024.csv']);
    expect(readFileSync(join(full, '物业中心', 'report-2024-H2.html'), 'utf8')).toContain('<html lang="zh-CN">');
    expect(readFileSync(join(plain, 'summary.json'), 'utf8')).toBe(readFileSync(join(full, 'summary.json'), 'utf8'));
    expect(run(['batch', '--help']).stdout).toContain('--no-reports');
  });

  it('refuses to write over ROOT, and does not take an --out-dir inside ROOT for a center', () => {
    const tree = join(dir, 'inside');
    writeCenter(tree, '物业中心', PROPERTY, null);
    const same = run(['batch', tree, '--out-dir', tree, '--force']);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('holds the sheets');
    expect(existsSync(join(tree, '物业中心', '2024', '2024-H1.csv'))).toBe(true);
    expect(run(['batch', tree, '--out-dir', join(tree, 'reports')]).code).toBe(0);
    const again = run(['batch', tree, '--out-dir', join(tree, 'reports'), '--force']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('1 center into');
    // The next semester into another folder under ROOT: the first one's reports are no center (it failed as one).
    const next = run(['batch', tree, '--out-dir', join(tree, 'reports2')]);
    expect(next.code).toBe(0);
    expect(next.stderr.split('\n')[0]).toBe(`${join(tree, 'reports')}: warning: this folder holds an earlier batch's reports (summary.csv, summary.json): it is not taken for a center`);
    expect(readdirSync(join(tree, 'reports2')).sort()).toEqual(['summary.csv', 'summary.json', '物业中心']);
    // In a center's folder, new or not, or that folder itself: refused, nothing written, the center's sheets as they were.
    const before = readdirSync(join(tree, '物业中心'), { recursive: true }).sort();
    for (const out of [join(tree, '物业中心'), join(tree, '物业中心', '2024'), join(tree, '物业中心', 'reports')]) {
      const r = run(['batch', tree, '--out-dir', out, '--force']);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `evaluate: error: --out-dir ${out} is in the folder of the center "物业中心" under ROOT: its reports would be read as that center's sheets; choose a folder of its own (a new folder under ROOT, or outside it)\n`]);
    }
    expect(readdirSync(join(tree, '物业中心'), { recursive: true }).sort()).toEqual(before);
    const zh = run(['batch', tree, '--out-dir', join(tree, '物业中心'), '--force', '--lang', 'zh']);
    expect(zh.stderr).toContain('位于 ROOT 下中心“物业中心”的文件夹里');
  });

  it("fails a center whose own policy is broken, naming the policy file, and does the others", () => {
    const tree = join(dir, 'bad-policy');
    writeCenter(tree, '物业中心', PROPERTY, null);
    const c = writeCenter(tree, '饮食中心', DINING, null);
    writeFileSync(join(c, 'evaluate.config.json'), '{ "amounts": { "excellent": -5 } }');
    const out = join(dir, 'bad-policy-out');
    const r = run(['batch', tree, '--out-dir', out]);
    expect(r.code).toBe(1);
    expect(readFileSync(join(out, '饮食中心', 'problems.txt'), 'utf8')).toMatch(new RegExp(`^${join(c, 'evaluate.config.json')}: error: .*amounts\\.excellent`));
    expect(readdirSync(join(out, '物业中心'))).toContain('score-2024-H1.csv');
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).map((x: { center: string; status: string }) => [x.center, x.status])).toEqual([
      ['物业中心', 'ok'],
      ['物业中心', 'ok'],
      // One row per semester its sheets hold, as for any failed center.
      ...SEMESTERS.map(() => ['饮食中心', 'failed']),
    ]);
  });

  it('given one center\'s folder, whose subfolders are years, says that a center named like a year is likely one', () => {
    const r = run(['batch', join(FIX, 'centers', '饮食中心'), '--out-dir', join(dir, 'one-center-out'), '--no-reports']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${join(FIX, 'centers', '饮食中心', '2026')}: warning: the center "2026" is named like a year: is this the folder of one center? batch takes a folder of centers, each in a subfolder\n`);
    expect(run(['batch', join(FIX, 'centers'), '--out-dir', join(dir, 'all-centers-out'), '--no-reports']).stderr).not.toContain('named like a year');
  });

  it('says what is wrong with ROOT (exit 2)', () => {
    expect(run(['batch', join(dir, 'nope'), '--out-dir', join(dir, 'x')]).stderr).toContain('no such folder');
    const empty = join(dir, 'no-centers');
    mkdirSync(empty);
    const r = run(['batch', empty, '--out-dir', join(dir, 'y')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no center folders');
    expect(existsSync(join(dir, 'y'))).toBe(false);
  });

  const isRoot = process.getuid?.() === 0;
  if (isRoot) console.warn('batch.e2e: skipping the unreadable-permission case: running as root, every file can be read');
  it.skipIf(isRoot)('makes a sheet without read permission one of its center\'s problems', async () => {
    const { chmodSync } = await import('node:fs');
    const tree = join(dir, 'perm');
    const c = writeCenter(tree, '物业中心', PROPERTY, null);
    chmodSync(join(c, '2024', '2024-H1.csv'), 0o000);
    const out = join(dir, 'perm-out');
    expect(run(['batch', tree, '--out-dir', out]).code).toBe(1);
    expect(readFileSync(join(out, '物业中心', 'problems.txt'), 'utf8')).toContain('no permission to read it');
  });
});
