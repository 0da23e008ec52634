/** The words of `init`, `template` and `enter`, English and Chinese; the type holds both to the same keys. */
import type { Aggregation } from '../core/policy.js';
import type { InvalidReason } from '../core/entry.js';
import type { Method, Role } from '../core/types.js';

type Reason = InvalidReason | 'not-whole' | 'too-small';

/** The numbers a setup question takes, as its messages word them (from the range it checks with). */
interface RangeText {
  min: string;
  max: string;
  /** The minimum itself is refused. */
  aboveMin: boolean;
  whole: boolean;
}

/** "a number greater than 0 and at most 100", "a whole number from 0 to 3650". */
function rangeEn(r: RangeText): string {
  return `a ${r.whole ? 'whole ' : ''}number ${r.aboveMin ? `greater than ${r.min} and at most ${r.max}` : `from ${r.min} to ${r.max}`}`;
}

/** "大于 0 且不超过 100 的数", " 0 到 3650 之间的整数" (a leading space before a digit, after 请输入). */
function rangeZh(r: RangeText): string {
  const what = r.whole ? '整数' : '数';
  return r.aboveMin ? `大于 ${r.min} 且不超过 ${r.max} 的${what}` : ` ${r.min} 到 ${r.max} 之间的${what}`;
}

/** The keys the select prompt names in its help line, by the words it uses for them. */
type KeyAction = 'navigate' | 'select';

