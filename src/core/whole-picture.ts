/**
 * What only the whole tally shows, checked once every sheet is read: each rater scored every method
 * the policy gives their role (a missing score is an error, never a zero), and nothing the policy
 * does not give it; a rater without a role where the policy restricts a method; the roster both ways
 * (everyone on it scored, everyone scored on it, the same name).
 */
import { clip, digitsWithoutZeros, textKey } from './cells.js';
import type { Policy } from './policy.js';
import type { FileRef, ProblemLog } from './problems.js';
import { NAME, NO_ROLE, RATER, STAFF, type Tally, type TextLookup, cellMethodsOf, cellRoleOf } from './tally.js';
import { METHODS, ROLES } from './types.js';

/** The role a cell's scores count under: its rows' role, else the rater's from any row, else none. */
export function effectiveRole(tally: Tally, rater: number, cellRole: number): number {
  if (cellRole !== NO_ROLE) return cellRole;
  const known = tally.raterRole[rater] ?? -1;
  return known < 0 ? NO_ROLE : known;
}

/** Per role code (and NO_ROLE): the methods it must score and may score, as bit masks. */
function roleMasks(policy: Policy): { expected: number[]; allowed: number[] } {
  const expected: number[] = [];
  const allowed: number[] = [];
  for (let code = 0; code <= NO_ROLE; code++) {
    let e = 0;
    METHODS.forEach((m, k) => {
      const roles = policy.methods[m].roles;
      const restricted = roles.length < ROLES.length;
      if (code === NO_ROLE ? !restricted : roles.includes(ROLES[code]!)) e |= 1 << k;
    });
    expected.push(e);
    allowed.push(e);
  }
  return { expected, allowed };
}

/**
 * A row the row checks refused (its error said why) whose staff id, rater and semester could be
 * read: what it gave. A method it gave, even wrongly, is not missing; a score it lacks is.
 */
export interface RefusedCell {
  semester: string;
  staff: number;
  rater: number;
  /** Its name's text number, -1 for none. */
  name: number;
  /** Its role code (NO_ROLE where blank or not a role). */
  role: number;
  /** The methods whose cells held something (a bit each). */
  given: number;
  file: number;
  line: number;
  /** Its post's text number, -1 for none; the 1-based columns of its name, post and role (0: none). */
  post: number;
  nameColumn: number;
  postColumn: number;
  roleColumn: number;
}

/**
 * Missing scores and scores from a role the policy does not give the method. `blank`: the sheets
 * with rows but not one score (by file order, their header line): their missing scores are counted
 * into one problem per sheet rather than listed (a template sent back untouched is one mistake).
 * `refused`: the rows refused, in reading order (read twice): the methods they gave count as given (their errors
 * say what is wrong with them), and a rater whose every row for someone was refused is checked at
 * the first of those rows, so that one run shows every problem of a row.
 */
