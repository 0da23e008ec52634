// evaluate notices as a secretary uses it: one notice per staff member, naming only that person, as
// one HTML or PDF file or one file each in a folder (all or nothing), printed in a real browser.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';
import { MARGIN_PT, pageCount, pageTexts, warnIfMissing, wordsPastMargin } from './report-pdf.js';

const H1 = join(FIX, '2026-H1.csv');
const H2 = join(FIX, '2026-H2.csv');
const POLICY = join(FIX, 'policy.json');
const canPrint = warnIfMissing('evaluate notices');

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Scored {
  staffId: string;
  name: string;
  total: number;
  rank: number;
}

function scored(args: string[]): Map<string, Scored[]> {
  const r = run(['score', ...args, '--format', 'json']);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { semesters: { semester: string; staff: Scored[] }[] };
  return new Map(doc.semesters.map((s) => [s.semester, s.staff]));
}

/** Each notice of an HTML document: its staff id and its HTML. */
function notices(html: string): { id: string; html: string }[] {
  const parts = html.split('<section class="notice" data-staff-id="').slice(1);
  return parts.map((p) => ({ id: p.slice(0, p.indexOf('"')), html: p.slice(0, p.indexOf('</section>')) }));
}

/** A sheet of the fixture's first semester with only some of its staff (a small center prints fast). */
function someOf(ids: string[], name: string): string {
  const lines = readFileSync(H1, 'utf8').split('\n');
  const file = join(dir, name);
  writeFileSync(file, [lines[0], ...lines.slice(1).filter((l) => ids.some((id) => l.startsWith(`${id},`)))].join('\n'));
  return file;
}

