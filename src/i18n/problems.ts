/**
 * The words of every problem the reading finds (core/problems.ts lists the kinds and what each
 * carries). `error:`/`warning:` and the place are added by the printer; these are the messages.
 */
import { unclip } from '../core/cells.js';
import type { Formatter, ProblemContext } from '../core/problems.js';
import { committeeDifferences } from '../core/committee-rules.js';
import { METHODS, ROLES } from '../core/types.js';
import { en } from './en.js';
import type { Lang } from './index.js';
import { reportWords } from './report.js';
import { semesterZh, zh } from './zh.js';

const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;
const SEMESTER_FORMS = '2026-H1, 2026H1, 2026-1, 2026上半年 or 2026下半年';
/** Of a staff id, rater or semester blank on half a sheet's rows or more. */
const AS_ABOVE = 'were the cells merged over several rows in Excel, or left blank to mean "as above"? A merged cell keeps its text in its first row only';
const moreRows = (more: number) => `${more} more ${more === 1 ? 'row' : 'rows'} of this sheet`;
/** The rest of a blank staff id's or rater's message: the sheet's other rows like it. */
const blankMoreEn = (more: number, asAbove: number) =>
  more > 0 ? `, and on ${moreRows(more)}${asAbove ? `: ${AS_ABOVE}; unmerge the cells and fill in every row` : ''}; give --verbose to list each of them` : '';

