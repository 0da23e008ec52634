/**
 * Every message exists in both languages: each table of words under src/i18n has an English and a
 * Chinese side with the same keys, all the way down (found by looking at every module's exports,
 * so that a new table is checked without being listed here), and every kind of problem the reader
 * records (core/problems.ts) has its words in both, the Chinese ones free of English words by the
 * rule of test/english-words.ts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProblemArgs, ProblemContext, ProblemKind } from '../src/core/problems.js';
import { problemWords, problemsEn, problemsZh, whoEn, whoZh } from '../src/i18n/problems.js';
import { englishWords } from './english-words.js';
import { ROOT } from './helpers.js';

/** Where two tables differ in shape: a key on one side only, or a value of another kind. */
function differences(a: unknown, b: unknown, path: string, out: string[]): void {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    out.push(`${path}: ${Array.isArray(a) ? 'array' : typeof a} in en, ${Array.isArray(b) ? 'array' : typeof b} in zh`);
    return;
  }
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) out.push(`${path}: ${a.length} items in en, ${bb.length} in zh`);
    else a.forEach((x, i) => differences(x, bb[i], `${path}[${i}]`, out));
    return;
  }
  if (a === null || typeof a !== 'object') return;
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  for (const k of ka) if (!kb.includes(k)) out.push(`${path}.${k}: in en only`);
  for (const k of kb) if (!ka.includes(k)) out.push(`${path}.${k}: in zh only`);
  for (const k of ka) if (kb.includes(k)) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
}

const isTable = (x: unknown): x is object => typeof x === 'object' && x !== null;

interface Pair {
  what: string;
  en: object;
  zh: object;
}

/** The en/zh pairs a module exports: `{ en, zh }` objects, functions of the language, `en`/`zh` and `xEn`/`xZh` exports. */
function pairsOf(file: string, mod: Record<string, unknown>): Pair[] {
  const pairs: Pair[] = [];
  for (const [name, value] of Object.entries(mod)) {
    if (isTable(value) && !Array.isArray(value) && 'en' in value && 'zh' in value && Object.keys(value).length === 2) {
      const v = value as { en: unknown; zh: unknown };
      if (isTable(v.en) && isTable(v.zh)) pairs.push({ what: `${file} ${name}`, en: v.en, zh: v.zh });
    }
    if (typeof value === 'function' && value.length === 1) {
      let en: unknown;
      let zh: unknown;
      try {
        en = (value as (l: string) => unknown)('en');
        zh = (value as (l: string) => unknown)('zh');
      } catch {
        continue;
      }
      if (isTable(en) && isTable(zh)) pairs.push({ what: `${file} ${name}('en'|'zh')`, en, zh });
    }
    const zhName = name === 'en' ? 'zh' : name.endsWith('En') ? `${name.slice(0, -2)}Zh` : null;
    if (zhName && isTable(value) && isTable(mod[zhName])) pairs.push({ what: `${file} ${name}/${zhName}`, en: value, zh: mod[zhName] as object });
  }
  return pairs;
}

const DIR = join(ROOT, 'src', 'i18n');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.ts')).sort();

describe('every message exists in English and in Chinese', async () => {
  const modules = new Map<string, Record<string, unknown>>();
  for (const f of FILES) modules.set(f, (await import(/* @vite-ignore */ join(DIR, f))) as Record<string, unknown>);
  const pairs = [...modules].flatMap(([f, m]) => pairsOf(f, m));

  it('finds the tables of every module', () => {
    // A module counts as checked when one of its exports is (or gives) a side of a pair.
    const sides = new Set<unknown>(pairs.flatMap((p) => [p.en, p.zh]));
    const unchecked = FILES.filter((f) => {
      const m = modules.get(f)!;
      if (pairs.some((p) => p.what.startsWith(`${f} `))) return false;
      return !Object.values(m).some((v) => sides.has(v));
    });
    expect(unchecked).toEqual([]);
    expect(pairs.length).toBeGreaterThan(15);
  });

  it.each(FILES)('%s: the English and the Chinese tables have the same keys', (f) => {
    const found = pairs.filter((p) => p.what.startsWith(`${f} `));
    const out: string[] = [];
    for (const p of found) differences(p.en, p.zh, p.what, out);
    expect(out).toEqual([]);
  });

  it('notices a key in one language only (the check itself)', () => {
    const out: string[] = [];
    differences({ a: 'x', b: { c: () => '' } }, { a: 'y', b: {}, d: 'z' }, 't', out);
    expect(out).toEqual(['t.d: in zh only', 't.b.c: in en only']);
  });
});

