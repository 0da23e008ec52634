/**
 * The bad-input corpus (fixtures/bad/, one small file per mistake; the two big cases are made here in
 * a temporary folder): every sheet a committee could send gets its exit code and exact messages with
 * their places, on standard error, no stack trace, nothing on standard output and no --out file.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, type RunResult, run, tempDir } from './helpers.js';
import { readFiles } from './score-text.js';

const BAD = join(FIX, 'bad');

interface Case {
  /** What the secretary did. */
  what: string;
  /** The sheet in fixtures/bad/ (or made in `dir` by `make`). */
  file: string;
  /** More arguments after the sheet. */
  args?: string[];
  code: 0 | 1 | 2;
  /** Standard error, line by line, without the closing summary. */
  problems: string[];
  /** The closing summary line of standard error (exit 1 only). */
  summary?: string;
}

const MISSING = (line: number | string, m: string, rater: string, role: string, who: string) =>
  `${line}: error: no ${m} score from rater ${rater}${role ? ` (${role})` : ''} for ${who}; a missing score is never counted as zero`;

/** The warning of a semester whose committee differs from the rules, at its first row read: `parts` are the counts that differ. */
const COMMITTEE = (file: string, line: number, semester: string, parts: string) =>
  `${file}:${line}: warning: the committee of ${semester} differs from the rules (1 leader, 1 head office, 1 center office, 2 student representatives): ${parts}`;
/** Most sheets of the corpus have a leader and one student. */
const LEADER_STUDENT = 'head office 0 (the rules ask 1); center office 0 (the rules ask 1); student 1 (the rules ask 2)';
/** A leader and two students. */
const LEADER_STUDENTS = 'head office 0 (the rules ask 1); center office 0 (the rules ask 1)';
/** A leader alone. */
const LEADER_ONLY = 'head office 0 (the rules ask 1); center office 0 (the rules ask 1); student 0 (the rules ask 2)';

const H1 = join(FIX, '2026-H1.csv');