const wordsEn: Formatter = {
  'not-text-utf16': () => 'the file is UTF-16 text (as some Excel versions save "Unicode Text"); save it as "CSV UTF-8" or "CSV" instead',
  'not-text-workbook': ([kind]) => `the file is an Excel workbook (${kind}), not CSV: in Excel choose Save As, "CSV UTF-8 (comma delimited)"`,
  'not-text-utf16-nobom': () => 'the file is UTF-16 text without a byte order mark (as some programs save "Unicode Text"); save it as "CSV UTF-8" or "CSV" instead',
  'not-text-nul': () => 'the file is not text (it holds NUL bytes); is it an .xlsx or another binary file? Save the sheet as CSV',
  'cut-short': () => 'the file ends in the middle of a character: was it cut short while copying or saving? Save it again',
  'mixed-encoding': ([byte]) =>
    `this line is not UTF-8 (byte ${hex(byte)}), but most of the file is: was it pasted from a GBK sheet? Save the whole sheet in one encoding ("CSV UTF-8"), or give --encoding gbk if the file is GBK`,
  'utf8-lines-in-gbk': ([lines]) =>
    `this line is UTF-8 Chinese text (${lines === 1 ? 'the only such line' : `the first of ${lines} such lines`}), but the rest of the file is GBK, and it was read as GBK: if it was pasted from a UTF-8 sheet, its Chinese comes out as other characters. Save the whole sheet in one encoding ("CSV UTF-8"), or give --encoding gbk if the line is right as it is`,
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
  'no-header': ([line]) => `there is no header row below line ${line}: a sheet needs a header row and at least one row of scores`,
  'no-rows': () => 'the sheet has a header but no rows of scores',
  'blank-sheet': ([missing]) => `blank sheet: none of its ${missing} scores is filled in (was it sent back untouched?); give --verbose to list each of them`,
  'separator-skipped': ([text]) => `"${text}" is Excel's separator line: skipped, the header is on the next line`,
  'title-row': ([text]) => `"${text}" looks like the sheet's title, not its header: skipped, the header is read from the lines below`,
  'titles-only': ([first, line]) =>
    `lines ${first} to ${line} each hold one text and no column names: is this a scoring sheet? Its header row names the columns (staff_id, name, semester, rater, role, listen, see, check, test, ask)`,
  'separator-line': ([text, sep]) => `"${text}" is Excel's separator line, not a header: delete this line${sep ? ` and give --delimiter "${sep}"` : ''}`,
  'single-cell-header': ([sep, delimiter]) =>
    `the header is a single cell: the sheet seems to be separated by ${sep === '\t' ? 'tabs' : `"${sep}"`}, not "${delimiter}"; give --delimiter ${sep === '\t' ? 'tab' : `"${sep}"`}`,
  'fullwidth-separator': ([sep]) =>
    `the header is a single cell: the sheet is separated by full-width ${sep === '，' ? 'commas' : 'semicolons'} "${sep}", which no --delimiter reads; replace them with "," (Find and Replace in an editor) and read it again`,
  'unnamed-column': ([column, last]) =>
    last > column ? `columns ${column} to ${last} have no header name; their cells are ignored` : `column ${column} has no header name; its cells are ignored`,
  'unknown-column': ([text, hint]) => `unknown column "${text}" is ignored${hint ? ` (did you mean "${hint}"?)` : ''}`,
  'repeated-column': ([text, prev, prevText, meaning]) => `column "${text}" repeats column ${prev} ("${prevText}"): both mean ${meaning}`,
  'no-staff-column': () => 'the header has no staff_id column (工号); it is needed to know whose scores a row holds',
  'incomplete-long-form': () => 'a long sheet needs both a method column (方法) and a score column (分数)',
  'mixed-forms': () => 'the header has both method columns and method/score columns; use one form per sheet',
  'no-score-columns': () => 'the header has no score columns: name them listen, see, check, test, ask (听 看 查 测 问), or use method and score columns',
  'score-names-below': ([header, names]) =>
    `this row names score columns (${names.split('\u0000').join(', ')}) below the header of line ${header}: is the header two rows, as under a merged cell? Make it one row, each column's name in the column's own cell`,
  'report-as-sheet': () => 'this is a report written by evaluate score (rank, total and grade columns), not a scoring sheet: move it out of the sheets\' folder, or name the sheets one by one',
  'roster-as-sheet': () => 'this is a roster (staff_id, name and post columns, no scores), not a scoring sheet: a roster is given with --roster FILE, not among the sheets; move it out of the sheets\' folder, or name the sheets one by one',
  'repeated-header': ([line]) => `this row repeats the header of line ${line} (were two sheets joined into one file?); delete it`,
  'cell-count': ([cells, width, hint, cell, a, b, person, rater]) =>
    `the row has ${cells} cells but the header has ${width}${person ? ` ${whoEn(person, rater)}` : ''}${
      hint === 1
        ? `; cells ${cell} and ${cell + 1} ("${a}" and "${b}") may be one score written with a decimal comma: write ${a}.${b}, or put the cell in quotes`
        : hint === 2
          ? `; the extra cells at the end are empty: delete the separators (${a}) after cell ${cell}`
          : ''
    }`,
  'blank-staff-id': ([name, more, asAbove]) => `staff_id is blank${name ? ` (name ${name})` : ''}${blankMoreEn(more, asAbove)}`,
  'summary-row': ([text]) => `"${text}" is not a staff id: this looks like a row of totals, averages or notes, not a staff member's scores; delete the row`,
  'blank-rater': ([person, rater, more, asAbove]) => `rater is blank ${whoEn(person, rater)}${blankMoreEn(more, asAbove)}`,
  'unknown-role': ([text, person, rater]) => `unknown role "${text}" ${whoEn(person, rater)}; roles are leader 组长, head-office 总公司办公室, center-office 中心办公室, student 学生代表`,
  'bad-semester': ([text, person, rater, dateLike]) =>
    dateLike
      ? `semester "${text}" is not a semester ${whoEn(person, rater)}: it reads like a date; did Excel turn the cell into one? Format the column as text and write 2026-H1 or 2026上半年`
      : `semester "${text}" is not a semester ${whoEn(person, rater)}; write it as ${SEMESTER_FORMS}`,
  'semester-disagrees': ([s, option, person, rater, more]) =>
    `semester ${s} disagrees with --semester ${option} ${whoEn(person, rater)}${more > 0 ? `, and so do ${more} more ${more === 1 ? 'row' : 'rows'} of this sheet; give --verbose to list each of them` : ''}`,
  'no-semester': ([hasColumn, person, rater, more, asAbove]) =>
    `no semester for this row ${whoEn(person, rater)}${more > 0 ? `, nor for ${moreRows(more)}` : ''}: ${hasColumn ? `the semester cell is blank${asAbove ? ` (${AS_ABOVE})` : ''}` : 'the sheet has no semester column'}; give --semester${
      asAbove ? ', or unmerge the cells and fill in every row' : ''
    }${more > 0 ? '; give --verbose to list each of them' : ''}`,
  'blank-method': ([person, rater]) => `method is blank ${whoEn(person, rater)}`,
  'unknown-method': ([text, person, rater]) => `unknown method "${text}" ${whoEn(person, rater)}; methods are listen 听, see 看, check 查, test 测, ask 问`,
  'score-negative': ([t, method, person, rater]) => `score ${t} for ${method} is negative ${whoEn(person, rater)}`,
  'score-decimal-comma': ([said, method, fixed, person, rater]) => `score "${said}" for ${method} is not a number (write a decimal point: ${fixed}) ${whoEn(person, rater)}`,
  'score-thousands': ([said, method, max, person, rater]) => `score "${said}" for ${method} has a thousands separator; scores for ${method} are at most ${max} ${whoEn(person, rater)}`,
  'score-exponent': ([said, method, person, rater]) => `score "${said}" for ${method} is in exponent notation; write a plain decimal number ${whoEn(person, rater)}`,
  'score-unit': ([said, method, fixed, person, rater]) => `score "${said}" for ${method} is not a number (write the number alone: ${fixed}) ${whoEn(person, rater)}`,
  'score-not-number': ([said, method, person, rater]) => `score "${said}" for ${method} is not a number ${whoEn(person, rater)}`,
  'score-decimals': ([t, method, decimals, person, rater]) => `score ${t} for ${method} has more than ${decimals} decimals ${whoEn(person, rater)}`,
  'score-over-max': ([t, method, max, person, rater]) => `score ${t} for ${method} exceeds the maximum ${max} ${whoEn(person, rater)}`,
  'two-names': ([person, name, first], c) => `${c.personId(person)} has two names: "${c.nameText(name)}" here and "${c.nameText(first)}" at ${c.namePlace(person)}`,
  'two-posts': ([person, post, first, name], c) => `${c.personId(person)} ${name >= 0 ? c.nameText(name) : ''} has two posts: "${c.postText(post)}" here and "${c.postText(first)}" elsewhere`,
  'two-roles': ([rater, role, first, person, name], c) =>
    `rater ${c.raterText(rater)} has two roles: ${ROLES[role]} here and ${ROLES[first]} at ${c.rolePlace(rater)} (${c.personWho(person, name)})`,
  'scored-twice': ([methods, cell, name], ctx) => {
    const m = methodsOf(methods);
    const said = m.length === 1 ? `${m[0]} is` : `${m.slice(0, -1).join(', ')} and ${m[m.length - 1]} are`;
    return `${said} scored twice for ${ctx.cellWho(cell, name)}, rater ${ctx.cellRater(cell)}: here and at ${ctx.cellPlace(cell, firstOf(methods))}`;
  },
  'roleless-restricted': ([rater, method, roles, who]) => `rater ${rater} has no role, but the policy gives ${method} only to ${roles}: add a role column (${who})`,
  'missing-score': ([method, rater, role, who, sheet]) =>
    `no ${method} score from rater ${rater}${role ? ` (${role})` : ''} for ${who}${sheet ? ` (${sheet}, the ${method} sheet, has no row of theirs)` : ''}; a missing score is never counted as zero`,
  'role-not-allowed': ([rater, role, method, roles, who]) => `rater ${rater} is ${role}, and the policy gives ${method} only to ${roles} (${who})`,
  'not-on-roster': ([who, semester, roster, zeros]) =>
    `${`${who} is scored in ${semester} but is not on the roster ${roster}`.trim()}${zeros ? ` (the roster has ${zeros}: did a spreadsheet drop its leading zeros? Keep staff ids as text)` : ''}`,
  'roster-name': ([id, name, rosterName, where]) => `${id} is "${name}" here but "${rosterName}" on the roster (${where})`,
  'not-scored': ([id, name, semesters]) => `${id} ${name} is on the roster but has no scores in ${semesters.split('\u0000').join(' or ')}`,
  'roster-no-staff-column': () => 'the roster has no staff_id column (工号)',
  'roster-blank-id': () => 'staff_id is blank on the roster',
  'roster-twice': ([id, line]) => `${id} is on the roster twice (also line ${line})`,
  'sheet-twice': ([first]) => `the same file as ${first}, named before: read once`,
  'sheet-copy': ([first]) => `the same bytes as ${first} (a sheet saved again under another name?): only ${first} is read`,
  'sheet-repeats': ([other, rows]) =>
    `${rows === 1 ? 'its one row scores' : `every one of its ${rows} rows scores`} again what ${other} scores (the same people, rater and methods): is it the same sheet saved again (in another encoding, or by another program), or another rater's sheet whose rater column was left as it was? Give only one copy, or correct the rater`,
  'committee-differs': ([semester, ...found]) =>
    `the committee of ${semester} differs from the rules (1 leader, 1 head office, 1 center office, 2 student representatives): ${committeeParts(found, 'en').join('; ')}`,
  'raters-alike': ([raters, semester]) =>
    `the raters ${raters.split('\u0000').map((r) => `"${r}"`).join(' and ')} of ${semester} differ only in spaces or letter case: is one person's name typed two ways? They count as ${raters.split('\u0000').length} raters, each without the other's scores`,
  'zeros-dropped': ([groups, more, semester]) =>
    `staff ids of ${semester} that differ only in leading zeros: ${groups
      .split('\u0000')
      .map((g) => g.split('\u0001').join(' and '))
      .join('; ')}${more > 0 ? `; and ${more} more` : ''}. Did a spreadsheet read the ids as numbers and drop the zeros? Each id counts as a person of its own, with part of the scores; correct the ids in the sheet (keep the column as text so that the zeros stay)`,
  'fewer-raters': ([who, raters, semester, most, missing]) =>
    `${who} is scored by ${raters} rater${raters === 1 ? '' : 's'}, most people of ${semester} by ${most}${missing ? `: not by ${missing}` : ''}; is a row missing from a sheet, or the staff id typed differently?`,
  'other-year': ([semester, year, rows]) => `${semester} is not in --year ${year}: ${rows} row${rows === 1 ? '' : 's'} of ${semester} in this sheet ${rows === 1 ? 'is' : 'are'} ignored`,
  'one-semester-only': ([who, missing, alike]) =>
    `${who} has no scores in ${missing}: the year is incomplete, not decided${alike ? `. ${missing} scores ${alike}, an id that differs only in leading zeros: did a spreadsheet read the ids as numbers and drop the zeros? Correct the ids so that both semesters give one` : ''}`,
  'name-between-semesters': ([id, name, semester, other, otherSemester, where]) => `${id} is "${name}" in ${semester} but "${other}" in ${otherSemester} (${where})`,
};

