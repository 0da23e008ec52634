/**
 * Typing paper forms in, without the prompts: checking one typed value, and the session that walks
 * a rater's roster (next, back, skip, come back, summary). Pure: the command asks and saves; this
 * file only decides what a typed text means and which question comes next.
 */
import { methodValue, statsOf } from './aggregation.js';
import { MICRO, microToString, toHalfWidth } from './cells.js';
import type { Policy } from './policy.js';
import { Rational } from './rational.js';
import { settle } from './rounding.js';
import { type ScoreProblem, readScore } from './score-cell.js';
import type { Method, Role } from './types.js';

export interface EntryStaff {
  staffId: string;
  name: string;
  post: string;
}

/** A method the rater scores, with the highest score typed (its scale, micro-points). */
export interface EntryMethod {
  method: Method;
  maxMicro: number;
}

/** What a rater's row is totalled with: the policy, and the rater's role and semester. */
export interface RowScoring {
  policy: Policy;
  role: Role;
  semester: string;
}

/**
 * What one score of this rater counts for in `evaluate score`: the method's aggregate of that one
 * score (aggregation.ts), which scales it to the method's maximum where the policy has a scale.
 */
export function countedValue(method: Method, micro: number, scoring: RowScoring): Rational {
  const one = [{ micro, role: scoring.role }];
  return methodValue(method, statsOf(one), one, scoring.policy);
}

/**
 * The total `evaluate score` gives a sheet of this rater's row alone: the methods' values added
 * exactly and rounded once to the policy's precision (rounding.ts). Methods not typed count nothing.
 */
export function rowTotal(values: Values, scoring: RowScoring): Rational {
  return settle(scoring.semester, rowSum(values, scoring), scoring.policy).total;
}

/** The methods' values of the row added exactly, before rounding (what the rater adds up on paper). */
export function rowSum(values: Values, scoring: RowScoring): Rational {
  let exact = Rational.ZERO;
  for (const [method, micro] of Object.entries(values) as [Method, number | undefined][]) {
    if (micro !== undefined) exact = exact.add(countedValue(method, micro, scoring));
  }
  return exact;
}

/** A total as people read it: with exactly the policy's decimals (90.0). */
export function totalText(total: Rational, policy: Policy): string {
  return total.toFixed(policy.precision);
}

/** One rater's scores for one staff member, in micro-points; a method not typed yet is absent. */
export type Values = Partial<Record<Method, number>>;

export type InvalidReason = 'empty' | 'not-number' | 'negative' | 'over-max' | 'decimals' | 'decimal-comma';

/** What the score parser found wrong with a typed value, as the questions word it. */
function reasonOf(problem: ScoreProblem): InvalidReason {
  switch (problem.kind) {
    case 'score-negative':
      return 'negative';
    case 'score-decimal-comma':
      return 'decimal-comma';
    case 'score-decimals':
      return 'decimals';
    case 'score-over-max':
      return 'over-max';
    default:
      return 'not-number';
  }
}

export type Typed =
  | { kind: 'score'; micro: number }
  | { kind: 'back' }
  | { kind: 'skip' }
  | { kind: 'invalid'; reason: InvalidReason; text: string };

// NFKC folds full-width letters too, so ｂ and Ｓ typed with a Chinese input method still work.
const BACK = new Set(['b', 'back', '<', '后退', '返回']);
const SKIP = new Set(['s', 'skip', '>', '跳过']);

/** Whether a typed answer asks to go back (b, back, <, 返回, full-width too). */
export function isBack(raw: string): boolean {
  return BACK.has(raw.normalize('NFKC').trim().toLowerCase());
}

/** What a value typed at a score question means: a score within the method's maximum, or a command. */
export function readTyped(raw: string, m: EntryMethod): Typed {
  const command = raw.normalize('NFKC').trim().toLowerCase();
  if (BACK.has(command)) return { kind: 'back' };
  if (SKIP.has(command)) return { kind: 'skip' };
  const text = toHalfWidth(raw).trim();
  if (text === '') return { kind: 'invalid', reason: 'empty', text };
  const r = readScore(raw, m.method, m.maxMicro);
  if (r.ok) return { kind: 'score', micro: r.micro };
  return { kind: 'invalid', reason: r.blank ? 'empty' : reasonOf(r.problem), text };
}

export type NumberRead = { ok: true; micro: number } | { ok: false; reason: InvalidReason | 'not-whole' | 'too-small' };

