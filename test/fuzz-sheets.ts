/**
 * Random scoring sheets for fuzzing, and an exact reference to score them with.
 *
 * A valid case is built from a plan (policy, semesters, staff, raters, who scored what) and then
 * written in one of the shapes users send: one wide sheet, rows spread over several sheets, the
 * methods split over several sheets, a long sheet (method, score), a consensus sheet; columns in any
 * order under English or Chinese names, quoted or not, UTF-8 (BOM or not) or GBK, LF/CRLF/CR,
 * blank rows, full-width digits. The reference scores the plan with its own bigint fractions, not
 * with src/core. A mutated case spoils the bytes of a valid one (random bytes, cut lines, swapped
 * columns, duplicated rows, odd cells) and checks only that the tool stays in control.
 *
 * Sheets are written to real files (in /dev/shm when there is one) and read by the one reading
 * pipeline as `score` reads them (io/read-sheets.ts). Valid cases must score as the reference says;
 * every case, valid or spoilt, must give the problems (file, line, column, severity, message), row
 * counts and reports of the previous implementation, kept as an oracle in test/legacy/.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Policy, validatePolicy } from '../src/core/policy.js';
import type { SemesterReport } from '../src/core/report.js';
import { METHODS, type Method, type Problem, ROLES, type Role } from '../src/core/types.js';
import type { Reading } from '../src/io/read-sheets.js';
import { parseCsvText } from '../src/io/records.js';
import { scoreCsv, scoreJson } from '../src/render/score.js';
import { legacyScore } from './legacy/report.js';
import { problemsOf, readFiles, reportsOf } from './score-text.js';

// ---------------------------------------------------------------- exact fractions (the reference)

/** A non-negative fraction in lowest terms. */
class Frac {
  constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}
  static of(n: bigint, d = 1n): Frac {
    const g = gcd(n < 0n ? -n : n, d);
    return new Frac(n / g, d / g);
  }
  static dec(text: string): Frac {
    const [i, f = ''] = text.split('.');
    return Frac.of(BigInt(`${i}${f}`), 10n ** BigInt(f.length));
  }
  add(o: Frac): Frac {
    return Frac.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  mul(o: Frac): Frac {
    return Frac.of(this.n * o.n, this.d * o.d);
  }
  div(o: Frac): Frac {
    return Frac.of(this.n * o.d, this.d * o.n);
  }
  cmp(o: Frac): number {
    const x = this.n * o.d - o.n * this.d;
    return x < 0n ? -1 : x > 0n ? 1 : 0;
  }
  /** Rounded half up to `p` decimals, as the scaled integer. */
  round(p: number): bigint {
    const s = 10n ** BigInt(p);
    return (2n * this.n * s + this.d) / (2n * this.d);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function fixed(scaled: bigint, p: number): string {
  if (p === 0) return scaled.toString();
  const s = scaled.toString().padStart(p + 1, '0');
  return `${s.slice(0, -p)}.${s.slice(-p)}`;
}

// ---------------------------------------------------------------- a small seeded random source

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    // mulberry32
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  }
}

// ---------------------------------------------------------------- GBK, for sheets saved by Excel in a Chinese locale

let gbkTable: Map<string, number[]> | null = null;

/** Whether every character of the text has a GBK spelling (a zero-width space has none). */
export function inGbk(text: string): boolean {
  try {
    toGbk(text);
    return true;
  } catch {
    return false;
  }
}

