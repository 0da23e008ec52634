/**
 * Who changed between two JSON reports (SPEC "Seal, verify, diff"). Pure: takes the parsed
 * documents, returns the changes. `evaluate diff` compares the fields the SPEC lists; `evaluate
 * verify` compares every field of every person (and rater) to explain a result that did not
 * reproduce.
 */
import { canonicalJson } from './canonical.js';

export const REPORT_KINDS = ['score', 'year', 'rewards', 'panel'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The fields `evaluate diff` compares, in the order it lists them. */
export const DIFF_FIELDS = {
  score: ['rank', 'total', 'grade', 'reward', 'penalty', 'rectifyBy'],
  year: ['h1', 'h2', 'awardCandidate', 'nonRenewal', 'rectification', 'rewardTotal', 'penaltyTotal'],
} as const;
export type DiffKind = keyof typeof DIFF_FIELDS;
export type DiffField = (typeof DIFF_FIELDS)[DiffKind][number];

/** One person (or, in a panel report, rater) of a report: where (semester or year), who, and their record. */
export interface Entry {
  /** The semester (`2026-H1`) of a score or panel report, the year (2026) of a year or rewards report. */
  semester: string | number;
  /** The staff id; a panel's rater and outlier entries are keyed `rater 学生乙`, `outlier S002 学生乙 ask`. */
  staffId: string;
  name: string;
  record: Record<string, unknown>;
}

export interface Change {
  semester: string | number;
  staffId: string;
  name: string;
  field: string;
  before: unknown;
  after: unknown;
}

export interface Person {
  semester: string | number;
  staffId: string;
  name: string;
}

export interface ReportDiff {
  kind: ReportKind;
  changes: Change[];
  added: Person[];
  removed: Person[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';

/**
 * The command that made a report: the seal's `command[0]` when sealed, else recognized by its shape
 * (score has `semesters`; panel `raters`; rewards `only`; year `year` and `staff`). Null: not a report.
 */
export function reportKind(doc: unknown): ReportKind | null {
  if (!isObject(doc)) return null;
  const seal = doc.seal;
  if (isObject(seal) && Array.isArray(seal.command) && (REPORT_KINDS as readonly unknown[]).includes(seal.command[0])) {
    return seal.command[0] as ReportKind;
  }
  if (Array.isArray(doc.semesters)) return 'score';
  if (Array.isArray(doc.raters) && Array.isArray(doc.staff)) return 'panel';
  if (typeof doc.year === 'number' && Array.isArray(doc.staff)) return 'only' in doc ? 'rewards' : 'year';
  return null;
}

function records(list: unknown): Json[] | null {
  return Array.isArray(list) && list.every(isObject) ? list : null;
}

/** Every keyed entry of a report, in report order; null when the document does not have the report's shape. */
export function entriesOf(kind: ReportKind, doc: unknown): Entry[] | null {
  if (!isObject(doc)) return null;
  const out: Entry[] = [];
  const push = (semester: string | number, list: unknown, key: (r: Json) => unknown, name: (r: Json) => unknown): boolean => {
    const rs = records(list);
    if (!rs) return false;
    for (const r of rs) {
      const id = key(r);
      if (!isText(id)) return false;
      const n = name(r);
      out.push({ semester, staffId: id, name: isText(n) ? n : '', record: r });
    }
    return true;
  };
  switch (kind) {
    case 'score': {
      const sems = records(doc.semesters);
      if (!sems) return null;
      for (const s of sems) {
        if (!isText(s.semester) || !push(s.semester, s.staff, (r) => r.staffId, (r) => r.name)) return null;
      }
      return out;
    }
    case 'year':
    case 'rewards':
      if (typeof doc.year !== 'number') return null;
      return push(doc.year, doc.staff, (r) => r.staffId, (r) => r.name) ? out : null;
    case 'panel': {
      if (!isText(doc.semester)) return null;
      const sem = doc.semester;
      const ok =
        push(sem, doc.raters, (r) => (isText(r.rater) ? `rater ${r.rater}` : null), (r) => r.rater) &&
        push(sem, doc.staff, (r) => r.staffId, (r) => r.name) &&
        push(sem, doc.outliers ?? [], (r) => (isText(r.staffId) ? `outlier ${r.staffId} ${String(r.rater)} ${String(r.method)}` : null), (r) => r.name);
      return ok ? out : null;
    }
  }
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

const keyOf = (e: Pick<Entry, 'semester' | 'staffId'>) => `${String(e.semester)}\u0000${e.staffId}`;

function byPlace(a: Person, b: Person): number {
  const sa = String(a.semester);
  const sb = String(b.semester);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0;
}

/** Every field that differs, nested objects field by field (`methods.listen`, `h1.total`). */
function compareAll(prefix: string, x: Json, y: Json, push: (field: string, before: unknown, after: unknown) => void): void {
  for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
    const a = x[k] ?? null;
    const b = y[k] ?? null;
    if (same(a, b)) continue;
    if (isObject(a) && isObject(b)) compareAll(`${prefix}${k}.`, a, b, push);
    else push(`${prefix}${k}`, a, b);
  }
}

/**
 * The entries that changed, were added or removed, between two lists of the same kind of report.
 * `fields`: the fields compared, in order, each as a whole; without it, every field either record
 * has, nested objects field by field (in the before record's order, then the after record's).
 */
export function diffEntries(kind: ReportKind, before: Entry[], after: Entry[], fields?: readonly string[]): ReportDiff {
  const was = new Map(before.map((e) => [keyOf(e), e]));
  const now = new Map(after.map((e) => [keyOf(e), e]));
  const changes: Change[] = [];
  const both = after.filter((e) => was.has(keyOf(e))).sort(byPlace);
  for (const a of both) {
    const b = was.get(keyOf(a))!;
    const push = (field: string, x: unknown, y: unknown) => changes.push({ semester: a.semester, staffId: a.staffId, name: a.name, field, before: x, after: y });
    if (fields) {
      for (const field of fields) if (!same(b.record[field], a.record[field])) push(field, b.record[field] ?? null, a.record[field] ?? null);
    } else compareAll('', b.record, a.record, push);
  }
  const person = (e: Entry): Person => ({ semester: e.semester, staffId: e.staffId, name: e.name });
  return {
    kind,
    changes,
    added: after.filter((e) => !was.has(keyOf(e))).map(person).sort(byPlace),
    removed: before.filter((e) => !now.has(keyOf(e))).map(person).sort(byPlace),
  };
}

export type DiffProblem =
  | { problem: 'not-a-report'; which: 'before' | 'after' }
  | { problem: 'not-diffable'; kind: ReportKind }
  | { problem: 'different-commands'; before: ReportKind; after: ReportKind };

/** `evaluate diff`: two reports of the same command, score or year, compared on the SPEC's fields. */
export function diffReports(before: unknown, after: unknown): ReportDiff | DiffProblem {
  const kb = reportKind(before);
  if (!kb) return { problem: 'not-a-report', which: 'before' };
  const ka = reportKind(after);
  if (!ka) return { problem: 'not-a-report', which: 'after' };
  if (kb !== ka) return { problem: 'different-commands', before: kb, after: ka };
  if (kb !== 'score' && kb !== 'year') return { problem: 'not-diffable', kind: kb };
  const eb = entriesOf(kb, before);
  if (!eb) return { problem: 'not-a-report', which: 'before' };
  const ea = entriesOf(ka, after);
  if (!ea) return { problem: 'not-a-report', which: 'after' };
  return diffEntries(kb, eb, ea, DIFF_FIELDS[kb]);
}

/** The fields of `evaluate diff` that hold a total (rounded to the policy's `precision`), as a number or as a semester's `{ total, grade }`. */
export const TOTAL_FIELDS: ReadonlySet<string> = new Set(['total', 'h1', 'h2']);

/** The decimals a number is written with in JSON: 88.5 has 1, 89 has 0, 1e-7 has 7. */
export function decimalsOf(n: number): number {
  const m = /^\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(n)));
  return m ? Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0)) : 0;
}