describe('evaluate notices', () => {
  it('writes one notice per staff member, in staff id order, each naming only its person', () => {
    const out = join(dir, 'h1.html');
    const r = run(['notices', H1, '--policy', POLICY, '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script/i);
    const staff = scored([H1, '--policy', POLICY]).get('2026-H1')!;
    const found = notices(html);
    expect(found.map((n) => n.id)).toEqual(staff.map((s) => s.staffId).sort());
    for (const n of found) {
      const me = staff.find((s) => s.staffId === n.id)!;
      expect(n.html).toContain(`<b>${me.name}</b>`);
      expect(n.html).toContain(`<b>${me.total.toFixed(1)}</b>`);
      // A rank two people share is said to be a tie (it read "9 of 24" for both).
      const tied = staff.filter((x) => x.rank === me.rank).length > 1;
      expect(n.html.replaceAll('&#40;', '(')).toContain(`${me.rank}${tied ? ' (tied)' : ''} of 24`);
      expect(n.html).toContain('Read and acknowledged.');
      expect(n.html.match(/<svg /g)).toHaveLength(1);
      for (const other of staff) if (other.staffId !== n.id) expect(n.html, `${n.id} names ${other.name}`).not.toContain(other.name);
    }
    expect(found.filter((n) => n.html.includes(' &#40;tied) of 24')).length).toBeGreaterThan(1);
    const s020 = found.find((n) => n.id === 'S020')!.html;
    expect(s020).toContain('rectification due by 2026-07-30');
    expect(s020).toContain('¥200');
  });

  it('with both semesters: both, and the year outcome; undecided where a semester is missing', () => {
    // 冯建华 (S024) has no scores in H2.
    const h2 = join(dir, 'h2-without-S024.csv');
    const gbk = readFileSync(H2);
    const lines: Buffer[] = [];
    let start = 0;
    for (let i = 0; i <= gbk.length; i++) {
      if (i === gbk.length || gbk[i] === 0x0a) {
        const line = gbk.subarray(start, i + 1);
        if (!line.subarray(0, 5).equals(Buffer.from('S024,'))) lines.push(line);
        start = i + 1;
      }
    }
    writeFileSync(h2, Buffer.concat(lines));
    const out = join(dir, 'year.html');
    const r = run(['notices', H1, h2, '--policy', POLICY, '--lang', 'zh', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('S024 冯建华 在 2026年下半年 没有评分');
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    const found = notices(html);
    expect(found).toHaveLength(24);
    const s024 = found.find((n) => n.id === 'S024')!.html;
    expect(s024).toContain('本学期未评分。');
    expect(s024).toContain('<dt>评优推荐候选人</dt><dd>待定</dd>');
    expect(s024).toContain('下半年未评分：年度结论待定');
    // In H1, S002 and S010 share rank 9.
    expect(found.find((n) => n.id === 'S010')!.html).toContain('第 9 名（并列，共 24 人）');
    const s011 = found.find((n) => n.id === 'S011')!.html;
    expect(s011).toContain('第 1 名（共 24 人）');
    expect(s011).toContain('<b>95.3</b>');
    expect(s011).toContain('<b>96.5</b>');
    expect(s011).toContain('评优推荐候选人，年度奖金');
    expect(s011).toContain('本人已阅。');
    const s007 = found.find((n) => n.id === 'S007')!.html;
    expect(s007).toContain('不予聘任，不再整改');
  });

  it('a score beside a center mean of the same height: the two numbers on the bars do not run together (half-page charts of two semesters)', () => {
    const dir = tempDir();
    // One person: their scores are the center's means, the two bars of each method the same height.
    const rows = readFileSync(join(FIX, '2026-H1.csv'), 'utf8').split('\n').slice(0, 6);
    writeFileSync(join(dir, 'h1.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'h2.csv'), `${rows.join('\n').replaceAll('2026-H1', '2026-H2')}\n`);
    const html = run(['notices', 'h1.csv', 'h2.csv'], { cwd: dir }).stdout;
    // Per chart, the labels on one line (the same height), left to right: each centred, at least its
    // width apart (a digit of a 9px sans-serif font is about 5px wide).
    let pairs = 0;
    for (const svg of html.split('<svg').slice(1)) {
      const labels = [...svg.matchAll(/font-size:9px;[^>]*transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>(\d+\.\d\d)<\/text>/g)]
        .map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3]! }))
        .sort((a, b) => a.y - b.y || a.x - b.x);
      for (let i = 1; i < labels.length; i++) {
        const [a, b] = [labels[i - 1]!, labels[i]!];
        if (a.y !== b.y) continue;
        pairs++;
        expect(b.x - a.x, `${a.text} at ${a.x} and ${b.text} at ${b.x}`).toBeGreaterThanOrEqual(((a.text.length + b.text.length) / 2) * 5.4);
      }
    }
    expect(pairs).toBeGreaterThanOrEqual(10);
  });

  it('--out-dir: one file per staff member, all or nothing, never over an existing file without --force', () => {
    const out = join(dir, 'folder', 'h1');
    const r = run(['notices', H1, '--out-dir', out]);
    expect(r.code).toBe(0);
    // One line on standard error names what was written, as --out does.
    expect(r.stderr).toBe(`evaluate: wrote 24 notices to ${out}\n`);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(24);
    expect(files[0]).toBe('S001.html');
    const one = readFileSync(join(out, 'S007.html'), 'utf8');
    expect(notices(one).map((n) => n.id)).toEqual(['S007']);
    expect(one).toContain('<title>Staff evaluation&#58; result notice 2026-H1 S007 吴强</title>');

    const before = statSync(join(out, 'S001.html')).mtimeMs;
    const again = run(['notices', H1, '--out-dir', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exist; add --force to replace them. Nothing was written.');
    expect(statSync(join(out, 'S001.html')).mtimeMs).toBe(before);
    expect(readdirSync(out)).toHaveLength(24);

    // A failure half-way (a folder where a file goes) leaves none of the run's files.
    const fresh = join(dir, 'half');
    mkdirSync(join(fresh, 'S005.html'), { recursive: true });
    const failed = run(['notices', H1, '--out-dir', fresh, '--force']);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('S005.html');
    expect(readdirSync(fresh)).toEqual(['S005.html']);

    const forced = run(['notices', H1, '--out-dir', out, '--force', '--lang', 'zh']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe(`evaluate: 已把 24 份通知单写入 ${out}\n`);
    expect(readdirSync(out)).toHaveLength(24);
  });

  it('--out-dir names the files safely: percent-encoded, Windows names and dot files guarded, clashes refused', () => {
    const sheet = join(dir, 'odd-ids.csv');
    const rows = readFileSync(H1, 'utf8')
      .split('\n')
      .filter((l) => /^(staff_id|S001|S002|S003),/.test(l))
      .map((l) => l.replace(/^S001,/, 'CON,').replace(/^S002,/, '.profile,').replace(/^S003,/, '"张/1",'));
    writeFileSync(sheet, rows.join('\n'));
    const out = join(dir, 'odd');
    const r = run(['notices', sheet, '--out-dir', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['%E5%BC%A0%2F1.html', '_.profile.html', '_CON.html']);

    const clash = join(dir, 'clash.csv');
    writeFileSync(clash, rows.map((l) => l.replace(/^CON,/, 'ab,').replace(/^\.profile,/, 'AB,')).join('\n'));
    const refused = run(['notices', clash, '--out-dir', join(dir, 'clash')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"AB" and "ab" would both be written to');
    expect(existsSync(join(dir, 'clash'))).toBe(false);
  });

  it('without a browser (EVALUATE_BROWSER pointing to nothing): exit 2, nothing written', () => {
    const env = { EVALUATE_BROWSER: join(dir, 'no-such-browser') };
    const out = join(dir, 'none.pdf');
    const r = run(['notices', H1, '--out', out], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('EVALUATE_BROWSER');
    expect(existsSync(out)).toBe(false);
    const folder = join(dir, 'none');
    expect(run(['notices', H1, '--out-dir', folder, '--pdf'], { env }).code).toBe(2);
    expect(existsSync(folder)).toBe(false);
  });

  it.skipIf(!canPrint)(
    'prints one A4 page per staff member, each page one person with their name and totals, nothing past the margin',
    () => {
      const out = join(dir, 'year.pdf');
      const r = run(['notices', H1, H2, '--policy', POLICY, '--lang', 'zh', '--out', out]);
      expect(r.code).toBe(0);
      const both = scored([H1, H2, '--policy', POLICY]);
      const h1 = both.get('2026-H1')!;
      const h2 = both.get('2026-H2')!;
      expect(pageCount(out)).toBe(24);
      const pages = pageTexts(out);
      expect(pages).toHaveLength(24);
      const ids = h1.map((s) => s.staffId).sort();
      pages.forEach((text, i) => {
        const id = ids[i]!;
        const me = h1.find((s) => s.staffId === id)!;
        expect(text).toContain(`工号：${id}`);
        expect(text).toContain(`姓名：${me.name}`);
        expect(text).toMatch(new RegExp(`总分\\s+${me.total.toFixed(1).replace('.', '\\.')}\\s`));
        expect(text).toMatch(new RegExp(`总分\\s+${h2.find((s) => s.staffId === id)!.total.toFixed(1).replace('.', '\\.')}\\s`));
        expect(text).toContain('本人已阅');
        for (const other of h1) if (other.staffId !== id) expect(text, `page ${i + 1} names ${other.name}`).not.toContain(other.name);
      });
      expect(wordsPastMargin(out, MARGIN_PT)).toEqual([]);
    },
    180_000,
  );

  it.skipIf(!canPrint)(
    '--out-dir --pdf: a one-page PDF per staff member; a hostile name is printed as text',
    () => {
      const sheet = someOf(['S001', 'S002', 'S003'], 'three.csv');
      writeFileSync(sheet, readFileSync(sheet, 'utf8').replaceAll('张伟', '"<script>alert(1)</script>"').replaceAll('刘洋', '=1+2'));
      const out = join(dir, 'pdfs');
      const r = run(['notices', sheet, '--out-dir', out, '--pdf']);
      expect(r.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['S001.pdf', 'S002.pdf', 'S003.pdf']);
      for (const f of ['S001', 'S002', 'S003']) expect(pageCount(join(out, `${f}.pdf`))).toBe(1);
      expect(pageTexts(join(out, 'S001.pdf'))[0]).toContain('Name: <script>alert(1)</script>');
      expect(pageTexts(join(out, 'S002.pdf'))[0]).toContain('Name: =1+2');
      expect(wordsPastMargin(join(out, 'S001.pdf'), MARGIN_PT)).toEqual([]);
    },
    180_000,
  );
});
