/*
 * PREVIOUS IMPLEMENTATION, KEPT AS A TEST ORACLE (test/legacy/). This is the old "detailed" reading
 * path of evaluate (src/core/merge.ts before the one pipeline of issue 11), frozen: the differential
 * tests (test/pipeline.property.test.ts, test/fuzz-sheets.ts) compare the pipeline's problems
 * (file, line, column, severity, message) and reports with it, so that messages stay exactly as
 * they were. Do not import it from src/, and do not "fix" it to follow src/: a change of
 * behaviour on purpose is a change of the tests' expectations, made there and said in the commit.
 */
/**
 * Rows arrive with their staff id, rater, name and post as first spelt (legacy/sheet.ts
 * TextSpellings, issue 12): equal strings here are equal keys.
 *
 * Merging the rows of every sheet by (semester, staff_id, rater), and checking what only the whole
 * picture shows: a method scored twice, a person with two names, a rater with two roles, a missing
 * score, a score from a role the policy does not give that method, the roster both ways.
 */
import { clip, identityKey } from './cells.js';
import type { Policy } from '../../src/core/policy.js';
import type { RefusedRow, SheetRow } from './sheet.js';

/** What a row says of its person and rater: a row taken, or a refused one. */
type Identity = Pick<SheetRow, 'staffId' | 'name' | 'post' | 'rater' | 'role' | 'columns'>;
import { type Method, type Place, type Problems, type Role, METHODS, ROLES } from '../../src/core/types.js';

type At = Place & { fileOrder: number };

export interface ScoreEntry {
  micro: number;
  at: At;
}

export interface RaterScores {
  rater: string;
  role: Role | null;
  at: At;
  scores: Partial<Record<Method, ScoreEntry>>;
}

export interface StaffSemester {
  semester: string;
  staffId: string;
  name: string;
  post: string;
  at: At;
  raters: Map<string, RaterScores>;
}

/** A sheet with rows but not one score: its name, header line and the methods it has columns for. */
export interface BlankSheet {
  file: string;
  line: number;
  methods: Set<Method>;
}

export interface RosterEntry {
  /** As this roster row spells it (its own messages quote it). */
  staffId: string;
  /** As first spelt in the sheets or the roster (issue 12): what the sheets' rows carry. */
  id: string;
  name: string;
  post: string;
  at: At;
}

function where(at: At): string {
  return `${at.file}:${at.line}${at.column ? `:${at.column}` : ''}`;
}

export class Merger {
  private readonly staff = new Map<string, StaffSemester>();
  private readonly raterRoles = new Map<string, { role: Role; at: At }>();
  private readonly namePlace = new Map<string, At>();
  /** The column of the name cell at namePlace. */
  private readonly nameColumn = new Map<string, number>();

  /** `semester\0staffId` of the rows refused: those people have rows, though none counted. */
  private readonly refusedRows = new Set<string>();
  /** The rows refused with a rater, in reading order: what they gave is not missing. */
  private readonly refusedGiven: (RefusedRow & { file: string; fileOrder: number })[] = [];

  /** Per sheet (its order): how many of its rows scored again what a row before scored, and the one sheet those were in (null: more than one, or itself). */
  private readonly repeated = new Map<number, { file: string; other: At | null; rows: number }>();

  constructor(private readonly problems: Problems) {}

  /** A warning for each sheet whose every row taken (`used`, per sheet) repeats rows of one other sheet. */
  sayRepeatedSheets(used: ReadonlyMap<number, number>): void {
    for (const [order, r] of this.repeated) {
      if (r.other && r.rows === used.get(order)) {
        const rows = r.rows === 1 ? 'its one row scores' : `every one of its ${r.rows} rows scores`;
        this.problems.warning({ file: r.file, fileOrder: order, line: 1 }, `${rows} again what ${r.other.file} scores (the same people, rater and methods): is it the same sheet saved again (in another encoding, or by another program), or another rater's sheet whose rater column was left as it was? Give only one copy, or correct the rater`);
      }
    }
  }

  /** A row refused; `given`: whether what it gave counts (its semester is kept). */
  refused(row: RefusedRow & { file: string; fileOrder: number }, given: boolean): void {
    this.refusedRows.add(`${row.semester}\u0000${row.staffId}`);
    if (given && row.rater !== '') this.refusedGiven.push(row);
  }

