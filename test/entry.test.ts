import { describe, expect, it } from 'vitest';
import { MICRO } from '../src/core/cells.js';
import { type EntryMethod, type EntryStaff, type RowScoring, EntrySession, readNumber, readTyped } from '../src/core/entry.js';
import { DEFAULT_POLICY } from '../src/core/policy.js';
import { METHODS } from '../src/core/types.js';

const M: EntryMethod[] = METHODS.map((method) => ({ method, maxMicro: 20 * MICRO }));
const LISTEN = M[0]!;
const STAFF: EntryStaff[] = ['S001 张伟', 'S002 刘洋', 'S003 陈静', 'S004 杨帆'].map((s) => {
  const [staffId, name] = s.split(' ') as [string, string];
  return { staffId, name, post: '1号楼' };
});
const µ = (points: number) => Math.round(points * MICRO);
const RULES: RowScoring = { policy: DEFAULT_POLICY, role: 'leader', semester: '2026-H1' };

/** Types five scores for the current person and confirms. */
function typePerson(s: EntrySession, scores: number[]): number | null {
  for (const p of scores) s.type({ kind: 'score', micro: µ(p) });
  return s.confirm(true).save;
}

describe('readTyped: one value typed at a score question', () => {
  it.each([
    ['18', { kind: 'score', micro: µ(18) }],
    [' 17.5 ', { kind: 'score', micro: µ(17.5) }],
    ['１８.５', { kind: 'score', micro: µ(18.5) }],
    ['１８．５', { kind: 'score', micro: µ(18.5) }],
    ['0', { kind: 'score', micro: 0 }],
    ['20', { kind: 'score', micro: µ(20) }],
    ['.5', { kind: 'score', micro: µ(0.5) }],
    ['b', { kind: 'back' }],
    ['B', { kind: 'back' }],
    ['ｂ', { kind: 'back' }],
    ['<', { kind: 'back' }],
    ['s', { kind: 'skip' }],
    ['跳过', { kind: 'skip' }],
    ['20.5', { kind: 'invalid', reason: 'over-max', text: '20.5' }],
    ['２１', { kind: 'invalid', reason: 'over-max', text: '21' }],
    ['-1', { kind: 'invalid', reason: 'negative', text: '-1' }],
    ['abc', { kind: 'invalid', reason: 'not-number', text: 'abc' }],
    ['18,5', { kind: 'invalid', reason: 'decimal-comma', text: '18,5' }],
    ['18。5', { kind: 'invalid', reason: 'decimal-comma', text: '18。5' }],
    ['−3', { kind: 'invalid', reason: 'negative', text: '−3' }],
    ['-.5', { kind: 'invalid', reason: 'negative', text: '-.5' }],
    ['1e2', { kind: 'invalid', reason: 'not-number', text: '1e2' }],
    ['1,000', { kind: 'invalid', reason: 'not-number', text: '1,000' }],
    ['1.0000001', { kind: 'invalid', reason: 'decimals', text: '1.0000001' }],
    ['', { kind: 'invalid', reason: 'empty', text: '' }],
    ['　', { kind: 'invalid', reason: 'empty', text: '' }],
  ])('%j', (raw, expected) => {
    expect(readTyped(raw, LISTEN)).toEqual(expected);
  });

  it('checks against the method\'s own maximum', () => {
    expect(readTyped('15', { method: 'ask', maxMicro: µ(10) })).toEqual({ kind: 'invalid', reason: 'over-max', text: '15' });
    expect(readTyped('12.5', { method: 'ask', maxMicro: µ(12.5) })).toEqual({ kind: 'score', micro: µ(12.5) });
  });
});