const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 10: 'a line break', 13: 'a carriage return', 27: 'ESC, a terminal escape', 127: 'DEL' };
/** The methods of a mask (a bit each, listen 1), in the order of the sheets' columns. */
const methodsOf = (mask: number): string[] => METHODS.filter((_, k) => mask & (1 << k));
/** The first method of a mask (its lowest bit), whose cell a problem of several is placed at. */
const firstOf = (mask: number) => 31 - Math.clz32(mask & -mask);

const METHOD_ZH: Record<string, string> = zh.method;
const ROLE_ZH: Record<string, string> = zh.role;
const COLUMN_ZH: Record<string, string> = zh.sheetColumn;
const CONTROL_NAMES_ZH: Record<number, string> = { 0: 'NUL', 10: '换行符', 13: '回车符', 27: 'ESC，终端转义符', 127: 'DEL' };

/** A method as a zh message names it: “听”. An id this table does not know is shown as it is. */
const methodZh = (m: string) => `“${METHOD_ZH[m] ?? m}”`;
const roleZh = (r: string) => ROLE_ZH[r] ?? r;
/** `leader, student` (the policy's roles for a method, as the reader lists them) in words. */
const rolesZh = (list: string) => list.split(/,\s*/).filter(Boolean).map(roleZh).join('、');

