/**
 * What the sheets hold, for `evaluate check`: counts of staff, raters and scores, and the committee
 * of each semester against the rules (one leader, one head office, one center office, two students).
 */
import { clip, digitsWithoutZeros } from './cells.js';
import { sortUint32 } from './counting-sort.js';
import { type CommitteeDifference, committeeDifferences, differencesWarn } from './committee-rules.js';
import type { FileRef, ProblemKind, ProblemLog } from './problems.js';
import { NO_ROLE, RATER, STAFF, type Tally, type TextLookup } from './tally.js';
import { type Method, type Role, CONSENSUS_RATER, METHODS, ROLES } from './types.js';
import { effectiveRole } from './whole-picture.js';

/** Made when first needed: loading the Chinese collation costs about 8 ms, which a run that lists no names should not pay. */
let names: Intl.Collator | null = null;

/** Characters that count in a name (学生甲, 乙, 丙 …; 评委一, 二, 三 …), in their order. */
const COUNTERS = ['甲乙丙丁戊己庚辛壬癸', '一二三四五六七八九十'];

/** A name as it sorts: a last counting character becomes its number (学生丙 as 学生2), which sorts before the Han characters. */
function sortKey(name: string): string {
  if (name.length < 2) return name;
  const last = name.slice(-1);
  for (const counters of COUNTERS) {
    const i = counters.indexOf(last);
    if (i >= 0) return `${name.slice(0, -1)}${i}`;
  }
  return name;
}

/**
 * Names as a Chinese office lists them: by pinyin, digits as numbers, and a last counting character
 * in its order (学生甲, 学生乙, 学生丙, not by the pinyin of 丙).
 */
export function byName(a: string, b: string): number {
  names ??= new Intl.Collator('zh-Hans-CN', { numeric: true });
  return names.compare(sortKey(a), sortKey(b)) || (a < b ? -1 : a > b ? 1 : 0);
}


export interface Composition {
  /** Raters by role, each role's by name (byName); `none` for raters without a role. */
  members: Record<Role | 'none', string[]>;
  /** Roles whose count differs from the rules (raters without a role listed as `none`, expected 0). */
  differences: CommitteeDifference[];
  /** The sheets are a consensus sheet (one rater, the committee): no composition to check. */
  consensus: boolean;
  /** No differences. */
  ok: boolean;
  /**
   * The differences are a warning, as every command that scores says it (committee-rules.ts
   * differencesWarn): not where rows refused without a semester read may hold the raters missing.
   */
  warning: boolean;
}

export interface SemesterSummary {
  semester: string;
  staff: number;
  raters: number;
  scores: Record<Method, number>;
  committee: Composition;
  /** Raters who scored only some of the semester's staff. */
  partial: { rater: string; scored: number }[];
}

export interface SheetsSummary {
  staff: number;
  raters: number;
  scores: Record<Method, number>;
  semesters: SemesterSummary[];
}

const zeroScores = () => Object.fromEntries(METHODS.map((m) => [m, 0])) as Record<Method, number>;

/** One semester's raters and scores, counted in one pass over its people's cells. */
interface SemesterCount {
  /** The raters in order of first appearance, with their role (as the scores count it) and how many staff they scored. */
  raters: { rater: number; role: number; scored: number }[];
  /** Scores per method (METHODS order). */
  scores: number[];
  /** Per rater number, how many people of the semester they scored. */
  scored: Int32Array;
}

/**
 * Counts a semester's cells: per rater in arrays by rater number, not a map looked up per cell (a
 * semester of 200,000 people has a million cells).
 */
