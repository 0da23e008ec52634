/** Where a problem is said to be: the file a person would open to mend it. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

/** The first `rows` data rows of the H1 fixture (two people, five raters), as lines. */
function sample(rows: number): string[] {
  return readFileSync(join(FIX, '2026-H1.csv'), 'utf8').split('\n').slice(0, rows + 1);
}

describe('a missing score with the five methods in five sheets', () => {
  it('names the sheet of that method, which has no row, not only the row found in another sheet', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 's'));
    const lines = sample(10);
    // Columns 1-6 (staff_id ... role), then one method each: listen, see, check, test, ask.
    const methods = ['listen', 'see', 'check', 'test', 'ask'];
    methods.forEach((m, k) => {
      const sheet = lines.map((l) => {
        const cells = l.split(',');
        return [...cells.slice(0, 6), cells[6 + k]].join(',');
      });
      // The check sheet lost its last row (S002, 学生乙).
      if (m === 'check') sheet.pop();
      writeFileSync(join(dir, 's', `${k + 1}-${m}.csv`), `${sheet.join('\n')}\n`);
    });
    const en = run(['score', 's'], { cwd: dir });
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/^s\/\d-\w+\.csv:11: error: no check score from rater 学生乙 \(student\) for S002 刘洋 \(s\/3-check\.csv, the check sheet, has no row of theirs\); a missing score is never counted as zero\n/);
    const zh = run(['score', 's', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr).toContain('没有给 S002 刘洋 评“查”（“查”的评分表 s/3-check.csv 中没有这一行）；缺少的评分不会按零分计算\n');
    // With all five methods in one sheet the row's own sheet is the one: nothing more is said.
    writeFileSync(join(dir, 'one.csv'), `${lines.slice(0, 10).join('\n')}\n${lines[10]!.replace(/,[^,]*,([^,]*),([^,]*)$/, ',,$1,$2')}\n`);
    const one = run(['score', 'one.csv'], { cwd: dir });
    expect(one.stderr).toContain('error: no check score from rater 学生乙 (student) for S002 刘洋; a missing score');
  });
});

describe('a row refused for one bad cell', () => {
  it('still has its other faults said in the same run: an empty score beside a score over the maximum', () => {
    const dir = tempDir();
    const lines = sample(10);
    // S001's row from 李科长: listen 20.5 (over 20), check left empty.
    lines[2] = 'S001,张伟,1号楼,2026-H1,李科长,head-office,20.5,19.5,,19,17.5';
    writeFileSync(join(dir, 'h1.csv'), `${lines.join('\n')}\n`);
    const en = run(['check', 'h1.csv'], { cwd: dir });
    expect(en.code).toBe(1);
    expect(en.stderr).toBe(
      'h1.csv:3:7: error: score 20.5 for listen exceeds the maximum 20 (S001 张伟, rater 李科长)\n' +
        'h1.csv:3:9: error: no check score from rater 李科长 (head-office) for S001 张伟; a missing score is never counted as zero\n',
    );
    const zh = run(['score', 'h1.csv', '--lang', 'zh'], { cwd: dir });
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain('h1.csv:3:9: error: 评委 李科长（总公司办公室）没有给 S001 张伟 评“查”；缺少的评分不会按零分计算\n');
    // The same rater's row for S001 twice, both refused: what either gave is given (see is empty in the second only).
    const twice = [...lines];
    twice.splice(3, 0, 'S001,张伟,1号楼,2026-H1,李科长,head-office,x,,18,19,17.5');
    twice[2] = 'S001,张伟,1号楼,2026-H1,李科长,head-office,20.5,19.5,18,19,17.5';
    writeFileSync(join(dir, 'twice.csv'), `${twice.join('\n')}\n`);
    expect(run(['check', 'twice.csv'], { cwd: dir }).stderr).toBe(
      'twice.csv:3:7: error: score 20.5 for listen exceeds the maximum 20 (S001 张伟, rater 李科长)\n' +
        'twice.csv:4:7: error: score "x" for listen is not a number (S001 张伟, rater 李科长)\n',
    );
    // Another name, post and role on the refused row: said in the same run, each at its cell.
    const other = [...lines];
    other[2] = 'S001,张玮,2号楼,2026-H1,李科长,student,20.5,19.5,18,19,17.5';
    writeFileSync(join(dir, 'other.csv'), `${other.join('\n')}\n`);
    expect(run(['check', 'other.csv'], { cwd: dir }).stderr).toBe(
      'other.csv:3:2: error: S001 has two names: "张玮" here and "张伟" at other.csv:2\n' +
        'other.csv:3:3: error: S001 张伟 has two posts: "2号楼" here and "1号楼" elsewhere\n' +
        'other.csv:3:6: error: rater 李科长 has two roles: student here and head-office at other.csv:8 (S001 张伟)\n' +
        'other.csv:3:7: error: score 20.5 for listen exceeds the maximum 20 (S001 张玮, rater 李科长)\n',
    );
    // Mended, the row is taken: no error at all.
    lines[2] = 'S001,张伟,1号楼,2026-H1,李科长,head-office,20,19.5,18,19,17.5';
    writeFileSync(join(dir, 'h1.csv'), `${lines.join('\n')}\n`);
    expect(run(['check', 'h1.csv'], { cwd: dir }).code).toBe(0);
  });

  it('in a sheet of one method a row, a score that is not accepted is not also called missing', () => {
    const dir = tempDir();
    const rows = ['listen,19', 'see,19', 'check,20.5', 'test,19', 'ask,'].map((m) => `S001,张伟,1号楼,2026-H1,王主任,leader,${m}`);
    writeFileSync(join(dir, 'long.csv'), `staff_id,name,post,semester,rater,role,method,score\n${rows.join('\n')}\n`);
    const r = run(['check', 'long.csv', '--policy', join(FIX, 'policy.json')], { cwd: dir });
    expect(r.code).toBe(1);
    // The check row's 20.5 is its one error; the ask row's empty score is missing (at the rater's first row).
    expect(r.stderr).toBe(
      'long.csv:2: error: no ask score from rater 王主任 (leader) for S001 张伟; a missing score is never counted as zero\n' +
        'long.csv:4:8: error: score 20.5 for check exceeds the maximum 20 (S001 张伟, rater 王主任)\n',
    );
  });
});

