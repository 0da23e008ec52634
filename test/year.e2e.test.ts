/** `evaluate year` and `evaluate rewards` end to end, on the fixtures and on small sheets written here. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

const H1 = join(FIX, '2026-H1.csv');
const H2 = join(FIX, '2026-H2.csv');
const POLICY = join(FIX, 'policy.json');
const ROSTER = join(FIX, 'roster.csv');
const BOTH = [H1, H2, '--year', '2026', '--policy', POLICY];

function csvRows(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

const E = 'excellent';
const G = 'good';
const Q = 'qualified';
const U = 'unqualified';

// The sample year under fixtures/policy.json (trimmed mean; 800 / 300 / bonus 2000 / penalty 200).
// staffId, name, post, H1 total, grade, H2 total, grade, awardCandidate, nonRenewal, rectification, rewardTotal, penaltyTotal
const YEAR_2026: [string, string, string, number, string, number, string, boolean, boolean, boolean, number, number][] = [
  ['S001', '张伟', '1号楼', 93.7, E, 94.2, E, true, false, false, 3600, 0],
  ['S002', '刘洋', '1号楼', 85, G, 87.3, G, false, false, false, 600, 0],
  ['S003', '陈静', '1号楼', 82.7, G, 91.5, E, false, false, false, 1100, 0],
  ['S004', '杨帆', '1号楼', 72.2, Q, 81.2, G, false, false, false, 300, 0],
  ['S005', '黄丽娟', '1号楼', 91.3, E, 88.2, G, false, false, false, 1100, 0],
  ['S006', '周敏', '1号楼', 86.5, G, 84.3, G, false, false, false, 600, 0],
  ['S007', '吴强', '2号楼', 55.3, U, 54.2, U, false, true, false, 0, 400],
  ['S008', '徐芳', '2号楼', 83.8, G, 77.8, Q, false, false, false, 300, 0],
  ['S009', '孙建国', '2号楼', 68.5, Q, 73.7, Q, false, false, false, 0, 0],
  ['S010', '马晓燕', '2号楼', 85, G, 86.2, G, false, false, false, 600, 0],
  ['S011', '朱磊', '2号楼', 95.3, E, 96.5, E, true, false, false, 3600, 0],
  ['S012', '胡军', '2号楼', 76.5, Q, 81.3, G, false, false, false, 300, 0],
  ['S013', '郭秀英', '3号楼', 81.5, G, 83.5, G, false, false, false, 600, 0],
  ['S014', '何平', '3号楼', 52.8, U, 66, Q, false, false, true, 0, 200],
  ['S015', '林志强', '3号楼', 88.2, G, 88.5, G, false, false, false, 600, 0],
  ['S016', '高红梅', '3号楼', 92, E, 87.8, G, false, false, false, 1100, 0],
  ['S017', '罗斌', '3号楼', 65.3, Q, 69.3, Q, false, false, false, 0, 0],
  ['S018', '郑丽', '3号楼', 83.7, G, 85.8, G, false, false, false, 600, 0],
  ['S019', '梁海燕', '4号楼', 71.8, Q, 75, Q, false, false, false, 0, 0],
  ['S020', '谢涛', '4号楼', 56.8, U, 62.8, Q, false, false, true, 0, 200],
  ['S021', '宋玉兰', '4号楼', 86.2, G, 84.3, G, false, false, false, 600, 0],
  ['S022', '唐明', '4号楼', 92.2, E, 92.3, E, true, false, false, 3600, 0],
  ['S023', '韩雪', '4号楼', 74.5, Q, 77.2, Q, false, false, false, 0, 0],
  ['S024', '冯建华', '4号楼', 80.5, G, 74.3, Q, false, false, false, 300, 0],
];

/** The H2 fixture (GBK) without one person's rows: the prefix is ASCII, so bytes can be filtered. */
function h2Without(dir: string, staffId: string): string {
  const bytes = readFileSync(H2);
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const line = bytes.subarray(start, Math.min(i + 1, bytes.length));
      if (!line.subarray(0, staffId.length + 1).equals(Buffer.from(`${staffId},`))) lines.push(line);
      start = i + 1;
    }
  }
  const out = join(dir, 'h2-part.csv');
  writeFileSync(out, Buffer.concat(lines));
  return out;
}