function countSemester(tally: Tally, people: ArrayLike<number>): SemesterCount {
  const scored = new Int32Array(tally.raterRole.length);
  const role = new Int32Array(tally.raterRole.length);
  const order: number[] = [];
  const scores = [0, 0, 0, 0, 0];
  const each = (rater: number, cellRole: number, mask: number): void => {
    if (scored[rater]!++ === 0) {
      order.push(rater);
      role[rater] = effectiveRole(tally, rater, cellRole);
    }
    for (let k = 0; k < 5; k++) scores[k]! += (mask >> k) & 1;
  };
  for (let i = 0; i < people.length; i++) tally.cellsOf(people[i]!, each);
  return { raters: order.map((rater) => ({ rater, role: role[rater]!, scored: scored[rater]! })), scores, scored };
}

/** Rows were refused whose semester could not be read (semester ''): their raters may be of any semester. */
function unplacedRows(refused: RefusedRaters | undefined): boolean {
  return (refused?.ratersOf('')?.size ?? 0) > 0;
}

/**
 * The raters whose every row of the semester was refused (a staff id blank under a merged cell, a
 * score over the maximum on each row: none among `scored`), with the role their rows give: on the
 * semester's committee all the same, though they scored nobody.
 */
function refusedOnly(tally: Tally, refused: RefusedRaters | undefined, semester: string, scored: Int32Array): { rater: number; role: number }[] {
  const out: { rater: number; role: number }[] = [];
  for (const [rater, role] of refused?.ratersOf(semester) ?? []) if (rater >= scored.length || scored[rater] === 0) out.push({ rater, role: effectiveRole(tally, rater, role) });
  return out;
}

function composition(texts: TextLookup, raters: SemesterCount['raters'], unplaced: boolean): Composition {
  const members: Record<Role | 'none', string[]> = { leader: [], 'head-office': [], 'center-office': [], student: [], none: [] };
  for (const r of raters) members[r.role === NO_ROLE ? 'none' : ROLES[r.role]!].push(texts.text(RATER, r.rater));
  // The committee's order (leader, head office, center office, students), then by name.
  for (const list of Object.values(members)) list.sort(byName);
  const consensus = raters.length === 1 && members.none.length === 1 && members.none[0] === CONSENSUS_RATER;
  const differences = consensus ? [] : committeeDifferences((role) => members[role].length, members.none.length);
  return { members, differences, consensus, ok: differences.length === 0, warning: differencesWarn(differences, unplaced) };
}

/**
 * What the sheets hold, per semester. A rater whose every row of a semester was refused (`refused`:
 * a staff id blank under a merged cell, a score over the maximum on each row) is on its committee
 * and among its raters all the same, as warnComposition counts them, though they scored nobody.
 */
