/**
 * `evaluate check`'s summary of the sheets (core/committee.ts summarize), counted in one pass over
 * each semester's cells, against the plain way it was first written: a map of raters and a set of
 * staff ids looked up for every cell, the raters counted twice a semester.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMITTEE } from '../src/core/committee-rules.js';
import { type SheetsSummary, byName, summarize, warnComposition } from '../src/core/committee.js';
import { CONSENSUS_RATER } from '../src/core/types.js';
import { NO_ROLE, RATER, type Tally, type TextLookup } from '../src/core/tally.js';
import { METHODS, ROLES, type Role } from '../src/core/types.js';
import { effectiveRole } from '../src/core/whole-picture.js';
import { problemsOf, scoreTexts } from './score-text.js';

function plainSummary(tally: Tally, texts: TextLookup): SheetsSummary {
  const ratersOf = (people: Int32Array) => {
    const found = new Map<number, { rater: number; role: number; scored: number }>();
    for (const person of people) {
      tally.cellsOf(person, (rater, cellRole) => {
        const seen = found.get(rater);
        if (seen) seen.scored++;
        else found.set(rater, { rater, role: effectiveRole(tally, rater, cellRole), scored: 1 });
      });
    }
    return [...found.values()];
  };
  const staffIds = new Set<number>();
  const raters = new Set<number>();
  const zero = () => Object.fromEntries(METHODS.map((m) => [m, 0])) as Record<(typeof METHODS)[number], number>;
  const scores = zero();
  const people = tally.peopleBySemester();
  const semesters: SheetsSummary['semesters'] = [];
  for (const [semester, s] of tally.semesters.map((x, i) => [x, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const list = people[s]!;
    const semScores = zero();
    for (const person of list) {
      staffIds.add(tally.staffOf[person]!);
      tally.cellsOf(person, (rater, _role, mask) => {
        raters.add(rater);
        METHODS.forEach((m, k) => {
          if (mask & (1 << k)) {
            semScores[m]++;
            scores[m]++;
          }
        });
      });
    }
    const semRaters = ratersOf(list);
    const members: Record<Role | 'none', string[]> = { leader: [], 'head-office': [], 'center-office': [], student: [], none: [] };
    for (const r of semRaters) members[r.role === NO_ROLE ? 'none' : ROLES[r.role]!].push(texts.text(RATER, r.rater));
    for (const l of Object.values(members)) l.sort(byName);
    const consensus = semRaters.length === 1 && members.none.length === 1 && members.none[0] === CONSENSUS_RATER;
    const differences: SheetsSummary['semesters'][number]['committee']['differences'] = [];
    if (!consensus) {
      for (const role of ROLES) if (members[role].length !== COMMITTEE[role]) differences.push({ role, expected: COMMITTEE[role], found: members[role].length });
      if (members.none.length > 0) differences.push({ role: 'none', expected: 0, found: members.none.length });
    }
    semesters.push({
      semester,
      staff: list.length,
      raters: semRaters.length,
      scores: semScores,
      committee: { members, differences, consensus, ok: differences.length === 0, warning: differences.length > 0 },
      partial: semRaters.filter((r) => r.scored < list.length).map((r) => ({ rater: texts.text(RATER, r.rater), scored: r.scored })),
    });
  }
  return { staff: staffIds.size, raters: raters.size, scores, semesters };
}

const row = fc.record({
  staff: fc.constantFrom('S1', 'S2', 'S3', 'S4', 'S5', 'S6'),
  semester: fc.constantFrom('2026-H1', '2026-H2'),
  // Up to nine raters: past the five dense slots a person has, the rest are sparse cells.
  rater: fc.integer({ min: 1, max: 9 }),
  role: fc.constantFrom('', 'leader', 'head-office', 'center-office', 'student'),
  scores: fc.array(fc.constantFrom('', '10', '19.5'), { minLength: 5, maxLength: 5 }),
});

describe('the summary of the sheets (evaluate check)', () => {
  it('counts staff, raters, scores, each committee and the partial raters as the plain way does', () => {
    let raters = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.boolean(), (rows, consensus) => {
        const text = consensus
          ? `staff_id,semester,listen,see,check,test,ask\n${rows.map((r) => `${r.staff},${r.semester},${r.scores.join(',')}`).join('\n')}\n`
          : `staff_id,semester,rater,role,listen,see,check,test,ask\n${rows.map((r) => `${r.staff},${r.semester},R${r.rater},${r.role},${r.scores.join(',')}`).join('\n')}\n`;
        const { reading } = scoreTexts({ 'h.csv': text });
        const got = summarize(reading.tally, reading.texts);
        expect(got).toEqual(plainSummary(reading.tally, reading.texts));
        raters = Math.max(raters, got.raters);
      }),
      { numRuns: 300 },
    );
    // The sparse cells were met: more raters than a person's dense slots.
    expect(raters).toBeGreaterThan(5);
  });
});

describe('raters whose names differ only in spaces or letter case (core/committee.ts alikeRaters)', () => {
  /** The plain way: every rater of the semester grouped by the key in a map; groups of two or more. */
  function plainAlike(names: string[]): string[][] {
    const groups = new Map<string, string[]>();
    for (const n of names) {
      const key = n.replace(/\s+/gu, '').toLowerCase();
      groups.set(key, [...(groups.get(key) ?? []), n]);
    }
    return [...groups.values()].filter((g) => g.length > 1).map((g) => [...g].sort());
  }

  it('names the same groups as a map of every rater\'s key would, ASCII, Chinese and other letters alike', () => {
    // Letters that lower-case (A, Σ, Ä), spaces of several kinds (an ideographic one, a no-break one),
    // Chinese characters and Latin ones: the hash is taken from the text where it is ASCII and
    // Chinese, else from the key made; both must agree.
    const piece = fc.constantFrom('a', 'A', 'b', ' ', '\u3000', '\u00a0', '王', '主任', 'Σ', 'σ', 'Ä', 'ä', '1');
    const name = fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join('').trim() || 'x');
    let groupsSeen = 0;
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 16 }), (names) => {
        const text = `staff_id,semester,rater,listen,see,check,test,ask\n${names.map((n) => `S1,2026-H1,${n},18,18,18,18,18`).join('\n')}\n`;
        const { reading } = scoreTexts({ 'h.csv': text });
        warnComposition(reading.tally, reading.texts, reading.log);
        // The raters the tally holds (NFKC makes some names one rater), by their first spelling.
        const ids = new Set<number>();
        for (const person of reading.tally.peopleBySemester()[0]!) reading.tally.cellsOf(person, (rater) => ids.add(rater));
        const raters = [...ids].map((r) => reading.texts.text(RATER, r));
        const warned = problemsOf(reading)
          .filter((p) => p.message.includes('differ only in spaces or letter case'))
          .map((p) => [...p.message.matchAll(/"([^"]*)"/g)].map((m) => m[1]!).sort());
        const expected = plainAlike(raters);
        expect(warned.sort()).toEqual(expected.sort());
        groupsSeen += expected.length;
      }),
      { numRuns: 300 },
    );
    expect(groupsSeen).toBeGreaterThan(40);
  });

  it('finds the alike pair among thousands of raters too, where the hashes are sorted in counting passes', () => {
    // Below 4,096 raters the hashes go to the typed array's sort, from there to two counting passes:
    // both sizes must find the same pair, and only it.
    for (const n of [40, 5000, 70_000]) {
      const names = Array.from({ length: n }, (_, i) => `R${i}`);
      names.push('r 17');
      const text = `staff_id,semester,rater,listen,see,check,test,ask\n${names.map((r) => `S1,2026-H1,${r},18,18,18,18,18`).join('\n')}\n`;
      const { reading } = scoreTexts({ 'h.csv': text });
      warnComposition(reading.tally, reading.texts, reading.log);
      const warned = problemsOf(reading)
        .filter((p) => p.message.includes('differ only in spaces or letter case'))
        .map((p) => `${p.line}: ${[...p.message.matchAll(/"([^"]*)"/g)].map((m) => m[1]!).join(' / ')}`);
      expect(warned, `${n} raters`).toEqual([`${n + 2}: R17 / r 17`]);
    }
  });
});
