import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

const H1 = join(FIX, '2026-H1.csv');
const H2 = join(FIX, '2026-H2.csv');

/** The H1 fixture with 学生乙 giving everyone 20 in every method. */
function fullMarksSheet(): string {
  const dir = tempDir();
  const lines = readFileSync(H1, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => (l.includes(',学生乙,') ? l.replace(/(,student)(,[^,]*){5}$/, '$1,20,20,20,20,20') : l));
  const file = join(dir, 'h1.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('evaluate panel', () => {
  it('finds a consistent panel on the fixtures', () => {
    const r = run(['panel', H1, '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Panel consistency 2026-H1: 24 staff, 5 raters');
    expect(r.stdout).toMatch(/^学生乙 {2}student {12}24 {2}82\.65 {2}12\.42 {5}\+4\.26 {3}0\.99 {4}8%$/m);
    expect(r.stdout).toContain("Outlier scores: 0 (more than 4 points AND more than 2.5 SD from the other raters' median");
    expect(r.stdout).toContain('largest spread: 10.50 (S010 马晓燕: 学生乙 89.50, 王主任 79.00)');
    expect(r.stdout).toMatch(/^total {7}0\.99 {6}0\.95 {2}excellent {5}24 {7}5$/m);
  });

  it('says what a rater\'s total is out of where the policy gives a method to some roles only', () => {
    // ask for student and leader only: head office and center office leave it blank, their totals out of 80.
    const dir = tempDir();
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ methods: { ask: { max: 20, roles: ['student', 'leader'] } } }));
    const sheet = join(dir, 'h1.csv');
    const blankAsk = (l: string) => (/,(李科长|赵老师),/.test(l) ? l.replace(/,[^,]*$/, ',') : l);
    writeFileSync(sheet, `${readFileSync(H1, 'utf8').trimEnd().split('\n').map(blankAsk).join('\n')}\n`);
    const en = run(['panel', sheet, '--policy', policy]);
    expect(en.stderr).toBe('');
    expect(en.stdout).toContain(
      "\nRaters (totals 0-100; of head office and center office 0-80, the methods of their role; leniency and correlation against the other raters' median on the same staff)\n",
    );
    expect(en.stdout).toMatch(/^李科长 {2}head office {8}24 {2}62\.33 /m);
    const zh = run(['panel', sheet, '--policy', policy, '--lang', 'zh']);
    expect(zh.stdout).toContain('\n评委（总分 0-100，其中总公司办公室、中心办公室 0-80（只评其角色的考评方式）；宽严度与相关系数均与同一被考评人其他评委的中位数比较）\n');
    // Where every role scores every method, nothing is added.
    expect(run(['panel', H1]).stdout).toContain("\nRaters (totals 0-100; leniency and correlation against the other raters' median on the same staff)\n");
  });

  it('flags a rater who gives everyone full marks, in SPEC\'s JSON shape', () => {
    const r = run(['panel', fullMarksSheet(), '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['semester', 'raters', 'staff', 'outliers', 'reliability', 'thresholds', 'seal']);
    expect(doc.semester).toBe('2026-H1');
    const b = doc.raters.find((x: { rater: string }) => x.rater === '学生乙');
    expect(b).toMatchObject({ role: 'student', scored: 24, mean: 100, sd: 0, correlation: null, identicalShare: 1, flags: ['identical-scores', 'lenient'] });
    expect(b.leniency).toBeCloseTo(21.61, 2);
    // Measured against the others' median, the four ordinary raters are not made to look severe.
    expect(doc.raters.filter((x: { rater: string }) => x.rater !== '学生乙').map((x: { flags: string[] }) => x.flags)).toEqual([[], [], [], []]);
    expect(new Set(doc.outliers.map((o: { rater: string }) => o.rater))).toEqual(new Set(['学生乙']));
    expect(doc.outliers[0]).toMatchObject({ staffId: 'S004', rater: '学生乙', method: 'listen', score: 20 });
    const s014 = doc.staff.find((s: { staffId: string }) => s.staffId === 'S014');
    expect(s014).toMatchObject({ spread: 49, flags: ['high-spread'], highest: { rater: '学生乙', total: 100 } });
    expect(Object.keys(doc.reliability)).toEqual(['total', 'listen', 'see', 'check', 'test', 'ask']);
    expect(doc.reliability.total).toEqual({ icc: expect.any(Number), iccSingle: expect.any(Number), reading: 'good', staff: 24, raters: 5 });
    expect(doc.reliability.total.icc).toBeGreaterThan(doc.reliability.total.iccSingle);
    expect(doc.thresholds).toEqual({ leniency: 5, outlierSd: 2.5, outlierPoints: 4, identicalShare: 0.8, spread: 15 });
  });

  it('takes its thresholds from the policy\'s panel section, and refuses unknown keys', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ panel: { leniency: 4, spread: 10 } }));
    const r = run(['panel', H1, '--policy', join(dir, 'p.json'), '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.raters.find((x: { rater: string }) => x.rater === '学生乙').flags).toEqual(['lenient']);
    expect(doc.staff.filter((s: { flags: string[] }) => s.flags.length).map((s: { staffId: string }) => s.staffId)).toEqual(['S010']);

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ panel: { outlierSD: 3 } }));
    const bad = run(['panel', H1, '--policy', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown key "panel.outlierSD" (did you mean "panel.outlierSd"?)');
  });

  it('checks one semester: --semester chooses among several', () => {
    const both = run(['panel', H1, H2]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('evaluate: error: the sheets hold 2026-H1 and 2026-H2: choose one with --semester\n');
    const h2 = run(['panel', H1, H2, '--semester', '2026-H2', '--lang', 'zh', '--no-color']);
    expect(h2.code).toBe(0);
    expect(h2.stdout).toContain('评委一致性 2026年下半年：24 人，评委 5 人');
  });

  it('documents the thresholds and the ICC in --help', () => {
    const r = run(['panel', '--help']);
    expect(r.code).toBe(0);
    for (const key of ['panel.leniency', 'panel.identicalShare', 'panel.outlierPoints', 'panel.outlierSd', 'panel.spread']) {
      expect(r.stdout).toContain(key);
    }
    expect(r.stdout).toContain('ICC(2,1) = (MSR - MSE) / (MSR + (k-1)·MSE + k·(MSC - MSE)/n)');
    expect(r.stdout).toContain('ICC(2,k) = (MSR - MSE) / (MSR + (MSC - MSE)/n)');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('below 0.5 poor, 0.5 to 0.75 moderate, 0.75 to 0.9 good, 0.9 and above excellent agreement');
  });
});