const en = {
  method: { listen: 'listen', see: 'see', check: 'check', test: 'test', ask: 'ask' } as Record<Method, string>,
  role: { leader: 'leader', 'head-office': 'head office', 'center-office': 'center office', student: 'student' } as Record<Role, string>,
  needTerminal: (command: string, instead: string) =>
    `evaluate ${command} asks questions and needs a terminal, but standard input or output is not one; ${instead}`,
  initInstead: 'add --yes to write the built-in rules without asking',

  // the prompt library's own words
  prompt: {
    yes: 'Yes',
    no: 'No',
    yesNoError: (yes: string, no: string) => `You must answer with "${yes}" or "${no}"`,
    keys: { navigate: 'navigate', select: 'select' } as Record<KeyAction, string>,
    disabled: 'This option is disabled and cannot be selected.',
  },
  enterInstead: 'to load scores from a file, fill in the sheets from "evaluate template" and run "evaluate score"',

  // enter
  intro: (rater: string, role: string, semester: string, staff: number) => `Scores of ${rater} (${role}) for ${semester}: ${staff} staff.`,
  /** Before the methods, each as typed (0 to its scale) and, where the policy scales it, what it counts for. */
  methodsLabel: 'Methods: ',
  methodRange: (method: string, scale: string, counts: string | null) => `${method} 0-${scale}${counts === null ? '' : ` (counts as 0-${counts})`}`,
  /** Between the items of a list the session prints. */
  savedTo: (file: string) => `Each confirmed person is saved to ${file} at once.`,
  resumed: (saved: number, staff: number) => `Continuing: ${saved} of ${staff} are already in the sheet.`,
  // Two lines: one would be over 80 columns, and a terminal breaks it inside a word.
  keys: 'Type a score and press Enter. b = back, s = skip for now,\nCtrl-C = stop (everyone saved stays saved).',
  person: (pos: number, of: number, id: string, name: string, post: string) => `[${pos}/${of}] ${id} ${name}${post ? ` · ${post}` : ''}`,
  savedBefore: 'already saved; Enter keeps a score, type another to change it',
  question: (method: string, max: string, counts: string | null) => `${method} (0-${max}${counts === null ? '' : `, counts as 0-${counts}`})`,
  total: 'total',
  totalSoFar: 'total so far',
  back: 'back',
  skip: 'skip',
  invalid: (reason: Reason, text: string, method: string, max: string) => {
    switch (reason) {
      case 'empty':
        return `type the ${method} score (0-${max}), b to go back or s to skip`;
      case 'negative':
        return `${text} is negative: a ${method} score is from 0 to ${max}`;
      case 'over-max':
        return `${text} is above the maximum: a ${method} score is from 0 to ${max}`;
      case 'decimals':
        return `${text} has more than 6 decimals`;
      case 'decimal-comma':
        return `"${text}" is not a number: write a decimal point: ${text.replace(/[,，。]/, '.')}`;
      default:
        return `"${text}" is not a number: type the ${method} score (0-${max}), b to go back or s to skip`;
    }
  },
  confirmSave: (id: string, name: string, parts: string, total: string) => `Save ${id} ${name}: ${parts} = ${total}?`,
  saved: (id: string, name: string, count: number, of: number) => `  saved ${id} ${name} (${count} of ${of} in the sheet)`,
  backTo: (id: string, name: string) => `Back to ${id} ${name}:`,
  nothingBefore: 'There is nobody before this person.',
  skipped: (id: string, name: string) => `  skipped ${id} ${name} for now; it comes back after the last one`,
  /** Before the list of the staff skipped, as they come back. */
  comeBack: 'Coming back to the staff skipped: ',
  summaryTitle: (saved: number, of: number, semester: string, rater: string) => `Summary: ${saved} of ${of} saved for ${semester}, rater ${rater}`,
  status: { saved: 'saved', skipped: 'skipped', missing: 'not typed' },
  statusHead: 'Status',
  summaryQuestion: 'All correct?',
  finishChoice: (missing: number) => (missing === 0 ? 'Yes, finish' : `Finish now (${missing} not typed: run again to add them)`),
  enterChoice: (id: string, name: string, status: string) => `Type ${id} ${name} (${status})`,
  correctChoice: (id: string, name: string, total: string) => `Correct ${id} ${name} (${total})`,
  done: (saved: number, of: number, file: string) => `Done: ${saved} of ${of} staff in ${file}.`,
  doneNothing: (file: string, existed: boolean) => `Done: nobody was saved, ${existed ? `${file} is as it was` : `and ${file} was not written`}.`,
  /** Before the list of the staff not typed (the list is broken into lines between names). */
  doneMissing: 'Not typed yet: ',
  doneMissingAgain: 'Run the same command again to add them.',
  stopped: (saved: number, of: number, file: string) => `Stopped. ${saved} of ${of} staff are saved in ${file}`,
  stoppedNothing: (file: string, existed: boolean) => `Stopped before anyone was saved: ${existed ? `${file} is as it was` : `${file} was not written`}`,
  stoppedLost: (id: string, name: string) => `; ${id} ${name} was being typed and is not saved`,
  stoppedResume: 'Run the same command again to continue where you stopped.',
  period: '.',
  unknownRole: (role: string) => `unknown --role "${role}": use leader, head-office, center-office or student (组长, 总公司办公室, 中心办公室, 学生代表)`,
  blankRater: '--rater is blank: give the rater\'s name as the sheets write it',
  noMethod: (role: string) => `the policy gives no method to the role ${role}: there is nothing to type`,
  sheetIsFolder: (out: string) => `--out ${out} is a folder; give the sheet's file name`,
  cannotReadSheet: (out: string, reason: string) => `cannot read the sheet --out ${out} to continue it: ${reason}`,
  /** The sheet changed on disk since this session last read or wrote it: nothing is overwritten. */
  changedElsewhere: (out: string, who: string, values: string) =>
    `${out} was changed by another program while you were typing (another evaluate enter, an editor, Excel): ${who} is not saved (${values}), and the file is left as it is. Run the same command again: it continues from what the file holds now`,
  sheetNotFile: (out: string) => `--out ${out} is not a file (a device or a pipe); the sheet is read and written back: give a file name`,
  emptyRoster: (roster: string) => `the roster ${roster} has nobody on it`,
  /** After the reading's own words for a name the roster spells otherwise. */
  rosterNameKept: (id: string) => `; the row is kept as it is: fix the name, or save ${id} again from the summary to write the roster's name`,
  notOnRoster: (id: string, roster: string) => `${id} is not on the roster ${roster}; the row is kept as it is`,
  newRater: (rater: string, found: string[]) =>
    `the sheet has no rater ${rater}: the raters found are ${found.join(', ')}; ${rater} would be added as a new rater (Ctrl-C to stop)`,
  /** A blank template's rows, named by the role (组长), taken as the rater's. */
  placeholderTaken: (placeholder: string, rater: string) =>
    `the sheet is a blank template whose rater is "${placeholder}": its rows are taken as ${rater}'s (the rater cells say ${rater} once a score is saved)`,
  cannotContinue: (lacking: string[]) =>
    `this sheet cannot be continued by evaluate enter: ${lacking.length > 0 ? `it has no ${lacking.join(', ')} column` : 'it holds one score a row (method, score)'}; give another --out`,
  rowCells: (cells: number, header: number) => `the row has ${cells} cells but the header has ${header}`,
  secondRow: (id: string, rater: string, semester: string, first: number) =>
    `${id} has a second row for rater ${rater} in ${semester} (the first is line ${first}); delete one of them`,
  otherRole: (rater: string, written: string, role: string, who: string) => `rater ${rater} is "${written}" here, but --role is ${role} ${who}`,
  who: (id: string, rater: string) => `(${id}, rater ${rater})`,

  // init
  initExists: (file: string) => `${file} exists. Replace it?`,
  initKept: (file: string) => `Kept ${file}; nothing was written.`,
  initIntro: (file: string) =>
    `Setting up the evaluation policy for ${file}. Each question shows the rules' value: press Enter to keep it.\nType b to go back one question.`,
  initIntroFrom: (file: string, from: string) =>
    `Setting up the evaluation policy for ${file}.\nEach question shows the value in ${from}: press Enter to keep it.\nType b to go back one question.`,
  initExistingBad: (file: string) => `${file} cannot be read as a policy (above): the questions show the built-in rules instead.`,
  initIsFolder: (out: string) => `--out ${out} is a folder; give the policy file's name`,
  initExistsYes: (out: string) => `${out} already exists; add --force to replace it`,
  backChoice: '← back to the previous question',
  nothingBeforeInit: 'This is the first question.',
  trimWarning: (n: number, size: number) =>
    `warning: a committee has ${size} members (leader, head office, center office, 2 students): with trimMinScores ${n} the highest and lowest scores are never dropped, and trimmed is the plain mean. Press Enter to keep ${n}, or type another number.`,
  panelKeep: 'No, keep them',
  panelChange: 'Yes, change them',
  writeYes: 'Yes, write it',
  writeNo: 'No, quit without writing anything',
  maxQuestion: (method: string) => `Maximum score of ${method}`,
  maxLastQuestion: (method: string, rest: string) => `Maximum score of ${method} (the rest to 100: ${rest})`,
  maxLeavesNothing: (sum: string) => `that makes ${sum} so far and leaves nothing for the methods after it; the maxima add up to 100`,
  maxMustBe: (rest: string, sum: string) => `must be ${rest}, so that the maxima add up to 100 (now ${sum})`,
  aggregationQuestion: 'How are the raters\' scores of one method combined?',
  /** Between the items of a list, and around a note, in the policy's summary. */
  sep: ', ',
  note: (text: string) => ` (${text})`,
  /** The aggregation in the policy's summary. */
  aggregationName: { mean: 'mean', trimmed: 'trimmed', median: 'median', weighted: 'weighted' } as Record<Aggregation, string>,
  aggregation: {
    mean: 'mean: the average of all raters',
    trimmed: 'trimmed: drop the highest and the lowest score, then the average',
    median: 'median: the middle score',
    weighted: 'weighted: the average weighted by role',
  } as Record<Aggregation, string>,
  trimQuestion: 'Drop the highest and lowest only with at least this many scores',
  weightQuestion: (role: string) => `Weight of the ${role}`,
  amountQuestion: {
    excellent: 'Reward for an excellent semester (CNY; empty or - = not set)',
    good: 'Reward for a good semester (CNY; empty or - = not set)',
    annualBonus: 'Annual bonus for excellent in both semesters (CNY; empty or - = not set)',
    penalty: 'Penalty for an unqualified semester (CNY; empty or - = not set)',
  },
  daysQuestion: 'Days allowed for rectification after the evaluation date (June 30 / December 31)',
  panelQuestion: (now: string) => `Change the thresholds of "evaluate panel" (${now})?`,
  panelField: {
    leniency: 'Leniency (points of total) beyond which a rater is flagged lenient or severe',
    outlierSd: 'A score is an outlier when it is more than this many standard deviations from the other raters\' median',
    outlierPoints: '...and more than this many points from it',
    identicalShare: 'Share of staff given identical scores above which a rater is flagged (above 0, at most 1)',
    spread: 'Spread of one person\'s rater totals above which it is flagged',
  },
  numberError: (reason: Reason, range: RangeText) => {
    const r = rangeEn(range);
    switch (reason) {
      case 'empty':
        return `type ${r}`;
      case 'not-whole':
        return `not a whole number: type ${r}`;
      case 'decimals':
        return 'at most 6 decimals';
      case 'decimal-comma':
        return `not a number: write a decimal point, not a comma (${r})`;
      case 'not-number':
        return `not a number: type ${r}`;
      default:
        return `out of range: type ${r}`;
    }
  },
  policyTitle: (file: string) => `The policy for ${file}:`,
  writeQuestion: (file: string) => `Write ${file}?`,
  wrote: (file: string) => `Wrote ${file}.`,
  wroteDefaults: (file: string) => `Wrote ${file}: the built-in rules (edit it, or run "evaluate init" to answer the questions).`,
  notWritten: 'Nothing was written.',
  initStopped: 'Stopped; nothing was written.',

  // the policy as init shows it
  policyLabel: {
    methods: 'Methods (maximum)',
    aggregation: 'Aggregation',
    grades: 'Grades',
    rewards: 'Rewards (CNY)',
    penalty: 'Penalty (CNY)',
    panel: 'Panel thresholds',
  },
  notSet: 'not set',
  annualBonus: 'annual bonus',
  gradeWord: { excellent: 'excellent', good: 'good', qualified: 'qualified' },
  rounding: (precision: number) => `on the total rounded to ${precision} decimal${precision === 1 ? '' : 's'}`,
  trimmedFrom: (n: number) => `with at least ${n} scores`,
  weights: 'weights',
  rectifyWithin: (days: number) => `rectification within ${days} days`,
  panelLine: (p: { leniency: number; outlierSd: number; outlierPoints: number; identicalShare: number; spread: number }) =>
    `leniency ${p.leniency}, outlier ${p.outlierSd} SD and ${p.outlierPoints} points, identical share ${p.identicalShare}, spread ${p.spread}`,

  // template
  defaultRaters: [
    ['leader', 'leader'],
    ['head-office', 'head-office'],
    ['center-office', 'center-office'],
    ['student-1', 'student'],
    ['student-2', 'student'],
  ] as [string, Role][],
  templateWrote: (sheets: number, semester: string, staff: number, dir: string) =>
    `Wrote ${sheets} blank sheet${sheets === 1 ? '' : 's'} for ${semester} (${staff} staff each) in ${dir}. Fill in the scores, then run: evaluate score ${dir}`,
  templateOutIsFile: (out: string) => `--out ${out} is a file; give a folder`,
  templateSamePath: (a: string, b: string, path: string) => `raters ${a} and ${b} would both be written to ${path}; give them different names`,
  templateExists: (paths: string[]) => `${paths.join(', ')} already exist${paths.length === 1 ? 's' : ''}; add --force to replace ${paths.length === 1 ? 'it' : 'them'}`,
  templateOtherNames: (paths: string[]) =>
    `${paths.join(', ')}: the folder already holds this semester's blank sheets under the other language's names; a second set would be read as five more raters. Keep one set: remove these, or run with the --lang they were made in`,
  ratersNotPair: (part: string) => `--raters: "${part}" is not NAME:ROLE (for example 王主任:leader,学生甲:student)`,
  ratersRole: (role: string, name: string) => `--raters: unknown role "${role}" for ${name}; use leader, head-office, center-office or student`,
  ratersTwice: (name: string) => `--raters names ${name} twice`,
  ratersEmpty: '--raters is empty: give NAME:ROLE,...',
};

