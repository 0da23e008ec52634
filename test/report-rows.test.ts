/**
 * A report's rows (what the score CSV reads: scoring's columns, no object a person) and its objects
 * (what the table, JSON, workbook and year read) must say the same of everyone, in the same order:
 * flat and by post, with plain means and with policies whose totals are exact rationals (median,
 * weighted, rescaled methods), and the same as a report ranked from a list of the same people.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { Policy } from '../src/core/policy.js';
import { type SemesterReport, rankReport } from '../src/core/report.js';
import { scoreSemesters } from '../src/core/totals.js';
import { neutralize } from '../src/render/format.js';
import { scoreCsv, scoreJson } from '../src/render/score.js';
import { words } from '../src/i18n/index.js';
import { policyOf, readFiles } from './score-text.js';

const dir = mkdtempSync(join(tmpdir(), 'evaluate-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * 5,000 people (more than the radix sorts' threshold) met in no order of id or total, on four posts
 * (10号楼 after 2号楼), two raters each, scores from a few values so that many totals tie.
 */
function sheet(): string {
  const lines = ['staff_id,name,post,semester,rater,role,listen,see,check,test,ask'];
  for (let i = 0; i < 5000; i++) {
    const id = `S${String((i * 7919) % 5000).padStart(5, '0')}`;
    const post = ['1号楼', '2号楼', '10号楼', '3号楼'][i % 4];
    for (const [rater, role] of [
      ['王主任', 'leader'],
      ['学生甲', 'student'],
    ] as const) {
      const s = (k: number) => 10 + ((i * (k + 3) + rater.length) % 7) * 1.5;
      lines.push(`${id},名${i % 300},${post},2026-H1,${rater},${role},${s(0)},${s(1)},${s(2)},${s(3)},${s(4)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const path = join(dir, 'h1.csv');
writeFileSync(path, sheet());
const fixtures = ['fixtures/2026-H1.csv', 'fixtures/2026-H2.csv'];

function render(reports: SemesterReport[], precision: number): { csv: string; json: string } {
  const input = { reports, warnings: [], counts: { read: 0, used: 0, rejected: 0 }, precision, lang: 'zh' as const, color: false };
  return {
    csv: Buffer.concat([...scoreCsv(input, false)]).toString('utf8'),
    json: Buffer.concat(scoreJson(input)).toString('utf8'),
  };
}

/**
 * The score CSV made cell by cell from the report's objects with csv-stringify: what scoreCsv's rows
 * (each row's end copied from the first row of its total) must equal.
 */
function referenceCsv(reports: SemesterReport[], precision: number): string {
  const w = words('zh');
  const rows: (string | number)[][] = [['名次', '工号', '姓名', '岗位', '学期', '听', '看', '查', '测', '问', '总分', '等级', '奖励', '处罚', '整改期限']];
  for (const r of reports) {
    for (const s of r.staff) {
      const c = s.consequence;
      const methods = s.methodsScaled(2).map((q) => String(q / 100));
      rows.push([s.rank, neutralize(s.staffId), neutralize(s.name), neutralize(s.post), s.semester, ...methods, s.total.toFixed(precision), w.grade[s.grade], c.reward ?? '', c.penalty ?? '', c.rectifyBy ?? '']);
    }
  }
  return stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

const policies: [string, Policy][] = [
  ['the mean', policyOf({})],
  ['the mean with rewards, penalties and a time to rectify', policyOf({ amounts: { excellent: 800, good: 300, penalty: 200 }, rectificationDays: 30 })],
  ['the median', policyOf({ aggregation: 'median' })],
  ['weighted roles', policyOf({ aggregation: 'weighted', roleWeights: { leader: 2.5, student: 0.5 } })],
  ['a method scored out of 25', policyOf({ methods: { listen: { max: 20, scale: 25 } } })],
];

describe('a report read by rows and read as objects', () => {
  for (const [files, what, ties] of [
    [fixtures, 'the sample sheets', false],
    [[path], '5,000 people with many ties', true],
  ] as const) {
    for (const [name, policy] of policies) {
      for (const groupBy of [null, 'post'] as const) {
        it(`${what}, ${name}, ${groupBy ? 'by post' : 'flat'}`, () => {
          const reading = readFiles([...files], { policy });
          expect(reading.log.errors).toBe(0);
          const scored = scoreSemesters(reading.tally, policy, reading.texts, reading.rosterOf);
          const fromColumns = scored.map((s) => rankReport(s.semester, s.entries, s.raters, groupBy));
          // The same people as a list of objects, in the order scoring made them.
          const fromList = scored.map((s) =>
            rankReport(
              s.semester,
              Array.from({ length: s.entries.length }, (_, e) => s.entries.person(e, { rank: () => 0, rankOf: () => 0 })),
              s.raters,
              groupBy,
            ),
          );
          for (const r of fromColumns) {
            const { rows } = r;
            expect(rows.length).toBe(r.staff.length);
            expect(rows.length).toBeGreaterThan(20);
            const methods = [0, 0, 0, 0, 0];
            for (let p = 0; p < rows.length; p++) {
              const s = r.staff[p]!;
              const e = rows.entry(p);
              expect([rows.entries.staffId(e), rows.entries.name(e), rows.entries.post(e), rows.rank(p), rows.entries.raters(e)]).toEqual([s.staffId, s.name, s.post, s.rank, s.raters]);
              expect(rows.entries.settled(e).total.cmp(s.total)).toBe(0);
              expect(rows.entries.settled(e).grade).toBe(s.grade);
              expect(rows.entries.methodsScaled(e, 2, methods)).toEqual(s.methodsScaled(2));
            }
            // Ranked within each post (posts one after another), else all together; equal totals
            // share a rank and the next rank skips (1, 2, 2, 4).
            let start = 0;
            for (let p = 0; p < r.staff.length; p++) {
              const s = r.staff[p]!;
              const before = r.staff[p - 1];
              if (!before || (groupBy && before.post !== s.post)) start = p;
              const tied = p > start && before!.total.cmp(s.total) === 0;
              expect(s.rank).toBe(tied ? before!.rank : p - start + 1);
            }
          }
          const a = render(fromColumns, policy.precision);
          const b = render(fromList, policy.precision);
          expect(a.csv).toBe(b.csv);
          expect(a.json).toBe(b.json);
          // Past 4,096 totals (the median's and the weighted mean's people each settle apart) the
          // rows' ends are written, not copied: the same text.
          expect(a.csv).toBe(referenceCsv(fromList, policy.precision));
          // The ties are there to be ranked: two rows of one rank.
          if (ties) expect(a.csv).toMatch(/\r\n(\d+),[^\r]*\r\n\1,[^\r]*\r\n/);
        });
      }
    }
  }
});

describe('a report is ranked when a rank is first read', () => {
  it('reads totals, grades and people without ranking, and ranks them right when asked', () => {
    const policy = policyOf({});
    const reading = readFiles([path], { policy });
    const [scored] = scoreSemesters(reading.tally, policy, reading.texts, reading.rosterOf, 'staff-id');
    // The entries as scoring made them (by staff id, as a year asks), counting how often ranking
    // reads an id: it compares ids among equal totals, so a ranking reads every one.
    let idReads = 0;
    const entries = scored!.entries;
    const counted = Object.create(entries, { staffId: { value: (e: number) => (idReads++, entries.staffId(e)) } }) as typeof entries;
    const report = rankReport(scored!.semester, counted, scored!.raters, null);
    const people = Array.from({ length: counted.length }, (_, e) => report.rows.personOf(e));
    expect(people.map((s) => s.grade).length).toBe(5000);
    expect(people.reduce((sum, s) => sum + s.total.toNumber(1), 0)).toBeGreaterThan(0);
    expect(idReads).toBe(0);
    // The first rank read ranks everyone, once: the same ranks as a report's rows give.
    const byRank = [...people].sort((a, b) => a.rank - b.rank);
    expect(idReads).toBeGreaterThanOrEqual(counted.length);
    const reads = idReads;
    expect(byRank[0]!.rank).toBe(1);
    for (let p = 0; p < report.rows.length; p++) expect(people[report.rows.entry(p)]!.rank).toBe(report.rows.rank(p));
    expect(people.every((s) => s.rankOf === 5000)).toBe(true);
    expect(idReads).toBe(reads);
  });
});