/** One example of each kind of problem, with its arguments as the reader records them. */
const SAMPLES: { [K in ProblemKind]: ProblemArgs[K] } = {
  'not-text-utf16': [],
  'not-text-workbook': ['.xlsx'],
  'not-text-utf16-nobom': [],
  'not-text-nul': [],
  'cut-short': [],
  'mixed-encoding': [0xc1],
  'utf8-lines-in-gbk': [3],
  'not-utf8': [0xff, 1],
  'not-gbk': [],
  'neither-encoding': [],
  'cannot-read': ['EISDIR'],
  'quote-inside': [],
  'text-after-quote': [],
  'unclosed-quote': [],
  'cell-too-long': [100000],
  'too-many-cells': [1000],
  'control-character': [27],
  'blank-sheet': [25],
  'empty-file': [],
  'only-blank-rows': [],
  'no-rows': [],
  'separator-skipped': ['sep=;'],
  'separator-line': ['sep=;', ';'],
  'single-cell-header': ['\t', ','],
  'fullwidth-separator': ['，'],
  'unnamed-column': [12, 14],
  'unknown-column': ['lisen', 'listen'],
  'repeated-column': ['listen', 7, '听', 'listen'],
  'no-staff-column': [],
  'incomplete-long-form': [],
  'mixed-forms': [],
  'no-score-columns': [],
  'score-names-below': [1, '听\u0000看\u0000查'],
  'report-as-sheet': [],
  'roster-as-sheet': [],
  'repeated-header': [1],
  'cell-count': [12, 11, 1, 10, '17', '5', 'S004 刘洋', '王主任'],
  'blank-staff-id': ['张伟', 95, 1],
  'summary-row': ['平均'],
  'blank-rater': ['S001 张伟', '', 22, 0],
  'unknown-role': ['boss', 'S001 张伟', '王主任'],
  'bad-semester': ['2026-H3', 'S001 张伟', '王主任', 0],
  'semester-disagrees': ['2026-H2', '2026-H1', 'S001 张伟', '王主任', 119],
  'no-semester': [1, 'S001 张伟', '王主任', 118, 1],
  'blank-method': ['S001 张伟', '王主任'],
  'unknown-method': ['speak', 'S001 张伟', '王主任'],
  'score-negative': ['-3', 'listen', 'S001 张伟', '王主任'],
  'score-decimal-comma': ['18,5', 'see', '18.5', 'S001 张伟', '王主任'],
  'score-thousands': ['1,000', 'check', '20', 'S001 张伟', '王主任'],
  'score-exponent': ['1e2', 'test', 'S001 张伟', '王主任'],
  'score-unit': ['18分', 'listen', '18', 'S001 张伟', '王主任'],
  'score-not-number': ['good', 'ask', 'S001 张伟', '王主任'],
  'score-decimals': ['18.1234567', 'ask', 6, 'S001 张伟', '王主任'],
  'score-over-max': ['20.5', 'listen', '20', 'S001 张伟', '王主任'],
  'two-names': [0, 1, 2],
  'two-posts': [0, 1, 2, 3],
  'two-roles': [0, 3, 0, 0, 1],
  'scored-twice': [2, 0, 1],
  'roleless-restricted': ['王主任', 'ask', 'leader, student', 'S001 张伟'],
  'missing-score': ['see', '王主任', 'head-office', 'S001 张伟', 'h1-see.csv'],
  'role-not-allowed': ['赵老师', 'center-office', 'ask', 'leader, student', 'S001 张伟'],
  'not-on-roster': ['7 吴强', '2026-H1', 'roster.csv', '007'],
  'roster-name': ['S002', '刘洋', '刘阳', 'roster.csv:3'],
  'not-scored': ['S099', '新来的', '2026-H1'],
  'roster-no-staff-column': [],
  'roster-blank-id': [],
  'roster-twice': ['S001', 2],
  'sheet-twice': ['h1.csv'],
  'sheet-copy': ['h1/王主任.csv'],
  'sheet-repeats': ['2026-H1.csv', 120],
  'title-row': ['2026年上半年考核评分表'],
  'titles-only': [1, 4],
  'no-header': [1],
  'committee-differs': ['2026-H1', 1, 1, 1, 1, 2],
  'raters-alike': ['王 主任\u0000王主任', '2026-H1'],
  'fewer-raters': ['S024 王五', 4, '2026-H1', 5, '王主任, 学生乙'],
  'zeros-dropped': ['1 张伟\u0001001 张伟\u00002 刘洋\u0001002 刘洋', 22, '2026-H1'],
  'other-year': ['2025-H2', 2026, 12],
  'one-semester-only': ['24 冯建华', '2026-H2', '024 冯建华'],
  'name-between-semesters': ['S002', '刘阳', '2026-H2', '刘洋', '2026-H1', 'h1.csv:7'],
};