  add(row: SheetRow): void {
    const key = `${row.semester}\u0000${row.staffId}`;
    const at: At = { file: row.file, fileOrder: row.fileOrder, line: row.line };
    let s = this.staff.get(key);
    if (!s) {
      s = { semester: row.semester, staffId: row.staffId, name: row.name, post: row.post, at, raters: new Map() };
      this.staff.set(key, s);
      if (row.name) {
        this.namePlace.set(key, at);
        this.nameColumn.set(key, row.columns.name);
      }
    } else this.agreePerson(row, s, at, true);
    const who = `${clip(row.staffId)}${s.name ? ` ${clip(s.name)}` : ''}`;
    this.agreeRole(row, at, who, true);
    let r = s.raters.get(row.rater);
    if (!r) {
      r = { rater: row.rater, role: row.role, at, scores: {} };
      s.raters.set(row.rater, r);
    } else if (!r.role && row.role) r.role = row.role;
    // A method the rater scored already: one problem for the methods whose first score was on the
    // same line, at the first of them.
    const twice: { at: At; methods: string[]; prev: At }[] = [];
    for (const sc of row.scores) {
      const scAt: At = { file: row.file, fileOrder: row.fileOrder, line: sc.line, column: sc.column };
      const prev = r.scores[sc.method];
      if (prev) {
        const same = twice.find((t) => t.prev.fileOrder === prev.at.fileOrder && t.prev.line === prev.at.line && t.at.line === scAt.line);
        if (same) same.methods.push(sc.method);
        else twice.push({ at: scAt, methods: [sc.method], prev: prev.at });
      } else {
        r.scores[sc.method] = { micro: sc.micro, at: scAt };
      }
    }
    if (twice.length > 0) {
      const prev = twice[0]!.prev;
      const one = twice.every((t) => t.prev.fileOrder === prev.fileOrder) && prev.fileOrder !== row.fileOrder ? prev : null;
      const r = this.repeated.get(row.fileOrder);
      if (!r) this.repeated.set(row.fileOrder, { file: row.file, other: one, rows: 1 });
      else {
        if (!one || r.other?.fileOrder !== one.fileOrder) r.other = null;
        r.rows++;
      }
    }
    for (const t of twice) {
      const said = t.methods.length === 1 ? `${t.methods[0]} is` : `${t.methods.slice(0, -1).join(', ')} and ${t.methods.at(-1)} are`;
      this.problems.error(t.at, `${said} scored twice for ${who}, rater ${clip(row.rater)}: here and at ${where(t.prev)}`);
    }
  }

  /** A row's name and post against its person's; `learn`: take them where the person has none (a row taken, not a refused one). */
  private agreePerson(row: Identity, s: StaffSemester, at: At, learn: boolean): void {
    const key = `${s.semester}\u0000${s.staffId}`;
    // The place of a problem with the name, the post or the role: that cell.
    const cellAt = (column: number): At => (column > 0 ? { ...at, column } : at);
    if (row.name && s.name && row.name !== s.name) {
      this.problems.error(cellAt(row.columns.name), `${clip(row.staffId)} has two names: "${clip(row.name)}" here and "${clip(s.name)}" at ${where(this.namePlace.get(key)!)}`);
    } else if (learn && row.name && !s.name) {
      s.name = row.name;
      this.namePlace.set(key, at);
      this.nameColumn.set(key, row.columns.name);
    }
    if (row.post && s.post && row.post !== s.post) {
      this.problems.error(cellAt(row.columns.post), `${clip(row.staffId)} ${clip(s.name)} has two posts: "${clip(row.post)}" here and "${clip(s.post)}" elsewhere`);
    } else if (learn && row.post && !s.post) s.post = row.post;
  }

  /** A row's role against its rater's (the first any row taken gave), as agreePerson. */
  private agreeRole(row: Identity, at: At, who: string, learn: boolean): void {
    if (!row.role) return;
    const known = this.raterRoles.get(row.rater);
    if (!known) {
      if (learn) this.raterRoles.set(row.rater, { role: row.role, at });
    } else if (known.role !== row.role) {
      this.problems.error({ ...at, column: row.columns.role }, `rater ${clip(row.rater)} has two roles: ${row.role} here and ${known.role} at ${where(known.at)} (${who})`);
    }
  }

