/**
 * The words of every problem the reading finds (core/problems.ts lists the kinds and what each
 * carries). `error:`/`warning:` and the place are added by the printer; these are the messages.
 */
import type { Formatter } from '../core/problems.js';
import type { Lang } from './index.js';

const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;
const SEMESTER_FORMS = '2026-H1, 2026H1, 2026-1, 2026上半年 or 2026下半年';

export const problemsEn: Formatter = {
  'not-text-utf16': () => 'the file is UTF-16 text (as some Excel versions save "Unicode Text"); save it as "CSV UTF-8" or "CSV" instead',
  'not-text-workbook': ([kind]) => `the file is an Excel workbook (${kind}), not CSV: in Excel choose Save As, "CSV UTF-8 (comma delimited)"`,
  'not-text-utf16-nobom': () => 'the file is UTF-16 text without a byte order mark (as some programs save "Unicode Text"); save it as "CSV UTF-8" or "CSV" instead',
  'not-text-nul': () => 'the file is not text (it holds NUL bytes); is it an .xlsx or another binary file? Save the sheet as CSV',
  'cut-short': () => 'the file ends in the middle of a character: was it cut short while copying or saving? Save it again',
  'mixed-encoding': ([byte]) =>
    `this line is not UTF-8 (byte ${hex(byte)}), but most of the file is: was it pasted from a GBK sheet? Save the whole sheet in one encoding ("CSV UTF-8"), or give --encoding gbk if the file is GBK`,
  'not-utf8': ([byte, gbk]) => `the file is not valid UTF-8 here (byte ${hex(byte)})${gbk ? '; it reads as GBK: leave out --encoding or give --encoding gbk' : ''}`,
  'not-gbk': () => 'the file is not valid GBK/GB18030 text; leave out --encoding to detect UTF-8',
  'neither-encoding': () => 'the file is neither UTF-8 nor GBK text; save the sheet as "CSV UTF-8"',
  'cannot-read': ([reason]) => `cannot read the file: ${reason}`,
  'quote-inside': () => 'a quote (") inside a cell that does not start with one; put the whole cell in quotes and double the inner quote ("")',
  'text-after-quote': () => 'text after the closing quote of a cell; a quote inside a quoted cell is written twice ("")',
  'unclosed-quote': () => 'a quoted cell is never closed: the quote (") opened here has no closing quote before the end of the file',
  'cell-too-long': ([limit]) => `a cell longer than ${limit} characters`,
  'too-many-cells': ([limit]) => `more than ${limit} cells in one row`,
  'control-character': ([code]) =>
    `a control character (\\u${code.toString(16).padStart(4, '0')}${CONTROL_NAMES[code] ? `, ${CONTROL_NAMES[code]}` : ''}) in this cell: a sheet holds text only; delete it`,
  'empty-file': () => 'the file is empty: a sheet needs a header row and at least one row of scores',
  'only-blank-rows': () => 'the file holds only blank rows: a sheet needs a header row and at least one row of scores',
  'no-rows': () => 'the sheet has a header but no rows of scores',
  'blank-sheet': ([missing]) => `the sheet is blank: none of its ${missing} scores is filled in (was it sent back untouched?); give --verbose to list each of them`,
  'separator-skipped': ([text]) => `"${text}" is Excel's separator line: skipped, the header is on the next line`,
  'separator-line': ([text, sep]) => `"${text}" is Excel's separator line, not a header: delete this line${sep ? ` and give --delimiter "${sep}"` : ''}`,
  'single-cell-header': ([name, delimiter, option]) => `the header is a single cell: the sheet seems to be separated by ${name}, not "${delimiter}"; give --delimiter ${option}`,
  'unnamed-column': ([column]) => `column ${column} has no header name; its cells are ignored`,
  'unknown-column': ([text, hint]) => `unknown column "${text}" is ignored${hint ? ` (did you mean "${hint}"?)` : ''}`,
  'repeated-column': ([text, prev, prevText, meaning]) => `column "${text}" repeats column ${prev} ("${prevText}"): both mean ${meaning}`,
  'no-staff-column': () => 'the header has no staff_id column (工号); it is needed to know whose scores a row holds',
  'incomplete-long-form': () => 'a long sheet needs both a method column (方法) and a score column (分数)',
  'mixed-forms': () => 'the header has both method columns and method/score columns; use one form per sheet',
  'no-score-columns': () => 'the header has no score columns: name them listen, see, check, test, ask (听 看 查 测 问), or use method and score columns',
  'repeated-header': ([line]) => `this row repeats the header of line ${line} (were two sheets joined into one file?); delete it`,
  'cell-count': ([cells, width, hint]) => `the row has ${cells} cells but the header has ${width}${hint}`,
  'blank-staff-id': ([name]) => `staff_id is blank${name ? ` (name ${name})` : ''}`,
  'blank-rater': ([who]) => `rater is blank ${who}`,
  'unknown-role': ([text, who]) => `unknown role "${text}" ${who}; roles are leader 组长, head-office 总公司办公室, center-office 中心办公室, student 学生代表`,
  'bad-semester': ([text, who]) => `semester "${text}" is not a semester ${who}; write it as ${SEMESTER_FORMS}`,
  'semester-disagrees': ([s, option, who]) => `semester ${s} disagrees with --semester ${option} ${who}`,
  'no-semester': ([hasColumn, who]) => `no semester for this row ${who}: ${hasColumn ? 'the semester cell is blank' : 'the sheet has no semester column'}; give --semester`,
  'blank-method': ([who]) => `method is blank ${who}`,
  'unknown-method': ([text, who]) => `unknown method "${text}" ${who}; methods are listen 听, see 看, check 查, test 测, ask 问`,
  'score-negative': ([t, method, who]) => `score ${t} for ${method} is negative ${who}`,
  'score-decimal-comma': ([said, method, fixed, who]) => `score "${said}" for ${method} is not a number (write a decimal point: ${fixed}) ${who}`,
  'score-thousands': ([said, method, max, who]) => `score "${said}" for ${method} has a thousands separator; scores for ${method} are at most ${max} ${who}`,
  'score-exponent': ([said, method, who]) => `score "${said}" for ${method} is in exponent notation; write a plain decimal number ${who}`,
  'score-not-number': ([said, method, who]) => `score "${said}" for ${method} is not a number ${who}`,
  'score-decimals': ([t, method, decimals, who]) => `score ${t} for ${method} has more than ${decimals} decimals ${who}`,
  'score-over-max': ([t, method, max, who]) => `score ${t} for ${method} exceeds the maximum ${max} ${who}`,
  'two-names': ([person, name, first], c) => `${c.personId(person)} has two names: "${c.nameText(name)}" here and "${c.nameText(first)}" at ${c.namePlace(person)}`,
  'two-posts': ([person, post, first, name], c) => `${c.personId(person)} ${name >= 0 ? c.nameText(name) : ''} has two posts: "${c.postText(post)}" here and "${c.postText(first)}" elsewhere`,
  'two-roles': ([rater, role, first, person, name], c) =>
    `rater ${c.raterText(rater)} has two roles: ${ROLE_IDS[role]} here and ${ROLE_IDS[first]} at ${c.rolePlace(rater)} (${c.personWho(person, name)})`,
  'scored-twice': ([m, cell, name], ctx) => `${METHOD_IDS[m]} is scored twice for ${ctx.cellWho(cell, name)}, rater ${ctx.cellRater(cell)}: here and at ${ctx.cellPlace(cell, m)}`,
  'roleless-restricted': ([rater, method, roles, who]) => `rater ${rater} has no role, but the policy gives ${method} only to ${roles}: add a role column (${who})`,
  'missing-score': ([method, rater, role, who]) => `no ${method} score from rater ${rater}${role ? ` (${role})` : ''} for ${who}; a missing score is never counted as zero`,
  'role-not-allowed': ([rater, role, method, roles, who]) => `rater ${rater} is ${role}, and the policy gives ${method} only to ${roles} (${who})`,
  'not-on-roster': ([who, semester, roster]) => `${who} is scored in ${semester} but is not on the roster ${roster}`.trim(),
  'roster-name': ([id, name, rosterName, where]) => `${id} is "${name}" here but "${rosterName}" on the roster (${where})`,
  'not-scored': ([id, name, semester]) => `${id} ${name} is on the roster but has no scores in ${semester}`,
  'roster-no-staff-column': () => 'the roster has no staff_id column (工号)',
  'roster-blank-id': () => 'staff_id is blank on the roster',
  'roster-twice': ([id, line]) => `${id} is on the roster twice (also line ${line})`,
  'other-year': ([semester, year, rows]) => `${semester} is not in --year ${year}: ${rows} row${rows === 1 ? '' : 's'} of ${semester} in this sheet ${rows === 1 ? 'is' : 'are'} ignored`,
  'one-semester-only': ([who, missing]) => `${who} has no scores in ${missing}: the year is incomplete, not decided`,
  'name-between-semesters': ([id, name, semester, other, otherSemester, where]) => `${id} is "${name}" in ${semester} but "${other}" in ${otherSemester} (${where})`,
};

const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 10: 'a line break', 13: 'a carriage return', 27: 'ESC, a terminal escape', 127: 'DEL' };
const METHOD_IDS = ['listen', 'see', 'check', 'test', 'ask'];
const ROLE_IDS = ['leader', 'head-office', 'center-office', 'student'];

export function problemWords(lang: Lang): Formatter {
  void lang;
  return problemsEn;
}