describe('readNumber: a number typed at a setup question', () => {
  const range = { minMicro: 0, maxMicro: µ(100), aboveMin: true };
  it.each([
    ['25', { ok: true, micro: µ(25) }],
    ['12.5', { ok: true, micro: µ(12.5) }],
    ['０', { ok: false, reason: 'too-small' }],
    ['101', { ok: false, reason: 'over-max' }],
    ['x', { ok: false, reason: 'not-number' }],
    ['', { ok: false, reason: 'empty' }],
  ])('%j', (raw, expected) => {
    expect(readNumber(raw, range)).toEqual(expected);
  });

  it('asks for whole numbers where only whole numbers make sense', () => {
    expect(readNumber('30.5', { minMicro: 0, maxMicro: µ(3650), whole: true })).toEqual({ ok: false, reason: 'not-whole' });
    expect(readNumber('30', { minMicro: 0, maxMicro: µ(3650), whole: true })).toEqual({ ok: true, micro: µ(30) });
  });
});

describe('EntrySession: the order of the questions', () => {
  it('walks the roster method by method and asks to save each person', () => {
    const s = new EntrySession(STAFF, M, RULES);
    expect(s.step).toEqual({ kind: 'score', staff: 0, method: 0 });
    s.type({ kind: 'score', micro: µ(19) });
    s.type({ kind: 'score', micro: µ(18.5) });
    expect(s.step).toEqual({ kind: 'score', staff: 0, method: 2 });
    expect(s.totalAt(0, 2).toFixed(1)).toBe('37.5');
    expect(s.totalAt(0, 2, µ(18)).toFixed(1)).toBe('55.5');
    s.type({ kind: 'score', micro: µ(18) });
    s.type({ kind: 'score', micro: µ(17) });
    s.type({ kind: 'score', micro: µ(20) });
    expect(s.step).toEqual({ kind: 'confirm', staff: 0 });
    expect(s.totalOf(0).toFixed(1)).toBe('92.5');
    expect(s.confirm(true)).toEqual({ save: 0, note: null });
    expect(s.step).toEqual({ kind: 'score', staff: 1, method: 0 });
    expect(s.savedCount).toBe(1);
    for (const _ of [1, 2, 3]) typePerson(s, [10, 10, 10, 10, 10]);
    expect(s.step).toEqual({ kind: 'summary' });
    expect(s.summary().map((r) => [r.staff.staffId, r.status, r.total.toNumber(1)])).toEqual([
      ['S001', 'saved', 92.5],
      ['S002', 'saved', 50],
      ['S003', 'saved', 50],
      ['S004', 'saved', 50],
    ]);
  });

  it('declining to save starts the person again with the typed scores as defaults', () => {
    const s = new EntrySession(STAFF, M, RULES);
    for (const p of [19, 18, 17, 16, 15]) s.type({ kind: 'score', micro: µ(p) });
    expect(s.confirm(false)).toEqual({ save: null, note: null });
    expect(s.step).toEqual({ kind: 'score', staff: 0, method: 0 });
    expect(METHODS.map((_, k) => s.defaultFor(0, k))).toEqual(['19', '18', '17', '16', '15']);
    expect(s.isSaved(0)).toBe(false);
  });

  it('b steps back a method, then to the previous person, whose scores become the defaults', () => {
    const s = new EntrySession(STAFF, M, RULES);
    expect(s.back()).toEqual({ kind: 'nothing-before' });
    typePerson(s, [19, 18, 17, 16, 15]);
    s.type({ kind: 'score', micro: µ(12) });
    expect(s.type({ kind: 'back' })).toBeNull();
    expect(s.step).toEqual({ kind: 'score', staff: 1, method: 0 });
    expect(s.defaultFor(1, 0)).toBe('12');
    expect(s.type({ kind: 'back' })).toEqual({ kind: 'back-to', staff: 0 });
    expect(s.step).toEqual({ kind: 'score', staff: 0, method: 0 });
    expect(s.defaultFor(0, 4)).toBe('15');
    // Correcting S001's ask score and saving again, then S002 is next again, its typed score kept.
    for (const p of [19, 18, 17, 16, 14]) s.type({ kind: 'score', micro: µ(p) });
    expect(s.confirm(true).save).toBe(0);
    expect(s.totalOf(0).toFixed(1)).toBe('84.0');
    expect(s.step).toEqual({ kind: 'score', staff: 1, method: 0 });
    expect(s.defaultFor(1, 0)).toBe('12');
  });

  it('going back through a saved person does not ask them again on the way forward', () => {
    const s = new EntrySession(STAFF, M, RULES);
    typePerson(s, [1, 1, 1, 1, 1]);
    typePerson(s, [2, 2, 2, 2, 2]);
    s.back(); // to S002
    s.back(); // to S001
    expect(s.step).toEqual({ kind: 'score', staff: 0, method: 0 });
    typePerson(s, [3, 3, 3, 3, 3]);
    expect(s.step).toEqual({ kind: 'score', staff: 2, method: 0 });
  });

  it('s puts someone aside; after the last one they come back once, then the summary lists who is missing', () => {
    const s = new EntrySession(STAFF, M, RULES);
    s.type({ kind: 'score', micro: µ(11) });
    expect(s.type({ kind: 'skip' })).toEqual({ kind: 'skipped', staff: 0 });
    expect(s.step).toEqual({ kind: 'score', staff: 1, method: 0 });
    typePerson(s, [2, 2, 2, 2, 2]);
    expect(s.skip()).toEqual({ kind: 'skipped', staff: 2 });
    expect(typePerson(s, [4, 4, 4, 4, 4])).toBe(3);
    // The last one saved: back to the ones skipped, in the order they were skipped.
    expect(s.step).toEqual({ kind: 'score', staff: 0, method: 0 });
    expect(s.defaultFor(0, 0)).toBe('11');
    typePerson(s, [1, 1, 1, 1, 1]);
    expect(s.step).toEqual({ kind: 'score', staff: 2, method: 0 });
    expect(s.skip()).toEqual({ kind: 'summary' });
    expect(s.step).toEqual({ kind: 'summary' });
    expect(s.summary().map((x) => x.status)).toEqual(['saved', 'saved', 'skipped', 'saved']);
    expect(s.unsaved()).toEqual([2]);
    s.reopen(2);
    expect(s.step).toEqual({ kind: 'score', staff: 2, method: 0 });
    typePerson(s, [3, 3, 3, 3, 3]);
    expect(s.step).toEqual({ kind: 'summary' });
    expect(s.unsaved()).toEqual([]);
  });

  it('the come-back is announced with who comes back', () => {
    const s = new EntrySession(STAFF.slice(0, 2), M, RULES);
    s.skip();
    for (const p of [5, 5, 5, 5, 5]) s.type({ kind: 'score', micro: µ(p) });
    expect(s.confirm(true)).toEqual({ save: 1, note: { kind: 'come-back', staff: [0] } });
  });

  it('resumes: complete rows are saved, a partial row is asked again with its scores as defaults', () => {
    const existing = new Map([
      ['S001', { listen: µ(19), see: µ(18), check: µ(17), test: µ(16), ask: µ(15) }],
      ['S002', { listen: µ(12), see: µ(13) }],
    ]);
    const s = new EntrySession(STAFF, M, RULES, existing);
    expect(s.savedCount).toBe(1);
    expect(s.step).toEqual({ kind: 'score', staff: 1, method: 0 });
    expect(s.defaultFor(1, 1)).toBe('13');
    expect(s.defaultFor(1, 2)).toBeUndefined();
    // Back from the first person of a resumed session goes to the last one saved before.
    expect(s.back()).toEqual({ kind: 'back-to', staff: 0 });
  });

  it('starts at the summary when everyone is in the sheet already', () => {
    const all = new Map(STAFF.map((p) => [p.staffId, { listen: 1, see: 1, check: 1, test: 1, ask: 1 }]));
    const s = new EntrySession(STAFF, M, RULES, all);
    expect(s.step).toEqual({ kind: 'summary' });
    expect(s.savedCount).toBe(4);
  });

  it('asks only the methods given to the role', () => {
    const two = M.filter((m) => m.method === 'listen' || m.method === 'ask');
    const s = new EntrySession(STAFF.slice(0, 1), two, RULES);
    s.type({ kind: 'score', micro: µ(10) });
    expect(s.step).toEqual({ kind: 'score', staff: 0, method: 1 });
    s.type({ kind: 'score', micro: µ(9) });
    expect(s.step).toEqual({ kind: 'confirm', staff: 0 });
    expect(s.valuesOf(0)).toEqual({ listen: µ(10), ask: µ(9) });
  });
});