export function summarize(tally: Tally, texts: TextLookup, refused?: RefusedRaters): SheetsSummary {
  const unplaced = unplacedRows(refused);
  const people = tally.peopleBySemester();
  // Staff ids and raters over all semesters, each once (a person of two semesters is one staff member).
  let staffCount = 0;
  for (let p = 0; p < tally.persons; p++) staffCount = Math.max(staffCount, tally.staffOf[p]! + 1);
  const staffSeen = new Uint8Array(staffCount);
  let raterCount = tally.raterRole.length;
  for (const semester of tally.semesters) for (const r of refused?.ratersOf(semester)?.keys() ?? []) raterCount = Math.max(raterCount, r + 1);
  const raterSeen = new Uint8Array(raterCount);
  let staff = 0;
  let raters = 0;
  const scores = zeroScores();
  const semesters: SemesterSummary[] = [];
  const order = tally.semesters.map((s, i) => [s, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [semester, s] of order) {
    const list = people[s]!;
    for (let i = 0; i < list.length; i++) {
      const id = tally.staffOf[list[i]!]!;
      if (staffSeen[id] === 0) {
        staffSeen[id] = 1;
        staff++;
      }
    }
    const count = countSemester(tally, list);
    // The raters whose every row of the semester was refused join those who scored (a copy only then).
    const others = refusedOnly(tally, refused, semester, count.scored);
    const members = others.length === 0 ? count.raters : [...count.raters, ...others.map((o) => ({ ...o, scored: 0 }))];
    for (const r of members) {
      if (raterSeen[r.rater] === 0) {
        raterSeen[r.rater] = 1;
        raters++;
      }
    }
    const semScores = zeroScores();
    METHODS.forEach((m, k) => {
      semScores[m] = count.scores[k]!;
      scores[m] += count.scores[k]!;
    });
    semesters.push({
      semester,
      staff: list.length,
      raters: members.length,
      scores: semScores,
      committee: composition(texts, members, unplaced),
      partial: count.raters.filter((r) => r.scored < list.length).map((r) => ({ rater: texts.text(RATER, r.rater), scored: r.scored })),
    });
  }
  return { staff, raters, scores, semesters };
}

/**
 * What each semester's raters show once every sheet is read, as warnings (SPEC "The rules": a
 * committee unlike the rules' is a warning, not an error):
 * - the committee differs from the rules: the count of raters of each role, then of raters without
 *   one, at the first row in the semester of the last rater met there of a role with more raters
 *   than the rules ask (a rater's name typed two ways), else at the semester's first row. A rater
 *   whose every row was refused (`refused`: a staff id blank under a merged cell) is counted too;
 *   where rows were refused whose semester could not be read, fewer raters than the rules ask is
 *   not said (those rows' raters may be the semester's). Sheets that give no rater a
 *   role (no role column, a consensus sheet) are not checked: `evaluate check` lists their raters.
 *   (The words say which roles differ: core/committee-rules.ts again.)
 * - someone scored by fewer raters than most people of the semester (a row missing from a rater's
 *   sheet, or a staff id typed differently on one sheet, which makes a second person of one rater):
 *   at their first row, naming the raters who scored most people but not them. Not where a quarter
 *   of the semester or more has fewer (then raters score parts of the staff by design), nor while
 *   an error leaves rows out of the tally (a refused row is a rater fewer for its person, and its
 *   error says why; a sheet that cannot be read to its end). Said while the sheets have only errors
 *   of rows tallied (ROWS_KEPT): a staff id typed as another's is "scored twice" there, and this
 *   warning says whose row it was.
 * Each person's raters are read straight from the cells (a semester of 200,000 people costs a few
 * milliseconds).
 */
export function warnComposition(tally: Tally, texts: TextLookup, log: ProblemLog, refused?: RefusedRaters): void {
  const everyRow = everyRowTallied(log);
  // Raters of rows refused without a semester read (a semester cell merged over the sheet) may be of any.
  const unplaced = unplacedRows(refused);
  const people = tally.peopleBySemester();
  /** Per rater, how many people of the semester they scored. */
  const scored = new Int32Array(tally.raterRole.length);
  const first = new FirstRows(tally);
  const stride = tally.stride;
  const placeOf = (person: number) => ({ file: tally.files.get(tally.atFile[person]!)!, line: tally.atLine[person]! });
  tally.semesters.forEach((semester, s) => {
    const list = people[s]!;
    if (list.length === 0) return;
    scored.fill(0);
    first.clear();
    const raters = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const person = list[i]!;
      const base = person * stride;
      let n = 0;
      for (let r = 0; r < stride; r++) {
        if (tally.cellState[base + r] === 0) continue;
        scored[r]!++;
        first.met(r, tally.cellFile[base + r]!, tally.cellFirstLine(person, base + r));
        n++;
      }
      if (tally.sparseFirst[person]! > 0) {
        tally.cellsOf(person, (rater, _role, _mask, cell, sparse) => {
          if (!sparse) return;
          if (rater < scored.length) {
            scored[rater]!++;
            first.met(rater, tally.sparseFile[cell]!, tally.sparseLine[cell]!);
          }
          n++;
        });
      }
      raters[i] = n;
    }
    // Raters whose every row of the semester was refused (a staff id blank under a merged cell) are on
    // its committee all the same: counted with the role their rows give.
    const others = refusedOnly(tally, refused, semester, scored).map((o) => o.role);
    committeeWarning(tally, log, semester, scored, placeOf(list[0]!), first, others, unplaced);
    alikeRaters(tally, texts, log, semester, scored, first);
    if (everyRow) fewerRaters(tally, texts, log, semester, list, raters, scored, placeOf);
  });
  warnZerosDropped(tally, texts, log);
}