export type InteractiveWords = typeof en;

const zh: InteractiveWords = {
  method: { listen: '听', see: '看', check: '查', test: '测', ask: '问' },
  role: { leader: '组长', 'head-office': '总公司办公室', 'center-office': '中心办公室', student: '学生代表' },
  needTerminal: (command: string, instead: string) => `evaluate ${command} 需要逐项提问，须在终端中运行，但标准输入或输出不是终端；${instead}`,
  initInstead: '加 --yes 可不提问、直接写入内置规则',

  prompt: {
    yes: '是',
    no: '否',
    yesNoError: () => '请回答"是"或"否"（也可输入 y 或 n）',
    keys: { navigate: '移动', select: '选择' },
    disabled: '此项不可选。',
  },
  enterInstead: '若分数已在文件中，请填写 "evaluate template" 生成的表格后运行 "evaluate score"',

  intro: (rater, role, semester, staff) => `评委 ${rater}（${role}）· ${semester}：共 ${staff} 人。`,
  methodsLabel: '考评方式：',
  methodRange: (method, scale, counts) => `${method} 0-${scale}${counts === null ? '' : `（折合 0-${counts} 分）`}`,
  savedTo: (file) => `每确认一人即保存到 ${file}。`,
  resumed: (saved, staff) => `继续录入：${staff} 人中已有 ${saved} 人在表中。`,
  keys: '输入分数后按回车。b = 返回上一步，s = 暂时跳过，\nCtrl-C = 停止（已保存的不会丢失）。',
  person: (pos, of, id, name, post) => `[${pos}/${of}] ${id} ${name}${post ? ` · ${post}` : ''}`,
  savedBefore: '已保存；按回车保留原分数，输入新分数即修改',
  question: (method, max, counts) => `${method}（0-${max}${counts === null ? '' : `，折合 0-${counts} 分`}）`,
  total: '合计',
  totalSoFar: '已计',
  back: '返回',
  skip: '跳过',
  invalid: (reason, text, method, max) => {
    switch (reason) {
      case 'empty':
        return `请输入"${method}"的分数（0-${max}），b 返回，s 跳过`;
      case 'negative':
        return `${text} 是负数："${method}"的分数在 0 到 ${max} 之间`;
      case 'over-max':
        return `${text} 超过满分："${method}"的分数在 0 到 ${max} 之间`;
      case 'decimals':
        return `${text} 的小数超过 6 位`;
      case 'decimal-comma':
        return `"${text}" 不是数字：小数请用小数点，写作 ${text.replace(/[,，。]/, '.')}`;
      default:
        return `"${text}" 不是数字：请输入"${method}"的分数（0-${max}），b 返回，s 跳过`;
    }
  },
  confirmSave: (id, name, parts, total) => `保存 ${id} ${name}：${parts} = ${total}？`,
  saved: (id, name, count, of) => `  已保存 ${id} ${name}（表中 ${count}/${of} 人）`,
  backTo: (id, name) => `返回 ${id} ${name}：`,
  nothingBefore: '前面没有人了。',
  skipped: (id, name) => `  暂时跳过 ${id} ${name}，最后一人之后再回来`,
  comeBack: '回到跳过的人：',
  summaryTitle: (saved, of, semester, rater) => `汇总：${semester} 评委 ${rater}，${of} 人中已保存 ${saved} 人`,
  status: { saved: '已保存', skipped: '已跳过', missing: '未录入' },
  statusHead: '状态',
  summaryQuestion: '全部无误？',
  finishChoice: (missing) => (missing === 0 ? '无误，结束' : `现在结束（${missing} 人未录入，再次运行本命令可补录）`),
  enterChoice: (id, name, status) => `录入 ${id} ${name}（${status}）`,
  correctChoice: (id, name, total) => `修改 ${id} ${name}（${total}）`,
  done: (saved, of, file) => `完成：${of} 人中 ${saved} 人已保存在 ${file}。`,
  doneNothing: (file, existed) => `完成：没有保存任何人，${existed ? `${file} 保持原样` : `未写入 ${file}`}。`,
  doneMissing: '尚未录入：',
  doneMissingAgain: '再次运行同一命令即可补录。',
  stopped: (saved, of, file) => `已停止。${of} 人中 ${saved} 人已保存在 ${file}`,
  stoppedNothing: (file, existed) => `已停止，没有保存任何人：${existed ? `${file} 保持原样` : `未写入 ${file}`}`,
  stoppedLost: (id, name) => `；正在录入的 ${id} ${name} 未保存`,
  stoppedResume: '再次运行同一命令即可从停下的地方继续。',
  period: '。',
  unknownRole: (role) => `未知的 --role "${role}"：请用 组长、总公司办公室、中心办公室、学生代表（或 leader、head-office、center-office、student）`,
  blankRater: '--rater 是空的：请按评分表上的写法给出评委姓名',
  noMethod: (role) => `考评规则没有给角色 ${role} 分配任何考评方式：没有需要录入的分数`,
  sheetIsFolder: (out) => `--out ${out} 是文件夹；请给出评分表的文件名`,
  cannotReadSheet: (out, reason) => `无法读取要接着录入的评分表 --out ${out}：${reason}`,
  changedElsewhere: (out, who, values) =>
    `录入期间 ${out} 被其他程序改动过（另一个 evaluate enter、编辑器或 Excel）：${who} 未保存（${values}），文件保持原样。请重新运行同一条命令，将从文件现有的内容接着录入`,
  sheetNotFile: (out) => `--out ${out} 不是文件（而是设备或管道）；评分表要读出再写回：请给出文件名`,
  emptyRoster: (roster) => `名单 ${roster} 中没有任何人`,
  rosterNameKept: (id) => `；该行保持原样：请改正姓名，或在汇总中重新保存 ${id}，写入花名册上的姓名`,
  notOnRoster: (id, roster) => `${id} 不在名单 ${roster} 中；该行保持原样`,
  newRater: (rater, found) => `评分表中没有评委 ${rater}：表中的评委是 ${found.join('、')}；将把 ${rater} 作为新评委添加（按 Ctrl-C 停止）`,
  placeholderTaken: (placeholder, rater) => `这是评委写作“${placeholder}”的空白评分表：表中各行作为 ${rater} 的评分（保存第一个分数时评委一栏改为 ${rater}）`,
  cannotContinue: (lacking) =>
    `evaluate enter 无法接着录入这张表：${lacking.length > 0 ? `表中没有 ${lacking.join('、')} 列` : '表中每行只有一个分数（方法、分数）'}；请另给一个 --out`,
  rowCells: (cells, header) => `这一行有 ${cells} 格，但表头有 ${header} 格`,
  secondRow: (id, rater, semester, first) => `${id} 在 ${semester} 有评委 ${rater} 的第二行（第一行在第 ${first} 行）；请删去其中一行`,
  otherRole: (rater, written, role, who) => `评委 ${rater} 在此处是"${written}"，但 --role 是 ${role} ${who}`,
  who: (id, rater) => `（${id}，评委 ${rater}）`,

  initExists: (file) => `${file} 已存在。要替换吗？`,
  initKept: (file) => `保留 ${file}，未写入任何内容。`,
  initIntro: (file) => `设置 ${file} 的考评规则。每个问题都预填了规则中的值：按回车即保留。\n输入 b 可返回上一题。`,
  initIntroFrom: (file, from) => `设置 ${file} 的考评规则。\n每个问题都预填了 ${from} 中的值：按回车即保留。\n输入 b 可返回上一题。`,
  initExistingBad: (file) => `${file} 无法作为考评办法读取（见上）：各问题改为预填内置规则的值。`,
  initIsFolder: (out) => `--out ${out} 是文件夹；请给出考评办法文件的文件名`,
  initExistsYes: (out) => `${out} 已存在；如要替换，请加 --force`,
  backChoice: '← 返回上一题',
  nothingBeforeInit: '这已是第一题。',
  trimWarning: (n, size) =>
    `注意：考评小组共 ${size} 人（组长、总公司办公室、中心办公室各 1 人，学生代表 2 人）：trimMinScores 为 ${n} 时永远不会去掉最高分和最低分，trimmed 就等于普通平均分。按回车保留 ${n}，或输入其他数。`,
  panelKeep: '不修改',
  panelChange: '修改',
  writeYes: '写入',
  writeNo: '不写入，直接退出',
  maxQuestion: (method) => `"${method}"的满分`,
  maxLastQuestion: (method, rest) => `"${method}"的满分（凑足 100 还差 ${rest}）`,
  maxLeavesNothing: (sum) => `至此已是 ${sum}，后面的考评方式没有分数可分了；各项满分之和须为 100`,
  maxMustBe: (rest, sum) => `须为 ${rest}，各项满分之和才是 100（现在是 ${sum}）`,
  aggregationQuestion: '同一考评方式下各评委的分数如何合并？',
  sep: '，',
  note: (text) => `（${text}）`,
  aggregationName: { mean: '平均分', trimmed: '去掉最高分和最低分后平均', median: '中位数', weighted: '按评委类型加权平均' },
  aggregation: {
    mean: 'mean：全部评委的平均分',
    trimmed: 'trimmed：去掉一个最高分和一个最低分后取平均',
    median: 'median：中位数',
    weighted: 'weighted：按评委类型加权平均',
  },
  trimQuestion: '评分人数至少为多少时才去掉最高分和最低分',
  weightQuestion: (role) => `${role}的权重`,
  amountQuestion: {
    excellent: '学期优秀奖励（元；留空或 - 表示不设）',
    good: '学期良好奖励（元；留空或 - 表示不设）',
    annualBonus: '两学期均优秀的年度奖金（元；留空或 - 表示不设）',
    penalty: '学期不合格处罚（元；留空或 - 表示不设）',
  },
  daysQuestion: '考评日期（6 月 30 日 / 12 月 31 日）后的整改天数',
  panelQuestion: (now) => `修改 "evaluate panel" 的阈值吗（${now}）？`,
  panelField: {
    leniency: '评委偏宽/偏严的阈值（总分差）',
    outlierSd: '离群分：与其他评委中位数相差超过多少个标准差',
    outlierPoints: '……且相差超过多少分',
    identicalShare: '给出相同分数的人数比例超过多少时标记评委（大于 0，不超过 1）',
    spread: '某人各评委总分极差超过多少时标记',
  },
  numberError: (reason, range) => {
    const r = rangeZh(range);
    switch (reason) {
      case 'empty':
        return `请输入${r}`;
      case 'not-whole':
        return `不是整数：请输入${r}`;
      case 'decimals':
        return '小数最多 6 位';
      case 'decimal-comma':
        return `不是数字：小数请用小数点，不要用逗号（${r.trim()}）`;
      case 'not-number':
        return `不是数字：请输入${r}`;
      default:
        return `超出范围：请输入${r}`;
    }
  },
  policyTitle: (file) => `${file} 的考评规则：`,
  writeQuestion: (file) => `写入 ${file}？`,
  wrote: (file) => `已写入 ${file}。`,
  wroteDefaults: (file) => `已写入 ${file}：内置规则（可直接编辑，或运行 "evaluate init" 逐项设置）。`,
  notWritten: '未写入任何内容。',
  initStopped: '已停止，未写入任何内容。',

  policyLabel: {
    methods: '考评方式（满分）',
    aggregation: '合并方式',
    grades: '等级',
    rewards: '奖励（元）',
    penalty: '处罚（元）',
    panel: '评委一致性阈值',
  },
  notSet: '不设',
  annualBonus: '年度奖金',
  gradeWord: { excellent: '优秀', good: '良好', qualified: '合格' },
  rounding: (precision) => `按保留 ${precision} 位小数的总分`,
  trimmedFrom: (n) => `至少 ${n} 个分数时`,
  weights: '权重',
  rectifyWithin: (days) => `${days} 天内整改`,
  panelLine: (p) => `偏宽/偏严 ${p.leniency}，离群 ${p.outlierSd} 个标准差且 ${p.outlierPoints} 分，相同分数比例 ${p.identicalShare}，极差 ${p.spread}`,

  defaultRaters: [
    ['组长', 'leader'],
    ['总公司办公室', 'head-office'],
    ['中心办公室', 'center-office'],
    ['学生代表1', 'student'],
    ['学生代表2', 'student'],
  ],
  templateWrote: (sheets, semester, staff, dir) =>
    `已在 ${dir} 生成 ${sheets} 张 ${semester} 空白评分表（每张 ${staff} 人）。填好分数后运行：evaluate score ${dir}`,
  templateOutIsFile: (out) => `--out ${out} 是文件；请给出文件夹`,
  templateSamePath: (a, b, path) => `评委 ${a} 和 ${b} 都会写到 ${path}；请给他们不同的名字`,
  templateExists: (paths) => `${paths.join('、')} 已存在；如要替换，请加 --force`,
  templateOtherNames: (paths) => `${paths.join('、')}：文件夹中已有本学期用另一种语言命名的空白评分表；再生成一套，会被当作另外五位评委读取。请只保留一套：删除这些文件，或改用生成它们时的 --lang`,
  ratersNotPair: (part) => `--raters："${part}" 不是"姓名:角色"的形式（例如 王主任:leader,学生甲:student）`,
  ratersRole: (role, name) => `--raters：${name} 的角色 "${role}" 未知；请用 leader、head-office、center-office 或 student`,
  ratersTwice: (name) => `--raters 中 ${name} 出现了两次`,
  ratersEmpty: '--raters 是空的：请按"姓名:角色,..."给出',
};

export const interactive = { en, zh };

export function interactiveWords(lang: 'en' | 'zh'): InteractiveWords {
  return lang === 'zh' ? zh : en;
}
