/** The words of `evaluate explain`, English and Chinese; both tables have the same keys. */
import { yuan } from '../core/money.js';
import { semesterZh } from './zh.js';

type Money = string;

/** How many of those who share a rank the text names. */
const TIED_SHOWN = 10;

const enWords = {
  title: (staffId: string, name: string, post: string, semester: string) =>
    `How the total of ${staffId} ${name}${post ? ` (${post})` : ''} came about, ${semester}`,
  policy: (file: string | null) => `Policy: ${file ?? 'the built-in rules'}`,
  raters: 'Scores by rater',
  head: { rater: 'Rater', role: 'Role', total: 'Total', method: 'Method', aggregate: 'Aggregate' },
  noRole: '(none)',
  aggregation: {
    mean: () => 'Each method: the mean of the raters\' scores',
    trimmed: (min: number) =>
      `Each method: the trimmed mean (with at least ${min} scores, the highest and the lowest score are dropped, then the mean)`,
    median: () => 'Each method: the median of the raters\' scores',
    weighted: (weights: string) => `Each method: the mean weighted by the rater's role (roleWeights: ${weights})`,
  },
  medianOf: (scores: string) => `median of ${scores}`,
  dropped: (parts: string[]) => `dropped ${parts.join(' and ')}`,
  droppedOne: (score: string, rater: string, which: 'highest' | 'lowest') => `${score} (${rater}, the ${which})`,
  notTrimmed: (n: number, min: number) => `nothing dropped: ${n} score${n === 1 ? '' : 's'}, fewer than the ${min} trimming needs`,
  scaled: (scale: number, max: number, value: string) => `scored out of ${scale}, scaled to ${max}: ${value}`,
  label: {
    exactTotal: 'Exact total',
    rounded: 'Rounded',
    grade: 'Grade',
    rank: 'Rank',
    semesterRules: 'Semester rules',
    yearRules: 'Year rules',
  },
  exactTotalNote: '(the five method scores added, before rounding)',
  rounded: (exact: string, rounded: string, precision: number) =>
    `${exact} → ${rounded} (rounded half up to ${precision} decimal${precision === 1 ? '' : 's'})`,
  notRounded: (total: string, precision: number) => `${total} (already ${precision} decimal${precision === 1 ? '' : 's'}: nothing to round)`,
  band: (grade: string, total: string, min: number | null, below: number | null) =>
    min === null ? `${grade} (${total} < ${below})` : below === null ? `${grade} (${total} ≥ ${min})` : `${grade} (${min} ≤ ${total} < ${below})`,
  // Ten of those who share the rank, then how many more (a big semester has hundreds on one total; JSON lists all).
  rank: (rank: number, of: number, tied: string[]) =>
    `${rank} of ${of}${tied.length ? `, shared with ${tied.slice(0, TIED_SHOWN).join(', ')}${tied.length > TIED_SHOWN ? ` and ${tied.length - TIED_SHOWN} more` : ''}` : ''}`,
  money: (n: number | null): Money => (n === null ? 'amount unset in the policy' : yuan(n)),
  semesterRule: {
    'excellent-reward': (a: { reward: Money }) => `excellent-reward: the excellent reward, ${a.reward}`,
    'good-reward': (a: { reward: Money }) => `good-reward: the good reward, ${a.reward}`,
    'qualified-no-reward': () => 'qualified-no-reward: no reward; improvement expected',
    'unqualified-penalty': (a: { penalty: Money; rectifyBy: string; days: number; from: string }) =>
      `unqualified-penalty: the penalty, ${a.penalty}; rectification due by ${a.rectifyBy} (${a.days} days after ${a.from})`,
  } as Record<string, (a: { reward: Money; penalty: Money; rectifyBy: string; days: number; from: string }) => string>,
  yearHead: (year: number, halves: string[], status: 'complete' | 'incomplete') =>
    `${year}: ${halves.join(', ')}${status === 'incomplete' ? ' (incomplete)' : ''}`,
  half: (half: string, total: string | null, grade: string | null) => (total === null ? `${half} not scored` : `${half} ${total} ${grade}`),
  yearRule: {
    'year-award-candidate': (a: { bonus: Money; rectifyBy: string }) =>
      `year-award-candidate: excellent in both semesters: award candidate, and the annual bonus, ${a.bonus}, on top of both semester rewards`,
    'year-non-renewal': () => 'year-non-renewal: unqualified in both semesters: not renewed; no rectification (non-renewal replaces H2\'s)',
    'year-rectification': (a: { bonus: Money; rectifyBy: string }) =>
      `year-rectification: unqualified in exactly one semester: rectification by ${a.rectifyBy}, with that semester's penalty`,
    'year-incomplete': () => 'year-incomplete: one semester not scored: its semester consequences stand, the year decisions are not made',
    'year-incomplete-rectification': (a: { bonus: Money; rectifyBy: string }) =>
      `year-incomplete-rectification: the semester scored is unqualified: rectification by ${a.rectifyBy}, with its penalty`,
  } as Record<string, (a: { bonus: Money; rectifyBy: string }) => string>,
  yearNone: 'no year rule applies',
  yearTotals: (reward: Money, penalty: Money) => `in the year: rewards ${reward}, penalties ${penalty}`,
  yearMissing: (year: number, missing: string[]) =>
    `${year}: not decided here: the sheets hold no ${missing.join(' or ')} scores (give both semesters' sheets to see the year rules)`,
  semesterName: (s: string) => s,
};

