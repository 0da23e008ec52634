/**
 * The words of `evaluate report` and `evaluate notices` (the committee's report, the staff notices,
 * their charts and their messages), English and Chinese; both tables have the same keys.
 */
import type { Half } from '../core/year.js';
import type { Lang } from './index.js';
import { en } from './en.js';
import { semesterZh, zh } from './zh.js';

const enWords = {
  semester: (s: string) => s,
  half: { h1: 'H1', h2: 'H2' } as Record<Half, string>,
  yearHeading: (year: number) => `The year ${year}: award candidates, non-renewal, rectification`,
  /** The heading of the report: the center (when given), what it is, and the period. */
  reportTitle: 'Staff evaluation: the committee\'s report',
  noticeTitle: 'Staff evaluation: result notice',
  period: (semesters: string[], year: number | null) => (year !== null ? `Year ${year} (${semesters.join(' and ')})` : semesters.join(', ')),
  evaluatedOn: (dates: string[]) => `Evaluation date${dates.length > 1 ? 's' : ''}: ${dates.join(', ')}`,
  section: {
    summary: 'Summary',
    ranking: 'Ranking',
    consequences: 'Rewards, penalties and rectification',
    year: 'The year',
    panel: 'Rater consistency',
    signatures: 'Signatures of the evaluation committee',
    appendix: 'Appendix',
  },
  figures: {
    staff: 'Staff',
    raters: 'Raters',
    mean: 'Mean',
    highest: 'Highest',
    lowest: 'Lowest',
  },
  chart: {
    grades: 'Grades',
    distribution: 'Distribution of totals, with the grade bands',
    methods: 'Mean of each method',
    posts: 'Mean total of each post',
    staffAxis: 'staff',
    you: 'Your score',
    centerMean: 'Center mean',
    band: (grade: string, min: number) => `${grade}\n≥${min}`,
    below: (grade: string, min: number) => `${grade}\n<${min}`,
  },
  noPost: '(no post)',
  rankingOf: (semester: string, staff: number, raters: number) => `${semester}: ${staff} staff, ${raters} rater${raters === 1 ? '' : 's'}`,
  rankedWithinPost: 'Ranked within each post.',
  postHeading: (post: string, n: number) => `Post ${post}: ${n} staff`,
  /** `sum` null: no amount of theirs is set (the total is not 0, it is unknown). */
  rewardsOf: (semester: string, n: number, sum: string | null) => `${semester}: rewards, ${n} staff${n ? (sum === null ? ', no amount set' : `, ${sum} in total`) : ''}`,
  penaltiesOf: (semester: string, n: number, sum: string | null) =>
    `${semester}: penalties and rectification, ${n} staff${n ? (sum === null ? ', no amount set' : `, ${sum} in total`) : ''}`,
  qualifiedOf: (n: number) => `Qualified, no reward, improvement expected: ${n} staff.`,
  nobody: 'Nobody.',
  sumUnset: (sum: string, unset: number) => `${sum} (and ${unset} amount${unset === 1 ? '' : 's'} not set)`,
  unset: '(unset)',
  amountPending: 'amount not set yet',
  nonRenewalInstead: 'not renewed: no rectification',
  head: {
    // The score table's column names, and the report's own.
    ...en.head,
    semester: 'Semester',
    method: 'Method',
    yours: 'Your score',
    mean: 'Center mean',
    max: 'Maximum',
    role: 'Role',
    signature: 'Signature',
    date: 'Date',
    file: 'File',
    kind: 'Kind',
    rows: 'Rows',
    bytes: 'Bytes',
    sha256: 'SHA-256',
    rule: 'Rule',
    setting: 'Setting',
  },
  kind: { sheet: 'sheet', roster: 'roster' } as Record<'sheet' | 'roster', string>,
  panelOf: (semester: string) => `${semester}`,
  outliersList: (shown: number, of: number) => (shown < of ? `The first ${shown} of ${of} (evaluate panel lists every one):` : ''),
  highSpreadList: (list: string) => `High spread: ${list}`,
  // Signatures
  signaturesIntro: 'We, the members of the evaluation committee, have checked the results above and confirm them.',
  composition: {
    ok: (semester: string) => `${semester}: the committee is composed as the rules ask (1 leader, 1 head office, 1 center office, 2 student representatives).`,
    differs: (semester: string, parts: string[]) => `${semester}: the committee differs from the rules (1 leader, 1 head office, 1 center office, 2 student representatives): ${parts.join('; ')}.`,
    part: (role: string, found: number, expected: number) => `${role} ${found} (the rules ask ${expected})`,
    noRole: 'raters without a role',
    consensus: (semester: string) => `${semester}: the sheets hold the committee's agreed scores (a consensus sheet) and name no members: write each member's name on a line.`,
  },
  noRoleName: '(no role)',
  // Appendix
  policyTitle: 'The rules applied (the policy)',
  policySource: (source: string | null) => (source ? `Policy file: ${source}` : 'Policy: the built-in rules'),
  policy: {
    methods: 'Methods and maximum points',
    aggregation: 'Combining the raters\' scores',
    rounding: 'Rounding',
    grades: 'Grades, on the rounded total',
    rewards: 'Semester rewards',
    penalty: 'Unqualified',
    year: 'The year (both semesters)',
    panel: 'Rater consistency thresholds',
  },
  policyText: {
    methodList: (items: string[], total: string) => `${items.join(', ')}; ${total} in total`,
    onlyRoles: (roles: string[]) => `scored by ${roles.join(', ')} only`,
    scale: (scale: number) => `scored out of ${scale}, scaled`,
    mean: 'the mean of the raters\' scores',
    trimmed: (n: number) => `the mean without the highest and the lowest score, from ${n} scores on (the plain mean below that)`,
    median: 'the median of the raters\' scores',
    weighted: (weights: string[]) => `the mean weighted by role: ${weights.join(', ')}`,
    rounding: (p: number) => `only the total is rounded, half up, to ${p} decimal${p === 1 ? '' : 's'}; exact arithmetic before that`,
    bands: (b: { excellent: number; good: number; qualified: number }) =>
      `excellent from ${b.excellent}, good from ${b.good}, qualified from ${b.qualified}, unqualified below ${b.qualified}`,
    rewards: (excellent: string, good: string) => `excellent ${excellent}, good ${good}; qualified: no reward, improvement expected`,
    penalty: (amount: string, days: number) => `the penalty ${amount}; rectification within ${days} days of the evaluation date (June 30, December 31)`,
    year: (bonus: string) =>
      `excellent in both: award candidate and the annual bonus ${bonus}; unqualified in both: not renewed (no rectification); unqualified in one: rectification; one semester not scored: the year is undecided`,
    panel: (t: { leniency: number; outlierPoints: number; outlierSd: number; identicalShare: number; spread: number }) =>
      `leniency beyond ±${t.leniency} points; an outlier score more than ${t.outlierPoints} points and ${t.outlierSd} SD from the others; identical scores for ${Math.round(t.identicalShare * 100)}% of the staff; a spread above ${t.spread} points`,
  },
  amountUnset: 'not set',
  inputsTitle: 'The input files',
  warningsTitle: (n: number) => `Warnings while reading (${n})`,
  tool: (version: string) => `Made by evaluate ${version}, from the files above; the same files and policy give the same report.`,
  // Notices
  person: { name: 'Name', staffId: 'Staff ID', post: 'Post' },
  notScored: 'Not scored this semester.',
  /** `tied`: someone else has the same rank. */
  rank: (rank: number, of: number, post: string | null, tied: boolean) =>
    `${rank}${tied ? ' (tied)' : ''} of ${of}${post === null ? '' : ` in post ${post}`}`,
  consequence: {
    excellent: (amount: string) => `Excellent: the excellent reward, ${amount}.`,
    good: (amount: string) => `Good: the good reward, ${amount}.`,
    qualified: 'Qualified: no reward; improvement is expected.',
    unqualified: (amount: string, due: string | null) =>
      `Unqualified: the penalty, ${amount}; ${due === null ? 'not renewed, so no rectification' : `rectification due by ${due}`}.`,
  },
  gradeLine: 'Grade',
  rankLine: 'Rank',
  totalLine: 'Total',
  outcomeLine: 'Consequence',
  yearOutcome: (year: number) => `The year ${year}`,
  yearDecision: 'Year outcome',
  noYearDecision: 'no year decision applies (neither award candidate nor non-renewal nor rectification)',
  noYearDecisionShort: 'none',
  awardCandidate: 'Award candidate',
  nonRenewal: 'Not renewed',
  annualBonus: 'Annual bonus',
  rewardTotal: 'Rewards in the year',
  penaltyTotal: 'Penalties in the year',
  committeeLine: 'Evaluation committee',
  consensusCommittee: 'the evaluation committee (agreed scores)',
  acknowledge: 'Read and acknowledged.',
  signatureLabel: 'Signature',
  dateLabel: 'Date',
  /** The progress line while the browser prints (a terminal only): `done` of `total` documents printed. */
  printing: (done: number, total: number) => (total === 1 ? 'Printing the PDF with the browser...' : `Printing the PDFs with the browser: ${done} of ${total} done`),
  // Messages
  error: {
    noBrowser: (tried: string[]) =>
      `cannot make a PDF: no Chrome, Edge or Chromium was found (looked for ${tried.join(', ')}). ` +
      'Install one (Debian or Ubuntu: apt-get install chromium; Windows or macOS: Google Chrome or Microsoft Edge), ' +
      'or set EVALUATE_BROWSER to the browser\'s program; or write HTML instead (--out FILE.html), which any browser prints. Nothing was written.',
    browserMissing: (path: string) =>
      `cannot make a PDF: EVALUATE_BROWSER is "${path}", which is not a browser program on this machine. ` +
      'Point it at Chrome, Edge or Chromium, or unset it to look in the usual places; or write HTML instead (--out FILE.html). Nothing was written.',
    browserFailed: (path: string, why: string) =>
      `cannot make a PDF: the browser ${path} did not print (${why}). Write HTML instead (--out FILE.html) and print it from a browser. Nothing was written.`,
    pdfToTerminal: 'a PDF is not shown on a terminal: add --out FILE.pdf, or write HTML (--format html)',
    htmlToTerminal: 'an HTML document is not shown on a terminal: add --out FILE.html and open it in a browser (or --out FILE.pdf), or redirect standard output (> FILE.html)',
    outAndOutDir: 'give either --out (one file with every notice) or --out-dir (one file per staff member), not both',
    pdfNeedsOutDir: '--pdf goes with --out-dir (PDF files in the folder); for one PDF use --out FILE.pdf',
    outDirNotFolder: (dir: string) => `--out-dir ${dir} is a file, not a folder`,
    outDirExists: (files: string[], more: number) =>
      `--out-dir: ${files.join(', ')}${more ? ` and ${more} more` : ''} already exist${files.length + more === 1 ? 's' : ''}; add --force to replace them. Nothing was written.`,
    sameFileName: (a: string, b: string, file: string) =>
      `--out-dir: staff ids "${a}" and "${b}" would both be written to ${file} (file names ignore case on Windows and macOS); write the notices with --out instead`,
    cannotWrite: (file: string, why: string) => `cannot write ${file}: ${why}. None of this run's files were left.`,
    semesterAndYear: 'give either --semester or --year, not both',
    severalSemesters: (held: string[]) =>
      `the sheets hold ${held.join(', ')}: choose one semester with --semester, or a year with --year (both semesters of one year make the year report)`,
    noSuchSemester: (semester: string, held: string[]) => `the sheets hold no scores for ${semester} (they hold ${held.join(', ') || 'none'})`,
    yearFromStdin: (held: string[], year: number) =>
      `the sheets hold ${held.join(' and ')}: standard input is read once, so say what to make: --year ${year} for the year report, or --semester for one semester`,
  },
};

