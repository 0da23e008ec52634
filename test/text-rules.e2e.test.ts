/**
 * Issue 12's rules on the text of sheets, end to end (SPEC "Input", "Output files and safety"):
 * a control character anywhere in a sheet is refused at its FILE:LINE:COLUMN, not only in the first
 * 64 KiB; staff ids, names, posts and raters are one by their key (trimmed, without invisible
 * format characters, NFKC), shown as first spelt; and wherever a table heading or a message shows
 * such text, an invisible or control character is escaped (\u202e), never sent to the terminal.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

const H = 'staff_id,name,post,semester,rater,role,listen,see,check,test,ask';
const H1 = join(FIX, '2026-H1.csv');
/** The warning of a committee of 2026-H1 unlike the rules' (SPEC "The rules"), at line 2 of `file`: `parts` are the counts that differ. */
const COMMITTEE = (file: string, parts: string) =>
  `${file}:2: warning: the committee of 2026-H1 differs from the rules (1 leader, 1 head office, 1 center office, 2 student representatives): ${parts}`;
/** Raw in the output: a control character (C0 but tab and line ends, DEL, C1) or an invisible format character. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** A sheet of `rows` people (two raters each) past `bytes` bytes, ids S0001 on. */
function bigRows(bytes: number): string[] {
  const rows: string[] = [];
  let size = H.length + 1;
  for (let i = 1; size < bytes; i++) {
    const id = `S${String(i).padStart(4, '0')}`;
    for (const [rater, role] of [
      ['王主任', 'leader'],
      ['学生甲', 'student'],
    ]) {
      const row = `${id},员工${i},1号楼,2026-H1,${rater},${role},19,20,18,17.5,17.5`;
      rows.push(row);
      size += Buffer.byteLength(row) + 1;
    }
  }
  return rows;
}

describe('a control character after the first 64 KiB of a sheet', () => {
  // 1,500 rows (about 100 KB) before the first bad one: past the first 64 KiB, where only a file's
  // first bytes are judged binary; a NUL there is no binary file but a control character in a cell.
  const rows = bigRows(100_000);
  const nulAt = rows.length + 2;
  const text = [
    H,
    ...rows,
    'S9001,张\u0000伟,1号楼,2026-H1,王主任,leader,19,20,18,17.5,17.5',
    'S9001,张伟,1号楼,2026-H1,学生甲,student,19,20,18,17.5,17.5',
    'S9002,刘洋,1号楼,2026-H1,\u001b[2J王主任,leader,19,20,18,17.5,17.5',
    'S9002,刘洋,1号楼,2026-H1,学生甲,student,19,20,18,17.5,17.5',
    '',
  ].join('\n');
  // A leader and one student: the committee is said too (by score; check says it in its summary).
  const problems = (name: string) => [
    COMMITTEE(name, 'head office 0 (the rules ask 1); center office 0 (the rules ask 1); student 1 (the rules ask 2)'),
    `${name}:${nulAt}:2: error: a control character (\\u0000, NUL) in this cell: a sheet holds text only; delete it`,
    `${name}:${nulAt + 2}:5: error: a control character (\\u001b, ESC, a terminal escape) in this cell: a sheet holds text only; delete it`,
    '2 errors, 1 warning; nothing was written',
    '',
  ];

  it('the sheet is made as meant: the NUL lies past the first 64 KiB', () => {
    expect(Buffer.from(text).indexOf(0)).toBeGreaterThan(65_536);
  });

  it('score: exit 1, each at its FILE:LINE:COLUMN, the report not written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nul-after-64k.csv'), text);
    const r = run(['score', 'nul-after-64k.csv', '--format', 'csv', '--out', 'report.csv'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual(problems('nul-after-64k.csv'));
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'report.csv'))).toBe(false);
  });

  it('the same on standard input, and through check', () => {
    const dir = tempDir();
    const stdin = run(['score', '-', '--format', 'json'], { cwd: dir, input: text });
    expect(stdin.stdout).toBe('');
    expect(stdin.stderr.split('\n')).toEqual(problems('<stdin>'));
    expect(stdin.code).toBe(1);
    writeFileSync(join(dir, 'nul-after-64k.csv'), text);
    const check = run(['check', 'nul-after-64k.csv'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(problems('nul-after-64k.csv')[1]);
    expect(check.stderr).toContain(problems('nul-after-64k.csv')[2]);
    expect(RAW.test(check.stdout + check.stderr)).toBe(false);
  });
});