export function checkScoresPerRole(
  tally: Tally,
  policy: Policy,
  texts: TextLookup,
  log: ProblemLog,
  blank: ReadonlyMap<number, number> = new Map(),
  refused: Iterable<RefusedCell> = [],
): void {
  const { expected } = roleMasks(policy);
  const missingIn = new Map<number, number>();
  // Per tallied cell (person and rater), the methods its refused rows gave; per rater without one, their first refused row and all they gave.
  const givenIn = new Map<string, number>();
  const alone = new Map<string, RefusedCell | null>();
  const aloneKey = (r: RefusedCell) => `${r.semester}\u0000${r.staff},${r.rater}`;
  const complete = (r: RefusedCell) => (r.given & 31) === 31;
  for (const r of refused) {
    const person = tally.personIn(r.semester, r.staff);
    if (person >= 0 && tally.hasCell(person, r.rater)) {
      const key = `${person},${r.rater}`;
      givenIn.set(key, (givenIn.get(key) ?? 0) | r.given);
    } else if (!complete(r)) {
      const key = aloneKey(r);
      const first = alone.get(key);
      if (first === undefined) alone.set(key, { ...r });
      else if (first !== null) {
        first.given |= r.given;
        if (first.role === NO_ROLE) first.role = r.role;
      }
    }
  }
  // A row that gave every method leaves its rater nothing missing: looked for only among the raters
  // above (100,000 rows with one bad cell each make no table of their own).
  if (alone.size > 0) {
    for (const r of refused) if (complete(r) && alone.has(aloneKey(r))) alone.set(aloneKey(r), null);
  }
  /** A method the role must score and no row gave: at the row found, or counted into its blank sheet. */
  const missing = (k: number, code: number, at: { file: FileRef; line: number }, raterText: string, who: string) => {
    // Folded into its blank sheet's one problem only when that sheet has a column for the method.
    if (blank.has(at.file.order) && (tally.fileColumns.get(at.file.order)?.[k] ?? 0) > 0) missingIn.set(at.file.order, (missingIn.get(at.file.order) ?? 0) + 1);
    else log.error(at.file, at.line, ownColumn(tally, at.file.order, k), 'missing-score', METHODS[k]!, raterText, code === NO_ROLE ? '' : ROLES[code]!, who, sheetOf(tally, at.file.order, k));
  };
  const check = (person: number, rater: number, cellRole: number, mask: number, cell: number, sparse: boolean) => {
    const code = effectiveRole(tally, rater, cellRole);
    const given = givenIn.size > 0 ? (givenIn.get(`${person},${rater}`) ?? 0) : 0;
    if ((mask & 31) === expected[code] || ((mask | given) & 31) === expected[code]) return;
    const who = tally.who(person);
    const raterText = clip(texts.text(RATER, rater));
    METHODS.forEach((m, k) => {
      const allowed = policy.methods[m].roles;
      const restricted = allowed.length < ROLES.length;
      const scored = (mask & (1 << k)) !== 0;
      if (code === NO_ROLE && restricted) {
        if (scored) {
          const at = tally.cellPlace(cell, sparse, k);
          log.error(at.file, at.line, at.column, 'roleless-restricted', raterText, m, allowed.join(', '), who);
        }
        return;
      }
      const wanted = code === NO_ROLE || allowed.includes(ROLES[code]!);
      if (wanted && !scored && (given & (1 << k)) === 0) missing(k, code, tally.cellPlace(cell, sparse), raterText, who);
      else if (!wanted && scored) {
        const at = tally.cellPlace(cell, sparse, k);
        log.error(at.file, at.line, at.column, 'role-not-allowed', raterText, ROLES[code]!, m, allowed.join(', '), who);
      }
    });
  };
  // Dense cells straight from the arrays (the usual case: every cell as the rules ask); sparse ones through their chain.
  const stride = tally.stride;
  const states = tally.cellState;
  const raterRole = tally.raterRole;
  for (let person = 0; person < tally.persons; person++) {
    const base = person * stride;
    for (let r = 0; r < stride; r++) {
      const state = states[base + r]!;
      if (state === 0) continue;
      const cellRole = cellRoleOf(state);
      const mask = cellMethodsOf(state);
      let code = cellRole - 1;
      if (code === NO_ROLE && r < raterRole.length && raterRole[r]! >= 0) code = raterRole[r]!;
      if ((mask & 31) !== expected[code]) check(person, r, cellRole - 1, mask, base + r, false);
    }
    if (tally.sparseFirst[person]! > 0) {
      tally.cellsOf(person, (rater, cellRole, mask, cell, sparse) => {
        if (sparse) check(person, rater, cellRole, mask, cell, sparse);
      });
    }
  }
  // Raters whose every row for someone was refused: the methods their role must score that none of those rows gave.
  for (const r of alone.values()) {
    if (r === null) continue;
    const code = effectiveRole(tally, r.rater, r.role);
    const person = tally.personIn(r.semester, r.staff);
    const id = clip(texts.text(STAFF, r.staff));
    const who = person >= 0 ? tally.who(person) : r.name >= 0 ? `${id} ${clip(texts.text(NAME, r.name))}` : id;
    const at = { file: tally.files.get(r.file)!, line: r.line };
    const lacking = expected[code]! & ~r.given;
    for (let k = 0; k < 5; k++) if (lacking & (1 << k)) missing(k, code, at, clip(texts.text(RATER, r.rater)), who);
  }
  for (const [order, missing] of missingIn) log.error(tally.files.get(order)!, blank.get(order)!, undefined, 'blank-sheet', missing);
}