export type ExplainWords = typeof enWords;

const zhWords: ExplainWords = {
  title: (staffId: string, name: string, post: string, semester: string) =>
    `${staffId} ${name}${post ? `（${post}）` : ''} ${semesterZh(semester)} 总分的由来`,
  policy: (file: string | null) => `考评办法：${file ?? '内置规则'}`,
  raters: '各评委评分',
  head: { rater: '评委', role: '角色', total: '合计', method: '方式', aggregate: '汇总' },
  noRole: '（无）',
  aggregation: {
    mean: () => '各方式得分：各评委评分的平均数',
    trimmed: (min: number) => `各方式得分：去掉一个最高分和一个最低分后的平均数（评分不少于 ${min} 个时）`,
    median: () => '各方式得分：各评委评分的中位数',
    weighted: (weights: string) => `各方式得分：按评委角色加权的平均数（角色权重：${weights}）`,
  },
  medianOf: (scores: string) => `${scores} 的中位数`,
  dropped: (parts: string[]) => `去掉 ${parts.join('、')}`,
  droppedOne: (score: string, rater: string, which: 'highest' | 'lowest') => `${which === 'highest' ? '最高分' : '最低分'} ${score}（${rater}）`,
  notTrimmed: (n: number, min: number) => `未去分：只有 ${n} 个评分，少于 ${min} 个`,
  scaled: (scale: number, max: number, value: string) => `按 ${scale} 分制评分，折算为 ${max} 分：${value}`,
  label: {
    exactTotal: '精确总分',
    rounded: '取整',
    grade: '等级',
    rank: '名次',
    semesterRules: '学期规则',
    yearRules: '年度规则',
  },
  exactTotalNote: '（五种方式得分相加，未取整）',
  rounded: (exact: string, rounded: string, precision: number) => `${exact} → ${rounded}（四舍五入保留 ${precision} 位小数）`,
  notRounded: (total: string, precision: number) => `${total}（已是 ${precision} 位小数，无需取整）`,
  band: (grade: string, total: string, min: number | null, below: number | null) =>
    min === null ? `${grade}（${total} < ${below}）` : below === null ? `${grade}（${total} ≥ ${min}）` : `${grade}（${min} ≤ ${total} < ${below}）`,
  rank: (rank: number, of: number, tied: string[]) =>
    `第 ${rank} 名，共 ${of} 人${tied.length ? `（与 ${tied.slice(0, TIED_SHOWN).join('、')}${tied.length > TIED_SHOWN ? ` 等 ${tied.length} 人` : ' '}并列）` : ''}`,
  money: (n: number | null): Money => (n === null ? '金额未设' : yuan(n)),
  // The rule ids (excellent-reward, ...) are for scripts: JSON keeps them, the secretary reads words.
  semesterRule: {
    'excellent-reward': (a) => `优秀：奖励 ${a.reward}`,
    'good-reward': (a) => `良好：奖励 ${a.reward}`,
    'qualified-no-reward': () => '合格：不奖励，需改进提高',
    'unqualified-penalty': (a) => `不合格：处罚 ${a.penalty}；${a.rectifyBy} 前整改（${a.from} 起 ${a.days} 天）`,
  },
  yearHead: (year: number, halves: string[], status: 'complete' | 'incomplete') =>
    `${year}年：${halves.join('，')}${status === 'incomplete' ? '（不完整）' : ''}`,
  half: (half: string, total: string | null, grade: string | null) =>
    total === null ? `${half === 'H1' ? '上半年' : '下半年'}未评` : `${half === 'H1' ? '上半年' : '下半年'} ${total} ${grade}`,
  yearRule: {
    'year-award-candidate': (a) => `两学期均为优秀：上级评优推荐候选人，另发年度奖金 ${a.bonus}，两个学期的奖励照发`,
    'year-non-renewal': () => '两学期均不合格：不予聘任，不再整改（代替下半年的整改）',
    'year-rectification': (a) => `仅一个学期不合格：${a.rectifyBy} 前整改，按该学期处罚`,
    'year-incomplete': () => '有一个学期未评：学期结果有效，年度结论暂不作出',
    'year-incomplete-rectification': (a) => `已评的学期不合格：${a.rectifyBy} 前整改，按该学期处罚`,
  },
  yearNone: '无年度规则适用',
  yearTotals: (reward: Money, penalty: Money) => `全年：奖励 ${reward}，处罚 ${penalty}`,
  yearMissing: (year: number, missing: string[]) =>
    `${year}年：此处不作年度结论：评分表中没有 ${missing.map(semesterZh).join('或')} 的评分（请同时给出两个学期的评分表）`,
  semesterName: semesterZh,
};

export const explainWords = { en: enWords, zh: zhWords };