const CASES: Case[] = [
  // The file itself
  { what: 'an empty file', file: 'empty.csv', code: 1, problems: ['empty.csv:1: error: the file is empty: a sheet needs a header row and at least one row of scores'] },
  {
    what: 'a file of blank rows only (Excel leaves ",,,,")',
    file: 'blank-rows.csv',
    code: 1,
    problems: ['blank-rows.csv:1: error: the file holds only blank rows: a sheet needs a header row and at least one row of scores'],
  },
  { what: 'a header and no rows', file: 'header-only.csv', code: 1, problems: ['header-only.csv:1: error: the sheet has a header but no rows of scores'] },
  {
    what: 'binary garbage (a PNG renamed .csv)',
    file: 'binary.csv',
    code: 1,
    problems: ['binary.csv:3: error: the file is not text (it holds NUL bytes); is it an .xlsx or another binary file? Save the sheet as CSV'],
  },
  {
    what: 'an Excel workbook renamed .csv',
    file: 'workbook.csv',
    code: 1,
    problems: ['workbook.csv:1: error: the file is an Excel workbook (.xlsx), not CSV: in Excel choose Save As, "CSV UTF-8 (comma delimited)"'],
  },
  {
    what: 'bytes that are neither UTF-8 nor GBK',
    file: 'not-text.csv',
    code: 1,
    problems: ['not-text.csv:2: error: the file is neither UTF-8 nor GBK text; save the sheet as "CSV UTF-8"'],
  },
  {
    what: 'UTF-16 with a byte order mark (Excel "Unicode Text")',
    file: 'utf16-bom.csv',
    code: 1,
    problems: ['utf16-bom.csv:1: error: the file is UTF-16 text (as some Excel versions save "Unicode Text"); save it as "CSV UTF-8" or "CSV" instead'],
  },
  {
    what: 'UTF-16 without a byte order mark',
    file: 'utf16-no-bom.csv',
    code: 1,
    problems: [
      'utf16-no-bom.csv:1: error: the file is UTF-16 text without a byte order mark (as some programs save "Unicode Text"); save it as "CSV UTF-8" or "CSV" instead',
    ],
  },
  {
    what: 'GBK read with --encoding utf8',
    file: 'gbk.csv',
    args: ['--encoding', 'utf8'],
    code: 1,
    problems: ['gbk.csv:2: error: the file is not valid UTF-8 here (byte 0xd5); it reads as GBK: leave out --encoding or give --encoding gbk'],
  },
  {
    what: 'a UTF-8 sheet with one row pasted from a GBK sheet',
    file: 'utf8-with-gbk-row.csv',
    code: 1,
    problems: [
      'utf8-with-gbk-row.csv:5: error: this line is not UTF-8 (byte 0xc1), but most of the file is: was it pasted from a GBK sheet? Save the whole sheet in one encoding ("CSV UTF-8"), or give --encoding gbk if the file is GBK',
    ],
  },
  {
    what: 'a GBK sheet with one row pasted from a UTF-8 sheet whose bytes GBK also reads (as other characters): a warning at that row',
    file: 'gbk-with-utf8-row.csv',
    code: 1,
    problems: [
      'gbk-with-utf8-row.csv:21: warning: this line is UTF-8 Chinese text (the only such line), but the rest of the file is GBK, and it was read as GBK: if it was pasted from a UTF-8 sheet, its Chinese comes out as other characters. Save the whole sheet in one encoding ("CSV UTF-8"), or give --encoding gbk if the line is right as it is',
      'gbk-with-utf8-row.csv:21:2: error: S004 has two names: "鐜嬭姵" here and "王芳" at gbk-with-utf8-row.csv:17',
      'gbk-with-utf8-row.csv:21:3: error: S004 王芳 has two posts: "2鍙锋ゼ" here and "2号楼" elsewhere',
    ],
    summary: '2 errors, 1 warning; nothing was written',
  },
  {
    what: 'a GBK sheet with one row pasted from a UTF-8 sheet whose bytes GBK cannot read: that row named (not the first line, where the bytes stop being UTF-8)',
    file: 'gbk-with-utf8-row-not-gbk.csv',
    code: 1,
    problems: ['gbk-with-utf8-row-not-gbk.csv:21: error: the file is neither UTF-8 nor GBK text; save the sheet as "CSV UTF-8"'],
  },
  {
    what: 'a UTF-8 file cut in the middle of a character',
    file: 'cut-short.csv',
    code: 1,
    problems: ['cut-short.csv:5: error: the file ends in the middle of a character: was it cut short while copying or saving? Save it again'],
  },
  {
    what: 'mixed line ends (CRLF, LF, a lone CR) with a mistake: the line is counted right',
    file: 'mixed-line-ends-error.csv',
    code: 1,
    problems: [
      COMMITTEE('mixed-line-ends-error.csv', 2, '2026-H1', LEADER_STUDENT),
      'mixed-line-ends-error.csv:4:8: error: score "x" for see is not a number (S002 刘洋, rater 王主任)',
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  // CSV structure
  {
    what: 'an unbalanced quote; the rows after it are still read',
    file: 'unbalanced-quote.csv',
    code: 1,
    problems: [
      // The student's row is inside the quote; 学生乙's row is refused, but its rater counts, with the
      // role it gives (leader): two leaders and no student.
      COMMITTEE('unbalanced-quote.csv', 2, '2026-H1', `leader 2 (the rules ask 1); ${LEADER_ONLY}`),
      'unbalanced-quote.csv:3:5: error: a quoted cell is never closed: the quote (") opened here has no closing quote before the end of the file',
      'unbalanced-quote.csv:5:7: error: score "abc" for listen is not a number (S002 刘洋, rater 学生乙)',
    ],
    summary: '2 errors, 1 warning; nothing was written',
  },
  {
    what: 'a quote inside an unquoted cell',
    file: 'quote-inside-cell.csv',
    code: 1,
    problems: [
      'quote-inside-cell.csv:2:2: error: a quote (") inside a cell that does not start with one; put the whole cell in quotes and double the inner quote ("")',
      COMMITTEE('quote-inside-cell.csv', 3, '2026-H1', LEADER_STUDENT),
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'text after a closing quote',
    file: 'text-after-quote.csv',
    code: 1,
    problems: [
      COMMITTEE('text-after-quote.csv', 2, '2026-H1', LEADER_STUDENT),
      'text-after-quote.csv:3:5: error: text after the closing quote of a cell; a quote inside a quoted cell is written twice ("")',
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'a row with too many cells',
    file: 'too-many-cells.csv',
    code: 1,
    problems: [COMMITTEE('too-many-cells.csv', 2, '2026-H1', LEADER_STUDENT), 'too-many-cells.csv:3:12: error: the row has 12 cells but the header has 11 (S001 张伟, rater 学生甲)'],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'a row with too few cells',
    file: 'too-few-cells.csv',
    code: 1,
    problems: [COMMITTEE('too-few-cells.csv', 2, '2026-H1', LEADER_STUDENT), 'too-few-cells.csv:3:11: error: the row has 10 cells but the header has 11 (S001 张伟, rater 学生甲)'],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'a decimal comma that split a score into two cells',
    file: 'decimal-comma-unquoted.csv',
    code: 1,
    problems: [
      'decimal-comma-unquoted.csv:2:12: error: the row has 12 cells but the header has 11 (S001 张伟, rater 王主任); cells 10 and 11 ("17" and "5") may be one score written with a decimal comma: write 17.5, or put the cell in quotes',
      COMMITTEE('decimal-comma-unquoted.csv', 3, '2026-H1', LEADER_STUDENT),
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'separators left at the end of a row',
    file: 'trailing-separators.csv',
    code: 1,
    problems: [
      COMMITTEE('trailing-separators.csv', 2, '2026-H1', LEADER_STUDENT),
      'trailing-separators.csv:3:12: error: the row has 13 cells but the header has 11 (S001 张伟, rater 学生甲); the extra cells at the end are empty: delete the separators (,) after cell 11',
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'a semicolon sheet read with the default comma',
    file: 'semicolons-decimal-comma.csv',
    code: 1,
    problems: ['semicolons-decimal-comma.csv:1:1: error: the header is a single cell: the sheet seems to be separated by ";", not ","; give --delimiter ";"'],
  },
  {
    what: 'the same semicolon sheet with --delimiter ";": its decimal comma',
    file: 'semicolons-decimal-comma.csv',
    args: ['--delimiter', ';'],
    code: 1,
    problems: [
      'semicolons-decimal-comma.csv:2:10: error: score "17,5" for test is not a number (write a decimal point: 17.5) (S001 张伟, rater 王主任)',
      COMMITTEE('semicolons-decimal-comma.csv', 3, '2026-H1', LEADER_STUDENT),
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'Excel\'s "sep=;" line on top',
    file: 'excel-sep-line.csv',
    code: 1,
    problems: ['excel-sep-line.csv:1:1: error: "sep=;" is Excel\'s separator line, not a header: delete this line and give --delimiter ";"'],
  },
  {
    what: 'two sheets joined into one file (the header again)',
    file: 'repeated-header.csv',
    code: 1,
    problems: [
      COMMITTEE('repeated-header.csv', 2, '2026-H1', LEADER_STUDENT),
      'repeated-header.csv:4: error: this row repeats the header of line 1 (were two sheets joined into one file?); delete it',
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  // The header
  {
    what: 'a duplicate header name',
    file: 'duplicate-header.csv',
    code: 1,
    problems: ['duplicate-header.csv:1:12: error: column "see" repeats column 8 ("see"): both mean see'],
  },
  {
    what: 'two header names that mean the same column (听 and listen)',
    file: 'duplicate-header-alias.csv',
    code: 1,
    problems: ['duplicate-header-alias.csv:1:11: error: column "listen" repeats column 7 ("听"): both mean listen'],
  },
  {
    what: 'a header of two rows (考评方式 above 听 看 查 测 问): the error, and the row below named as the rest of the header',
    file: 'two-row-header.csv',
    code: 1,
    problems: [
      'two-row-header.csv:1: error: the header has no score columns: name them listen, see, check, test, ask (听 看 查 测 问), or use method and score columns',
      'two-row-header.csv:1:7: warning: unknown column "考评方式" is ignored',
      'two-row-header.csv:1:8: warning: columns 8 to 11 have no header name; their cells are ignored',
      "two-row-header.csv:2: warning: this row names score columns (听, 看, 查, 测, 问) below the header of line 1: is the header two rows, as under a merged cell? Make it one row, each column's name in the column's own cell",
    ],
    summary: '1 error, 3 warnings; nothing was written',
  },
  {
    what: 'an unknown extra column: a warning with a did-you-mean, and the report is written',
    file: 'unknown-column.csv',
    code: 0,
    problems: [
      'unknown-column.csv:1:12: warning: unknown column "lisen" is ignored (did you mean "listen"?)',
      COMMITTEE('unknown-column.csv', 2, '2026-H1', LEADER_STUDENT),
    ],
  },
  {
    what: 'a misspelt method column: the warning, and every row misses that score',
    file: 'misspelt-column.csv',
    code: 1,
    problems: [
      'misspelt-column.csv:1:7: warning: unknown column "lisen" is ignored (did you mean "listen"?)',
      `misspelt-column.csv:${MISSING(2, 'listen', '王主任', 'leader', 'S001 张伟')}`,
      COMMITTEE('misspelt-column.csv', 2, '2026-H1', LEADER_STUDENT),
      `misspelt-column.csv:${MISSING(3, 'listen', '学生甲', 'student', 'S001 张伟')}`,
      `misspelt-column.csv:${MISSING(4, 'listen', '王主任', 'leader', 'S002 刘洋')}`,
      `misspelt-column.csv:${MISSING(5, 'listen', '学生甲', 'student', 'S002 刘洋')}`,
    ],
    summary: '4 errors, 2 warnings; nothing was written',
  },
  {
    what: 'no staff_id column',
    file: 'missing-staff-id.csv',
    code: 1,
    problems: ['missing-staff-id.csv:1: error: the header has no staff_id column (工号); it is needed to know whose scores a row holds'],
  },
  // Scores
  ...(
    [
      ['text', 'score-text.csv', 'score "good" for listen is not a number'],
      ['18,5 (a decimal comma, quoted)', 'score-decimal-comma.csv', 'score "18,5" for listen is not a number (write a decimal point: 18.5)'],
      ['negative', 'score-negative.csv', 'score -3 for listen is negative'],
      ['over the maximum', 'score-over-max.csv', 'score 20.5 for listen exceeds the maximum 20'],
      ['NaN', 'score-nan.csv', 'score "NaN" for listen is not a number'],
      ['1e2', 'score-exponent.csv', 'score "1e2" for listen is in exponent notation; write a plain decimal number'],
      ['written with its unit (18分)', 'score-unit.csv', 'score "18分" for listen is not a number (write the number alone: 18)'],
      ['with a thousands separator', 'score-thousands.csv', 'score "1,000" for listen has a thousands separator; scores for listen are at most 20'],
    ] as const
  ).map(([what, file, message]): Case => ({
    what: `a score that is ${what}`,
    file,
    code: 1,
    // The row refused, the committee is of the rows after it.
    problems: [`${file}:2:7: error: ${message} (S001 张伟, rater 王主任)`, COMMITTEE(file, 3, '2026-H1', LEADER_STUDENT)],
    summary: '1 error, 1 warning; nothing was written',
  })),
  {
    what: 'a blank score cell is never a zero',
    file: 'score-blank.csv',
    code: 1,
    problems: [COMMITTEE('score-blank.csv', 2, '2026-H1', LEADER_STUDENT), `score-blank.csv:${MISSING('2:7', 'listen', '王主任', 'leader', 'S001 张伟')}`],
    summary: '1 error, 1 warning; nothing was written',
  },
  // Rows against rows
  {
    what: 'staff ids, names and posts merged over each person\'s five rows in Excel (a merged cell keeps its text in its first row only): one problem for the sheet, asking so; no committee warning (the raters of the rows refused count)',
    file: 'merged-cells.csv',
    code: 1,
    problems: [
      'merged-cells.csv:3:1: error: staff_id is blank, and on 7 more rows of this sheet: were the cells merged over several rows in Excel, or left blank to mean "as above"? A merged cell keeps its text in its first row only; unmerge the cells and fill in every row; give --verbose to list each of them',
    ],
  },
  {
    what: 'a blank staff_id',
    file: 'blank-staff-id.csv',
    code: 1,
    problems: [COMMITTEE('blank-staff-id.csv', 2, '2026-H1', LEADER_STUDENT), 'blank-staff-id.csv:3:1: error: staff_id is blank (name 张伟)'],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'a sheet typed with full-width commas (a Chinese input method): said so, with what to do (it was three title warnings and "is this a scoring sheet?")',
    file: 'fullwidth-commas.csv',
    code: 1,
    problems: [
      'fullwidth-commas.csv:1:1: error: the header is a single cell: the sheet is separated by full-width commas "，", which no --delimiter reads; replace them with "," (Find and Replace in an editor) and read it again',
    ],
    summary: '1 error; nothing was written',
  },
  {
    what: 'a row of averages and a row of notes under the staff, as a spreadsheet keeps them: no staff member, refused at their label (it ranked 平均 and paid it a reward)',
    file: 'totals-row.csv',
    code: 1,
    problems: [
      COMMITTEE('totals-row.csv', 2, '2026-H1', LEADER_ONLY),
      'totals-row.csv:4:1: error: "平均" is not a staff id: this looks like a row of totals, averages or notes, not a staff member\'s scores; delete the row',
      'totals-row.csv:5:1: error: "备注：本表一式两份" is not a staff id: this looks like a row of totals, averages or notes, not a staff member\'s scores; delete the row',
    ],
    summary: '2 errors, 1 warning; nothing was written',
  },
  {
    what: 'a control character (a terminal escape) in a cell: refused at its cell, the escape named, not sent to the terminal',
    file: 'control-character.csv',
    code: 1,
    problems: [
      'control-character.csv:2:2: error: a control character (\\u001b, ESC, a terminal escape) in this cell: a sheet holds text only; delete it',
      COMMITTEE('control-character.csv', 3, '2026-H1', LEADER_STUDENT),
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'control characters further down (a line break inside a quoted cell, DEL, a C1 control): each row refused at its cell, the others read',
    file: 'control-character-late.csv',
    code: 1,
    problems: [
      COMMITTEE('control-character-late.csv', 2, '2026-H1', LEADER_STUDENT),
      'control-character-late.csv:4:2: error: a control character (\\u000a, a line break) in this cell: a sheet holds text only; delete it',
      'control-character-late.csv:7:5: error: a control character (\\u007f, DEL) in this cell: a sheet holds text only; delete it',
      'control-character-late.csv:9:3: error: a control character (\\u0085) in this cell: a sheet holds text only; delete it',
    ],
    summary: '3 errors, 1 warning; nothing was written',
  },
  {
    what: 'a staff id with a zero-width space before or after it is the same person, shown as first spelt, the space escaped',
    file: 'zero-width-id.csv',
    code: 1,
    problems: [
      COMMITTEE('zero-width-id.csv', 2, '2026-H1', LEADER_STUDENTS),
      'zero-width-id.csv:4:2: error: \\u200bS001 has two names: "张玮" here and "张伟" at zero-width-id.csv:2',
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'a staff id in full-width letters and digits (Ｓ００１) is the same person as S001',
    file: 'fullwidth-id.csv',
    code: 0,
    problems: [COMMITTEE('fullwidth-id.csv', 2, '2026-H1', LEADER_STUDENTS)],
  },
  {
    what: 'a staff id in NFD (E + a combining accent) is the same person as in NFC (É)',
    file: 'nfc-nfd-id.csv',
    code: 0,
    problems: [COMMITTEE('nfc-nfd-id.csv', 2, '2026-H1', LEADER_STUDENT)],
  },
  {
    what: 'the same person with two names',
    file: 'two-names.csv',
    code: 1,
    problems: [COMMITTEE('two-names.csv', 2, '2026-H1', LEADER_STUDENT), 'two-names.csv:3:2: error: S001 has two names: "张玮" here and "张伟" at two-names.csv:2'],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'a rater with two roles',
    file: 'two-roles.csv',
    code: 1,
    // 王主任 counts once, with the role first given.
    problems: [
      COMMITTEE('two-roles.csv', 2, '2026-H1', LEADER_STUDENT),
      'two-roles.csv:4:6: error: rater 王主任 has two roles: student here and leader at two-roles.csv:2 (S002 刘洋)',
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'a role cell that names an object property ("constructor")',
    file: 'role-constructor.csv',
    code: 1,
    problems: [
      COMMITTEE('role-constructor.csv', 2, '2026-H1', LEADER_STUDENT),
      'role-constructor.csv:3:6: error: unknown role "constructor" (S001 张伟, rater 学生甲); roles are leader 组长, head-office 总公司办公室, center-office 中心办公室, student 学生代表',
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  {
    what: 'a method cell "__proto__" in a long sheet',
    file: 'method-proto.csv',
    code: 1,
    problems: [
      `method-proto.csv:${MISSING(2, 'ask', '王主任', '', 'S001 张伟')}`,
      `method-proto.csv:${MISSING(2, 'check', '王主任', '', 'S001 张伟')}`,
      `method-proto.csv:${MISSING(2, 'see', '王主任', '', 'S001 张伟')}`,
      `method-proto.csv:${MISSING(2, 'test', '王主任', '', 'S001 张伟')}`,
      'method-proto.csv:3:5: error: unknown method "__proto__" (S001 张伟, rater 王主任); methods are listen 听, see 看, check 查, test 测, ask 问',
    ],
    summary: '5 errors; nothing was written',
  },
  {
    what: 'a semester that does not parse',
    file: 'bad-semester.csv',
    code: 1,
    // The refused row's semester is not known, so neither is the committee its rater sits on: fewer
    // raters than the rules ask (a leader and a student) is said once the row is mended.
    problems: ['bad-semester.csv:3:4: error: semester "2026-H3" is not a semester (S001 张伟, rater 学生甲); write it as 2026-H1, 2026H1, 2026-1, 2026上半年 or 2026下半年'],
  },
  {
    what: 'a duplicated row: one error for the row, both places named',
    file: 'duplicate-row.csv',
    code: 1,
    problems: [
      COMMITTEE('duplicate-row.csv', 2, '2026-H1', LEADER_STUDENT),
      'duplicate-row.csv:5:7: error: listen, see, check, test and ask are scored twice for S001 张伟, rater 学生甲: here and at duplicate-row.csv:3:7',
    ],
    summary: '1 error, 1 warning; nothing was written',
  },
  // Usage: exit 2, no location in a sheet
  {
    what: 'a policy file that is not JSON',
    file: 'two-names.csv',
    args: ['--policy', 'policy-not-json.json'],
    code: 2,
    problems: ['policy-not-json.json:4:3: error: the policy is not valid JSON: a comma or } is missing before this'],
  },
  {
    what: 'a policy with a misspelt key',
    file: 'two-names.csv',
    args: ['--policy', 'policy-unknown-key.json'],
    code: 2,
    problems: ['policy-unknown-key.json: error: unknown key "agregation" (did you mean "aggregation"?)'],
  },
  {
    what: 'an unknown --encoding',
    file: 'gbk.csv',
    args: ['--encoding', 'latin1'],
    code: 2,
    problems: ['evaluate: error: unknown --encoding "latin1": use utf8 or gbk'],
  },
  { what: 'a sheet that is not there', file: 'no-such-sheet.csv', code: 2, problems: ['evaluate: error: cannot read sheet "no-such-sheet.csv": there is no such file or folder'] },
];

/** Runs `evaluate score` with --out into a fresh folder; checks what every case must show. */
function scoreWithOut(cwd: string, file: string, args: string[] = [], input?: Buffer): RunResult & { wrote: boolean; out: string } {
  const out = join(tempDir(), 'report.csv');
  const r = run(['score', file, ...args, '--format', 'csv', '--out', out], { cwd, input });
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/^\s+at |internal error|Error:/m);
  return { ...r, wrote: existsSync(out), out };
}

function expectCase(r: RunResult & { wrote: boolean; out: string }, c: Omit<Case, 'what' | 'file'>): void {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  if (c.code === 1) {
    expect(lines).toEqual([...c.problems, c.summary ?? '1 error; nothing was written']);
  } else if (c.code === 0) {
    // The one line naming the file written comes last.
    expect(lines).toEqual([...c.problems, `evaluate: wrote ${r.out}`]);
  } else {
    expect(lines).toEqual(c.problems);
  }
  expect(r.code).toBe(c.code);
  expect(r.wrote).toBe(c.code === 0);
}

describe('the bad-input corpus: evaluate score', () => {
  it.each(CASES.map((c) => [c.what, c] as const))('%s', (_, c) => {
    expectCase(scoreWithOut(BAD, c.file, c.args), c);
  });

  it('every sheet of the corpus has a case', () => {
    const covered = new Set(CASES.map((c) => c.file));
    const sheets = readdirSync(BAD).filter((f) => f.endsWith('.csv'));
    expect(sheets.filter((f) => !covered.has(f) && !['gbk.csv', 'mixed-line-ends.csv'].includes(f))).toEqual([]);
  });

  it.each([
    // The first spelling is the one shown: in CSV as it is, in a table escaped where it is invisible.
    // Nothing else is said than the committee (a leader and students only).
    ['fullwidth-id.csv', 'Ｓ００１', 'Ｓ００１', 3, LEADER_STUDENTS],
    ['nfc-nfd-id.csv', 'E\u0301001', 'E\u0301001', 2, LEADER_STUDENT],
  ])('%s: one person, shown as first spelt', (file, csvId, tableId, raters, committee) => {
    const r = run(['score', file, '--format', 'csv'], { cwd: BAD });
    expect(r.stderr).toBe(`${COMMITTEE(file, 2, '2026-H1', committee)}\n`);
    const rows = r.stdout.split('\r\n').filter((l) => l !== '').map((l) => l.split(','));
    expect(rows.map((c) => c[1])).toEqual(['staff_id', csvId, 'S002']);
    const json = JSON.parse(run(['score', file, '--format', 'json'], { cwd: BAD }).stdout);
    expect(json.semesters[0].staff.map((s: { staffId: string; raters: number }) => [s.staffId, s.raters])).toEqual([
      [csvId, raters],
      ['S002', raters],
    ]);
    expect(run(['score', file], { cwd: BAD }).stdout).toContain(`   1  ${tableId}  `);
  });

  it('mixed line ends in a valid sheet are no problem', () => {
    const r = run(['score', 'mixed-line-ends.csv', '--format', 'csv'], { cwd: BAD });
    // No problem but the committee (a leader and one student).
    expect(r.stderr).toBe(`${COMMITTEE('mixed-line-ends.csv', 2, '2026-H1', LEADER_STUDENT)}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'rank,staff_id,name,post,semester,listen,see,check,test,ask,total,grade,reward,penalty,rectify_by\r\n' +
        '1,S001,张伟,1号楼,2026-H1,18.25,19.5,18.5,18.25,17.75,92.3,excellent,,,\r\n' +
        '2,S002,刘洋,1号楼,2026-H1,16.75,17.5,17.5,16.5,16.5,84.8,good,,,\r\n',
    );
  });

  it('the GBK sheet of the corpus reads by detection', () => {
    const r = run(['score', 'gbk.csv', '--format', 'csv'], { cwd: BAD });
    expect(r.stderr).toBe(`${COMMITTEE('gbk.csv', 2, '2026-H1', LEADER_STUDENT)}\n`);
    expect(r.stdout).toContain('1,S001,张伟,1号楼,2026-H1,18.25,19.5,18.5,18.25,17.75,92.3,excellent');
  });

  it('a bad sheet on standard input is named <stdin>', () => {
    const r = scoreWithOut(BAD, '-', [], readFileSync(join(BAD, 'score-negative.csv')));
    expectCase(r, {
      code: 1,
      problems: ['<stdin>:2:7: error: score -3 for listen is negative (S001 张伟, rater 王主任)', COMMITTEE('<stdin>', 3, '2026-H1', LEADER_STUDENT)],
      summary: '1 error, 1 warning; nothing was written',
    });
  });

  it('several bad sheets: all their problems in one run, in argument order', () => {
    const r = run(['score', 'score-nan.csv', 'header-only.csv', 'empty.csv', 'missing-staff-id.csv'], { cwd: BAD });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'score-nan.csv:2:7: error: score "NaN" for listen is not a number (S001 张伟, rater 王主任)',
      COMMITTEE('score-nan.csv', 3, '2026-H1', LEADER_STUDENT),
      'header-only.csv:1: error: the sheet has a header but no rows of scores',
      'empty.csv:1: error: the file is empty: a sheet needs a header row and at least one row of scores',
      'missing-staff-id.csv:1: error: the header has no staff_id column (工号); it is needed to know whose scores a row holds',
      '4 errors, 1 warning; nothing was written',
      '',
    ]);
  });
});

describe('blank staff ids, raters and semesters on many rows (cells merged in Excel, "as above")', () => {
  const MERGED = join(BAD, 'merged-cells.csv');
  const HINT = 'were the cells merged over several rows in Excel, or left blank to mean "as above"? A merged cell keeps its text in its first row only';

  it('--verbose lists each row, as before; Chinese says the same; two threads say what one says', () => {
    const each = run(['score', MERGED, '--verbose']);
    expect(each.code).toBe(1);
    expect(each.stderr).toBe(`${[3, 4, 5, 6, 8, 9, 10, 11].map((l) => `${MERGED}:${l}:1: error: staff_id is blank\n`).join('')}8 errors; nothing was written\n`);
    const zh = run(['--lang', 'zh', 'score', MERGED]);
    expect(zh.stderr).toBe(
      `${MERGED}:3:1: error: 工号为空，本表另有 7 行也是如此：是否在 Excel 中把这些单元格合并了，或留空表示“同上”？合并的单元格只在第一行保留内容；请取消合并，在每一行填上；加 --verbose 可逐条列出\n1 个错误；未写出任何文件\n`,
    );
    const one = run(['score', MERGED], { env: { EVALUATE_ONE_THREAD: '1' } });
    const two = run(['score', MERGED], { env: { EVALUATE_PARALLEL_MIN_BYTES: '1', EVALUATE_TEST_FIXED_CUT: '1' } });
    expect(two.stderr).toBe(one.stderr);
    expect(one.stderr).toContain(': error: staff_id is blank, and on 7 more rows of this sheet: ');
  });

  it('a few blank ids are counted, without the question; one is said as before', () => {
    const dir = tempDir();
    const lines = readFileSync(H1, 'utf8').split('\n');
    const blanked = (rows: number[]) => lines.map((l, i) => (rows.includes(i + 1) ? l.replace(/^S\d+,[^,]*,/, ',,') : l)).join('\n');
    writeFileSync(join(dir, 'two.csv'), blanked([7, 40]));
    writeFileSync(join(dir, 'one.csv'), blanked([40]));
    const two = run(['score', join(dir, 'two.csv')]);
    expect(two.stderr).toContain(`two.csv:7:1: error: staff_id is blank, and on 1 more row of this sheet; give --verbose to list each of them\n`);
    expect(two.stderr).not.toContain('merged');
    expect(run(['score', join(dir, 'one.csv')]).stderr).toContain(`one.csv:40:1: error: staff_id is blank\n`);
  });

  it('a rater or a semester merged over a sheet\'s rows: one problem each, with the question', () => {
    const dir = tempDir();
    const lines = readFileSync(H1, 'utf8').split('\n');
    // The rater's and the semester's cells left blank under the sheet's first row.
    const column = (k: number) => lines.map((l, i) => (i < 2 || l === '' ? l : l.split(',').map((c, j) => (j === k ? '' : c)).join(','))).join('\n');
    writeFileSync(join(dir, 'rater.csv'), column(4));
    writeFileSync(join(dir, 'semester.csv'), column(3));
    const rater = run(['score', join(dir, 'rater.csv')]);
    expect(rater.code).toBe(1);
    expect(rater.stderr).toContain(`rater.csv:3:5: error: rater is blank (S001 张伟), and on 118 more rows of this sheet: ${HINT}; unmerge the cells and fill in every row; give --verbose to list each of them\n`);
    const semester = run(['score', join(dir, 'semester.csv')]);
    expect(semester.stderr).toContain(
      `semester.csv:3:4: error: no semester for this row (S001 张伟, rater 李科长), nor for 118 more rows of this sheet: the semester cell is blank (${HINT}); give --semester, or unmerge the cells and fill in every row; give --verbose to list each of them\n`,
    );
    // Its raters' rows name no semester: no committee warning of too few raters.
    expect(semester.stderr).toMatch(/: the semester cell is blank \(were [^\n]+\n1 error; nothing was written\n$/);
    // --semester fills the blank cells: the sheet is read.
    expect(run(['score', join(dir, 'semester.csv'), '--semester', '2026-H1']).code).toBe(0);
  });
});

describe('the two big cases, made at test time', () => {
  const H = 'staff_id,name,post,semester,rater,role,listen,see,check,test,ask';
  const ROW = 'S001,张伟,1号楼,2026-H1,王主任,leader,19,20,18,17.5,17.5';

  it('a 10 MB single cell', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big-cell.csv'), `${H}\nS001,"${'x'.repeat(10 << 20)}",1号楼,2026-H1,王主任,leader,19,20,18,17.5,17.5\n${ROW.replace('S001,张伟', 'S002,刘洋')}\n`);
    expectCase(scoreWithOut(dir, 'big-cell.csv'), {
      code: 1,
      // The leader alone is on the sheet, and only from line 3 (line 2 is refused).
      problems: ['big-cell.csv:2:2: error: a cell longer than 100000 characters', COMMITTEE('big-cell.csv', 3, '2026-H1', LEADER_ONLY)],
      summary: '1 error, 1 warning; nothing was written',
    });
  });

  it('a quote never closed before 10 MB: the quote is the cause, and reading resumes on the next line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'open-quote.csv'), `${H}\n${ROW}\nS002,"刘洋,1号楼\n${'x'.repeat(10 << 20)}\n`);
    expectCase(scoreWithOut(dir, 'open-quote.csv'), {
      code: 1,
      problems: [
        COMMITTEE('open-quote.csv', 2, '2026-H1', LEADER_ONLY),
        'open-quote.csv:3:2: error: a quoted cell is never closed: the quote (") opened here has no closing quote before the end of the file',
        'open-quote.csv:4:1: error: a cell longer than 100000 characters',
      ],
      summary: '2 errors, 1 warning; nothing was written',
    });
  });

  it('a 10 MB unquoted cell, through check (the detailed path)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big-plain.csv'), `${H}\nS001,${'x'.repeat(10 << 20)},1号楼,2026-H1,王主任,leader,19,20,18,17.5,17.5\n`);
    const r = run(['check', 'big-plain.csv', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('big-plain.csv:2:2: error: a cell longer than 100000 characters\n');
  });

  it('a 10 MB header of long names: each quoted clipped, one line a problem', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'long-names.csv'), `${Array.from({ length: 100 }, (_, i) => `${i}${'x'.repeat(99_900)}`).join(',')}\n${ROW}\n`);
    const r = scoreWithOut(dir, 'long-names.csv');
    const lines = r.stderr.split('\n');
    expect(r.code).toBe(1);
    expect(lines).toHaveLength(104);
    expect(lines[2]).toBe(`long-names.csv:1:1: warning: unknown column "0${'x'.repeat(39)}…${'x'.repeat(10)} (99901 characters)" is ignored`);
    expect(lines[102]).toBe('2 errors, 100 warnings; nothing was written');
    // In Chinese, the length in Chinese; no mark left behind in either language.
    const zh = scoreWithOut(dir, 'long-names.csv', ['--lang', 'zh']).stderr.split('\n');
    expect(zh[2]).toBe(`long-names.csv:1:1: warning: 不认识的列 "0${'x'.repeat(39)}…${'x'.repeat(10)}（共 99901 个字符）"，不予读取`);
    for (const said of [r.stderr, zh.join('\n')]) expect(said.includes('\u0001') || said.includes('\u0002') || said.includes('\\u0001')).toBe(false);
  });

  it('100,000 columns', () => {
    const dir = tempDir();
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    writeFileSync(join(dir, 'wide.csv'), `${header}\n${ROW}\n`);
    expectCase(scoreWithOut(dir, 'wide.csv'), { code: 1, problems: ['wide.csv:1:1001: error: more than 1000 cells in one row'] });
  });

  it('a row of 100,000 cells under a good header', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'wide-row.csv'), `${H}\n${ROW}${',19'.repeat(100_000 - 11)}\n${ROW.replace('S001,张伟', 'S002,刘洋')}\n`);
    expectCase(scoreWithOut(dir, 'wide-row.csv'), {
      code: 1,
      problems: ['wide-row.csv:2:1001: error: more than 1000 cells in one row', COMMITTEE('wide-row.csv', 3, '2026-H1', LEADER_ONLY)],
      summary: '1 error, 1 warning; nothing was written',
    });
  });
});

describe('row accounting over the corpus', () => {
  // Every sheet: rows read = non-blank lines after the first (none when the bytes are not text), read = used + rejected.
  const NOT_TEXT = ['binary.csv', 'workbook.csv', 'not-text.csv', 'gbk-with-utf8-row-not-gbk.csv', 'utf16-bom.csv', 'utf16-no-bom.csv', 'utf8-with-gbk-row.csv', 'cut-short.csv'];
  const sheets = readdirSync(BAD).filter((f) => f.endsWith('.csv'));
  it.each(sheets)('%s', (file) => {
    const path = join(BAD, file);
    const { read, used, rejected } = readFiles([path]).counts;
    expect(used + rejected).toBe(read);
    const lines = readFileSync(path, 'utf8')
      .split(/\r\n|\r|\n/)
      .filter((l) => !/^[\s,]*$/.test(l));
    // A line break inside a quoted cell: one row over two lines.
    const inQuotes = file === 'control-character-late.csv' ? 1 : 0;
    expect(read).toBe(NOT_TEXT.includes(file) ? 0 : Math.max(lines.length - 1 - inQuotes, 0));
  });
});