describe('evaluate year', () => {
  it('gives SPEC-shaped JSON with exact values, staff ordered by staffId', () => {
    const r = run(['year', ...BOTH, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['year', 'staff', 'seal']);
    expect(doc.year).toBe(2026);
    expect(Object.keys(doc.staff[0])).toEqual([
      'staffId', 'name', 'post', 'h1', 'h2', 'status', 'awardCandidate', 'nonRenewal', 'rectification', 'rewardTotal', 'penaltyTotal',
    ]);
    expect(doc.staff).toEqual(
      YEAR_2026.map(([staffId, name, post, t1, g1, t2, g2, awardCandidate, nonRenewal, rectification, rewardTotal, penaltyTotal]) => ({
        staffId,
        name,
        post,
        h1: { total: t1, grade: g1 },
        h2: { total: t2, grade: g2 },
        status: 'complete',
        awardCandidate,
        nonRenewal,
        rectification,
        rewardTotal,
        penaltyTotal,
      })),
    );
  });

  it('agrees with evaluate score on every total and grade', () => {
    const year = JSON.parse(run(['year', ...BOTH, '--format', 'json']).stdout);
    const score = JSON.parse(run(['score', H1, H2, '--policy', POLICY, '--format', 'json']).stdout);
    for (const [i, half] of [[0, 'h1'], [1, 'h2']] as const) {
      for (const s of score.semesters[i].staff) {
        const y = year.staff.find((x: { staffId: string }) => x.staffId === s.staffId);
        expect(y[half]).toEqual({ total: s.total, grade: s.grade });
      }
    }
  });

  it('puts award candidates and non-renewals first in the table, and sums the money', () => {
    const r = run(['year', ...BOTH, '--no-color']);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Year 2026: 24 staff, H1 and H2 side by side');
    const award = out.indexOf('Award candidates (3)');
    const nonRenewal = out.indexOf('Not renewed (1)');
    const rect = out.indexOf('Rectification (2)');
    const rest = out.indexOf('Everyone else (18)');
    expect(award).toBeGreaterThan(0);
    expect(award < nonRenewal && nonRenewal < rect && rect < rest).toBe(true);
    expect(out.slice(award, nonRenewal)).toMatch(/S001 {2}张伟 +1号楼 {2}93\.7 {2}excellent +94\.2 {2}excellent +¥3,600 +award candidate, annual bonus/);
    expect(out.slice(nonRenewal, rect)).toMatch(/S007 {2}吴强 .*55\.3 {2}unqualified {2}54\.2 {2}unqualified +¥400 +not renewed/);
    expect(out.slice(rect, rest)).toMatch(/S014 .* ¥200 {2}2026-07-30 {2}rectification \(H1 unqualified\)/);
    expect(out).toContain('Award candidates 3, not renewed 1, rectification 2, incomplete 0');
    expect(out).toContain('In total: rewards ¥19,500, penalties ¥800');
  });

  it('speaks Chinese with --lang zh, in the table and the CSV headers', () => {
    const t = run(['year', ...BOTH, '--lang', 'zh', '--no-color']);
    expect(t.stdout).toContain('2026年度评比：24 人，上、下半年对照');
    expect(t.stdout).toContain('评优推荐候选人（3 人）');
    expect(t.stdout).toContain('不予聘任（1 人）');
    const c = csvRows(run(['year', ...BOTH, '--lang', 'zh', '--format', 'csv']).stdout);
    expect(c[0]).toEqual([
      '工号', '姓名', '岗位', '上半年总分', '上半年等级', '下半年总分', '下半年等级', '状态', '评优推荐候选人', '不予聘任', '限期整改',
      '年度奖金', '奖励合计', '处罚合计', '整改期限', '年度结论',
    ]);
    expect(c.find((row) => row[0] === 'S007')).toEqual([
      'S007', '吴强', '2号楼', '55.3', '不合格', '54.2', '不合格', '完整', '否', '是', '否', '0', '0', '400', '', '不予聘任（不再整改）',
    ]);
  });

  it('writes markdown with a section per outcome', () => {
    const r = run(['year', ...BOTH, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Year 2026: 24 staff, H1 and H2 side by side');
    expect(r.stdout).toContain('### Award candidates (3)');
    expect(r.stdout).toContain('| S011 | 朱磊 | 2号楼 | **95.3** | excellent | **96.5** | excellent | ¥3,600 |  |  | award candidate, annual bonus |');
  });

  it('takes the year from the sheets when they hold one year: the same report as with --year (year and rewards)', () => {
    for (const command of ['year', 'rewards']) {
      const without = run([command, H1, H2, '--policy', POLICY, '--format', 'json']);
      expect(without.stderr, command).toBe('');
      expect(without.code, command).toBe(0);
      const given = run([command, ...BOTH, '--format', 'json']);
      expect({ ...JSON.parse(without.stdout), seal: null }).toEqual({ ...JSON.parse(given.stdout), seal: null });
      expect(run([command, H1, H2, '--policy', POLICY]).stdout).toBe(run([command, ...BOTH]).stdout);
    }
    // One semester's sheet is enough to know the year (its people are incomplete).
    const h1 = run(['year', H1, '--policy', POLICY, '--format', 'json']);
    expect(h1.code).toBe(0);
    expect(JSON.parse(h1.stdout).year).toBe(2026);
  });

  it('sheets of two years without --year: a usage error naming the years and semesters (exit 2); --year chooses', () => {
    const dir = tempDir();
    const old = join(dir, '2025-H2.csv');
    writeFileSync(old, readFileSync(H1, 'utf8').replaceAll('2026-H1', '2025-H2'));
    for (const command of ['year', 'rewards']) {
      const r = run([command, H1, H2, old, '--policy', POLICY]);
      expect(r.stdout, command).toBe('');
      expect(r.stderr, command).toBe('evaluate: error: the sheets hold scores of 2025, 2026 (2025-H2, 2026-H1, 2026-H2): choose the year with --year\n');
      expect(r.code, command).toBe(2);
      const chosen = run([command, H1, H2, old, '--year', '2025', '--policy', POLICY, '--format', 'json']);
      expect(chosen.code, command).toBe(0);
      expect(JSON.parse(chosen.stdout).year, command).toBe(2025);
    }
  });

  it('a --year that is not a four-digit year from 1900 to 2999 is a usage error (exit 2)', () => {
    const bad = run(['year', H1, H2, '--year', '26']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('evaluate: error: --year "26" is not a year from 1900 to 2999; write it with four digits, as in --year 2026\n');
    expect(run(['rewards', H1, H2, '--year', 'next']).code).toBe(2);
  });

  it('ignores sheets of other years with a warning naming the file and line', () => {
    const dir = tempDir();
    const old = join(dir, '2025-H2.csv');
    writeFileSync(old, readFileSync(H1, 'utf8').replaceAll('2026-H1', '2025-H2'));
    const r = run(['year', H1, old, H2, '--year', '2026', '--policy', POLICY, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${old}:2: warning: 2025-H2 is not in --year 2026: 120 rows of 2025-H2 in this sheet are ignored\n`);
    // The same report; only the seal, which lists the ignored sheet among the inputs, differs.
    expect({ ...JSON.parse(r.stdout), seal: null }).toEqual({ ...JSON.parse(run(['year', ...BOTH, '--format', 'json']).stdout), seal: null });
    const none = run(['year', old, '--year', '2026']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('evaluate: error: the sheets have no scores of 2026 (they hold 2025-H2)');
  });

  it('makes a roster person without scores in a semester incomplete, with a warning naming them', () => {
    const dir = tempDir();
    const part = h2Without(dir, 'S003');
    const r = run(['year', H1, part, '--year', '2026', '--policy', POLICY, '--roster', ROSTER, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${ROSTER}:4: warning: S003 陈静 is on the roster but has no scores in 2026-H2\n`);
    const s003 = JSON.parse(r.stdout).staff.find((s: { staffId: string }) => s.staffId === 'S003');
    expect(s003).toEqual({
      staffId: 'S003', name: '陈静', post: '1号楼', h1: { total: 82.7, grade: 'good' }, h2: null, status: 'incomplete',
      awardCandidate: null, nonRenewal: null, rectification: false, rewardTotal: 300, penaltyTotal: 0,
    });
    // Without --roster the sheet itself says who is missing; `score --roster` still calls it an error.
    const plain = run(['year', H1, part, '--year', '2026', '--policy', POLICY, '--format', 'json']);
    expect(plain.stderr).toBe(`${H1}:12: warning: S003 陈静 has no scores in 2026-H2: the year is incomplete, not decided\n`);
    const score = run(['score', H1, part, '--roster', ROSTER]);
    expect(score.code).toBe(1);
    expect(score.stderr).toContain(`${ROSTER}:4: error: S003 陈静 is on the roster but has no scores in 2026-H2`);
  });

  it('refuses a roster person scored in neither semester: one error naming both, nothing written', () => {
    const dir = tempDir();
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, `${readFileSync(ROSTER, 'utf8').trimEnd()}\nS999,新人,1号楼\n`);
    const out = join(dir, 'year.csv');
    const lines = readFileSync(roster, 'utf8').trimEnd().split('\n').length;
    for (const cmd of ['year', 'rewards']) {
      const r = run([cmd, ...BOTH, '--roster', roster, '--format', 'csv', '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`${roster}:${lines}: error: S999 新人 is on the roster but has no scores in 2026-H1 or 2026-H2\n1 error; nothing was written\n`);
      expect(existsSync(out)).toBe(false);
    }
    const zh = run(['year', ...BOTH, '--roster', roster, '--lang', 'zh']);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain(`${roster}:${lines}: error: S999 新人 在花名册上，但 2026年上半年和2026年下半年 都没有评分\n`);
    // One semester read: missing from it is missing from every semester read.
    const h1 = run(['year', H1, '--year', '2026', '--policy', POLICY, '--roster', roster]);
    expect(h1.code).toBe(1);
    expect(h1.stderr).toContain(`${roster}:${lines}: error: S999 新人 is on the roster but has no scores in 2026-H1\n`);
  });

  it('rectification of an incomplete year, and H2 alone', () => {
    const r = run(['year', H2, '--year', '2026', '--policy', POLICY, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('evaluate: warning: no sheet has scores of 2026-H1: the year is incomplete for everyone, nothing is decided\n');
    const s007 = JSON.parse(r.stdout).staff.find((s: { staffId: string }) => s.staffId === 'S007');
    expect(s007).toMatchObject({ h1: null, status: 'incomplete', awardCandidate: null, nonRenewal: null, rectification: true, rewardTotal: 0, penaltyTotal: 200 });
  });

  it('the counts under the table say which of the incomplete are listed under rectification, so that the sections add up', () => {
    // H2 without S002 (good in H1) and S014 (unqualified in H1): both incomplete, S014 under rectification.
    const dir = tempDir();
    const h2 = join(dir, 'h2.csv');
    const lines = readFileSync(H2, 'latin1').split('\n');
    writeFileSync(h2, lines.filter((l) => !/^S00[2],|^S014,/.test(l)).join('\n'), 'latin1');
    const en = run(['year', H1, h2, '--policy', POLICY]);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('\nRectification (2)\n');
    expect(en.stdout).toContain('\nIncomplete: year not decided (1)\n');
    expect(en.stdout).toContain('\nAward candidates 3, not renewed 1, rectification 2, incomplete 2 (1 of them under rectification)\n');
    const zh = run(['year', H1, h2, '--policy', POLICY, '--lang', 'zh']);
    expect(zh.stdout).toContain('\n评优推荐候选人 3，不予聘任 1，限期整改 2，不完整 2（其中 1 人列在限期整改中）\n');
  });
});

describe('evaluate rewards', () => {
  it('writes a CSV for Excel: BOM, numbers, the same rows as JSON, nobody without money or decision', () => {
    const dir = tempDir();
    const out = join(dir, 'r.csv');
    const r = run(['rewards', ...BOTH, '--bom', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`evaluate: wrote ${out}\n`);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\nS001,张伟,1号楼,excellent,excellent,800,800,2000,3600,0,0,0,yes,no,,"excellent in both semesters: award candidate, annual bonus; H1 excellent reward; H2 excellent reward"\r\n');
    const rows = csvRows(text);
    expect(rows[0]).toEqual([
      'staff_id', 'name', 'post', 'h1_grade', 'h2_grade', 'h1_reward', 'h2_reward', 'annual_bonus', 'reward_total',
      'h1_penalty', 'h2_penalty', 'penalty_total', 'award_candidate', 'non_renewal', 'rectify_by', 'reason',
    ]);
    // Qualified in both semesters: nothing to pay or decide, so not on HR's list.
    const ids = rows.slice(1).map((row) => row[0]);
    expect(ids).toEqual(YEAR_2026.map((s) => s[0]).filter((id) => !['S009', 'S017', 'S019', 'S023'].includes(id)));
    expect(rows.find((row) => row[0] === 'S007')).toEqual([
      'S007', '吴强', '2号楼', 'unqualified', 'unqualified', '0', '0', '0', '0', '200', '200', '400', 'no', 'yes', '',
      'unqualified in both semesters: not renewed, no rectification; H1 unqualified: penalty; H2 unqualified: penalty',
    ]);
    expect(rows.find((row) => row[0] === 'S014')).toEqual([
      'S014', '何平', '3号楼', 'unqualified', 'qualified', '0', '0', '0', '0', '200', '0', '200', 'no', 'no', '2026-07-30',
      'H1 unqualified: penalty, rectify by 2026-07-30',
    ]);
    // The same rows through the JSON renderer.
    const json = JSON.parse(run(['rewards', ...BOTH, '--format', 'json']).stdout);
    const yn = (v: boolean | null) => (v === null ? 'undecided' : v ? 'yes' : 'no');
    type Half = { grade: string; reward: number; penalty: number };
    type Row = { staffId: string; name: string; post: string; h1: Half; h2: Half; annualBonus: number; rewardTotal: number; penaltyTotal: number;
      awardCandidate: boolean | null; nonRenewal: boolean | null; rectifyBy: string | null; reason: string };
    expect(rows.slice(1)).toEqual(
      json.staff.map((s: Row) => [
        s.staffId, s.name, s.post, s.h1.grade, s.h2.grade, String(s.h1.reward), String(s.h2.reward), String(s.annualBonus),
        String(s.rewardTotal), String(s.h1.penalty), String(s.h2.penalty), String(s.penaltyTotal), yn(s.awardCandidate),
        yn(s.nonRenewal), s.rectifyBy ?? '', s.reason,
      ]),
    );
    // An existing --out is kept without --force.
    const again = run(['rewards', ...BOTH, '--out', out]);
    expect(again.code).toBe(2);
    expect(readFileSync(out)).toEqual(bytes);
  });

  it('has Chinese headers and words with --lang zh', () => {
    const rows = csvRows(run(['rewards', ...BOTH, '--lang', 'zh']).stdout);
    expect(rows[0]).toEqual([
      '工号', '姓名', '岗位', '上半年等级', '下半年等级', '上半年奖励', '下半年奖励', '年度奖金', '奖励合计', '上半年处罚', '下半年处罚',
      '处罚合计', '评优推荐候选人', '不予聘任', '整改期限', '原因',
    ]);
    expect(rows.find((row) => row[0] === 'S020')).toEqual([
      'S020', '谢涛', '4号楼', '不合格', '合格', '0', '0', '0', '0', '200', '0', '200', '否', '否', '2026-07-30', '上半年不合格处罚，2026-07-30 前整改',
    ]);
  });

  it.each([
    ['award-candidates', ['S001', 'S011', 'S022']],
    ['non-renewal', ['S007']],
    ['penalties', ['S007', 'S014', 'S020']],
    ['rewards', ['S001', 'S002', 'S003', 'S004', 'S005', 'S006', 'S008', 'S010', 'S011', 'S012', 'S013', 'S015', 'S016', 'S018', 'S021', 'S022', 'S024']],
  ])('--only %s', (only, ids) => {
    const r = run(['rewards', ...BOTH, '--only', only]);
    expect(r.code).toBe(0);
    expect(csvRows(r.stdout).slice(1).map((row) => row[0])).toEqual(ids);
  });

  it('rejects an unknown --only and --bom outside CSV (exit 2)', () => {
    expect(run(['rewards', ...BOTH, '--only', 'bonus']).code).toBe(2);
    const r = run(['rewards', ...BOTH, '--format', 'table', '--bom']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evaluate: error: --bom applies to --format csv only\n');
  });

  it('leaves unset amounts empty and says which amount to set', () => {
    const dir = tempDir();
    const policy = join(dir, 'no-bonus.json');
    writeFileSync(policy, JSON.stringify({ aggregation: 'trimmed', amounts: { excellent: 800, good: 300, penalty: 200 } }));
    const r = run(['rewards', H1, H2, '--year', '2026', '--policy', policy, '--only', 'award-candidates']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `${policy}: warning: amounts.annualBonus is not set: the annual bonus of S001 张伟, S011 朱磊, S022 唐明 is left empty; set it in ${policy}\n`,
    );
    const rows = csvRows(r.stdout);
    expect(rows[1]!.slice(0, 12)).toEqual(['S001', '张伟', '1号楼', 'excellent', 'excellent', '800', '800', '', '', '0', '0', '0']);
    const json = JSON.parse(run(['rewards', H1, H2, '--year', '2026', '--policy', policy, '--format', 'json']).stdout);
    expect(json.staff[0]).toMatchObject({ staffId: 'S001', annualBonus: null, rewardTotal: null, penaltyTotal: 0, unset: ['annualBonus'] });

    // The built-in policy sets no amounts at all: every list is still there, and every amount named.
    const bare = run(['rewards', H1, H2, '--year', '2026'], { cwd: dir });
    expect(bare.code).toBe(0);
    for (const k of ['excellent', 'good', 'annualBonus', 'penalty']) {
      expect(bare.stderr).toContain(`evaluate: warning: amounts.${k} is not set`);
    }
    expect(bare.stderr.trim().split('\n')).toHaveLength(4);
    expect(csvRows(bare.stdout).find((row) => row[0] === 'S007')!.slice(5, 12)).toEqual(['0', '0', '0', '0', '', '', '']);
  });

  it('prints a table with sections, and says so when a list is empty', () => {
    const t = run(['rewards', ...BOTH, '--format', 'table', '--no-color']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('Rewards and penalties 2026: 20 staff');
    expect(t.stdout).toMatch(/S022 {2}唐明 +4号楼 {2}excellent ¥800 +excellent ¥800 +¥2,000 +¥3,600/);
    expect(t.stdout).toContain('In total: rewards ¥19,500, penalties ¥800');
    const empty = run(['rewards', H1, '--year', '2026', '--policy', POLICY, '--only', 'non-renewal', '--format', 'md']);
    expect(empty.stdout).toBe('## Rewards and penalties 2026 (non-renewal only): 0 staff\n\nNobody is on this list.\n');
  });
});

describe('the money totals of year, rewards and the report when some amounts are unset', () => {
  it('add up every amount set and count every amount unset, not whole people', () => {
    const dir = tempDir();
    const head = 'staff_id,name,post,semester,listen,see,check,test,ask';
    // S1 excellent twice (800 + 800, bonus unset); S2 good then excellent (unset + 800); S3
    // unqualified twice (two penalties unset); S4 excellent then good (800 + unset); S5 good twice.
    const grades: [string, number, number][] = [['S1', 19, 19], ['S2', 16, 19], ['S3', 11, 11], ['S4', 19, 16], ['S5', 16, 16]];
    for (const [h, k] of [['H1', 1], ['H2', 2]] as const) {
      const rows = grades.map(([id, a, b]) => `${id},${id},1号楼,2026-${h},${Array(5).fill(k === 1 ? a : b).join(',')}`);
      writeFileSync(join(dir, `h${k}.csv`), `${head}\n${rows.join('\n')}\n`);
    }
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ amounts: { excellent: 800 } }));
    const args = [join(dir, 'h1.csv'), join(dir, 'h2.csv'), '--policy', join(dir, 'p.json')];
    // Set: 800 x 4 = 3200. Unset: S1's bonus, the good rewards of S2, S4 and S5 (twice), S3's two penalties.
    const rewards = run(['rewards', ...args, '--format', 'table', '--no-color']);
    expect(rewards.code).toBe(0);
    // Penalties are due and none is set: "unset", not a total of ¥0 (it said "¥0 (2 amounts unset)").
    expect(rewards.stdout).toContain('In total: rewards ¥3,200 (5 amounts unset), penalties unset');
    const year = run(['year', ...args, '--lang', 'zh', '--no-color']);
    expect(year.stdout).toContain('合计：奖励 ¥3,200（另有 5 项金额未设），处罚 金额未设');
    const report = run(['report', ...args, '--lang', 'zh', '--format', 'html']);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('合计：奖励 ¥3,200（另有 5 项金额未设），处罚 金额未设');
  });
});

describe('year and rewards on sheets none of which can be read', () => {
  it('print the sheets\' problems and exit 1, not "the sheets hold no scores" and 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'head.csv'), 'staff_id,name,post,semester,listen,see,check,test,ask\n');
    for (const cmd of ['year', 'rewards']) {
      const bare = run([cmd, join(dir, 'head.csv')]);
      expect(bare.code).toBe(1);
      expect(bare.stderr).toMatch(/head\.csv:1: error: the sheet has a header but no rows of scores\n/);
      expect(bare.stderr).not.toContain('hold no scores');
      const wrong = run([cmd, H1, '--delimiter', ';', '--lang', 'zh']);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('2026-H1.csv:1:1: error:');
    }
  });
});

describe('formula-looking names in every CSV the tool writes', () => {
  const NAMES: string[] = ['=1+2', '+SUM(A1)', '-2+3', '@cmd', '=HYPERLINK("http://x","y")'];
  function sheet(): string {
    const dir = tempDir();
    const file = join(dir, 'formulas.csv');
    const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
    const row = (id: string, name: string, sem: string, score: number) => `${id},${q(name)},1号楼,${sem},${Array(5).fill(score).join(',')}`;
    const lines = [
      'staff_id,name,post,semester,listen,see,check,test,ask',
      row('F1', NAMES[0]!, '2026-H1', 19), row('F1', NAMES[0]!, '2026-H2', 19), // award candidate
      row('F2', NAMES[1]!, '2026-H1', 10), row('F2', NAMES[1]!, '2026-H2', 10), // not renewed
      row('F3', NAMES[2]!, '2026-H1', 17), row('F3', NAMES[2]!, '2026-H2', 11), // rectification
      row('F4', NAMES[3]!, '2026-H1', 19), row('F4', NAMES[3]!, '2026-H2', 17),
      row('-F5', NAMES[4]!, '2026-H1', 17), row('-F5', NAMES[4]!, '2026-H2', 17), // the id looks like a formula too
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }
  const neutral = (s: string) => `'${s}`;

  it('neutralizes them in score, year and rewards CSV', () => {
    const file = sheet();
    const score = run(['score', file, '--policy', POLICY, '--format', 'csv']);
    const year = run(['year', file, '--year', '2026', '--policy', POLICY, '--format', 'csv']);
    const rewards = run(['rewards', file, '--year', '2026', '--policy', POLICY, '--bom']);
    for (const r of [score, year, rewards]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const scoreNames = csvRows(score.stdout).slice(1).map((row) => row[2]);
    expect(new Set(scoreNames)).toEqual(new Set(NAMES.map(neutral)));
    expect(csvRows(score.stdout).slice(1).map((row) => row[1])).toContain("'-F5");
    for (const r of [year, rewards]) {
      const rows = csvRows(r.stdout).slice(1);
      expect(rows.map((row) => row[0])).toEqual(["'-F5", 'F1', 'F2', 'F3', 'F4']);
      expect(rows.map((row) => row[1])).toEqual([NAMES[4]!, ...NAMES.slice(0, 4)].map(neutral));
    }
    // Every name cell of every CSV starts with the apostrophe; no raw formula is left anywhere at a cell start.
    for (const r of [score, year, rewards]) {
      for (const row of csvRows(r.stdout)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
    }
  });

  it('leaves them unchanged in JSON', () => {
    const file = sheet();
    const year = JSON.parse(run(['year', file, '--year', '2026', '--policy', POLICY, '--format', 'json']).stdout);
    expect(year.staff.map((s: { name: string }) => s.name)).toEqual([NAMES[4], ...NAMES.slice(0, 4)]);
    expect(year.staff.map((s: { staffId: string }) => s.staffId)).toEqual(['-F5', 'F1', 'F2', 'F3', 'F4']);
    expect(year.staff[1]).toMatchObject({ awardCandidate: true, rewardTotal: 3600 });
    expect(year.staff[2]).toMatchObject({ nonRenewal: true, penaltyTotal: 400 });
    const rewards = JSON.parse(run(['rewards', file, '--year', '2026', '--policy', POLICY, '--format', 'json']).stdout);
    expect(rewards.staff.map((s: { name: string }) => s.name)).toEqual([NAMES[4], ...NAMES.slice(0, 4)]);
    const score = JSON.parse(run(['score', file, '--policy', POLICY, '--format', 'json']).stdout);
    expect(new Set(score.semesters[0].staff.map((s: { name: string }) => s.name))).toEqual(new Set(NAMES));
  });

  it('writes nothing when the data has problems', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'staff_id,name,post,semester,listen,see,check,test,ask\nS1,甲,1号楼,2026-H1,19,19,19,19,abc\n');
    const out = join(dir, 'r.csv');
    const r = run(['rewards', bad, '--year', '2026', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:9: error: `));
    expect(existsSync(out)).toBe(false);
  });
});