/** What a message needs from the reading, made up (a person S001 张伟, a rater 王主任). */
const CTX: ProblemContext = {
  personId: () => 'S001',
  nameText: (n) => ['张伟', '张玮', '张伟', '张伟'][n] ?? '张伟',
  postText: (n) => ['1号楼', '2号楼'][n % 2]!,
  raterText: () => '王主任',
  personWho: () => 'S001 张伟',
  namePlace: () => 'h1.csv:2',
  rolePlace: () => 'h1.csv:3',
  cellPlace: () => 'h1.csv:5:7',
  cellWho: () => 'S001 张伟',
  cellRater: () => '王主任',
};

const say = (words: typeof problemsEn, kind: ProblemKind) => (words[kind] as (a: unknown, c: ProblemContext) => string)(SAMPLES[kind], CTX);
const KINDS = Object.keys(SAMPLES) as ProblemKind[];

describe('the problems of the reader, in both languages', () => {
  it('every kind has its words in both (and problemWords chooses by the language)', () => {
    expect(Object.keys(problemsEn).sort()).toEqual([...KINDS].sort());
    expect(Object.keys(problemsZh).sort()).toEqual([...KINDS].sort());
    expect(problemWords('zh')).toBe(problemsZh);
    expect(problemWords('en')).toBe(problemsEn);
  });

  it.each(KINDS)('%s: Chinese without an English word; English with (the rule notices it)', (kind) => {
    const zh = say(problemsZh, kind);
    const en = say(problemsEn, kind);
    expect(englishWords(zh), zh).toEqual([]);
    expect(englishWords(en).length, en).toBeGreaterThan(0);
  });

  it('rewords the phrases the reader writes in English: the person and rater, the hints of a row of the wrong width', () => {
    expect(whoZh('S001 张伟', '王主任')).toBe('（S001 张伟，评委 王主任）');
    expect(whoZh('S001 张伟', '')).toBe('（S001 张伟）');
    expect(whoZh('', '王主任')).toBe('（评委 王主任）');
    expect(whoZh('', '')).toBe('');
    expect(whoZh()).toBe('');
    // A name that looks like the English phrase is data, shown as it is.
    expect(whoZh('S001 (x, rater y)', 'z')).toBe('（S001 (x, rater y)，评委 z）');
    expect(whoEn('S001 张伟', '王主任')).toBe('(S001 张伟, rater 王主任)');
    expect(whoEn('', '')).toBe('()');
    expect(whoEn()).toBe('');
    const empty = problemsZh['cell-count']([13, 11, 2, 11, ',', '', '', ''], CTX);
    expect(empty).toBe('这一行有 13 个单元格，而表头有 11 个；末尾多出的单元格是空的：请删除第 11 个单元格之后的分隔符（,）');
    expect(problemsEn['cell-count']([13, 11, 2, 11, ',', '', '', ''], CTX)).toBe('the row has 13 cells but the header has 11; the extra cells at the end are empty: delete the separators (,) after cell 11');
    expect(problemsZh['cell-count']([12, 11, 1, 10, '17', '5', 'S004 刘洋', '王主任'], CTX)).toBe(
      '这一行有 12 个单元格，而表头有 11 个（S004 刘洋，评委 王主任）；第 10 和第 11 个单元格（"17" 和 "5"）可能是一个用逗号作小数点的分数：请写成 17.5，或给该单元格加上引号',
    );
    expect(problemsEn['cell-count']([12, 11, 0, 0, '', '', 'S004 刘洋', ''], CTX)).toBe('the row has 12 cells but the header has 11 (S004 刘洋)');
    expect(problemsEn['cell-count']([12, 11, 0, 0, '', '', '', ''], CTX)).toBe('the row has 12 cells but the header has 11');
    expect(problemsZh['single-cell-header']([';', ','], CTX)).toBe('表头只有一个单元格：这张表似乎是用 ";" 分隔的，而不是 ","；请加上 --delimiter ";"');
    expect(problemsZh['single-cell-header'](['\t', ','], CTX)).toBe("表头只有一个单元格：这张表似乎是用制表符分隔的，而不是 \",\"；请加上 --delimiter tab（制表符）");
    expect(problemsEn['single-cell-header'](['\t', ','], CTX)).toBe("the header is a single cell: the sheet seems to be separated by tabs, not \",\"; give --delimiter tab");
  });
});

describe('money as people read it', () => {
  it('is yuan in groups of three digits, in every language (CSV and JSON keep the number)', async () => {
    const { yuan } = await import('../src/core/money.js');
    expect([0, 800, 999, 1000, 19500, 1234567, -200].map(yuan)).toEqual(['¥0', '¥800', '¥999', '¥1,000', '¥19,500', '¥1,234,567', '¥-200']);
    const { words } = await import('../src/i18n/index.js');
    expect([words('en').currency(3600), words('zh').currency(3600)]).toEqual(['¥3,600', '¥3,600']);
  });
});
