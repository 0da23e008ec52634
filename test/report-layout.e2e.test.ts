// How the report and the notices lay out in a real browser, as a committee prints them: a heading
// never ends a page (it goes with the start of what it heads), words break only between words or at
// hyphens (a grade, a long Latin name, a short Chinese phrase such as （金额未设） stay whole), and
// on screen the notices of two people are set apart while print keeps one person a page.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, needsNoSandbox } from '../src/io/browser.js';
import { FIX, run, tempDir } from './helpers.js';
import { MARGIN_PT, pageCount, pageTexts, rawText, warnIfMissing, wordsPastMargin } from './report-pdf.js';

const H1 = join(FIX, '2026-H1.csv');
const H2 = join(FIX, '2026-H2.csv');
const POLICY = join(FIX, 'policy.json');
const canPrint = warnIfMissing('the report and notices layout');

// tempDir() folders are removed when the file ends (helpers.ts).
let dir: string;
beforeAll(() => {
  dir = tempDir();
});

/**
 * A committee larger than the fixtures' (five raters each): `staff` people over `posts` buildings,
 * totals spread from about 40 to 97, the same sheet on every run (a fixed pseudo-random sequence).
 */
function bigSheet(semester: string, staff = 60, posts = 6): string {
  const raters = [
    ['王主任', 'leader'],
    ['李科长', 'head-office'],
    ['赵老师', 'center-office'],
    ['学生甲', 'student'],
    ['学生乙', 'student'],
  ];
  let seed = semester === '2026-H1' ? 1 : 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const lines = ['staff_id,name,post,semester,rater,role,listen,see,check,test,ask'];
  for (let i = 1; i <= staff; i++) {
    const base = 8 + random() * 11.5;
    for (const [rater, role] of raters) {
      const scores = [0, 1, 2, 3, 4].map(() => Math.max(0, Math.min(20, Math.round((base + random() * 2 - 1) * 2) / 2)));
      lines.push([`T${String(i).padStart(3, '0')}`, `员工${i}`, `${(i % posts) + 1}号楼`, semester, rater, role, ...scores].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs `evaluate ARGS --out NAME` in the test's folder and gives the file written. */
function make(args: string[], name: string): string {
  const out = join(dir, name);
  const r = run([...args, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

/** The text of a piece of HTML: tags dropped, character references decoded, no white space. */
function plain(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|[a-z]+);/g, (_, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (named[e] ?? `&${e};`)))
    .replace(/\s+/g, '');
}

/**
 * Every heading of a document that heads something: h1 to h4, and the post rows that head a post's
 * part of the ranking. A heading last in its block ("high spread: 0" with nobody under it) heads
 * nothing and may end a page.
 */
function headings(html: string): Set<string> {
  const found = [...html.matchAll(/<h[1-4][^>]*>([\s\S]*?)<\/h[1-4]>\s*(<\/?)/g), ...html.matchAll(/<tr class="post"><th[^>]*>([\s\S]*?)<\/th><\/tr>\s*(<\/?)/g)];
  return new Set(found.filter((m) => m[2] === '<').map((m) => plain(m[1]!)).filter((t) => t !== ''));
}

/** The pages of a PDF whose last line (the page number aside) is a heading, or the end of one. */
function pagesEndingInHeading(pdf: string, heads: Set<string>): { page: number; heading: string }[] {
  const out: { page: number; heading: string }[] = [];
  pageTexts(pdf).forEach((text, i) => {
    const lines = text
      .split('\n')
      .map((l) => l.replace(/\s+/g, ''))
      .filter((l) => l !== '' && !/^\d+\/\d+$/.test(l));
    const last = lines.at(-1) ?? '';
    // A heading may wrap onto a second line.
    const lastTwo = lines.slice(-2).join('');
    const heading = [last, lastTwo].find((t) => heads.has(t));
    if (heading !== undefined) out.push({ page: i + 1, heading });
  });
  return out;
}

/** The places where a line of the PDF's text ends inside `word`, other than after a hyphen. */
function brokenInside(raw: string, word: string): string[] {
  const out: string[] = [];
  for (let k = 1; k < word.length; k++) {
    if (word[k - 1] === '-') continue;
    const broken = `${word.slice(0, k)}\n${word.slice(k)}`;
    if (raw.includes(broken)) out.push(broken);
  }
  return out;
}

describe('a heading never ends a page', () => {
  it.skipIf(!canPrint)(
    'the report of 60 staff, both semesters in Chinese, one in English, and by post: no page ends with a heading',
    () => {
      const b1 = write('big-H1.csv', bigSheet('2026-H1'));
      const b2 = write('big-H2.csv', bigSheet('2026-H2'));
      // 40 staff over 25 posts: a post's heading row fell on the last line of the ranking's second page.
      const posts = write('posts-H1.csv', bigSheet('2026-H1', 40, 25));
      const cases: [string, string[]][] = [
        ['year-zh', [b1, b2, '--lang', 'zh']],
        ['year-en', [b1, b2, '--lang', 'en']],
        ['one-en', [b1, '--lang', 'en']],
        ['one-zh', [b1, '--lang', 'zh']],
        ['posts-zh', [posts, '--lang', 'zh', '--group-by', 'post']],
      ];
      const ending: Record<string, { page: number; heading: string }[]> = {};
      for (const [name, args] of cases) {
        const command = ['report', ...args, '--policy', POLICY];
        const heads = headings(readFileSync(make(command, `${name}.html`), 'utf8'));
        expect(heads.size, name).toBeGreaterThan(5);
        const pdf = make(command, `${name}.pdf`);
        ending[name] = pagesEndingInHeading(pdf, heads);
        expect(wordsPastMargin(pdf, MARGIN_PT), name).toEqual([]);
      }
      expect(ending).toEqual(Object.fromEntries(cases.map(([name]) => [name, []])));
    },
    180_000,
  );

  it.skipIf(!canPrint)(
    'the notices of 60 staff, both semesters: one page each, none ending with a heading',
    () => {
      const b1 = write('n-H1.csv', bigSheet('2026-H1'));
      const b2 = write('n-H2.csv', bigSheet('2026-H2'));
      for (const lang of ['zh', 'en']) {
        const command = ['notices', b1, b2, '--policy', POLICY, '--lang', lang];
        const heads = headings(readFileSync(make(command, `notices-${lang}.html`), 'utf8'));
        const pdf = make(command, `notices-${lang}.pdf`);
        expect(pageCount(pdf)).toBe(60);
        expect(pagesEndingInHeading(pdf, heads)).toEqual([]);
      }
    },
    180_000,
  );
});

describe('words break only between words', () => {
  it.skipIf(!canPrint)(
    'in English: a grade is never broken ("unqualifie" / "d"), nor a long Latin name inside a word',
    () => {
      const name = 'Maximilian-Alexander Bartholomew';
      const sheet = write('long-name.csv', readFileSync(H1, 'utf8').replaceAll('张伟', name));
      for (const [file, args] of [
        ['en-long.pdf', [sheet]],
        ['en-year.pdf', [H1, H2]],
      ] as const) {
        const pdf = make(['report', ...args, '--policy', POLICY, '--lang', 'en'], file);
        const raw = rawText(pdf);
        expect(raw, file).not.toContain('unqualifie\n');
        for (const grade of ['excellent', 'good', 'qualified', 'unqualified']) expect(brokenInside(raw, grade), `${file} ${grade}`).toEqual([]);
        // Every unqualified row of the ranking says so in one word.
        expect(pageTexts(pdf).join('\n'), file).toMatch(/S020\s+\S+\s+\S+(\s+\d+\.\d\d){5}\s+56\.8\s+unqualified\s/);
        expect(wordsPastMargin(pdf, MARGIN_PT), file).toEqual([]);
      }
      const raw = rawText(join(dir, 'en-long.pdf'));
      expect(raw.replace(/-\n/g, '-').replace(/\n/g, ' ')).toContain(name);
      for (const word of name.split(' ')) expect(brokenInside(raw, word), word).toEqual([]);
    },
    180_000,
  );

  it.skipIf(!canPrint)(
    'in Chinese: （金额未设） stays whole, Chinese text still wraps, and a word too long for any line still breaks within the page',
    () => {
      // No --policy: the built-in policy leaves every amount unset.
      const pdf = make(['report', H1, H2, '--lang', 'zh'], 'zh-unset.pdf');
      const raw = rawText(pdf);
      expect(raw).toContain('（金额未设）');
      expect(brokenInside(raw, '（金额未设）')).toEqual([]);
      for (const grade of ['优秀', '良好', '合格', '不合格']) expect(brokenInside(raw, grade), grade).toEqual([]);
      expect(wordsPastMargin(pdf, MARGIN_PT)).toEqual([]);

      // A post of 40 Chinese characters wraps in its column; a name of 120 letters without a space
      // breaks as a last resort: nothing runs past the margin, and each row keeps its figures.
      const post = '学生公寓管理服务中心'.repeat(4);
      const word = 'W'.repeat(120);
      const sheet = write('too-long.csv', readFileSync(H1, 'utf8').replaceAll('张伟', word).replace(/^(S002,刘洋,)1号楼/gm, `$1${post}`));
      const long = make(['report', sheet, '--policy', POLICY, '--lang', 'zh'], 'zh-too-long.pdf');
      const longRaw = rawText(long);
      expect(longRaw.replace(/\n/g, '')).toContain(word);
      expect(longRaw).not.toContain(word);
      expect(longRaw.replace(/\n/g, '')).toContain(post);
      expect(longRaw).not.toContain(post);
      expect(wordsPastMargin(long, MARGIN_PT)).toEqual([]);
    },
    180_000,
  );
});

describe('the notices as HTML on screen', () => {
  it.skipIf(!canPrint)(
    'set two people apart with a gap and a rule on screen, and in print keep one person a page, as before',
    async () => {
      const html = make(['notices', H1, '--policy', POLICY, '--lang', 'zh'], 'notices.html');
      const found = findBrowser({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' });
      if ('error' in found) throw new Error('no browser');
      const browser = await chromium.launch({ executablePath: found.path, chromiumSandbox: !needsNoSandbox() });
      try {
        const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
        await page.setContent(readFileSync(html, 'utf8'), { waitUntil: 'load' });
        // Between one notice's acknowledgement line and the next notice: the gap, and the rule's style.
        const measure = `(() => {
          const mm = 96 / 25.4;
          const notices = [...document.querySelectorAll('section.notice')];
          return notices.slice(1).map((next, i) => {
            const ack = notices[i].querySelector('.ack').getBoundingClientRect();
            const style = getComputedStyle(next);
            return { gap: (next.querySelector('h1').getBoundingClientRect().top - ack.bottom) / mm, rule: style.borderTopStyle, width: parseFloat(style.borderTopWidth) };
          });
        })()`;
        await page.emulateMedia({ media: 'screen' });
        const screen = (await page.evaluate(measure)) as { gap: number; rule: string; width: number }[];
        expect(screen).toHaveLength(23);
        for (const s of screen) {
          expect(s.gap).toBeGreaterThanOrEqual(15);
          expect(s.rule).not.toBe('none');
          expect(s.width).toBeGreaterThan(0);
        }
        // In print, nothing of it: no rule, and the notice starts its page at the top.
        await page.emulateMedia({ media: 'print' });
        const print = (await page.evaluate(
          `[...document.querySelectorAll('section.notice')].map((n) => { const s = getComputedStyle(n); return [s.borderTopStyle, s.marginTop, s.paddingTop, s.breakAfter].join(' '); })`,
        )) as string[];
        expect(new Set(print.slice(0, -1))).toEqual(new Set(['none 0px 0px page']));
      } finally {
        await browser.close();
      }
      const pdf = make(['notices', H1, '--policy', POLICY, '--lang', 'zh'], 'notices.pdf');
      expect(pageCount(pdf)).toBe(24);
      pageTexts(pdf).forEach((text, i) => {
        expect(text.match(/本人已阅/g), `page ${i + 1}`).toHaveLength(1);
        expect(text.match(/个人考评结果通知单/g), `page ${i + 1}`).toHaveLength(1);
      });
    },
    180_000,
  );
});