/**
 * The numbers a setup question takes (micro-points): from `minMicro` (or above it, with `aboveMin`)
 * to `maxMicro`, whole numbers only with `whole`. The question checks with it and its error
 * message says it, so the two cannot disagree.
 */
export interface NumberRange {
  minMicro: number;
  maxMicro: number;
  whole?: boolean;
  aboveMin?: boolean;
}

/**
 * A number typed at a setup question (a method's maximum, an amount, a number of days): plain
 * decimal, full-width digits accepted, at most 6 decimals, within the range.
 */
export function readNumber(raw: string, o: NumberRange): NumberRead {
  const text = toHalfWidth(raw).trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const r = readScore(text, 'value', o.maxMicro);
  if (!r.ok) return { ok: false, reason: r.blank ? 'empty' : reasonOf(r.problem) };
  if (o.whole && r.micro % MICRO !== 0) return { ok: false, reason: 'not-whole' };
  if (r.micro < o.minMicro || (o.aboveMin && r.micro === o.minMicro)) return { ok: false, reason: 'too-small' };
  return { ok: true, micro: r.micro };
}

/** A score or total as people write it: 18, 17.5, 91.25. */
export function pointsText(micro: number): string {
  return microToString(micro);
}

export type Step =
  | { kind: 'score'; staff: number; method: number }
  | { kind: 'confirm'; staff: number }
  | { kind: 'summary' };

/** What a move did beyond the obvious, for the screen to say. */
export type Note =
  | { kind: 'back-to'; staff: number }
  | { kind: 'nothing-before' }
  | { kind: 'skipped'; staff: number }
  | { kind: 'come-back'; staff: number[] }
  | { kind: 'summary' }
  | null;

export type Status = 'saved' | 'skipped' | 'missing';

export interface SummaryRow {
  index: number;
  staff: EntryStaff;
  values: Values;
  /** The total `evaluate score` gives the row (rowTotal). */
  total: Rational;
  status: Status;
}

/**
 * The order in which one rater's staff are typed in. Staff already complete in the sheet are saved;
 * the rest are visited in roster order. `s` puts someone aside until the end of the roster, where
 * everyone put aside comes back once; `b` steps back a method, or from the first method to the
 * person typed before (their scores become the defaults). Confirming a person asks the caller to
 * save them; at the end a summary lists everyone and can reopen anyone.
 */
export class EntrySession {
  step: Step;
  private readonly values: Values[];
  private readonly saved: boolean[];
  /** Staff still to visit, in order. */
  private queue: number[];
  /** Staff put aside with `s`, to come back to after the last one. */
  private later: number[] = [];
  /** Staff left behind (saved or put aside), most recent last: where `b` goes. */
  private history: number[];
  private cameBack = false;

  constructor(
    readonly staff: readonly EntryStaff[],
    readonly methods: readonly EntryMethod[],
    readonly scoring: RowScoring,
    existing: ReadonlyMap<string, Values> = new Map(),
  ) {
    this.values = staff.map((s) => ({ ...(existing.get(s.staffId) ?? {}) }));
    this.saved = staff.map((_, i) => this.isComplete(i));
    this.queue = staff.map((_, i) => i).filter((i) => !this.saved[i]);
    this.history = staff.map((_, i) => i).filter((i) => this.saved[i]);
    const first = this.queue.shift();
    this.step = first === undefined ? { kind: 'summary' } : { kind: 'score', staff: first, method: 0 };
  }

  isComplete(i: number): boolean {
    const v = this.values[i]!;
    return this.methods.every((m) => v[m.method] !== undefined);
  }

  isSaved(i: number): boolean {
    return this.saved[i]!;
  }

  get savedCount(): number {
    return this.saved.filter(Boolean).length;
  }

  savedStaff(): number[] {
    return this.staff.map((_, i) => i).filter((i) => this.saved[i]);
  }

  valuesOf(i: number): Values {
    return { ...this.values[i]! };
  }

  /** The total of the scores typed for this person so far, as `evaluate score` would give it. */
  totalOf(i: number): Rational {
    return rowTotal(this.values[i]!, this.scoring);
  }

  /** The same before rounding: the scores' values added exactly. */
  sumOf(i: number): Rational {
    return rowSum(this.values[i]!, this.scoring);
  }

  /**
   * The running total at a question: the methods before this one, and `typed` for this one if
   * given (what is being typed), totalled as `evaluate score` would.
   */
  totalAt(i: number, method: number, typed?: number): Rational {
    const v: Values = {};
    for (const m of this.methods.slice(0, method)) v[m.method] = this.values[i]![m.method];
    if (typed !== undefined) v[this.methods[method]!.method] = typed;
    return rowTotal(v, this.scoring);
  }