/**
 * A row's person (staff id and name, as spelt) and rater, as the messages of a row's problems name
 * them: `(S001 张伟, rater 学生甲)`. Without them (a score typed in `evaluate enter`), nothing.
 */
export function whoEn(person?: string, rater?: string): string {
  if (person === undefined) return '';
  return `(${person}${rater ? `, rater ${rater}` : ''})`;
}

/** The same in Chinese: `（S001 张伟，评委 学生甲）`, or nothing when the row names neither. */
export function whoZh(person?: string, rater?: string): string {
  if (person === undefined) return '';
  const parts = [person, rater ? `评委 ${rater}` : ''].filter(Boolean);
  return parts.length ? `（${parts.join('，')}）` : '';
}

/**
 * The roles whose count of raters differs from the rules (core/committee-rules.ts), worded as the
 * report's signature section words them: `found` is the count per role (ROLES order), then of raters
 * without a role.
 */
function committeeParts(found: number[], lang: Lang): string[] {
  const rw = reportWords[lang];
  const role = (lang === 'zh' ? zh : en).role;
  return committeeDifferences((r) => found[ROLES.indexOf(r)]!, found[ROLES.length]!).map((d) => rw.composition.part(d.role === 'none' ? rw.composition.noRole : role[d.role], d.found, d.expected));
}

/** Why a file cannot be read, as the reader words it: the words for a system error code where it gives one. */
function reasonZh(reason: string): string {
  return REASONS_ZH[reason] ?? reason;
}
const REASONS_ZH: Record<string, string> = {
  ENOENT: '没有这个文件',
  EISDIR: '这是文件夹，不是文件',
  EACCES: '没有读取权限',
  EPERM: '没有读取权限',
  ELOOP: '这是一个绕成圈的符号链接',
  EIO: '磁盘读写出错',
};