/**
 * Whether a name in the sheets and the roster's name for the same id disagree: both given, and not
 * two spellings of one name (a full-width letter, an invisible character: core/cells.ts textKey).
 */
export function disagrees(name: string, rosterName: string): boolean {
  return name !== '' && rosterName !== '' && name !== rosterName && textKey(name) !== textKey(rosterName);
}

/**
 * For a staff id of digits: the value of the entry whose id is the same digits with other leading
 * zeros ("007" for "7", as a spreadsheet drops them), else undefined. The roster's id for an id not
 * on it; the other semester's person for someone missing from it.
 */
export function leadingZeros<T>(entries: Iterable<readonly [id: string, value: T]>): (id: string) => T | undefined {
  const byDigits = new Map<string, readonly [string, T]>();
  for (const [raw, value] of entries) {
    const id = raw.trim();
    const k = digitsWithoutZeros(id);
    if (k !== null && !byDigits.has(k)) byDigits.set(k, [id, value]);
  }
  return (raw) => {
    const id = raw.trim();
    const k = digitsWithoutZeros(id);
    const found = k === null ? undefined : byDigits.get(k);
    return found !== undefined && found[0] !== id ? found[1] : undefined;
  };
}

/**
 * The column of method k's scores in a sheet whose columns are the methods (1-based): where the row
 * found left a missing score blank. None in a long sheet (its rows name their method: the missing
 * method has no row) or a sheet without the method's column.
 */
function ownColumn(tally: Tally, order: number, k: number): number | undefined {
  const columns = tally.fileColumns.get(order);
  const column = columns?.[k] ?? 0;
  return column > 0 && columns!.indexOf(column) === columns!.lastIndexOf(column) ? column : undefined;
}

/**
 * Where a missing score of method k belongs when the row found is in a sheet without that method's
 * column (the five methods in five sheets): the one sheet with that column, by name; '' when the
 * row's own sheet has the column (the cell is empty there) or several sheets have it.
 */
function sheetOf(tally: Tally, order: number, k: number): string {
  if ((tally.fileColumns.get(order)?.[k] ?? 0) > 0) return '';
  let found = '';
  for (const [other, columns] of tally.fileColumns) {
    if ((columns[k] ?? 0) === 0) continue;
    if (found !== '') return '';
    found = tally.files.get(other)!.name;
  }
  return found;
}

/** One roster row: the staff id as written, its number among the staff texts, name, post, place. */
export interface RosterEntry {
  staffId: string;
  staff: number;
  name: string;
  post: string;
  file: FileRef;
  line: number;
}

/**
 * Everyone scored in a semester is on the roster with the same name; everyone on the roster is
 * scored in each semester (an error; for `year`, where someone may be scored in one semester only,
 * a warning, and an error for someone scored in none). Names and posts missing from the sheets are taken from the roster (returned, per
 * person).
 */