describe('verify run from another folder than the report was made in', () => {
  it('says the inputs are read from the working folder, and where that is', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'v'));
    copyFileSync(join(FIX, '2026-H1.csv'), join(dir, 'v', '2026-H1.csv'));
    expect(run(['score', '2026-H1.csv', '--format', 'json', '--out', 'h1.json'], { cwd: join(dir, 'v') }).code).toBe(0);
    const away = run(['verify', 'v/h1.json'], { cwd: dir });
    expect(away.code).toBe(1);
    expect(away.stdout).toContain(`missing: 2026-H1.csv\n  cannot be read (there is no such file or folder); nothing can be recomputed without it\nnote: the inputs are read as the seal names them, from the working folder ${dir}: run verify in the folder the report was made in\n`);
    expect(run(['verify', 'v/h1.json', '--lang', 'zh'], { cwd: dir }).stdout).toContain(`注意：输入文件按封存时的名称，从当前工作目录 ${dir} 读取；请在生成报告时所在的目录中运行 verify\n`);
    // In the report's folder: reproduced, no note.
    const home = run(['verify', 'h1.json'], { cwd: join(dir, 'v') });
    expect([home.code, home.stdout.split('\n')[0]]).toEqual([0, 'reproduced']);
    expect(home.stdout).not.toContain('note:');
  });
});