  /**
   * Checks the whole picture and returns the staff of each semester, in order of first appearance.
   * A rater's role is the one any of their rows gives.
   */
  finish(
    policy: Policy,
    roster: RosterEntry[] | null,
    rosterMissing: 'error' | 'warning' = 'error',
    blank: ReadonlyMap<number, BlankSheet> = new Map(),
    held: ReadonlyMap<number, { file: string; methods: Set<Method>; columns: Map<Method, number> }> = new Map(),
  ): Map<string, StaffSemester[]> {
    // Where a missing score of method m belongs when the row found is in a sheet without m's column: the one sheet with it.
    const sheetOf = (order: number, m: Method): string => {
      if (held.get(order)?.methods.has(m)) return '';
      const with_ = [...held.values()].filter((h) => h.methods.has(m));
      return with_.length === 1 ? with_[0]!.file : '';
    };
    const bySemester = new Map<string, StaffSemester[]>();
    // A blank sheet's missing scores (of the methods it has columns for): counted, then one problem for the sheet.
    const missingIn = new Map<number, number>();
    // A refused row's name, post and role against the rows taken: its other faults, in this run.
    for (const r of this.refusedGiven) {
      const s = this.staff.get(`${r.semester}\u0000${r.staffId}`);
      if (!s) continue;
      const at: At = { file: r.file, fileOrder: r.fileOrder, line: r.line };
      this.agreePerson(r, s, at, false);
      this.agreeRole(r, at, `${clip(r.staffId)}${s.name ? ` ${clip(s.name)}` : ''}`, false);
    }
    // What the refused rows gave: per rater of someone with rows taken, the methods; else per rater and person, the first such row and all they gave.
    const pair = (semester: string, staffId: string, rater: string) => `${semester}\u0000${staffId}\u0000${rater}`;
    const givenBy = new Map<string, Set<Method>>();
    const alone = new Map<string, RefusedRow & { file: string; fileOrder: number }>();
    for (const r of this.refusedGiven) {
      const key = pair(r.semester, r.staffId, r.rater);
      if (this.staff.get(`${r.semester}\u0000${r.staffId}`)?.raters.has(r.rater)) {
        const set = givenBy.get(key) ?? new Set<Method>();
        for (const m of r.given) set.add(m);
        givenBy.set(key, set);
        continue;
      }
      const first = alone.get(key);
      if (!first) alone.set(key, { ...r, given: new Set(r.given) });
      else {
        for (const m of r.given) first.given.add(m);
        first.role ??= r.role;
      }
    }
    const missing = (m: Method, at: At, rater: string, role: Role | null, who: string) => {
      if (blank.get(at.fileOrder)?.methods.has(m)) {
        missingIn.set(at.fileOrder, (missingIn.get(at.fileOrder) ?? 0) + 1);
        return;
      }
      // At the method's cell of the row found, when its sheet has one.
      const column = held.get(at.fileOrder)?.columns.get(m);
      this.problems.error(
        column === undefined ? at : { ...at, column },
        `no ${m} score from rater ${clip(rater)}${role ? ` (${role})` : ''} for ${who}${sheetOf(at.fileOrder, m) ? ` (${sheetOf(at.fileOrder, m)}, the ${m} sheet, has no row of theirs)` : ''}; a missing score is never counted as zero`,
      );
    };
    for (const s of this.staff.values()) {
      let list = bySemester.get(s.semester);
      if (!list) bySemester.set(s.semester, (list = []));
      list.push(s);
      const who = `${clip(s.staffId)}${s.name ? ` ${clip(s.name)}` : ''}`;
      for (const r of s.raters.values()) {
        const role = r.role ?? this.raterRoles.get(r.rater)?.role ?? null;
        r.role = role;
        for (const m of METHODS) {
          const allowed = policy.methods[m].roles;
          const restricted = allowed.length < ROLES.length;
          const score = r.scores[m];
          if (role === null && restricted) {
            if (score) {
              this.problems.error(
                score.at,
                `rater ${clip(r.rater)} has no role, but the policy gives ${m} only to ${allowed.join(', ')}: add a role column (${who})`,
              );
            }
            continue;
          }
          const expected = role === null || allowed.includes(role);
          if (expected && !score) {
            if (!givenBy.get(pair(s.semester, s.staffId, r.rater))?.has(m)) missing(m, r.at, r.rater, role, who);
          } else if (!expected && score) {
            this.problems.error(
              score.at,
              `rater ${clip(r.rater)} is ${role}, and the policy gives ${m} only to ${allowed.join(', ')} (${who})`,
            );
          }
        }
      }
    }
    // A rater whose every row for someone was refused: at the first of them, the methods none gave.
    for (const a of alone.values()) {
      const role = a.role ?? this.raterRoles.get(a.rater)?.role ?? null;
      const s = this.staff.get(`${a.semester}\u0000${a.staffId}`);
      const name = s ? s.name : a.name;
      const who = `${clip(a.staffId)}${name ? ` ${clip(name)}` : ''}`;
      for (const m of METHODS) {
        const allowed = policy.methods[m].roles;
        if (role === null && allowed.length < ROLES.length) continue;
        if ((role === null || allowed.includes(role)) && !a.given.has(m)) missing(m, { file: a.file, fileOrder: a.fileOrder, line: a.line }, a.rater, role, who);
      }
    }
    for (const [order, n] of missingIn) {
      const b = blank.get(order)!;
      this.problems.error({ file: b.file, fileOrder: order, line: b.line }, `blank sheet: none of its ${n} scores is filled in (was it sent back untouched?); give --verbose to list each of them`);
    }
    if (roster) this.checkRoster(roster, bySemester, rosterMissing);
    return bySemester;
  }