/** Text as GBK bytes, from a table made by decoding every two-byte sequence once. */
export function toGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const c = dec.decode(new Uint8Array([a, b]));
        if (c.length === 1 && c !== '\ufffd' && !gbkTable.has(c)) gbkTable.set(c, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

// ---------------------------------------------------------------- the plan of a valid case

interface MethodSpec {
  max: string;
  scale: string;
  roles: readonly Role[];
}

export interface PolicySpec {
  json: Record<string, unknown>;
  aggregation: 'mean' | 'trimmed' | 'median' | 'weighted';
  precision: number;
  trimMinScores: number;
  methods: Record<Method, MethodSpec>;
  weights: Record<Role, string>;
  bands: [string, string, string];
}

interface Staff {
  id: string;
  name: string;
  post: string;
}

interface Rater {
  name: string;
  role: Role;
}

/** One score: the semester, staff and rater by index, the method and the value as decimal text. */
interface Score {
  sem: number;
  staff: number;
  rater: number;
  method: Method;
  value: string;
}

export interface SheetFile {
  name: string;
  bytes: Uint8Array;
}

export interface ValidCase {
  policy: PolicySpec;
  semesters: string[];
  /** --semester, when the sheets leave the semester out. */
  semesterOption: string | null;
  staff: Staff[];
  raters: Rater[];
  consensus: boolean;
  /** Whether the sheets say each rater's role: then the role's weight counts, else every rater weighs 1. */
  roleColumn: boolean;
  /** Per semester, staff and rater: present (a row) or not. */
  present: Set<string>;
  scores: Score[];
  files: SheetFile[];
  delimiter: string;
  /** Data rows written, over all files. */
  rows: number;
  /** Whether the sheets carry something the detailed path warns about. */
  warns: boolean;
  form: string;
}

const ALL_ROLES: readonly Role[] = ROLES;
const IDS = ['S001', 'S002', 'S010', 'A-1', '工01', '工02', 'x', 'S 3', '=1+2', '-5', '+S', '@a', 'a,b', 'q"q', '__proto__', 'constructor', '0', '00', 'Z9'];
const ASTRAL_IDS = ['𠀀', '\ue000'];
const NAMES = ['张伟', '刘洋', '陈静', '', 'Li Na', '=SUM(A1)', '王,芳', '"引号"', '杨 帆', '-x'];
const POSTS = ['1号楼', '2号楼', '', 'B-3', '@楼'];
const RATERS = ['王主任', '李科长', '赵老师', '学生甲', '学生乙', 'R1', 'r1', 'rater 7', '=R', 'toString'];
const SEMESTERS = ['2025-H2', '2026-H1', '2026-H2'];
const HEADER_NAMES: Record<string, readonly string[]> = {
  staff_id: ['staff_id', 'STAFF_ID', '工号', '员工编号'],
  name: ['name', 'Name', '姓名'],
  post: ['post', '岗位', '楼栋'],
  semester: ['semester', '学期'],
  rater: ['rater', '评委', '考评人'],
  role: ['role', '角色', '评委类型'],
  listen: ['listen', 'Listen', '听'],
  see: ['see', '看'],
  check: ['check', '查'],
  test: ['test', '测'],
  ask: ['ask', 'ASK', '问'],
  method: ['method', '方法'],
  score: ['score', '分数', '得分'],
};
const ROLE_CELLS: Record<Role, readonly string[]> = {
  leader: ['leader', '组长', 'Leader'],
  'head-office': ['head-office', '总公司办公室', '总公司'],
  'center-office': ['center-office', '中心办公室'],
  student: ['student', '学生代表', '学生'],
};
const METHOD_CELLS: Record<Method, readonly string[]> = {
  listen: ['listen', '听'],
  see: ['see', '看'],
  check: ['check', '查'],
  test: ['test', '测'],
  ask: ['ask', '问'],
};

function semesterSpelling(rng: Rng, canonical: string): string {
  const [y, h] = canonical.split('-H') as [string, string];
  const fw = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  return rng.pick([canonical, `${y}H${h}`, `${y}-${h}`, `${y}${h === '1' ? '上' : '下'}半年`, fw(canonical), ` ${canonical} `]);
}

function policyOf(rng: Rng): PolicySpec {
  const aggregation = rng.pick(['mean', 'trimmed', 'median', 'weighted'] as const);
  const precision = rng.int(0, 3);
  const trimMinScores = rng.int(3, 6);
  const shape = rng.pick(['plain', 'plain', 'ask-restricted', 'rescaled', 'halves']);
  const methods = Object.fromEntries(METHODS.map((m) => [m, { max: '20', scale: '20', roles: ALL_ROLES }])) as Record<Method, MethodSpec>;
  const json: Record<string, unknown> = { aggregation, precision, trimMinScores };
  if (shape === 'ask-restricted') {
    methods.ask = { max: '20', scale: '20', roles: ['student', 'leader'] };
    json.methods = { ask: { max: 20, roles: ['student', '组长'] } };
  } else if (shape === 'rescaled') {
    methods.listen = { max: '30', scale: '10', roles: ALL_ROLES };
    methods.see = { max: '10', scale: '10', roles: ALL_ROLES };
    json.methods = { listen: { max: 30, scale: 10 }, see: { max: 10 } };
  } else if (shape === 'halves') {
    methods.check = { max: '17.5', scale: '17.5', roles: ALL_ROLES };
    methods.test = { max: '22.5', scale: '100', roles: ALL_ROLES };
    json.methods = { check: { max: 17.5 }, test: { max: 22.5, scale: 100 } };
  }
  const weights = Object.fromEntries(ALL_ROLES.map((r) => [r, '1'])) as Record<Role, string>;
  if (rng.chance(0.7)) {
    const w: Record<string, number> = {};
    for (const r of ALL_ROLES) {
      if (rng.chance(0.6)) {
        weights[r] = rng.pick(['2', '0.5', '2.5', '1.25', '3', '0.1']);
        w[r] = Number(weights[r]);
      }
    }
    json.roleWeights = w;
  }
  let bands: [string, string, string] = ['90', '80', '60'];
  if (rng.chance(0.3)) {
    bands = rng.pick([
      ['85', '75', '60'],
      ['89.5', '79.5', '59.5'],
      ['70', '40', '10'],
    ] as [string, string, string][]);
    json.bands = { excellent: Number(bands[0]), good: Number(bands[1]), qualified: Number(bands[2]) };
  }
  return { json, aggregation, precision, trimMinScores, methods, weights, bands };
}

/** A score for a method out of `scale`: whole, half, hundredths or micro-points, sometimes the ends. */
function scoreValue(rng: Rng, scale: string): string {
  const top = Frac.dec(scale);
  const grain = rng.pick([1n, 2n, 100n, 1_000_000n]);
  const maxSteps = (top.n * grain) / top.d;
  let steps: bigint;
  const r = rng.next();
  if (r < 0.05) steps = 0n;
  else if (r < 0.1) steps = maxSteps;
  else steps = BigInt(Math.floor(rng.next() * (Number(maxSteps) + 1)));
  const v = Frac.of(steps, grain);
  // As a decimal: grain divides a power of ten.
  const digits = grain === 1n ? 0 : grain === 2n ? 1 : grain === 100n ? 2 : 6;
  const text = fixed((v.n * 10n ** BigInt(digits)) / v.d, digits);
  return digits > 0 ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** The same score as a person may type it. */
function scoreText(rng: Rng, value: string): string {
  const r = rng.next();
  if (r < 0.6) return value;
  if (r < 0.7) return !value.includes('.') ? `${value}.0` : value.split('.')[1]!.length < 6 ? `${value}0` : value;
  if (r < 0.8) return value.replace(/[0-9.]/g, (c) => (c === '.' ? '．' : String.fromCharCode(0xff10 + Number(c))));
  if (r < 0.9) return ` ${value} `;
  if (value.startsWith('0.')) return value.slice(1);
  return value;
}

/** A plan of who scored what, and its sheets. */
export function validCase(seed: number): ValidCase {
  const rng = new Rng(seed);
  const policy = policyOf(rng);
  const nSem = rng.chance(0.8) ? 1 : 2;
  const semesters = rng.shuffle([...SEMESTERS]).slice(0, nSem).sort();
  const astral = rng.chance(0.1);
  const ids = rng.shuffle([...IDS, ...(astral ? ASTRAL_IDS : [])]).slice(0, rng.int(1, 8));
  const staff: Staff[] = ids.map((id) => ({ id, name: rng.chance(0.85) ? rng.pick(NAMES) : '', post: rng.chance(0.7) ? rng.pick(POSTS) : '' }));
  const form = rng.pick(['wide', 'wide', 'rows-split', 'methods-split', 'long', 'consensus']);
  const consensus = form === 'consensus';
  const raters: Rater[] = consensus
    ? [{ name: 'committee', role: 'leader' }]
    : rng
        .shuffle([...RATERS])
        .slice(0, rng.int(1, 6))
        .map((name) => ({ name, role: rng.pick(ALL_ROLES) }));
  const restricted = METHODS.some((m) => policy.methods[m].roles.length < ALL_ROLES.length);
  // Whether a rater's role is known: consensus sheets have none; restricted policies need one.
  const roleColumn = consensus ? false : restricted || rng.chance(0.7);
  const scores: Score[] = [];
  const present = new Set<string>();
  for (let sem = 0; sem < semesters.length; sem++) {
    for (let s = 0; s < staff.length; s++) {
      const who = raters.map((_, i) => i).filter(() => consensus || rng.chance(0.8));
      if (who.length === 0) who.push(rng.int(0, raters.length - 1));
      for (const r of who) {
        present.add(`${sem}/${s}/${r}`);
        for (const m of METHODS) {
          const roles = policy.methods[m].roles;
          const scored = roleColumn ? roles.includes(raters[r]!.role) : roles.length === ALL_ROLES.length;
          if (scored) scores.push({ sem, staff: s, rater: r, method: m, value: scoreValue(rng, policy.methods[m].scale) });
        }
      }
    }
  }
  const c: ValidCase = {
    policy,
    semesters,
    semesterOption: null,
    staff,
    raters,
    consensus,
    roleColumn,
    present,
    scores,
    files: [],
    delimiter: ',',
    rows: 0,
    warns: false,
    form,
  };
  writeSheets(rng, c, roleColumn);
  return c;
}

type Col = keyof typeof HEADER_NAMES | 'extra';

/**
 * Now and then another spelling of the same name, post or rater (issue 12: one by their key, shown
 * as first spelt): an invisible format character before or after it (a zero-width space, a word
 * joiner, a left-to-right mark), full-width letters and digits, or NFD. Staff ids keep their one
 * spelling here: the reference ranks ties by it.
 */
function respell(rng: Rng, text: string): string {
  if (text === '' || !rng.chance(0.08)) return text;
  switch (rng.int(0, 4)) {
    case 0:
      return `\u200b${text}`;
    case 1:
      return `${text}\u2060`;
    case 2:
      return `\u200e${text}\u200b`;
    case 3:
      return text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    default:
      return text.normalize('NFD');
  }
}

/** The sheets of a plan, in the chosen form and spelling. */
function writeSheets(rng: Rng, c: ValidCase, roleColumn: boolean): void {
  const delimiter = rng.pick([',', ',', ',', ';', '\t']);
  c.delimiter = delimiter;
  // The semester: a column, or --semester for a one-semester plan.
  const semColumn = c.semesters.length > 1 || rng.chance(0.7);
  if (!semColumn || rng.chance(0.2)) c.semesterOption = c.semesters.length === 1 ? c.semesters[0]! : null;
  const blankSemesterCells = semColumn && c.semesterOption !== null;
  const idCols: Col[] = ['staff_id'];
  if (rng.chance(0.8)) idCols.push('name');
  if (rng.chance(0.5)) idCols.push('post');
  if (semColumn) idCols.push('semester');
  if (!c.consensus) idCols.push('rater');
  if (roleColumn) idCols.push('role');
  const extra = rng.chance(0.1);
  if (extra) {
    idCols.push('extra');
    c.warns = true;
  }
  const key = (sem: number, s: number, r: number) => `${sem}/${s}/${r}`;
  const byKey = new Map<string, Map<Method, string>>();
  for (const sc of c.scores) {
    const k = key(sc.sem, sc.staff, sc.rater);
    if (!byKey.has(k)) byKey.set(k, new Map());
    byKey.get(k)!.set(sc.method, sc.value);
  }
  const keys = [...c.present].map((k) => k.split('/').map(Number) as [number, number, number]);
  const idCell = (col: Col, sem: number, s: number, r: number): string => {
    switch (col) {
      case 'staff_id':
        return rng.chance(0.1) ? ` ${c.staff[s]!.id} ` : c.staff[s]!.id;
      case 'name':
        return rng.chance(0.1) ? '' : respell(rng, c.staff[s]!.name);
      case 'post':
        return rng.chance(0.1) ? '' : respell(rng, c.staff[s]!.post);
      case 'semester':
        return blankSemesterCells && rng.chance(0.5) ? '' : semesterSpelling(rng, c.semesters[sem]!);
      case 'rater':
        return respell(rng, c.raters[r]!.name);
      case 'role':
        return rng.pick(ROLE_CELLS[c.raters[r]!.role]);
      case 'extra':
        return rng.pick(['', 'ok', '备注', '=1']);
      default:
        return '';
    }
  };
  const sheets: { cols: Col[]; rows: string[][] }[] = [];
  const methodCols = (ms: Method[], rows: [number, number, number][]) => {
    const cols = rng.shuffle([...idCols, ...ms]);
    return {
      cols,
      rows: rows.map(([sem, s, r]) => cols.map((col) => ((METHODS as readonly string[]).includes(col) ? score(byKey.get(key(sem, s, r))?.get(col as Method)) : idCell(col, sem, s, r)))),
    };
  };
  const score = (v: string | undefined) => (v === undefined ? (rng.chance(0.2) ? ' ' : '') : scoreText(rng, v));
  if (c.form === 'long') {
    const cols = rng.shuffle([...idCols, 'method', 'score'] as Col[]);
    const rows: string[][] = [];
    for (const sc of c.scores) {
      rows.push(cols.map((col) => (col === 'method' ? rng.pick(METHOD_CELLS[sc.method]) : col === 'score' ? scoreText(rng, sc.value) : idCell(col, sc.sem, sc.staff, sc.rater))));
    }
    // A rater present without any score (a restricted role) still has a row in the other forms; here a blank score row.
    for (const [sem, s, r] of keys) {
      if (!byKey.has(key(sem, s, r))) rows.push(cols.map((col) => (col === 'method' ? 'listen' : col === 'score' ? '' : idCell(col, sem, s, r))));
    }
    sheets.push({ cols, rows: rng.shuffle(rows) });
  } else if (c.form === 'methods-split') {
    const ms = rng.shuffle([...METHODS]);
    const cut = new Set(ms.slice(1).filter(() => rng.chance(0.5)));
    let group: Method[] = [];
    for (const m of ms) {
      if (cut.has(m) && group.length > 0) {
        sheets.push(methodCols(group, rng.shuffle([...keys])));
        group = [];
      }
      group.push(m);
    }
    sheets.push(methodCols(group, rng.shuffle([...keys])));
  } else if (c.form === 'rows-split') {
    const parts = rng.int(2, 3);
    const buckets: [number, number, number][][] = Array.from({ length: parts }, () => []);
    for (const k of rng.shuffle([...keys])) buckets[rng.int(0, parts - 1)]!.push(k);
    const first = methodCols([...METHODS], []).cols;
    for (const b of buckets) {
      if (b.length === 0) continue;
      const cols = rng.chance(0.5) ? first : rng.shuffle([...first]);
      sheets.push({ cols, rows: b.map(([sem, s, r]) => cols.map((col) => ((METHODS as readonly string[]).includes(col) ? score(byKey.get(key(sem, s, r))?.get(col as Method)) : idCell(col, sem, s, r)))) });
    }
  } else {
    sheets.push(methodCols([...METHODS], rng.shuffle([...keys])));
  }
  c.rows = sheets.reduce((n, s) => n + s.rows.length, 0);
  c.files = sheets.map((s, i) => ({ name: `${String.fromCharCode(97 + i)}.csv`, bytes: encodeSheet(rng, s.cols, s.rows, delimiter) }));
}

function encodeSheet(rng: Rng, cols: Col[], rows: string[][], delimiter: string): Uint8Array {
  const header = cols.map((col) => {
    const name = col === 'extra' ? rng.pick(['备注', 'remarks', 'lisen']) : rng.pick(HEADER_NAMES[col]!);
    return rng.chance(0.1) ? ` ${name} ` : name;
  });
  const quoteAll = rng.chance(0.2);
  const cell = (v: string) => {
    const must = v.includes(delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r');
    return must || (quoteAll && v !== '') || (v !== '' && rng.chance(0.05)) ? `"${v.replaceAll('"', '""')}"` : v;
  };
  const eol = rng.pick(['\n', '\r\n', '\r', 'mixed']);
  const end = () => (eol === 'mixed' ? rng.pick(['\n', '\r\n', '\r']) : eol);
  let text = '';
  if (rng.chance(0.1)) text += `${cols.map(() => '').join(delimiter)}${end()}`; // a blank row above the header
  text += header.map(cell).join(delimiter);
  for (const row of rows) {
    text += end();
    if (rng.chance(0.05)) text += `${rng.pick(['', cols.map(() => '').join(delimiter), ' '])}${end()}`;
    text += row.map(cell).join(delimiter);
  }
  // A lone CR then a blank line would read as one CRLF: end with LF after a CR-ended text.
  if (rng.chance(0.8)) text += end();
  const encoding = /[\u{10000}-\u{10ffff}\ue000\p{Cf}]/u.test(text) ? 'utf8' : rng.pick(['utf8', 'utf8', 'utf8-bom', 'gbk']);
  if (encoding === 'gbk') return toGbk(text);
  const bytes = new TextEncoder().encode(text);
  if (encoding === 'utf8') return bytes;
  const out = new Uint8Array(bytes.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(bytes, 3);
  return out;
}

// ---------------------------------------------------------------- the reference

export interface RefStaff {
  staffId: string;
  total: string;
  exact: string;
  grade: string;
  rank: number;
}

function codePointCmp(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Each semester's ranked staff, computed from the plan alone. */
export function reference(c: ValidCase): Map<string, RefStaff[]> {
  const p = c.policy;
  const out = new Map<string, RefStaff[]>();
  c.semesters.forEach((semester, sem) => {
    const list: (RefStaff & { rounded: bigint })[] = [];
    c.staff.forEach((st, s) => {
      let total = Frac.of(0n);
      for (const m of METHODS) {
        const mine = c.scores.filter((x) => x.sem === sem && x.staff === s && x.method === m);
        const vals = mine.map((x) => Frac.dec(x.value));
        let v = Frac.of(0n);
        if (vals.length > 0) {
          if (p.aggregation === 'median') {
            const sorted = [...vals].sort((a, b) => a.cmp(b));
            const mid = sorted.length >> 1;
            v = sorted.length % 2 ? sorted[mid]! : sorted[mid - 1]!.add(sorted[mid]!).div(Frac.of(2n));
          } else if (p.aggregation === 'weighted') {
            let num = Frac.of(0n);
            let den = Frac.of(0n);
            mine.forEach((x, i) => {
              // A rater without a known role weighs 1.
              const w = c.roleColumn ? Frac.dec(p.weights[c.raters[x.rater]!.role]) : Frac.of(1n);
              num = num.add(w.mul(vals[i]!));
              den = den.add(w);
            });
            v = num.div(den);
          } else {
            let kept = vals;
            if (p.aggregation === 'trimmed' && vals.length >= p.trimMinScores) {
              const sorted = [...vals].sort((a, b) => a.cmp(b));
              kept = sorted.slice(1, -1);
            }
            v = kept.reduce((a, b) => a.add(b), Frac.of(0n)).div(Frac.of(BigInt(kept.length)));
          }
        }
        const mp = p.methods[m];
        if (mp.scale !== mp.max) v = v.mul(Frac.dec(mp.max)).div(Frac.dec(mp.scale));
        total = total.add(v);
      }
      const rounded = total.round(p.precision);
      const r = Frac.of(rounded, 10n ** BigInt(p.precision));
      const grade =
        r.cmp(Frac.dec(p.bands[0])) >= 0 ? 'excellent' : r.cmp(Frac.dec(p.bands[1])) >= 0 ? 'good' : r.cmp(Frac.dec(p.bands[2])) >= 0 ? 'qualified' : 'unqualified';
      const anyone = [...c.present].some((k) => k.startsWith(`${sem}/${s}/`));
      if (anyone) list.push({ staffId: st.id, total: fixed(rounded, p.precision), exact: `${total.n}/${total.d}`, grade, rank: 0, rounded });
    });
    list.sort((a, b) => (a.rounded === b.rounded ? codePointCmp(a.staffId, b.staffId) : a.rounded > b.rounded ? -1 : 1));
    list.forEach((x, i) => (x.rank = i > 0 && list[i - 1]!.rounded === x.rounded ? list[i - 1]!.rank : i + 1));
    out.set(
      semester,
      list.map(({ rounded: _r, ...rest }) => rest),
    );
  });
  return out;
}

// ---------------------------------------------------------------- spoiling a valid case

const ODD_CELLS = [
  '', ' ', 'NaN', '-1', '1e2', '"', '""', '18,5', '２０', '20.0000001', '1,000', '__proto__', 'constructor', 'toString', '=1+2', '@SUM(A1)',
  '\u0000', '\t', '\u001b[2J', '−5', '+5', 'Infinity', '0x10', '9'.repeat(30), '.', '-', '2026-H3', 'leader', 'teacher', '组长', 'x'.repeat(300),
  // Issue 12: other spellings of ids and names (one by their key), invisible characters only (blank), control characters.
  '\u200bS001', 'S001\u200b', 'Ｓ００１', 'S0\u2060０1', '张伟\u200b', '\u202e张伟', '\u200b', '\ufeff', '王主任\u200b', 'Ｒ１',
  '\u007f', '\u0085', '"a\nb"', 'x\u0001y',
];

/** What was done to the bytes, for the message of a failure. */
export interface Mutated {
  files: SheetFile[];
  steps: string[];
}

function lines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const enc = new TextEncoder();

/** One to three spoilings of one file of the case. */
export function mutate(c: ValidCase, seed: number): Mutated {
  const rng = new Rng(seed);
  const files = c.files.map((f) => ({ ...f }));
  const steps: string[] = [];
  const n = rng.int(1, 3);
  for (let k = 0; k < n; k++) {
    const f = rng.pick(files);
    let b = f.bytes;
    const at = rng.int(0, b.length);
    const kind = rng.pick([
      'byte', 'byte', 'insert-bytes', 'delete-range', 'cut', 'drop-line', 'duplicate-line', 'swap-lines',
      'swap-columns', 'swap-cells', 'odd-cell', 'odd-cell', 'quote', 'delimiter', 'line-end', 'bom', 'utf16', 'empty',
    ]);
    steps.push(`${f.name}: ${kind} at ${at}`);
    switch (kind) {
      case 'byte': {
        b = b.slice();
        if (b.length > 0) b[Math.min(at, b.length - 1)] = rng.pick([0, 0x22, 0x2c, 0x0a, 0x0d, 0x80, 0xff, 0xe4, rng.int(0, 255)]);
        break;
      }
      case 'insert-bytes':
        b = concat([b.subarray(0, at), new Uint8Array(Array.from({ length: rng.int(1, 8) }, () => rng.int(0, 255))), b.subarray(at)]);
        break;
      case 'delete-range':
        b = concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + rng.int(1, 40)))]);
        break;
      case 'cut':
        b = b.subarray(0, at);
        break;
      case 'drop-line':
      case 'duplicate-line':
      case 'swap-lines': {
        const ls = lines(b);
        if (ls.length === 0) break;
        const i = rng.int(0, ls.length - 1);
        const j = rng.int(0, ls.length - 1);
        if (kind === 'drop-line') ls.splice(i, 1);
        else if (kind === 'duplicate-line') ls.splice(j, 0, ls[i]!);
        else [ls[i], ls[j]] = [ls[j]!, ls[i]!];
        b = concat(ls);
        break;
      }
      case 'swap-columns':
      case 'swap-cells':
      case 'odd-cell':
      case 'delimiter': {
        // On the text, splitting lines and cells naively (quotes and all): spoiling need not be exact.
        const text = new TextDecoder('utf-8').decode(b);
        const ls = text.split('\n');
        const d = c.delimiter;
        const i = rng.int(0, ls.length - 1);
        const rowsToChange = kind === 'swap-columns' ? ls.map((_, x) => x) : [i];
        const x = rng.int(0, 12);
        const y = rng.int(0, 12);
        const odd = rng.pick(ODD_CELLS);
        for (const r of rowsToChange) {
          const cells = ls[r]!.split(d);
          if (kind === 'odd-cell') cells[x % Math.max(cells.length, 1)] = odd;
          else if (kind === 'delimiter') cells.splice(x % Math.max(cells.length, 1), 0, '');
          else if (cells.length > 1) {
            const [p, q] = [x % cells.length, y % cells.length];
            [cells[p], cells[q]] = [cells[q]!, cells[p]!];
          }
          ls[r] = cells.join(d);
        }
        b = enc.encode(ls.join('\n'));
        break;
      }
      case 'quote':
        b = concat([b.subarray(0, at), enc.encode('"'), b.subarray(at)]);
        break;
      case 'line-end': {
        const text = new TextDecoder('utf-8').decode(b);
        b = enc.encode(text.replace(/\r\n|\r|\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n\n', '\r\r\n'])));
        break;
      }
      case 'bom':
        b = concat([rng.pick([new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xff, 0xfe]), enc.encode('sep=;\n'), enc.encode('sep=,\r\n')]), b]);
        break;
      case 'utf16': {
        const text = new TextDecoder('utf-8').decode(b);
        const u = new Uint8Array(text.length * 2);
        for (let q = 0; q < text.length; q++) {
          u[2 * q] = text.charCodeAt(q) & 0xff;
          u[2 * q + 1] = text.charCodeAt(q) >> 8;
        }
        b = u;
        break;
      }
      case 'empty':
        b = new Uint8Array(0);
        break;
    }
    f.bytes = b;
  }
  return { files, steps };
}

// ---------------------------------------------------------------- running both paths on real files

let workDir: string | null = null;
let caseNo = 0;

/** A fresh folder for one case's sheets, in memory (/dev/shm) where there is one. */
export function caseDir(): string {
  if (!workDir) {
    let base = tmpdir();
    try {
      mkdirSync('/dev/shm', { recursive: true });
      base = mkdtempSync('/dev/shm/evaluate-fuzz-');
    } catch {
      base = mkdtempSync(join(tmpdir(), 'evaluate-fuzz-'));
    }
    workDir = base;
    process.on('exit', removeCaseDirs);
  }
  const dir = join(workDir, String(caseNo++ % 64));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  return dir;
}

/** Removes the cases' folder (also on exit; a test runner's worker may end without one). */
export function removeCaseDirs(): void {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = null;
}

export function writeFiles(files: SheetFile[]): { dir: string; paths: string[] } {
  const dir = caseDir();
  return { dir, paths: files.map((f) => (writeFileSync(join(dir, f.name), f.bytes), join(dir, f.name))) };
}

export function policyFor(c: ValidCase): Policy {
  const { policy, errors } = validatePolicy(c.policy.json);
  if (errors.length) throw new Error(`the fuzz made a bad policy: ${errors.join('; ')}`);
  return policy;
}

export interface Outcome {
  reading: Reading;
  /** The pipeline's problems, worded and sorted as `evaluate` prints them. */
  problems: Problem[];
  /** The pipeline's reports (every semester, ranked). */
  reports: SemesterReport[];
  /** The previous implementation on the same files (test/legacy/). */
  legacy: ReturnType<typeof legacyScore>;
}

/** The pipeline of `evaluate score` over the files, as the command runs it (roster aside), and the legacy oracle. */
export function scoreBoth(paths: string[], policy: Policy, semester: string | null, delimiter: string): Outcome {
  const opts = { policy, semester, encoding: null, delimiter, roster: null };
  const reading = readFiles(paths, opts);
  return { reading, problems: problemsOf(reading), reports: reportsOf(reading, policy), legacy: legacyScore(paths, opts) };
}

/**
 * The reports as `--format json` and then `--format csv` render them: the JSON from the reports'
 * objects, the CSV from their rows (scoring's columns, or the oracle's objects), so both are compared.
 */
export function rendered(reports: SemesterReport[], precision: number): string {
  const input = { reports, warnings: [], counts: { read: 0, used: 0, rejected: 0 }, precision, lang: 'en' as const, color: false };
  return Buffer.concat([...scoreJson(input), ...scoreCsv(input, false)]).toString('utf8');
}

/** A problem as compared between the pipeline and the oracle: `FILE:LINE:COLUMN: severity: message`. */
export function problemLine(p: Problem): string {
  return `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}: ${p.severity}: ${p.message}`;
}

/**
 * What must be exactly as the previous implementation had it: every problem (in order), the row
 * counts, and the reports where there is no error (`score` renders them then). Null when all agree.
 */
export function disagreement(o: Outcome, precision: number): string | null {
  const now = o.problems.map(problemLine);
  const then = o.legacy.problems.map(problemLine);
  if (JSON.stringify(now) !== JSON.stringify(then)) {
    const gone = then.filter((l) => !now.includes(l));
    const added = now.filter((l) => !then.includes(l));
    return `the problems differ from the previous implementation's:\n  previous ${JSON.stringify(then)}\n  pipeline ${JSON.stringify(now)}\n  only previous ${JSON.stringify(gone)}\n  only pipeline ${JSON.stringify(added)}`;
  }
  const a = o.reading.counts;
  const b = o.legacy.counts;
  if (a.read !== b.read || a.used !== b.used || a.rejected !== b.rejected) return `row counts differ: previous ${JSON.stringify(b)}, pipeline ${JSON.stringify(a)}`;
  if (!o.problems.some((p) => p.severity === 'error') && rendered(o.reports, precision) !== rendered(o.legacy.reports, precision)) {
    return `the reports differ:\n  previous ${rendered(o.legacy.reports, precision)}\n  pipeline ${rendered(o.reports, precision)}`;
  }
  return null;
}

function describeCase(files: SheetFile[], extra: string): string {
  const show = (b: Uint8Array) => JSON.stringify(new TextDecoder('utf-8').decode(b.subarray(0, 4000)));
  return `${extra}\n${files.map((f) => `--- ${f.name} (${f.bytes.length} bytes)\n${show(f.bytes)}`).join('\n')}`;
}

/** A valid case: no problems but the expected warnings, the reference's results, and the oracle's messages. */
export function checkValid(c: ValidCase): void {
  const { paths } = writeFiles(c.files);
  const policy = policyFor(c);
  const o = scoreBoth(paths, policy, c.semesterOption, c.delimiter);
  const fail = (what: string) => {
    throw new Error(describeCase(c.files, `${what}\nform ${c.form}, policy ${JSON.stringify(c.policy.json)}, --semester ${c.semesterOption}, delimiter ${JSON.stringify(c.delimiter)}`));
  };
  const errors = o.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) fail(`problems in a valid case: ${errors.map((p) => `${p.line}:${p.column}: ${p.message}`).join(' | ')}`);
  if (!c.warns && o.problems.length > 0) fail(`warnings in a clean case: ${o.problems.map((p) => p.message).join(' | ')}`);
  const { read, used, rejected } = o.reading.counts;
  if (read !== c.rows || used !== c.rows || rejected !== 0) fail(`rows: ${read} read, ${used} used, ${rejected} rejected; ${c.rows} written`);
  const ref = reference(c);
  const got = new Map(
    o.reports.map((r) => [
      r.semester,
      r.staff.map((s) => ({ staffId: s.staffId, total: s.total.toFixed(c.policy.precision), exact: `${s.exact.n}/${s.exact.d}`, grade: s.grade, rank: s.rank })),
    ]),
  );
  const a = JSON.stringify([...ref]);
  const b = JSON.stringify([...got]);
  if (a !== b) fail(`the pipeline disagrees with the reference:\nreference ${a}\ngot       ${b}`);
  const differs = disagreement(o, policy.precision);
  if (differs) fail(differs);
  checkCsvSafe(o.reports, policy, (m) => fail(m));
}