/** The most decimals any total of a score or year report is written with (0 for a report without totals). */
export function totalDecimals(doc: unknown): number {
  const kind = reportKind(doc);
  if (kind !== 'score' && kind !== 'year') return 0;
  let most = 0;
  const see = (v: unknown) => {
    if (typeof v === 'number' && Number.isFinite(v)) most = Math.max(most, decimalsOf(v));
  };
  for (const e of entriesOf(kind, doc) ?? []) {
    see(e.record.total);
    for (const half of [e.record.h1, e.record.h2]) if (isObject(half)) see(half.total);
  }
  return most;
}

/** The policy a report's seal names (`source`) and the SHA-256 of that effective policy; null when the report has no such seal. */
export function sealedPolicy(doc: unknown): { source: string; sha256: string } | null {
  if (!isObject(doc) || !isObject(doc.seal) || !isObject(doc.seal.policy)) return null;
  const { source, sha256 } = doc.seal.policy;
  return isText(source) && isText(sha256) ? { source, sha256 } : null;
}

/** The number of distinct people (or raters) with at least one change. */
export function changedCount(d: ReportDiff): number {
  return new Set(d.changes.map(keyOf)).size;
}

/** The top-level parts of two reports, other than their lists of people, that differ (`warnings`, `reliability`...). */
export function otherPartsThatDiffer(kind: ReportKind, before: Json, after: Json): string[] {
  const lists: Record<ReportKind, string[]> = {
    score: ['semesters'],
    year: ['staff'],
    rewards: ['staff'],
    panel: ['raters', 'staff', 'outliers'],
  };
  const skip = new Set([...lists[kind], 'seal']);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !skip.has(k));
  const out = keys.filter((k) => !same(before[k], after[k]));
  // A semester present in one score report only, with nobody in it, shows nowhere else.
  if (kind === 'score') {
    const sems = (d: Json) => (records(d.semesters) ?? []).map((s) => s.semester);
    if (!same(sems(before), sems(after))) out.unshift('semesters');
  }
  return out;
}