const wordsZh: Formatter = {
  'not-text-utf16': () => '此文件是 UTF-16 文本（有些 Excel 版本另存“Unicode 文本”时如此）；请改为另存为“CSV UTF-8”或“CSV”',
  'not-text-workbook': ([kind]) => `此文件是 Excel 工作簿（${kind}），不是 CSV：请在 Excel 中“另存为”，文件类型选“CSV UTF-8（逗号分隔）”`,
  'not-text-utf16-nobom': () => '此文件是不带字节顺序标记的 UTF-16 文本（有些程序另存“Unicode 文本”时如此）；请改为另存为“CSV UTF-8”或“CSV”',
  'not-text-nul': () => '此文件不是文本（含有 NUL 字节），是 .xlsx 或其他二进制文件吗？请把评分表另存为 CSV',
  'cut-short': () => '文件在一个字符的中间结束：是否在复制或保存时被截断了？请重新保存',
  'mixed-encoding': ([byte]) =>
    `这一行不是 UTF-8（字节 ${hex(byte)}），而文件的其余部分大多是：是否从 GBK 表格粘贴而来？请把整张表按同一种编码保存（“CSV UTF-8”）；如果文件本身是 GBK，请加 --encoding gbk`,
  'utf8-lines-in-gbk': ([lines]) =>
    `这一行是 UTF-8 编码的中文（${lines === 1 ? '只有这一行' : `共 ${lines} 行，这是第一行`}），而文件其余部分是 GBK，本行也按 GBK 读取：如果它是从 UTF-8 表格粘贴来的，其中的中文会变成别的字。请把整张表按同一种编码保存（“CSV UTF-8”）；如果本行本来就没错，请加 --encoding gbk`,
  'not-utf8': ([byte, gbk]) => `文件此处不是有效的 UTF-8（字节 ${hex(byte)}）${gbk ? '；按 GBK 可以读通：去掉 --encoding，或改用 --encoding gbk' : ''}`,
  'not-gbk': () => '文件不是有效的 GBK/GB18030 文本；去掉 --encoding 即可自动识别 UTF-8',
  'neither-encoding': () => '文件既不是 UTF-8 也不是 GBK 文本；请把评分表另存为“CSV UTF-8”',
  'cannot-read': ([reason]) => `无法读取文件：${reasonZh(reason)}`,
  'quote-inside': () => '单元格中间有引号（"），而单元格不是以引号开头；请给整个单元格加上引号，并把其中的引号写两遍（""）',
  'text-after-quote': () => '单元格的结束引号后面还有文字；带引号的单元格中的引号要写两遍（""）',
  'unclosed-quote': () => '带引号的单元格没有结束：这里开始的引号（"）直到文件末尾都没有对应的结束引号',
  'cell-too-long': ([limit]) => `单元格超过 ${limit} 个字符`,
  'too-many-cells': ([limit]) => `一行超过 ${limit} 个单元格`,
  'control-character': ([code]) =>
    `此单元格中有控制字符（\\u${code.toString(16).padStart(4, '0')}${CONTROL_NAMES_ZH[code] ? `，${CONTROL_NAMES_ZH[code]}` : ''}）：评分表只能含文字，请删除`,
  'blank-sheet': ([missing]) => `空白评分表：它的 ${missing} 个分数一个也没有填（是不是原样退回了？）；加 --verbose 可逐条列出`,
  'empty-file': () => '文件是空的：评分表需要一行表头和至少一行评分',
  'only-blank-rows': () => '文件只有空行：评分表需要一行表头和至少一行评分',
  'no-header': ([line]) => `第 ${line} 行以下没有表头行：评分表需要一行表头和至少一行评分`,
  'no-rows': () => '评分表只有表头，没有评分行',
  'separator-skipped': ([text]) => `"${text}" 是 Excel 的分隔符说明行：已跳过，表头在下一行`,
  'title-row': ([text]) => `“${text}”像是表格的标题而不是表头：已跳过，表头从下面的行读取`,
  'titles-only': ([first, line]) => `第 ${first} 行到第 ${line} 行都只有一段文字，没有列名：这是评分表吗？评分表的表头一行写明各列（工号、姓名、学期、评委、角色、听、看、查、测、问）`,
  'separator-line': ([text, sep]) => `"${text}" 是 Excel 的分隔符说明行，不是表头：请删除这一行${sep ? `，并加上 --delimiter "${sep}"` : ''}`,
  'single-cell-header': ([sep, delimiter]) =>
    `表头只有一个单元格：这张表似乎是用${sep === '\t' ? '制表符' : ` "${sep}" `}分隔的，而不是 "${delimiter}"；请加上 --delimiter ${sep === '\t' ? 'tab（制表符）' : `"${sep}"`}`,
  'fullwidth-separator': ([sep]) =>
    `表头只有一个单元格：这张表是用全角${sep === '，' ? '逗号' : '分号'}“${sep}”分隔的，而 --delimiter 读不了全角符号；请在编辑器中用“查找和替换”把它们换成半角逗号“,”后再读取`,
  'unnamed-column': ([column, last]) => (last > column ? `第 ${column} 列到第 ${last} 列没有列名，这些列的内容不予读取` : `第 ${column} 列没有列名，该列的内容不予读取`),
  'unknown-column': ([text, hint]) => `不认识的列 "${text}"，不予读取${hint ? `（是不是想写 "${hint}"？）` : ''}`,
  'repeated-column': ([text, prev, prevText, meaning]) => `列 "${text}" 与第 ${prev} 列（"${prevText}"）重复：两者都表示“${COLUMN_ZH[meaning] ?? meaning}”`,
  'no-staff-column': () => '表头中没有工号列（staff_id）；没有它就不知道每一行是谁的评分',
  'incomplete-long-form': () => '一行一个分数的长表需要同时有“方法”列和“分数”列',
  'mixed-forms': () => '表头中既有听、看、查、测、问各列，又有“方法”和“分数”列；一张表只能用其中一种格式',
  'no-score-columns': () => '表头中没有评分列：请把各列命名为 听、看、查、测、问，或者用“方法”和“分数”两列',
  'score-names-below': ([header, names]) =>
    `此行在第 ${header} 行的表头下面写着评分列的名称（${names.split('\u0000').join('、')}）：表头是不是占了两行（例如上面有合并的单元格）？请把表头改成一行，每列的名称写在该列自己的格子里`,
  'report-as-sheet': () => '这是 evaluate score 写出的报表（有名次、总分、等级列），不是评分表：请把它移出评分表所在的文件夹，或逐个指定评分表',
  'roster-as-sheet': () => '这是花名册（只有工号、姓名、岗位列，没有评分），不是评分表：花名册用 --roster 文件 给出，不与评分表放在一起；请把它移出评分表所在的文件夹，或逐个指定评分表',
  'repeated-header': ([line]) => `这一行重复了第 ${line} 行的表头（是否把两张表拼进了一个文件？）；请删除这一行`,
  'cell-count': ([cells, width, hint, cell, a, b, person, rater]) =>
    `这一行有 ${cells} 个单元格，而表头有 ${width} 个${person ? whoZh(person, rater) : ''}${
      hint === 1
        ? `；第 ${cell} 和第 ${cell + 1} 个单元格（"${a}" 和 "${b}"）可能是一个用逗号作小数点的分数：请写成 ${a}.${b}，或给该单元格加上引号`
        : hint === 2
          ? `；末尾多出的单元格是空的：请删除第 ${cell} 个单元格之后的分隔符（${a}）`
          : ''
    }`,
  'blank-staff-id': ([name, more, asAbove]) => `工号为空${name ? `（姓名 ${name}）` : ''}${blankMoreZh(more, asAbove)}`,
  'summary-row': ([text]) => `"${text}" 不是工号：这一行像是合计、平均或备注行，不是员工的评分；请删除这一行`,
  'blank-rater': ([person, rater, more, asAbove]) => `评委为空${whoZh(person, rater)}${blankMoreZh(more, asAbove)}`,
  'unknown-role': ([text, person, rater]) => `不认识的角色 "${text}"${whoZh(person, rater)}；角色可以是 组长、总公司办公室、中心办公室、学生代表`,
  'bad-semester': ([text, person, rater, dateLike]) =>
    dateLike
      ? `"${text}" 不是学期${whoZh(person, rater)}：它像是日期，是否被 Excel 自动改成了日期？请把该列设为文本格式，写成 2026上半年 或 2026-H1`
      : `"${text}" 不是学期${whoZh(person, rater)}；请写成 ${SEMESTER_FORMS_ZH}`,
  'semester-disagrees': ([s, option, person, rater, more]) =>
    `学期 ${semesterZh(s)} 与 --semester ${option} 不一致${whoZh(person, rater)}${more > 0 ? `；本表中还有 ${more} 行也是如此，加 --verbose 可逐条列出` : ''}`,
  'no-semester': ([hasColumn, person, rater, more, asAbove]) =>
    `这一行没有学期${whoZh(person, rater)}${more > 0 ? `，本表另有 ${more} 行也没有` : ''}：${hasColumn ? `学期单元格为空${asAbove ? `（${AS_ABOVE_ZH}）` : ''}` : '评分表没有学期列'}；请用 --semester 指定${
      asAbove ? '，或取消合并，在每一行填上' : ''
    }${more > 0 ? '；加 --verbose 可逐条列出' : ''}`,
  'blank-method': ([person, rater]) => `方法为空${whoZh(person, rater)}`,
  'unknown-method': ([text, person, rater]) => `不认识的方法 "${text}"${whoZh(person, rater)}；方法只能是 听、看、查、测、问`,
  'score-negative': ([t, method, person, rater]) => `${methodZh(method)}的评分 ${t} 是负数${whoZh(person, rater)}`,
  'score-decimal-comma': ([said, method, fixed, person, rater]) => `${methodZh(method)}的评分 "${said}" 不是数字（小数点请用“.”：${fixed}）${whoZh(person, rater)}`,
  'score-thousands': ([said, method, max, person, rater]) => `${methodZh(method)}的评分 "${said}" 带有千位分隔符；${methodZh(method)}的评分最高为 ${max}${whoZh(person, rater)}`,
  'score-exponent': ([said, method, person, rater]) => `${methodZh(method)}的评分 "${said}" 是科学计数法；请写成普通的小数${whoZh(person, rater)}`,
  'score-unit': ([said, method, fixed, person, rater]) => `${methodZh(method)}的评分 "${said}" 不是数字（只写数字，不带单位：${fixed}）${whoZh(person, rater)}`,
  'score-not-number': ([said, method, person, rater]) => `${methodZh(method)}的评分 "${said}" 不是数字${whoZh(person, rater)}`,
  'score-decimals': ([t, method, decimals, person, rater]) => `${methodZh(method)}的评分 ${t} 超过 ${decimals} 位小数${whoZh(person, rater)}`,
  'score-over-max': ([t, method, max, person, rater]) => `${methodZh(method)}的评分 ${t} 超过满分 ${max}${whoZh(person, rater)}`,
  'two-names': ([person, name, first], c) => `${c.personId(person)} 有两个姓名：这里是 "${c.nameText(name)}"，${c.namePlace(person)} 是 "${c.nameText(first)}"`,
  'two-posts': ([person, post, first, name], c) =>
    `${c.personId(person)}${name >= 0 ? ` ${c.nameText(name)}` : ''} 有两个岗位：这里是 "${c.postText(post)}"，别处是 "${c.postText(first)}"`,
  'two-roles': ([rater, role, first, person, name], c) =>
    `评委 ${zh.rater(c.raterText(rater))} 有两个角色：这里是${roleZh(ROLES[role]!)}，${c.rolePlace(rater)} 是${roleZh(ROLES[first]!)}（${c.personWho(person, name)}）`,
  'scored-twice': ([methods, cell, name], ctx) => {
    const m = methodsOf(methods);
    return `评委 ${zh.rater(ctx.cellRater(cell))} 给 ${ctx.cellWho(cell, name)} 的${m.map(methodZh).join('、')}评了两次：这里和 ${ctx.cellPlace(cell, firstOf(methods))}`;
  },
  'roleless-restricted': ([rater, method, roles, who]) =>
    `评委 ${zh.rater(rater)} 没有角色，而考评办法规定${methodZh(method)}只由${rolesZh(roles)}评分：请加上角色列（${who}）`,
  'missing-score': ([method, rater, role, who, sheet]) =>
    `评委 ${zh.rater(rater)}${role ? `（${roleZh(role)}）` : ' '}没有给 ${who} 评${methodZh(method)}${sheet ? `（${methodZh(method)}的评分表 ${sheet} 中没有这一行）` : ''}；缺少的评分不会按零分计算`,
  'role-not-allowed': ([rater, role, method, roles, who]) =>
    `评委 ${zh.rater(rater)} 是${roleZh(role)}，而考评办法规定${methodZh(method)}只由${rolesZh(roles)}评分（${who}）`,
  'not-on-roster': ([who, semester, roster, zeros]) =>
    `${who} 在 ${semesterZh(semester)} 有评分，但不在花名册${roster ? ` ${roster} ` : ''}上${zeros ? `（花名册上有 ${zeros}：是否被电子表格去掉了开头的 0？请把工号设为文本格式）` : ''}`,
  'roster-name': ([id, name, rosterName, where]) => `${id} 在这里叫 "${name}"，在花名册上叫 "${rosterName}"（${where}）`,
  'not-scored': ([id, name, semesters]) => {
    const list = semesters.split('\u0000').map(semesterZh);
    return `${id}${name ? ` ${name}` : ''} 在花名册上，但 ${list.join('和')} ${list.length > 1 ? '都' : ''}没有评分`;
  },
  'roster-no-staff-column': () => '花名册没有工号列（staff_id）',
  'roster-blank-id': () => '花名册上的工号为空',
  'roster-twice': ([id, line]) => `${id} 在花名册上出现了两次（另见第 ${line} 行）`,
  'sheet-twice': ([first]) => `与前面给出的 ${first} 是同一个文件：只读取一次`,
  'sheet-copy': ([first]) => `内容与 ${first} 完全相同（是否把同一张表另存了一份？）：只读取 ${first}`,
  'sheet-repeats': ([other, rows]) =>
    `本表${rows === 1 ? '唯一的 1 行' : `全部 ${rows} 行`}都与 ${other} 重复（同样的人、同一位评委、同样的考评方式）：是否同一张评分表又另存了一份（换了编码或用别的程序保存），或是另一位评委的表而评委一栏没有改？前者请只给出其中一份，后者请改正评委`,
  'committee-differs': ([semester, ...found]) =>
    `${semesterZh(semester)}考评小组组成与规定（组长 1 人、总公司办公室 1 人、中心办公室 1 人、学生代表 2 人）不同：${committeeParts(found, 'zh').join('；')}`,
  'raters-alike': ([raters, semester]) =>
    `${semesterZh(semester)}的评委 ${raters.split('\u0000').map((r) => `“${r}”`).join('与')} 只差空格或大小写：是否同一个人的名字写成了不同的样子？目前按 ${raters.split('\u0000').length} 位评委计算，各自缺少对方的评分`,
  'zeros-dropped': ([groups, more, semester]) =>
    `${semesterZh(semester)}有工号只差开头的 0：${groups
      .split('\u0000')
      .map((g) => g.split('\u0001').join(' 与 '))
      .join('；')}${more > 0 ? `；另有 ${more} 组` : ''}。是否电子表格把工号当作数字读入，去掉了开头的 0？目前每个工号各算一人，各自只有部分评分；请在表中改正工号（把这一列设为文本格式，0 才不会被去掉）`,
  'fewer-raters': ([who, raters, semester, most, missing]) =>
    `${who} 只有 ${raters} 位评委评分，${semesterZh(semester)}多数人有 ${most} 位${missing ? `：${missing.split(', ').map(zh.rater).join('、')} 没有给其评分` : ''}；是否漏了一行，或者工号输错了？`,
  'other-year': ([semester, year, rows]) => `${semesterZh(semester)} 不属于 --year ${year}：此表中 ${semesterZh(semester)} 的 ${rows} 行不予计入`,
  'one-semester-only': ([who, missing, alike]) =>
    `${who} 在 ${semesterZh(missing)} 没有评分：该年度不完整，暂不作年度结论${alike ? `。${semesterZh(missing)}有 ${alike}，工号只差开头的 0：是否电子表格把工号当作数字读入，去掉了开头的 0？请改正工号，使两个学期一致` : ''}`,
  'name-between-semesters': ([id, name, semester, other, otherSemester, where]) =>
    `${id} 在 ${semesterZh(semester)} 叫 "${name}"，在 ${semesterZh(otherSemester)} 叫 "${other}"（${where}）`,
};

const SEMESTER_FORMS_ZH = '2026-H1、2026H1、2026-1、2026上半年 或 2026下半年';
const AS_ABOVE_ZH = '是否在 Excel 中把这些单元格合并了，或留空表示“同上”？合并的单元格只在第一行保留内容';
const blankMoreZh = (more: number, asAbove: number) =>
  more > 0 ? `，本表另有 ${more} 行也是如此${asAbove ? `：${AS_ABOVE_ZH}；请取消合并，在每一行填上` : ''}；加 --verbose 可逐条列出` : '';

/** Each message with the lengths of clipped texts (core/cells.ts `clip`) worded. */
function withClips(words: Formatter, suffix: (characters: number) => string): Formatter {
  const out: Record<string, (a: never, c: ProblemContext) => string> = {};
  for (const [kind, f] of Object.entries(words) as [string, (a: never, c: ProblemContext) => string][]) out[kind] = (a, c) => unclip(f(a, c), suffix);
  return out as unknown as Formatter;
}

export const problemsEn: Formatter = withClips(wordsEn, en.clipped);
export const problemsZh: Formatter = withClips(wordsZh, zh.clipped);

export function problemWords(lang: Lang): Formatter {
  return lang === 'zh' ? problemsZh : problemsEn;
}
