/** The words of `evaluate year` and `evaluate rewards`, English and Chinese, with the same keys. */
import { yuan } from '../core/money.js';
import type { Half, YearCategory } from '../core/year.js';
import type { Grade } from '../core/types.js';
import type { Lang } from './index.js';

const enWords = {
  half: { h1: 'H1', h2: 'H2' } as Record<Half, string>,
  yes: 'yes',
  no: 'no',
  undecided: 'undecided',
  status: { complete: 'complete', incomplete: 'incomplete' },
  notScored: 'not scored',
  unset: '(unset)',
  /** A total of amounts none of which is set (in a sentence: "rewards unset"). */
  totalUnset: 'unset',
  currency: yuan,
  join: '; ',
  section: {
    award: 'Award candidates',
    'non-renewal': 'Not renewed',
    rectification: 'Rectification',
    incomplete: 'Incomplete: year not decided',
    other: 'Everyone else',
  } as Record<YearCategory, string>,
  /** On HR's lists the last section holds those with semester rewards only. */
  rewardsOther: 'Semester rewards',
  sectionTitle: (title: string, n: number) => `${title} (${n})`,
  outcome: {
    award: 'award candidate, annual bonus',
    nonRenewal: 'not renewed (no rectification)',
    rectification: (halves: Half[]) => `rectification (${halves.map((h) => enWords.half[h]).join(', ')} unqualified)`,
    incomplete: (missing: Half[]) =>
      missing.length === 2 ? 'no scores this year: year undecided' : `${enWords.half[missing[0]!]} not scored: year undecided`,
  },
  reason: {
    reward: (half: Half, grade: Grade) => `${enWords.half[half]} ${grade} reward`,
    penalty: (half: Half, rectifyBy: string | null) =>
      `${enWords.half[half]} unqualified: penalty${rectifyBy ? `, rectify by ${rectifyBy}` : ''}`,
    award: 'excellent in both semesters: award candidate, annual bonus',
    nonRenewal: 'unqualified in both semesters: not renewed, no rectification',
    incomplete: (missing: Half[]) =>
      missing.length === 2 ? 'no scores this year: year undecided' : `${enWords.half[missing[0]!]} not scored: year undecided`,
  },
  yearCol: {
    staffId: 'staff_id',
    name: 'name',
    post: 'post',
    h1Total: 'h1_total',
    h1Grade: 'h1_grade',
    h2Total: 'h2_total',
    h2Grade: 'h2_grade',
    status: 'status',
    awardCandidate: 'award_candidate',
    nonRenewal: 'non_renewal',
    rectification: 'rectification',
    annualBonus: 'annual_bonus',
    rewardTotal: 'reward_total',
    penaltyTotal: 'penalty_total',
    rectifyBy: 'rectify_by',
    outcome: 'outcome',
  },
  rewardsCol: {
    staffId: 'staff_id',
    name: 'name',
    post: 'post',
    h1Grade: 'h1_grade',
    h2Grade: 'h2_grade',
    h1Reward: 'h1_reward',
    h2Reward: 'h2_reward',
    annualBonus: 'annual_bonus',
    rewardTotal: 'reward_total',
    h1Penalty: 'h1_penalty',
    h2Penalty: 'h2_penalty',
    penaltyTotal: 'penalty_total',
    awardCandidate: 'award_candidate',
    nonRenewal: 'non_renewal',
    rectifyBy: 'rectify_by',
    reason: 'reason',
  },
  head: {
    staffId: 'ID',
    name: 'Name',
    post: 'Post',
    h1Total: 'H1',
    h2Total: 'H2',
    h1Grade: 'H1 grade',
    h2Grade: 'H2 grade',
    h1Reward: 'H1 reward',
    h2Reward: 'H2 reward',
    annualBonus: 'Bonus',
    rewards: 'Rewards',
    h1Penalty: 'H1 penalty',
    h2Penalty: 'H2 penalty',
    penalties: 'Penalties',
    rectifyBy: 'Rectify by',
    outcome: 'Year outcome',
    reason: 'Reason',
  },
  yearTitle: (year: number, staff: number) => `Year ${year}: ${staff} staff, H1 and H2 side by side`,
  yearCounts: (award: number, nonRenewal: number, rectification: number, incomplete: number, rectifying: number) =>
    `Award candidates ${award}, not renewed ${nonRenewal}, rectification ${rectification}, incomplete ${incomplete}${rectifying > 0 ? ` (${rectifying} of them under rectification)` : ''}`,
  money: (rewards: string, penalties: string) => `In total: rewards ${rewards}, penalties ${penalties}`,
  someUnset: (n: number) => ` (${n} amount${n === 1 ? '' : 's'} unset)`,
  rewardsTitle: (year: number, staff: number, only: string | null) =>
    `Rewards and penalties ${year}${only ? ` (${only})` : ''}: ${staff} staff`,
  only: {
    rewards: 'rewards only',
    penalties: 'penalties only',
    'award-candidates': 'award candidates only',
    'non-renewal': 'non-renewal only',
  } as Record<string, string>,
  nobody: 'Nobody is on this list.',
};