describe('a NUL byte in a small sheet', () => {
  const row = (name: string) => `${H}\nA,${name},p,2026-H1,王主任,leader,18,18,18,18,18\n`;

  it('a stray NUL in a cell is that cell\'s error at FILE:LINE:COLUMN (SPEC), on a file and on standard input; nothing written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nul.csv'), row('a\u0000b'));
    const r = run(['score', 'nul.csv', '--format', 'csv', '--out', 'out.csv'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([1, 'nul.csv:2:2: error: a control character (\\u0000, NUL) in this cell: a sheet holds text only; delete it\n1 error; nothing was written\n']);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    expect(run(['check', '-', '--lang', 'zh'], { cwd: dir, input: row('a\u0000b') }).stderr).toContain('<stdin>:2:2: error: ');
  });

  it('NULs side by side, or many, make a binary file: one error for the file, its first NUL\'s line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'two.csv'), row('a\u0000\u0000b'));
    writeFileSync(join(dir, 'many.csv'), row('a\u0000b\u0000c\u0000d\u0000e\u0000f\u0000g\u0000h\u0000i'));
    for (const f of ['two.csv', 'many.csv']) {
      const r = run(['score', f], { cwd: dir });
      expect([r.code, r.stderr]).toEqual([1, `${f}:2: error: the file is not text (it holds NUL bytes); is it an .xlsx or another binary file? Save the sheet as CSV\n1 error; nothing was written\n`]);
    }
  });
});

describe('one person by their key, shown as first spelt', () => {
  const sheet = [
    H,
    '\u200bS001,张伟,1号楼,2026-H1,王主任,leader,19,20,18,17.5,17.5',
    'S001,张伟\u200b,1号楼,2026-H1,学生甲,student,17.5,19,19,19,18',
    'S001\u200b,张伟,１号楼,2026-H1,学生乙,student,18,18,18,18,18',
    'S002,刘洋,1号楼,2026-H1,王主任,leader,17,18,17,16,17',
    'S002,刘洋,1号楼,2026-H1,学生甲,student,16.5,17,18,17,16',
    'S002,刘洋,1号楼,2026-H1,学生乙,student,16,16,16,16,16',
    '',
  ].join('\n');
  // A leader and two students: the one thing said of the sheet.
  const said = `${COMMITTEE('zw.csv', 'head office 0 (the rules ask 1); center office 0 (the rules ask 1)')}\n`;

  function dir(): string {
    const d = tempDir();
    writeFileSync(join(d, 'zw.csv'), sheet);
    return d;
  }

  it('a zero-width space before or after a staff id: one person of three raters; CSV and JSON keep the first spelling, the table escapes it', () => {
    const d = dir();
    const csv = run(['score', 'zw.csv', '--format', 'csv'], { cwd: d });
    expect(csv.stderr).toBe(said);
    expect(csv.stdout.split('\r\n').slice(1, 3)).toEqual([
      '1,\u200bS001,张伟,1号楼,2026-H1,18.17,19,18.33,18.17,17.83,91.5,excellent,,,',
      '2,S002,刘洋,1号楼,2026-H1,16.5,17,17,16.33,16.33,83.2,good,,,',
    ]);
    const json = JSON.parse(run(['score', 'zw.csv', '--format', 'json'], { cwd: d }).stdout);
    expect(json.semesters[0].staff.map((s: { staffId: string; raters: number }) => [s.staffId, s.raters])).toEqual([
      ['\u200bS001', 3],
      ['S002', 3],
    ]);
    const table = run(['score', 'zw.csv'], { cwd: d });
    expect(table.stdout).toContain('   1  \\u200bS001  张伟  1号楼');
    expect(RAW.test(table.stdout)).toBe(false);
  });

  it('explain finds the person by any spelling of the id (S001, Ｓ００１, S001 with a zero-width space)', () => {
    const d = dir();
    for (const id of ['S001', 'Ｓ００１', 'S001\u200b', '\u200bS001']) {
      const r = run(['explain', id, 'zw.csv'], { cwd: d });
      expect(r.stderr, id).toBe(said);
      expect(r.code, id).toBe(0);
      expect(r.stdout.split('\n')[0], id).toBe('How the total of \\u200bS001 张伟 (1号楼) came about, 2026-H1');
    }
  });

  it('explain of someone not on the sheets lists the ids escaped', () => {
    const r = run(['explain', 'S404', 'zw.csv'], { cwd: dir() });
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(said)).toBe(true);
    expect(r.stderr.slice(said.length)).toMatch(/^evaluate: error: no staff member S404 in 2026-H1; the sheets hold 2 staff: /);
    expect(r.stderr).toContain('\\u200bS001');
    expect(RAW.test(r.stderr)).toBe(false);
  });

  it('a rater first spelt on a row of totals is shown so: that row is refused, its rater cell was still seen first (SPEC)', () => {
    const d = tempDir();
    writeFileSync(
      join(d, 'total-first.csv'),
      `${H}\n合计,,,2026-H1,王主任,leader,,,,,\nS001,张伟,1号楼,2026-H1,\u200b王主任,leader,18,,18,17,17\nS001,张伟,1号楼,2026-H1,学生甲,student,18,19,18,17,17\n`,
    );
    const r = run(['score', 'total-first.csv'], { cwd: d });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('total-first.csv:2:1: error: "合计" is not a staff id');
    // Before: "rater \u200b王主任", the spelling of the first row tallied.
    expect(r.stderr).toContain('total-first.csv:3:8: error: no see score from rater 王主任 (leader) for S001 张伟; a missing score is never counted as zero\n');
    expect(r.stdout).toBe('');
  });

  it('the roster: an id and a name spelt another way on it are the same ones', () => {
    const d = dir();
    writeFileSync(join(d, 'roster.csv'), 'staff_id,name,post\nＳ００１,张伟,1号楼\nS002,刘洋\u200b,1号楼\n');
    const r = run(['score', 'zw.csv', '--roster', 'roster.csv', '--format', 'csv'], { cwd: d });
    expect(r.stderr).toBe(said);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n').filter((l) => l !== '')).toHaveLength(3);
  });
});