/** The raters of refused rows, per semester, with their roles (io/refused-rows.ts RefusedRows). */
export interface RefusedRaters {
  ratersOf(semester: string): ReadonlyMap<number, number> | undefined;
}

/** Per rater, their first row in a semester (by file, then line): where a warning about them goes. */
class FirstRows {
  private readonly file: Int32Array;
  private readonly line: Int32Array;

  constructor(private readonly tally: Tally) {
    this.file = new Int32Array(tally.raterRole.length);
    this.line = new Int32Array(tally.raterRole.length);
  }

  clear(): void {
    this.file.fill(-1);
  }

  /** A row of rater r: theirs first if it comes before the one met so far. */
  met(r: number, file: number, line: number): void {
    if (this.file[r]! < 0 || (file - this.file[r]! || line - this.line[r]!) < 0) {
      this.file[r] = file;
      this.line[r] = line;
    }
  }

  /** Negative where rater a's first row comes before rater b's. */
  readonly order = (a: number, b: number): number => this.file[a]! - this.file[b]! || this.line[a]! - this.line[b]!;

  place(r: number): { file: FileRef; line: number } {
    return { file: this.tally.files.get(this.file[r]!)!, line: this.line[r]! };
  }
}

/**
 * Raters of a semester whose names differ only in spaces or letter case ("王 主任" and "王主任"): one
 * person's name typed two ways counts as two raters, each missing the other's scores. A warning at
 * the first row in the semester of the one met last, naming them all.
 */
function alikeRaters(tally: Tally, texts: TextLookup, log: ProblemLog, semester: string, scored: Int32Array, first: FirstRows): void {
  // Each rater's key (spaces left out, lower case) is hashed to 32 bits, and the hashes sorted (as
  // numbers, counting-sort.ts sortUint32): a hash met twice marks its raters, and only those are grouped
  // by the key itself. (A map of a million keys took 1.3 s and its arrays 200 MB; a table of the
  // hashes, probed at random, a cache miss a rater: 1 s for 5M raters, where the sort takes 0.1 s.)
  const keyOf = (name: string) => name.replace(/\s+/gu, '').toLowerCase();
  let count = 0;
  for (let r = 0; r < scored.length; r++) if (scored[r] !== 0) count++;
  if (count < 2) return;
  const hashes = new Uint32Array(count);
  const raterAt = new Int32Array(count);
  for (let r = 0, k = 0; r < scored.length; r++) {
    if (scored[r] === 0) continue;
    hashes[k] = keyHash(texts.passing(RATER, r), keyOf) >>> 0;
    raterAt[k++] = r;
  }
  const sorted = sortUint32(hashes.slice());
  let twice: Set<number> | null = null;
  for (let k = 1; k < count; k++) if (sorted[k] === sorted[k - 1]) (twice ??= new Set()).add(sorted[k]!);
  if (twice === null) return;
  const twin = new Uint8Array(scored.length);
  for (let k = 0; k < count; k++) if (twice.has(hashes[k]!)) twin[raterAt[k]!] = 1;
  const groups = new Map<string, number[]>();
  for (let r = 0; r < scored.length; r++) {
    if (twin[r] === 0) continue;
    const key = keyOf(texts.passing(RATER, r));
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort(first.order);
    const at = first.place(group[group.length - 1]!);
    log.warning(at.file, at.line, undefined, 'raters-alike', group.map((r) => clip(texts.text(RATER, r))).join('\u0000'), semester);
  }
}

/**
 * The FNV-1a hash of a rater's key (`keyOf`: spaces left out, lower case), computed from the text
 * itself where it is ASCII and CJK ideographs only (no space among the ideographs, no case), else
 * of the key made.
 */
