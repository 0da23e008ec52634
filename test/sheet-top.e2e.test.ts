/** What Excel users put above a sheet's header: a title row, Excel's `sep=` line. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

const H1 = readFileSync(join(FIX, '2026-H1.csv'), 'utf8');

describe('above the header', () => {
  it('a title row (one text, a merged cell) is skipped with a warning naming it; the report is the sheet\'s', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), `2026年上半年考核评分表,,,,,,,,,,\n${H1}`);
    const want = run(['score', join(FIX, '2026-H1.csv'), '--format', 'csv']).stdout;
    const en = run(['score', 't.csv', '--format', 'csv'], { cwd: dir });
    expect([en.code, en.stdout, en.stderr]).toEqual([
      0,
      want,
      't.csv:1:1: warning: "2026年上半年考核评分表" looks like the sheet\'s title, not its header: skipped, the header is read from the lines below\n',
    ]);
    const zh = run(['score', 't.csv', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr).toBe('t.csv:1:1: warning: “2026年上半年考核评分表”像是表格的标题而不是表头：已跳过，表头从下面的行读取\n');
    // A title and nothing under it: said so, at the title's line.
    writeFileSync(join(dir, 'only.csv'), '成绩表\n\n');
    const only = run(['score', 'only.csv'], { cwd: dir });
    expect(only.code).toBe(1);
    expect(only.stderr).toContain('only.csv:1: error: there is no header row below line 1: a sheet needs a header row and at least one row of scores\n');
    // A header with one known column name is a header (its problems said), not a title.
    writeFileSync(join(dir, 'h.csv'), 'staff_id,,,\nS001,,,\n');
    expect(run(['score', 'h.csv'], { cwd: dir }).stderr).not.toContain('title');
  });

  it('Excel\'s "sep=," line, which splits into two cells at its own comma, is skipped too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.csv'), `sep=,\r\n${H1}`);
    const r = run(['score', 's.csv', '--format', 'csv'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, 's.csv:1:1: warning: "sep=," is Excel\'s separator line: skipped, the header is on the next line\n']);
    expect(r.stdout).toBe(run(['score', join(FIX, '2026-H1.csv'), '--format', 'csv']).stdout);
  });
});