describe('a staff id whose leading zeros a spreadsheet dropped', () => {
  it('is not on the roster, and the message names the roster\'s id with the zeros', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.csv'), 'staff_id,name,post\n007,吴强,2号楼\n0103,陈静,1号楼\n');
    writeFileSync(join(dir, 's.csv'), 'staff_id,name,post,semester,listen,see,check,test,ask\n7,吴强,2号楼,2026-H1,11,11,11,10,11\n0103,陈静,1号楼,2026-H1,16,16,16,16,16\n');
    const r = run(['score', 's.csv', '--roster', 'r.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('s.csv:2: error: 7 吴强 is scored in 2026-H1 but is not on the roster r.csv (the roster has 007: did a spreadsheet drop its leading zeros? Keep staff ids as text)\n');
    expect(r.stderr).toContain('r.csv:2: error: 007 吴强 is on the roster but has no scores in 2026-H1\n');
    // Ids that are not digits, or that differ otherwise, get no such note.
    writeFileSync(join(dir, 'x.csv'), 'staff_id,name,post,semester,listen,see,check,test,ask\n8,某人,2号楼,2026-H1,11,11,11,10,11\n');
    expect(run(['score', 'x.csv', '--roster', 'r.csv'], { cwd: dir }).stderr).not.toContain('leading zeros');
    const zh = run(['score', 's.csv', '--roster', 'r.csv', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr).toContain('（花名册上有 007：是否被电子表格去掉了开头的 0？请把工号设为文本格式）\n');
  });
});

describe('check: raters who did not score everyone, when rows were refused', () => {
  it('says the refused rows are not counted, so that a rater whose row had an error is not taken for one who skipped someone', () => {
    const dir = tempDir();
    const lines = sample(10);
    lines[1] = lines[1]!.replace(/^(([^,]*,){6})[^,]*/, '$125');
    writeFileSync(join(dir, 'o.csv'), `${lines.join('\n')}\n`);
    const en = run(['check', 'o.csv'], { cwd: dir });
    expect(en.code).toBe(1);
    expect(en.stdout).toContain('Raters who did not score everyone: 王主任 1 of 2 (rows refused for their errors not counted)\n');
    expect(run(['check', 'o.csv', '--lang', 'zh'], { cwd: dir }).stdout).toContain('未给全部人员评分的评委：王主任 1/2（因有错误而未采用的行不计在内）\n');
    // Without refused rows, the plain list.
    writeFileSync(join(dir, 'p.csv'), `${sample(10).filter((_, i) => i !== 1).join('\n')}\n`);
    expect(run(['check', 'p.csv'], { cwd: dir }).stdout).toContain('Raters who did not score everyone: 王主任 1 of 2\n');
  });
});

describe('batch says what year says', () => {
  it('prints a center\'s year warnings (a name changed between the semesters, someone in one semester only)', () => {
    const dir = tempDir();
    const head = 'staff_id,name,post,semester,listen,see,check,test,ask';
    mkdirSync(join(dir, 'root', 'A'), { recursive: true });
    writeFileSync(join(dir, 'root', 'A', 'h1.csv'), `${head}\nS1,甲,1号楼,2026-H1,19,19,19,19,19\nS2,乙,1号楼,2026-H1,16,16,16,16,16\n`);
    writeFileSync(join(dir, 'root', 'A', 'h2.csv'), `${head}\nS1,甲二,1号楼,2026-H2,19,19,19,19,19\n`);
    const r = run(['batch', 'root', '--out-dir', 'out', '--no-reports'], { cwd: dir });
    expect(r.code).toBe(0);
    const year = [
      'root/A/h1.csv:3: warning: S2 乙 has no scores in 2026-H2: the year is incomplete, not decided',
      'root/A/h2.csv:2: warning: S1 is "甲二" in 2026-H2 but "甲" in 2026-H1 (root/A/h1.csv:2)',
    ];
    // Then, as year says them too, the amounts the built-in policy leaves unset (the CSVs leave them
    // empty), at the center's folder, naming its policy file.
    expect(r.stderr).toBe(
      `${[
        ...year,
        'root/A: warning: amounts.excellent is not set: the excellent reward of S1 甲二 is left empty; set it in root/A/evaluate.config.json',
        'root/A: warning: amounts.good is not set: the good reward of S2 乙 is left empty; set it in root/A/evaluate.config.json',
        'root/A: warning: amounts.annualBonus is not set: the annual bonus of S1 甲二 is left empty; set it in root/A/evaluate.config.json',
      ].join('\n')}\n`,
    );
    const said = run(['year', 'root/A'], { cwd: dir }).stderr.split('\n');
    expect(said.slice(0, 2)).toEqual(year);
    expect(said.filter((l) => l.includes('amounts.')).map((l) => l.replace(/^evaluate: warning: (.*?); .*$/, '$1'))).toEqual(
      r.stderr.split('\n').filter((l) => l.includes('amounts.')).map((l) => l.replace(/^root\/A: warning: (.*?); .*$/, '$1')),
    );
  });
});

describe('problems at one place', () => {
  it('come in the same order in every language', () => {
    const dir = tempDir();
    const lines = sample(10);
    lines[2] = lines[2]!.replace(/(,[^,]*){5}$/, ',,,,,');
    writeFileSync(join(dir, 'rb.csv'), `${lines.join('\n')}\n`);
    const method = (l: string) => /no (\w+) score/.exec(l)?.[1] ?? { '“听”': 'listen', '“看”': 'see', '“查”': 'check', '“测”': 'test', '“问”': 'ask' }[/评(“.”)/.exec(l)?.[1] ?? ''];
    const en = run(['score', 'rb.csv'], { cwd: dir }).stderr.trim().split('\n').slice(0, 5).map(method);
    const zh = run(['score', 'rb.csv', '--lang', 'zh'], { cwd: dir }).stderr.trim().split('\n').slice(0, 5).map(method);
    // Each at its method's cell of the row: in the order of the columns.
    expect(en).toEqual(['listen', 'see', 'check', 'test', 'ask']);
    expect(zh).toEqual(en);
  });
});

describe('a file that is no sheet, one text a line', () => {
  it('gives three title warnings and one error, not a warning a line; a sheet with two title rows reads as before', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.csv'), Array.from({ length: 5000 }, (_, i) => `line ${i + 1}\n`).join(''));
    const r = run(['score', 'notes.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      'notes.csv:1:1: warning: "line 1" looks like the sheet\'s title, not its header: skipped, the header is read from the lines below',
      'notes.csv:2:1: warning: "line 2" looks like the sheet\'s title, not its header: skipped, the header is read from the lines below',
      'notes.csv:3:1: warning: "line 3" looks like the sheet\'s title, not its header: skipped, the header is read from the lines below',
      'notes.csv:4: error: lines 1 to 4 each hold one text and no column names: is this a scoring sheet? Its header row names the columns (staff_id, name, semester, rater, role, listen, see, check, test, ask)',
      '1 error, 3 warnings; nothing was written',
      '',
    ]);
    expect(run(['score', 'notes.csv', '--lang', 'zh'], { cwd: dir }).stderr).toContain('notes.csv:4: error: 第 1 行到第 4 行都只有一段文字，没有列名：这是评分表吗？');
    writeFileSync(join(dir, 'titled.csv'), `2026年上半年考核评分表\n学生公寓服务中心\n${sample(10).join('\n')}\n`);
    const titled = run(['score', 'titled.csv'], { cwd: dir });
    expect(titled.code).toBe(0);
    expect(titled.stderr.split('\n').filter((l) => l.includes('title'))).toHaveLength(2);
  });
});

describe('what Excel does to a sheet', () => {
  it('empty columns after the last named one are one warning, not one a column', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), `${sample(10).map((l) => `${l},,,`).join('\n')}\n`);
    const r = run(['score', 't.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('t.csv:1:12: warning: columns 12 to 14 have no header name; their cells are ignored\n');
    expect(run(['score', 't.csv', '--lang', 'zh'], { cwd: dir }).stderr).toBe('t.csv:1:12: warning: 第 12 列到第 14 列没有列名，这些列的内容不予读取\n');
    // One such column: as before.
    writeFileSync(join(dir, 'one.csv'), `${sample(10).map((l) => `${l},`).join('\n')}\n`);
    expect(run(['score', 'one.csv'], { cwd: dir }).stderr).toBe('one.csv:1:12: warning: column 12 has no header name; its cells are ignored\n');
  });

  it('a semester that Excel turned into a date says so, and asks for a form Excel leaves alone', () => {
    const dir = tempDir();
    const lines = sample(10);
    const dates = ['Jan-26', '2026/1/1', '1/1/2026', '46023', '2026年1月'];
    dates.forEach((d, i) => (lines[i + 1] = lines[i + 1]!.replace(',2026-H1,', `,${d},`)));
    lines[6] = lines[6]!.replace(',2026-H1,', ',2026-H3,');
    writeFileSync(join(dir, 'd.csv'), `${lines.join('\n')}\n`);
    const said = run(['score', 'd.csv'], { cwd: dir }).stderr.split('\n');
    for (const [i, d] of dates.entries()) {
      expect(said[i]).toMatch(new RegExp(`^d\\.csv:${i + 2}:4: error: semester "${d}" is not a semester \\(.*\\): it reads like a date; did Excel turn the cell into one\\? Format the column as text and write 2026-H1 or 2026上半年$`));
    }
    expect(said[5]).toMatch(/^d\.csv:7:4: error: semester "2026-H3" is not a semester \(.*\); write it as 2026-H1, 2026H1, 2026-1, 2026上半年 or 2026下半年$/);
    expect(run(['score', 'd.csv', '--lang', 'zh'], { cwd: dir }).stderr).toContain('d.csv:2:4: error: "Jan-26" 不是学期（S001 张伟，评委 王主任）：它像是日期，是否被 Excel 自动改成了日期？');
  });
});