  /** Where a person's name was given, at its cell. */
  private namePlaceWithColumn(key: string): At | undefined {
    const at = this.namePlace.get(key);
    const column = this.nameColumn.get(key) ?? 0;
    return at && column > 0 ? { ...at, column } : at;
  }

  /** `rosterMissing`: whether someone on the roster without scores in a semester is an error or a warning. */
  private checkRoster(roster: RosterEntry[], bySemester: Map<string, StaffSemester[]>, rosterMissing: 'error' | 'warning'): void {
    const byId = new Map(roster.map((e) => [e.id, e]));
    const missingIn = new Map<RosterEntry, string[]>();
    for (const [semester, list] of bySemester) {
      const scored = new Set<string>();
      for (const s of list) {
        scored.add(s.staffId);
        const e = byId.get(s.staffId);
        if (!e) {
          // A roster id of the same digits with leading zeros (007 for 7): the first such.
          const digits = (id: string) => (/^\d+$/.test(id.trim()) ? id.trim().replace(/^0+(?=\d)/, '') : null);
          const zeros = digits(s.staffId) === null ? '' : (roster.map((r) => r.staffId.trim()).find((id) => digits(id) === digits(s.staffId) && id !== s.staffId.trim()) ?? '');
          this.problems.error(
            s.at,
            `${`${s.staffId}${s.name ? ` ${s.name}` : ''} is scored in ${semester} but is not on the roster ${roster[0]?.at.file ?? ''}`.trim()}${zeros ? ` (the roster has ${zeros}: did a spreadsheet drop its leading zeros? Keep staff ids as text)` : ''}`,
          );
          continue;
        }
        // Issue 12: names compared by their keys (the roster's name is not among the sheets' spellings).
        if (s.name && e.name && identityKey(s.name) !== identityKey(e.name)) {
          this.problems.error(
            this.namePlaceWithColumn(`${semester}\u0000${s.staffId}`) ?? s.at,
            `${s.staffId} is "${s.name}" here but "${e.name}" on the roster (${where(e.at)})`,
          );
        }
        if (!s.name) s.name = e.name;
        if (!s.post) s.post = e.post;
      }
      for (const e of roster) {
        if (!scored.has(e.id) && !this.refusedRows.has(`${semester}\u0000${e.id}`)) {
          if (rosterMissing === 'error') this.problems.error(e.at, `${e.staffId} ${e.name} is on the roster but has no scores in ${semester}`);
          else missingIn.set(e, [...(missingIn.get(e) ?? []), semester]);
        }
      }
    }
    // A year: missing from every semester read is an error, from some of them a warning each.
    for (const [e, semesters] of missingIn) {
      if (semesters.length === bySemester.size) this.problems.error(e.at, `${e.staffId} ${e.name} is on the roster but has no scores in ${semesters.join(' or ')}`);
      else for (const s of semesters) this.problems.warning(e.at, `${e.staffId} ${e.name} is on the roster but has no scores in ${s}`);
    }
  }
}