function keyHash(t: string, keyOf: (name: string) => string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < t.length; i++) {
    let c = t.charCodeAt(i);
    if (c < 128) {
      if (c === 32 || (c >= 9 && c <= 13)) continue;
      if (c >= 65 && c <= 90) c += 32;
    } else if (c < 0x3400 || c > 0x9fff) {
      const key = keyOf(t);
      h = 0x811c9dc5;
      for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), 0x01000193);
      return h;
    }
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

/** How many groups of ids a `zeros-dropped` warning names; the others are counted. */
const ZEROS_SHOWN = 3;

/**
 * Staff ids of a semester that are one id but for leading zeros ("001" and "1"): a rater's sheet
 * saved by a spreadsheet that read the ids as numbers makes each of its people a second person,
 * each with part of the scores, and nothing else need show it (half the people scored by one
 * rater is too many for `fewer-raters`). One warning a semester, at the first row of the first
 * group's id without zeros (else of its id met last), naming a few groups and counting the rest.
 */
export function warnZerosDropped(tally: Tally, texts: TextLookup, log: ProblemLog): void {
  const people = tally.peopleBySemester();
  tally.semesters.forEach((semester, s) => zerosDropped(tally, texts, log, semester, people[s]!));
}

function zerosDropped(tally: Tally, texts: TextLookup, log: ProblemLog, semester: string, list: ArrayLike<number>): void {
  // Of two ids of one form, one begins with a zero and is the longer: where no id beginning with a
  // zero is longer than another beginning with a digit (most sheets: ids padded alike, or not at
  // all), nothing more is done. Else the ids with leading zeros are grouped, and the ids of digits
  // without them join their groups.
  const idOf = (person: number) => texts.text(STAFF, tally.staffOf[person]!);
  let longestZero = 0;
  let shortest = Infinity;
  for (let i = 0; i < list.length; i++) {
    const id = idOf(list[i]!);
    const c = id.charCodeAt(0);
    if (c === 48 && id.length > longestZero) longestZero = id.length;
    if (c >= 48 && c <= 57 && id.length < shortest) shortest = id.length;
  }
  if (shortest >= longestZero) return;
  const byDigits = new Map<string, number[]>();
  for (let i = 0; i < list.length; i++) {
    const person = list[i]!;
    const id = idOf(person);
    const digits = id.charCodeAt(0) === 48 ? digitsWithoutZeros(id) : null;
    if (digits === null) continue;
    const group = byDigits.get(digits);
    if (group) group.push(person);
    else byDigits.set(digits, [person]);
  }
  for (let i = 0; i < list.length; i++) {
    const person = list[i]!;
    const id = idOf(person);
    if (id.charCodeAt(0) !== 48) byDigits.get(id)?.push(person);
  }
  const groups = [...byDigits.values()].filter((g) => g.length > 1);
  if (groups.length === 0) return;
  const order = (a: number, b: number) => tally.atFile[a]! - tally.atFile[b]! || tally.atLine[a]! - tally.atLine[b]!;
  for (const g of groups) g.sort(order);
  groups.sort((a, b) => order(a[0]!, b[0]!));
  // At the id without zeros (the one a spreadsheet made), if the first group has one.
  const first = groups[0]!;
  const at = first.find((person) => idOf(person).charCodeAt(0) !== 48) ?? first[first.length - 1]!;
  const shown = groups.slice(0, ZEROS_SHOWN).map((g) => g.map((person) => tally.who(person)).join('\u0001'));
  log.warning(tally.files.get(tally.atFile[at]!)!, tally.atLine[at]!, undefined, 'zeros-dropped', shown.join('\u0000'), groups.length - shown.length, semester);
}