export type ReportWords = typeof enWords;

const HALF_ZH: Record<Half, string> = { h1: '上半年', h2: '下半年' };

const zhWords: ReportWords = {
  semester: semesterZh,
  half: HALF_ZH,
  yearHeading: (year: number) => `${year}年度结论：评优推荐、不予聘任、限期整改`,
  reportTitle: '员工业务评比结果报告',
  noticeTitle: '个人考评结果通知单',
  period: (semesters: string[], year: number | null) => (year !== null ? `${year}年度（${semesters.join('、')}）` : semesters.join('、')),
  evaluatedOn: (dates: string[]) => `评比日期：${dates.join('、')}`,
  section: {
    summary: '概况',
    ranking: '总分排名',
    consequences: '奖惩与整改',
    year: '年度结论',
    panel: '评委一致性',
    signatures: '考评小组签字',
    appendix: '附录',
  },
  figures: {
    staff: '人数',
    raters: '评委',
    mean: '平均分',
    highest: '最高分',
    lowest: '最低分',
  },
  chart: {
    grades: '等级分布',
    distribution: '总分分布与等级分数线',
    methods: '各考评方式平均分',
    posts: '各岗位平均总分',
    staffAxis: '人数',
    you: '本人得分',
    centerMean: '中心平均',
    band: (grade: string, min: number) => `${grade}\n≥${min}`,
    below: (grade: string, min: number) => `${grade}\n<${min}`,
  },
  noPost: '（无岗位）',
  rankingOf: (semester: string, staff: number, raters: number) => `${semester}：${staff} 人，评委 ${raters} 人`,
  rankedWithinPost: '按岗位分别排名。',
  postHeading: (post: string, n: number) => `岗位 ${post}：${n} 人`,
  rewardsOf: (semester: string, n: number, sum: string | null) => `${semester}奖励：${n} 人${n ? (sum === null ? '，金额均未设定' : `，合计 ${sum}`) : ''}`,
  penaltiesOf: (semester: string, n: number, sum: string | null) => `${semester}处罚与限期整改：${n} 人${n ? (sum === null ? '，金额均未设定' : `，合计 ${sum}`) : ''}`,
  qualifiedOf: (n: number) => `合格（不予奖励，望继续改进）：${n} 人。`,
  nobody: '无。',
  sumUnset: (sum: string, unset: number) => `${sum}（另有 ${unset} 项金额未设）`,
  unset: '（金额未设）',
  amountPending: '金额待定',
  nonRenewalInstead: '不予聘任，不再整改',
  head: {
    ...zh.head,
    semester: '学期',
    method: '考评方式',
    yours: '本人得分',
    mean: '中心平均',
    max: '满分',
    role: '职责',
    signature: '签名',
    date: '日期',
    file: '文件',
    kind: '类别',
    rows: '行数',
    bytes: '字节',
    sha256: 'SHA-256',
    rule: '规则',
    setting: '设定',
  },
  kind: { sheet: '评分表', roster: '花名册' },
  panelOf: (semester: string) => `${semester}`,
  outliersList: (shown: number, of: number) => (shown < of ? `列出前 ${shown} 个（共 ${of} 个；evaluate panel 可列出全部）：` : ''),
  highSpreadList: (list: string) => `评委分歧大：${list}`,
  signaturesIntro: '考评小组成员已核对以上结果，确认无误。',
  composition: {
    ok: (semester: string) => `${semester}：考评小组组成符合规定（组长 1 人、总公司办公室 1 人、中心办公室 1 人、学生代表 2 人）。`,
    differs: (semester: string, parts: string[]) =>
      `${semester}：考评小组组成与规定（组长 1 人、总公司办公室 1 人、中心办公室 1 人、学生代表 2 人）不同：${parts.join('；')}。`,
    part: (role: string, found: number, expected: number) => `${role} ${found} 人（规定 ${expected} 人）`,
    noRole: '未注明角色的评委',
    consensus: (semester: string) => `${semester}：评分表为考评小组的一致评分，未列出成员姓名，请各成员在下列签名行填写姓名。`,
  },
  noRoleName: '（未注明）',
  policyTitle: '适用的评比规则（考评办法）',
  policySource: (source: string | null) => (source ? `考评办法文件：${source}` : '考评办法：内置规则'),
  policy: {
    methods: '考评方式与满分',
    aggregation: '评委分数的合成',
    rounding: '取整',
    grades: '等级（按取整后的总分）',
    rewards: '学期奖励',
    penalty: '不合格',
    year: '年度（上、下半年）',
    panel: '评委一致性阈值',
  },
  policyText: {
    methodList: (items: string[], total: string) => `${items.join('，')}；合计 ${total} 分`,
    onlyRoles: (roles: string[]) => `仅由${roles.join('、')}评分`,
    scale: (scale: number) => `按 ${scale} 分制评分后折算`,
    mean: '各评委分数的平均值',
    trimmed: (n: number) => `去掉一个最高分和一个最低分后的平均值（不少于 ${n} 个分数时；不足时取平均值）`,
    median: '各评委分数的中位数',
    weighted: (weights: string[]) => `按角色加权的平均值：${weights.join('，')}`,
    rounding: (p: number) => `只对总分四舍五入，保留 ${p} 位小数；此前均为精确计算`,
    bands: (b: { excellent: number; good: number; qualified: number }) =>
      `优秀 ${b.excellent} 分及以上，良好 ${b.good} 分及以上，合格 ${b.qualified} 分及以上，${b.qualified} 分以下为不合格`,
    rewards: (excellent: string, good: string) => `优秀 ${excellent}，良好 ${good}；合格不予奖励，望继续改进`,
    penalty: (amount: string, days: number) => `处罚 ${amount}；自评比日期（6 月 30 日、12 月 31 日）起 ${days} 天内整改`,
    year: (bonus: string) =>
      `上、下半年均优秀：评优推荐候选人，并发年度奖金 ${bonus}；均不合格：不予聘任（不再整改）；一个学期不合格：限期整改；缺一个学期的评分：年度结论待定`,
    panel: (t: { leniency: number; outlierPoints: number; outlierSd: number; identicalShare: number; spread: number }) =>
      `宽严度超过 ±${t.leniency} 分；离群评分与其他评委相差超过 ${t.outlierPoints} 分且超过 ${t.outlierSd} 个标准差；对 ${Math.round(t.identicalShare * 100)}% 的人员评分雷同；评委极差超过 ${t.spread} 分`,
  },
  amountUnset: '未设',
  inputsTitle: '输入文件',
  warningsTitle: (n: number) => `读取时的警告（${n} 条）`,
  tool: (version: string) => `由 evaluate ${version} 根据以上文件生成；相同的文件与考评办法得出相同的报告。`,
  person: { name: '姓名', staffId: '工号', post: '岗位' },
  notScored: '本学期未评分。',
  rank: (rank, of, post, tied) => `${post === null ? '' : `岗位 ${post} 内`}第 ${rank} 名（${tied ? '并列，' : ''}共 ${of} 人）`,
  consequence: {
    excellent: (amount: string) => `优秀：发放优秀奖励 ${amount}。`,
    good: (amount: string) => `良好：发放良好奖励 ${amount}。`,
    qualified: '合格：不予奖励，望继续改进。',
    unqualified: (amount: string, due: string | null) =>
      `不合格：处罚 ${amount}；${due === null ? '不予聘任，不再整改' : `须于 ${due} 前完成整改`}。`,
  },
  gradeLine: '等级',
  rankLine: '名次',
  totalLine: '总分',
  outcomeLine: '奖惩',
  yearOutcome: (year: number) => `${year}年度`,
  yearDecision: '年度结论',
  noYearDecision: '无年度奖惩（非评优推荐候选人，不涉及不予聘任或限期整改）',
  noYearDecisionShort: '无',
  awardCandidate: '评优推荐候选人',
  nonRenewal: '不予聘任',
  annualBonus: '年度奖金',
  rewardTotal: '全年奖励合计',
  penaltyTotal: '全年处罚合计',
  committeeLine: '考评小组',
  consensusCommittee: '考评小组（一致评分）',
  acknowledge: '本人已阅。',
  signatureLabel: '签名',
  dateLabel: '日期',
  printing: (done, total) => (total === 1 ? '正在用浏览器打印 PDF……' : `正在用浏览器打印 PDF：已完成 ${done} / ${total} 份`),
  error: {
    noBrowser: (tried: string[]) =>
      `无法生成 PDF：未找到 Chrome、Edge 或 Chromium 浏览器（已查找 ${tried.join('、')}）。` +
      '请安装其中一个（Debian 或 Ubuntu：apt-get install chromium；Windows 或 macOS：Google Chrome 或 Microsoft Edge），' +
      '或将 EVALUATE_BROWSER 设为浏览器程序的路径；也可改为输出 HTML（--out 文件.html），任何浏览器都能打印。未写出任何文件。',
    browserMissing: (path: string) =>
      `无法生成 PDF：EVALUATE_BROWSER 为 "${path}"，本机没有这个浏览器程序。请指向 Chrome、Edge 或 Chromium，` +
      '或取消该设置以在常用位置查找；也可改为输出 HTML（--out 文件.html）。未写出任何文件。',
    browserFailed: (path: string, why: string) =>
      `无法生成 PDF：浏览器 ${path} 未能打印（${why}）。请改为输出 HTML（--out 文件.html），再用浏览器打印。未写出任何文件。`,
    pdfToTerminal: 'PDF 不能显示在终端上：请加 --out 文件.pdf，或输出 HTML（--format html）',
    htmlToTerminal: 'HTML 文档不能显示在终端上：请加 --out 文件.html 再用浏览器打开（或 --out 文件.pdf），或把标准输出重定向到文件（> 文件.html）',
    outAndOutDir: '--out（所有通知单在一个文件）与 --out-dir（每人一个文件）只能选一个',
    pdfNeedsOutDir: '--pdf 与 --out-dir 一起使用（文件夹中的 PDF 文件）；要一个 PDF 文件请用 --out 文件.pdf',
    outDirNotFolder: (dir: string) => `--out-dir ${dir} 是文件，不是文件夹`,
    outDirExists: (files: string[], more: number) =>
      `--out-dir：${files.join('、')}${more ? ` 等另 ${more} 个文件` : ''}已存在；如要替换，请加 --force。未写出任何文件。`,
    sameFileName: (a: string, b: string, file: string) =>
      `--out-dir：工号 "${a}" 与 "${b}" 会写入同一个文件 ${file}（Windows 与 macOS 的文件名不区分大小写）；请改用 --out 输出`,
    cannotWrite: (file: string, why: string) => `无法写入 ${file}：${why}。本次运行的文件均未保留。`,
    semesterAndYear: '--semester 与 --year 只能选一个',
    severalSemesters: (held: string[]) => `评分表包含 ${held.join('、')}：请用 --semester 选一个学期，或用 --year 选一个年度（同一年度的上、下半年生成年度报告）`,
    noSuchSemester: (semester: string, held: string[]) => `评分表中没有 ${semester} 的评分（只有 ${held.join('、') || '无'}）`,
    yearFromStdin: (held: string[], year: number) =>
      `评分表包含 ${held.join('和')}：标准输入只能读取一次，请指明要生成的内容：年度报告用 --year ${year}，单个学期用 --semester`,
  },
};

export const reportWords: Record<Lang, ReportWords> = { en: enWords, zh: zhWords };