  /** The value typed earlier for this question (kept when going back or skipping), as text. */
  defaultFor(i: number, method: number): string | undefined {
    const v = this.values[i]![this.methods[method]!.method];
    return v === undefined ? undefined : pointsText(v);
  }

  /** An answer at a score question. Invalid answers never get here (the prompt rejects them). */
  type(t: Typed): Note {
    const step = this.step;
    if (step.kind !== 'score') throw new Error(`type() at a ${step.kind} step`);
    switch (t.kind) {
      case 'score': {
        this.values[step.staff]![this.methods[step.method]!.method] = t.micro;
        this.step =
          step.method + 1 < this.methods.length
            ? { kind: 'score', staff: step.staff, method: step.method + 1 }
            : { kind: 'confirm', staff: step.staff };
        return null;
      }
      case 'back':
        return this.back();
      case 'skip':
        return this.skip();
      case 'invalid':
        return null;
    }
  }

  back(): Note {
    const step = this.step;
    if (step.kind === 'score' && step.method > 0) {
      this.step = { kind: 'score', staff: step.staff, method: step.method - 1 };
      return null;
    }
    if (step.kind === 'confirm') {
      this.step = { kind: 'score', staff: step.staff, method: this.methods.length - 1 };
      return null;
    }
    if (step.kind !== 'score') return null;
    this.history = this.history.filter((x) => x !== step.staff);
    const prev = this.history.pop();
    if (prev === undefined) return { kind: 'nothing-before' };
    this.queue.unshift(step.staff);
    this.later = this.later.filter((i) => i !== prev);
    this.step = { kind: 'score', staff: prev, method: 0 };
    return { kind: 'back-to', staff: prev };
  }

  skip(): Note {
    const step = this.step;
    if (step.kind === 'summary') return null;
    const i = step.staff;
    if (!this.saved[i] && !this.later.includes(i)) this.later.push(i);
    this.leave(i);
    const note = this.advance();
    return this.saved[i] ? note : note ?? { kind: 'skipped', staff: i };
  }

  /**
   * The answer to "save this person?". Yes: the caller must save `save` now; no: the person's
   * questions start again with the typed scores as defaults.
   */
  confirm(yes: boolean): { save: number | null; note: Note } {
    const step = this.step;
    if (step.kind !== 'confirm') throw new Error(`confirm() at a ${step.kind} step`);
    const i = step.staff;
    if (!yes) {
      this.step = { kind: 'score', staff: i, method: 0 };
      return { save: null, note: null };
    }
    this.saved[i] = true;
    this.later = this.later.filter((x) => x !== i);
    this.leave(i);
    return { save: i, note: this.advance() };
  }

  /** From the summary: type this person (again). */
  reopen(i: number): void {
    if (i < 0 || i >= this.staff.length) throw new Error(`reopen(${i}): no such staff member`);
    this.later = this.later.filter((x) => x !== i);
    this.queue = this.queue.filter((x) => x !== i);
    this.step = { kind: 'score', staff: i, method: 0 };
  }

  summary(): SummaryRow[] {
    return this.staff.map((s, i) => ({
      index: i,
      staff: s,
      values: this.valuesOf(i),
      total: this.totalOf(i),
      status: this.saved[i] ? 'saved' : this.later.includes(i) ? 'skipped' : 'missing',
    }));
  }

  /** Staff not saved, in roster order. */
  unsaved(): number[] {
    return this.staff.map((_, i) => i).filter((i) => !this.saved[i]);
  }

  private leave(i: number): void {
    this.history = this.history.filter((x) => x !== i);
    this.history.push(i);
  }

  private advance(): Note {
    let next = this.shiftUnsaved();
    let note: Note = null;
    if (next === undefined && this.later.length > 0 && !this.cameBack) {
      this.cameBack = true;
      this.queue = this.later;
      this.later = [];
      note = { kind: 'come-back', staff: [...this.queue] };
      next = this.shiftUnsaved();
    }
    if (next === undefined) {
      this.step = { kind: 'summary' };
      return note ?? { kind: 'summary' };
    }
    this.step = { kind: 'score', staff: next, method: 0 };
    return note;
  }

  /** The next person to visit; people saved meanwhile (passed on the way back) are not asked again. */
  private shiftUnsaved(): number | undefined {
    let next = this.queue.shift();
    while (next !== undefined && this.saved[next]) next = this.queue.shift();
    return next;
  }
}