/** Every cell of the score CSV: no text that a spreadsheet would run as a formula. */
function checkCsvSafe(reports: SemesterReport[], policy: Policy, fail: (m: string) => void): void {
  const text = Buffer.concat([...scoreCsv({ reports, warnings: [], counts: { read: 0, used: 0, rejected: 0 }, precision: policy.precision, lang: 'en', color: false }, false)]).toString('utf8');
  const { records, malformed } = parseCsvText(text);
  if (malformed.length > 0) fail(`the score CSV does not parse: ${malformed[0]!.kind} at line ${malformed[0]!.line}`);
  for (const r of records) {
    const bad = r.cells.find((cell) => /^[=+\-@\t\r]/.test(cell));
    if (bad !== undefined) fail(`a CSV cell that starts like a formula: ${JSON.stringify(bad)}`);
  }
}

function sheetsSayNaN(files: SheetFile[]): boolean {
  return files.some((f) => new TextDecoder('utf-8').decode(f.bytes).includes('NaN'));
}

export type MutatedResult = 'errors' | 'warnings' | 'clean';

/** A spoilt case: no exception, problems well-formed, rows add up, and the oracle's problems, counts and reports. */
export function checkMutated(c: ValidCase, m: Mutated): MutatedResult {
  const { paths } = writeFiles(m.files);
  const policy = policyFor(c);
  const fail = (what: string) => {
    throw new Error(describeCase(m.files, `${what}\nspoilt by ${m.steps.join('; ')}\nform ${c.form}, policy ${JSON.stringify(c.policy.json)}, --semester ${c.semesterOption}, delimiter ${JSON.stringify(c.delimiter)}`));
  };
  let o: Outcome;
  try {
    o = scoreBoth(paths, policy, c.semesterOption, c.delimiter);
  } catch (e) {
    return fail(`an exception: ${(e as Error).stack}`) as never;
  }
  const lineCount = m.files.reduce((n, f) => Math.max(n, f.bytes.filter((x) => x === 10 || x === 13).length + 2), 0);
  for (const p of o.problems) {
    if (!paths.includes(p.file)) fail(`a problem names no input: ${p.file}`);
    if (!(Number.isInteger(p.line) && p.line >= 1 && p.line <= lineCount)) fail(`a problem on line ${p.line} of at most ${lineCount}: ${p.message}`);
    if (p.column !== undefined && !(Number.isInteger(p.column) && p.column >= 1)) fail(`a problem in column ${p.column}: ${p.message}`);
    // Words a bug would print; "NaN" may also be a cell the spoiling wrote (a staff id, say).
    const words = sheetsSayNaN(m.files) ? /\bundefined\b|\[object |function |native code/ : /\bundefined\b|\bNaN\b|\[object |function |native code/;
    if (p.message.trim() === '' || words.test(p.message)) {
      fail(`a message with a programming word in it: ${p.message}`);
    }
  }
  const { read, used, rejected } = o.reading.counts;
  if (read !== used + rejected || read < 0) fail(`rows: ${read} read, ${used} used, ${rejected} rejected`);
  const differs = disagreement(o, policy.precision);
  if (differs) fail(differs);
  const errors = o.problems.filter((p) => p.severity === 'error').length;
  if (errors === 0) checkCsvSafe(o.reports, policy, (msg) => fail(msg));
  return errors > 0 ? 'errors' : o.problems.length > 0 ? 'warnings' : 'clean';
}

export const seedArb = fc.noShrink(fc.integer({ min: 1, max: 0x7fffffff }));