function committeeWarning(
  tally: Tally,
  log: ProblemLog,
  semester: string,
  scored: Int32Array,
  first: { file: FileRef; line: number },
  firstRows: FirstRows,
  /** The roles of raters with refused rows only. */
  others: readonly number[],
  /** Rows were refused whose semester was not read: fewer raters than the rules ask is not said. */
  unplaced: boolean,
): void {
  const counts = [0, 0, 0, 0];
  let none = 0;
  for (const role of others) {
    if (role === NO_ROLE) none++;
    else counts[role]!++;
  }
  /** Per role, the rater met last in the semester (by the file, then the line of their first row there). */
  const last = [-1, -1, -1, -1];
  for (let r = 0; r < scored.length; r++) {
    if (scored[r] === 0) continue;
    const role = effectiveRole(tally, r, NO_ROLE);
    if (role === NO_ROLE) none++;
    else {
      counts[role]!++;
      // (A rater counted under a role has it from a row: effectiveRole gives no other.)
      if (last[role]! < 0 || firstRows.order(r, last[role]!) > 0) last[role] = r;
    }
  }
  if (counts.every((c) => c === 0)) return;
  const differences = committeeDifferences((role) => counts[ROLES.indexOf(role)]!, none);
  if (!differencesWarn(differences, unplaced)) return;
  let at = first;
  const over = differences.find((d) => d.role !== 'none' && d.found > d.expected);
  const rater = over ? last[ROLES.indexOf(over.role as Role)]! : -1;
  if (rater >= 0) at = firstRows.place(rater);
  log.warning(at.file, at.line, undefined, 'committee-differs', semester, counts[0]!, counts[1]!, counts[2]!, counts[3]!, none);
}

/** The errors of rows that are tallied all the same (the rows together, the whole picture, the roster): every other error leaves rows out. */
const ROWS_KEPT = new Set<ProblemKind>([
  'scored-twice',
  'two-names',
  'two-posts',
  'two-roles',
  'roleless-restricted',
  'missing-score',
  'role-not-allowed',
  'not-on-roster',
  'roster-name',
  'not-scored',
]);

/** Whether every row read is in the tally: no error but of ROWS_KEPT. */
function everyRowTallied(log: ProblemLog): boolean {
  if (log.errors === 0) return true;
  for (let i = 0; i < log.count; i++) if (log.isError(i) && !ROWS_KEPT.has(log.kind(i))) return false;
  return true;
}

function fewerRaters(
  tally: Tally,
  texts: TextLookup,
  log: ProblemLog,
  semester: string,
  list: ArrayLike<number>,
  raters: Int32Array,
  scored: Int32Array,
  placeOf: (person: number) => { file: FileRef; line: number },
): void {
  // The number of raters most people have (the larger of two as common).
  const often = new Map<number, number>();
  for (let i = 0; i < raters.length; i++) often.set(raters[i]!, (often.get(raters[i]!) ?? 0) + 1);
  let most = 0;
  for (const [n, c] of often) if (c > (often.get(most) ?? 0) || (c === often.get(most) && n > most)) most = n;
  const fewer: number[] = [];
  for (let i = 0; i < raters.length; i++) if (raters[i]! < most) fewer.push(i);
  if (fewer.length === 0 || fewer.length * 4 >= list.length) return;
  // The raters who scored most people of the semester.
  const usual: number[] = [];
  for (let r = 0; r < scored.length; r++) if (scored[r]! * 2 > list.length) usual.push(r);
  const theirs = new Uint8Array(scored.length);
  for (const i of fewer) {
    const person = list[i]!;
    theirs.fill(0);
    tally.cellsOf(person, (rater) => {
      if (rater < theirs.length) theirs[rater] = 1;
    });
    const missing = usual
      .filter((r) => theirs[r] === 0)
      .map((r) => texts.text(RATER, r))
      .sort(byName);
    const at = placeOf(person);
    log.warning(at.file, at.line, undefined, 'fewer-raters', tally.who(person), raters[i]!, semester, most, missing.join(', '));
  }
}