describe('invisible and control characters in headings and messages', () => {
  // A name, a post and a rater with an unterminated right-to-left override (U+202E), which would
  // turn the rest of the terminal line around, and with a zero-width space.
  function hostile(): string {
    const d = tempDir();
    writeFileSync(
      join(d, 'h.csv'),
      readFileSync(H1, 'utf8')
        .replaceAll('张伟', '张\u202e伟')
        .replaceAll('马晓燕', '马\u202e晓燕\u200b')
        .replaceAll('1号楼', '1号\u202e楼')
        .replaceAll('学生乙', '学生\u202e乙'),
    );
    return d;
  }

  it.each([
    ['score --group-by post: the post heading', ['score', 'h.csv', '--group-by', 'post'], 'Post 1号\\u202e楼'],
    ['check: the committee line', ['check', 'h.csv'], '学生\\u202e乙'],
    ['explain: the heading', ['explain', 'S001', 'h.csv'], 'How the total of S001 张\\u202e伟 (1号\\u202e楼) came about, 2026-H1'],
    ['panel: the spread line', ['panel', 'h.csv'], 'largest spread: 10.50 (S010 马\\u202e晓燕\\u200b: 学生\\u202e乙 89.50'],
  ])('%s shows them escaped', (_, args, shown) => {
    const r = run(args, { cwd: hostile() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(shown);
    expect(RAW.test(r.stdout), r.stdout.split('\n').find((l) => RAW.test(l))).toBe(false);
  });

  it.each([
    ['score', '--group-by', 'post'],
    ['check'],
    ['explain', 'S001'],
    ['panel'],
  ])('%s refuses a terminal escape in a name: exit 1, the escape named and shown escaped, nothing on standard output', (command, ...more) => {
    const d = tempDir();
    writeFileSync(join(d, 'esc.csv'), readFileSync(H1, 'utf8').replaceAll('张伟', '张\u001b[2J伟'));
    const args = command === 'explain' ? [command, ...more, 'esc.csv'] : [command, 'esc.csv', ...more];
    const r = run(args, { cwd: d });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('esc.csv:2:2: error: a control character (\\u001b, ESC, a terminal escape) in this cell: a sheet holds text only; delete it');
    expect(RAW.test(r.stdout + r.stderr)).toBe(false);
  });

  it('a usage error shows a control character of an argument escaped (exit 2)', () => {
    const r = run(['score', 'no\u001b[2Jsheet.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evaluate: error: cannot read sheet "no\\u001b[2Jsheet.csv": there is no such file or folder\n');
  });
});
