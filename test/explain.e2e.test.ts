import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

const H1 = join(FIX, '2026-H1.csv');
const H2 = join(FIX, '2026-H2.csv');
const POLICY = join(FIX, 'policy.json');

describe('evaluate explain', () => {
  it('shows every rater\'s scores, each method\'s mean and the exact total on the fixtures', () => {
    const r = run(['explain', 'S001', H1, '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('How the total of S001 张伟 (1号楼) came about, 2026-H1');
    expect(r.stdout).toMatch(/^王主任 {2}leader {13}19 {4}20 {5}18 {2}17\.5 {2}17\.5 {3}92\.0$/m);
    expect(r.stdout).toContain('listen  (19 + 17.5 + 19.5 + 17.5 + 20)/5 = 18.7');
    expect(r.stdout).toMatch(/^Exact total {5}93\.4 {2}\(the five method scores added, before rounding\)$/m);
    expect(r.stdout).toMatch(/^Grade {11}excellent \(93\.4 ≥ 90\)$/m);
    expect(r.stdout).toMatch(/^Rank {12}2 of 24$/m);
    expect(r.stdout).toContain('excellent-reward: the excellent reward, amount unset in the policy');
    expect(r.stdout).toContain('not decided here: the sheets hold no 2026-H2 scores');
  });

  it('names the scores a trimmed policy drops, and the fraction before rounding', () => {
    const r = run(['explain', 'S001', H1, '--policy', POLICY, '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the trimmed mean (with at least 5 scores, the highest and the lowest score are dropped, then the mean)');
    expect(r.stdout).toContain('listen  (19 + 19.5 + 17.5)/3 = 56/3 ≈ 18.666667');
    expect(r.stdout).toContain('dropped 20 (学生乙, the highest) and 17.5 (李科长, the lowest)');
    expect(r.stdout).toContain('dropped 19 (学生甲, the highest) and 17.5 (李科长, the lowest)');
    expect(r.stdout).toMatch(/^Exact total {5}281\/3 ≈ 93\.666667 /m);
    expect(r.stdout).toMatch(/^Rounded {9}93\.666667 → 93\.7 \(rounded half up to 1 decimal\)$/m);
    expect(r.stdout).toContain('excellent-reward: the excellent reward, ¥800');
  });

  it('shows 89.95 exactly and its rounding up to an excellent 90.0', () => {
    const sheet = 'staff_id,name,listen,see,check,test,ask\nS099,林木,18,18,18,18,17.95\n';
    const r = run(['explain', 'S099', '-', '--semester', '2026-H1', '--no-color'], { input: sheet });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Exact total {5}89\.95 /m);
    expect(r.stdout).toMatch(/^Rounded {9}89\.95 → 90\.0 \(rounded half up to 1 decimal\)$/m);
    expect(r.stdout).toMatch(/^Grade {11}excellent \(90\.0 ≥ 90\)$/m);
    expect(r.stdout).toMatch(/^committee {2}\(none\) +18 +18 +18 +18 +17\.95 +89\.95$/m);
  });

  it('applies the year rules when the sheets hold both semesters, in Chinese', () => {
    const r = run(['explain', 'S007', H1, H2, '--semester', '2026-H2', '--policy', POLICY, '--lang', 'zh', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('S007 吴强（2号楼） 2026年下半年 总分的由来');
    expect(r.stdout).toContain('去掉 最高分 10.5（学生甲）、最低分 8.5（赵老师）');
    expect(r.stdout).toMatch(/^精确总分 {2}162\.5\/3 ≈ 54\.166667/m);
    // The rules in words: their ids are for JSON.
    expect(r.stdout).toContain('学期规则  不合格：处罚 ¥200；2027-01-30 前整改（2026-12-31 起 30 天）');
    expect(r.stdout).not.toContain('unqualified-penalty');
    expect(r.stdout).toContain('2026年：上半年 55.3 不合格，下半年 54.2 不合格');
    expect(r.stdout).toContain('两学期均不合格：不予聘任');
    expect(r.stdout).not.toContain('year-non-renewal');
    expect(r.stdout).toContain('全年：奖励 ¥0，处罚 ¥400');
  });

  it('gives the same content as json', () => {
    const r = run(['explain', 'S001', H1, H2, '--semester', '2026-H1', '--policy', POLICY, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      semester: '2026-H1',
      staffId: 'S001',
      aggregation: 'trimmed',
      exactTotal: '281/3',
      exactTotalApprox: 93.666667,
      total: 93.7,
      grade: 'excellent',
      rank: 2,
      rankOf: 24,
      semesterRules: [{ id: 'excellent-reward', reward: 800 }],
      year: { year: 2026, status: 'complete', rules: ['year-award-candidate'], awardCandidate: true, annualBonus: 2000, rewardTotal: 3600 },
    });
    expect(doc.raters).toHaveLength(5);
    expect(doc.raters[0]).toEqual({ rater: '王主任', role: 'leader', scores: { listen: 19, see: 20, check: 18, test: 17.5, ask: 17.5 }, total: 92 });
    expect(doc.methods.listen).toMatchObject({ exact: '56/3', approx: 18.666667, trimmed: true });
    expect(doc.methods.listen.scores.filter((s: { dropped: string | null }) => s.dropped)).toEqual([
      { rater: '李科长', role: 'head-office', score: 17.5, weight: 1, dropped: 'lowest' },
      { rater: '学生乙', role: 'student', score: 20, weight: 1, dropped: 'highest' },
    ]);
  });

  it('asks for --semester when the person is scored in both, and names an unknown id (exit 2)', () => {
    const both = run(['explain', 'S001', H1, H2]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('evaluate: error: S001 is scored in 2026-H1 and 2026-H2: choose one with --semester\n');
    const unknown = run(['explain', 's001', H1]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no staff member s001 in 2026-H1 (did you mean S001?)');
    expect(unknown.stdout).toBe('');
  });

  it('given a name, names the staff id, or every id when several people have that name (exit 2)', () => {
    const one = run(['explain', '张伟', H1]);
    expect(one.code).toBe(2);
    expect(one.stderr).toBe('evaluate: error: "张伟" is a name, not a staff id: 张伟 is S001 (1号楼); run evaluate explain S001 with the same sheets\n');
    expect(one.stdout).toBe('');
    const zh = run(['explain', '张伟', H1, H2, '--lang', 'zh']);
    expect(zh.stderr).toBe('evaluate: error: "张伟" 是姓名，不是工号：张伟 的工号是 S001（1号楼）；请用同样的评分表运行 evaluate explain S001\n');
    const dir = tempDir();
    const sheet = join(dir, 'two.csv');
    writeFileSync(
      sheet,
      'staff_id,name,post,semester,rater,role,listen,see,check,test,ask\n' +
        'S001,张伟,1号楼,2026-H1,王主任,leader,18,18,18,18,18\n' +
        'S031,张伟,3号楼,2026-H1,王主任,leader,17,17,17,17,17\n' +
        'S002,刘洋,1号楼,2026-H1,王主任,leader,16,16,16,16,16\n',
    );
    const two = run(['explain', '张伟', sheet]);
    expect(two.code).toBe(2);
    // The sheet's one rater, a leader, is not the committee the rules ask for: a warning first.
    expect(two.stderr).toBe(
      `${sheet}:2: warning: the committee of 2026-H1 differs from the rules (1 leader, 1 head office, 1 center office, 2 student representatives): head office 0 (the rules ask 1); center office 0 (the rules ask 1); student 0 (the rules ask 2)\n` +
        'evaluate: error: "张伟" is the name of 2 staff members: S001 (1号楼), S031 (3号楼); run evaluate explain with one of these staff ids\n',
    );
    expect(run(['explain', '张伟', sheet, '--lang', 'zh']).stderr).toBe(
      `${sheet}:2: warning: 2026年上半年考评小组组成与规定（组长 1 人、总公司办公室 1 人、中心办公室 1 人、学生代表 2 人）不同：总公司办公室 0 人（规定 1 人）；中心办公室 0 人（规定 1 人）；学生代表 0 人（规定 2 人）\n` +
        'evaluate: error: 有 2 人叫 "张伟"：S001（1号楼）、S031（3号楼）；请用其中一个工号运行 evaluate explain\n',
    );
    // An id that is also someone's name is the id.
    expect(run(['explain', 'S002', sheet]).code).toBe(0);
  });
});

describe('explain next to a band edge', () => {
  it('shows a total just under 89.95 with the digits that keep it under: ≈ 89.9499997 → 89.9, never ≈ 89.950000 → 89.9', () => {
    const dir = tempDir();
    const sheet = join(dir, 'k.csv');
    writeFileSync(sheet, 'staff_id,name,semester,rater,listen,see,check,test,ask\nK,k,2026-H1,r1,18,18,18,18,17.95\nK,k,2026-H1,r2,18,18,18,18,17.95\nK,k,2026-H1,r3,18,18,18,18,17.949999\n');
    const r = run(['explain', 'K', sheet]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(17.95 + 17.95 + 17.949999)/3 = 53.849999/3 ≈ 17.9499997');
    expect(r.stdout).toContain('Exact total     269.849999/3 ≈ 89.9499997');
    expect(r.stdout).toContain('Rounded         89.9499997 → 89.9 (rounded half up to 1 decimal)');
    expect(r.stdout).not.toContain('89.950000');
    const json = JSON.parse(run(['explain', 'K', sheet, '--format', 'json']).stdout) as { exactTotalApprox: number; total: number; grade: string };
    expect(json.exactTotalApprox).toBe(89.9499997);
    expect([json.total, json.grade]).toEqual([89.9, 'good']);
    // Where six decimals round as the value does, six it stays.
    writeFileSync(sheet, 'staff_id,name,semester,rater,listen,see,check,test,ask\nK,k,2026-H1,r1,18,18,18,18,17\nK,k,2026-H1,r2,18,18,18,18,17\nK,k,2026-H1,r3,18,18,18,18,18\n');
    expect(run(['explain', 'K', sheet]).stdout).toContain('Exact total     268/3 ≈ 89.333333');
  });
});