export type YearWords = typeof enWords;

const HALF_ZH: Record<Half, string> = { h1: '上半年', h2: '下半年' };
const GRADE_ZH: Record<Grade, string> = { excellent: '优秀', good: '良好', qualified: '合格', unqualified: '不合格' };

const zhWords: YearWords = {
  half: HALF_ZH,
  yes: '是',
  no: '否',
  undecided: '待定',
  status: { complete: '完整', incomplete: '不完整' },
  notScored: '未评分',
  unset: '（金额未设）',
  totalUnset: '金额未设',
  currency: yuan,
  join: '；',
  section: {
    award: '评优推荐候选人',
    'non-renewal': '不予聘任',
    rectification: '限期整改',
    incomplete: '不完整：年度结论待定',
    other: '其他人员',
  },
  rewardsOther: '学期奖励',
  sectionTitle: (title: string, n: number) => `${title}（${n} 人）`,
  outcome: {
    award: '评优推荐候选人，年度奖金',
    nonRenewal: '不予聘任（不再整改）',
    rectification: (halves: Half[]) => `限期整改（${halves.map((h) => HALF_ZH[h]).join('、')}不合格）`,
    incomplete: (missing: Half[]) => (missing.length === 2 ? '本年度无评分：年度结论待定' : `${HALF_ZH[missing[0]!]}未评分：年度结论待定`),
  },
  reason: {
    reward: (half: Half, grade: Grade) => `${HALF_ZH[half]}${GRADE_ZH[grade]}奖励`,
    penalty: (half: Half, rectifyBy: string | null) => `${HALF_ZH[half]}不合格处罚${rectifyBy ? `，${rectifyBy} 前整改` : ''}`,
    award: '上、下半年均优秀：评优推荐候选人，年度奖金',
    nonRenewal: '上、下半年均不合格：不予聘任，不再整改',
    incomplete: (missing: Half[]) => (missing.length === 2 ? '本年度无评分：年度结论待定' : `${HALF_ZH[missing[0]!]}未评分：年度结论待定`),
  },
  yearCol: {
    staffId: '工号',
    name: '姓名',
    post: '岗位',
    h1Total: '上半年总分',
    h1Grade: '上半年等级',
    h2Total: '下半年总分',
    h2Grade: '下半年等级',
    status: '状态',
    awardCandidate: '评优推荐候选人',
    nonRenewal: '不予聘任',
    rectification: '限期整改',
    annualBonus: '年度奖金',
    rewardTotal: '奖励合计',
    penaltyTotal: '处罚合计',
    rectifyBy: '整改期限',
    outcome: '年度结论',
  },
  rewardsCol: {
    staffId: '工号',
    name: '姓名',
    post: '岗位',
    h1Grade: '上半年等级',
    h2Grade: '下半年等级',
    h1Reward: '上半年奖励',
    h2Reward: '下半年奖励',
    annualBonus: '年度奖金',
    rewardTotal: '奖励合计',
    h1Penalty: '上半年处罚',
    h2Penalty: '下半年处罚',
    penaltyTotal: '处罚合计',
    awardCandidate: '评优推荐候选人',
    nonRenewal: '不予聘任',
    rectifyBy: '整改期限',
    reason: '原因',
  },
  head: {
    staffId: '工号',
    name: '姓名',
    post: '岗位',
    h1Total: '上半年',
    h2Total: '下半年',
    h1Grade: '上半年等级',
    h2Grade: '下半年等级',
    h1Reward: '上半年奖励',
    h2Reward: '下半年奖励',
    annualBonus: '年度奖金',
    rewards: '奖励合计',
    h1Penalty: '上半年处罚',
    h2Penalty: '下半年处罚',
    penalties: '处罚合计',
    rectifyBy: '整改期限',
    outcome: '年度结论',
    reason: '原因',
  },
  yearTitle: (year: number, staff: number) => `${year}年度评比：${staff} 人，上、下半年对照`,
  yearCounts: (award: number, nonRenewal: number, rectification: number, incomplete: number, rectifying: number) =>
    `评优推荐候选人 ${award}，不予聘任 ${nonRenewal}，限期整改 ${rectification}，不完整 ${incomplete}${rectifying > 0 ? `（其中 ${rectifying} 人列在限期整改中）` : ''}`,
  money: (rewards: string, penalties: string) => `合计：奖励 ${rewards}，处罚 ${penalties}`,
  someUnset: (n: number) => `（另有 ${n} 项金额未设）`,
  rewardsTitle: (year: number, staff: number, only: string | null) => `${year}年度奖惩名单${only ? `（${only}）` : ''}：${staff} 人`,
  only: {
    rewards: '仅奖励',
    penalties: '仅处罚',
    'award-candidates': '仅评优推荐候选人',
    'non-renewal': '仅不予聘任',
  },
  nobody: '名单为空。',
};

export const en = enWords;
export const zh = zhWords;
export const yearWords = { en, zh } satisfies Record<Lang, YearWords>;

export function wordsOfYear(lang: Lang): YearWords {
  return yearWords[lang];
}