export function checkRoster(
  tally: Tally,
  roster: readonly RosterEntry[],
  texts: TextLookup,
  log: ProblemLog,
  missing: 'error' | 'warning',
  refused: (semester: string, staff: number) => boolean = () => false,
): Map<number, RosterEntry> {
  const byStaff = new Map(roster.map((e) => [e.staff, e]));
  const found = new Map<number, RosterEntry>();
  const people = tally.peopleBySemester();
  const rosterFile = roster[0]?.file.name ?? '';
  const zeros = leadingZeros(roster.map((e) => [e.staffId, e.staffId.trim()] as const));
  const unscored = new Map<RosterEntry, string[]>();
  tally.semesters.forEach((semester, s) => {
    const scored = new Set<number>();
    for (const person of people[s]!) {
      const staff = tally.staffOf[person]!;
      scored.add(staff);
      const staffId = texts.text(STAFF, staff);
      const name = tally.nameOf[person]! >= 0 ? texts.text(NAME, tally.nameOf[person]!) : '';
      const e = byStaff.get(staff);
      if (!e) {
        log.error(tally.files.get(tally.atFile[person]!)!, tally.atLine[person]!, undefined, 'not-on-roster', `${staffId}${name ? ` ${name}` : ''}`, semester, rosterFile, zeros(staffId) ?? '');
        continue;
      }
      found.set(person, e);
      if (disagrees(name, e.name)) {
        const named = tally.nameFile[person]! >= 0;
        const file = tally.files.get(named ? tally.nameFile[person]! : tally.atFile[person]!)!;
        // At the name's cell where the sheets gave it.
        const column = named ? tally.nameColumns.get(file.order) || undefined : undefined;
        log.error(file, named ? tally.nameLine[person]! : tally.atLine[person]!, column, 'roster-name', staffId, name, e.name, `${e.file.name}:${e.line}`);
      }
    }
    // Someone whose rows were all refused has rows (their errors say so): not "no scores".
    for (const e of roster) {
      if (scored.has(e.staff) || refused(semester, e.staff)) continue;
      if (missing === 'error') log.error(e.file, e.line, undefined, 'not-scored', e.staffId, e.name, semester);
      else unscored.set(e, [...(unscored.get(e) ?? []), semester]);
    }
  });
  // A year: someone missing from one semester is a warning (the year is incomplete); someone with
  // no scores in any is an error, as in a semester's report (SPEC: everyone on the roster must have scores).
  for (const [e, semesters] of unscored) {
    if (semesters.length === tally.semesters.length) log.error(e.file, e.line, undefined, 'not-scored', e.staffId, e.name, semesters.join('\u0000'));
    else for (const semester of semesters) log.warning(e.file, e.line, undefined, 'not-scored', e.staffId, e.name, semester);
  }
  return found;
}

/**
 * A sheet every row of which scores again what one other sheet scores: the same sheet saved again (in
 * another encoding, or by another program), not the same bytes, so not left out as a copy, and each
 * of its rows "scored twice". One warning for the sheet, at its first line above those errors,
 * naming the other. `used`: per file (its order), its rows when every one passed the row checks
 * (-1 when some did not: a sheet with a refused row is not said to repeat another).
 */
export function checkRepeatedSheets(tally: Tally, log: ProblemLog, used: ReadonlyMap<number, number>): void {
  // Per file: the one file its repeated rows repeat (-1: more than one, or itself) and how many rows.
  const repeats = new Map<number, { other: number; rows: number }>();
  let lastFile = -1;
  let lastLine = -1;
  for (let i = 0; i < log.count; i++) {
    if (log.kind(i) !== 'scored-twice') continue;
    const file = log.fileOrder(i);
    const line = log.line(i);
    const methods = log.numberArg(i, 0);
    const other = tally.fileOf(log.numberArg(i, 1), 31 - Math.clz32(methods & -methods));
    let r = repeats.get(file);
    if (r === undefined) repeats.set(file, (r = { other, rows: 0 }));
    if (r.other !== other || other === file) r.other = -1;
    // A row's problems come together: one row, one count.
    if (file !== lastFile || line !== lastLine) r.rows++;
    lastFile = file;
    lastLine = line;
  }
  for (const [file, r] of repeats) {
    if (r.other >= 0 && r.rows === used.get(file)) log.warning(tally.files.get(file)!, 1, undefined, 'sheet-repeats', tally.files.get(r.other)!.name, r.rows);
  }
}
