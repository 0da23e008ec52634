/** The words of `evaluate panel`, English and Chinese; both tables have the same keys. */
import { semesterZh } from './zh.js';

const enWords = {
  title: (semester: string, staff: number, raters: number) =>
    `Panel consistency ${semester}: ${staff} staff, ${raters} rater${raters === 1 ? '' : 's'}`,
  /** `partial`: the roles whose methods add up to less than 100, by that sum (their names, and the sum), if any. */
  raters: (partial: [roles: string[], outOf: number][]) =>
    `Raters (totals 0-100${partial.map(([roles, outOf]) => `; of ${roles.length > 1 ? `${roles.slice(0, -1).join(', ')} and ${roles.at(-1)}` : roles[0]} 0-${outOf}, the methods of their role`).join('')}; leniency and correlation against the other raters' median on the same staff)`,
  head: {
    rater: 'Rater',
    role: 'Role',
    scored: 'Scored',
    mean: 'Mean',
    sd: 'SD',
    leniency: 'Leniency',
    correlation: 'Corr.',
    identical: 'Same',
    flags: 'Flags',
    staffId: 'ID',
    name: 'Name',
    method: 'Method',
    score: 'Score',
    othersMedian: 'Others',
    difference: 'Diff.',
    sds: 'SDs',
    spread: 'Spread',
    highest: 'Highest',
    lowest: 'Lowest',
    scores: 'Scores',
    icc: 'ICC(2,k)',
    iccSingle: 'ICC(2,1)',
    reading: 'Reading',
    staff: 'Staff',
    ratersCount: 'Raters',
  },
  flag: {
    'identical-scores': 'identical scores',
    lenient: 'lenient',
    severe: 'severe',
    'high-spread': 'high spread',
  } as Record<string, string>,
  noRole: '(none)',
  outliers: (n: number, points: number, sd: number) =>
    `Outlier scores: ${n} (more than ${points} points AND more than ${sd} SD from the other raters' median on the same person and method)`,
  spread: (n: number, threshold: number) => `Staff with a high spread: ${n} (highest minus lowest rater total above ${threshold} points)`,
  largest: (spread: string, who: string) => `largest spread: ${spread} (${who})`,
  /** A person's spread: who scored highest and lowest. */
  spreadOf: (person: string, high: string, low: string) => `${person}: ${high}, ${low}`,
  none: 'none',
  reliability: 'Inter-rater reliability: ICC two-way random effects, absolute agreement (Shrout & Fleiss 1979); reading after Koo & Li 2016',
  total: 'total',
  reading: { poor: 'poor', moderate: 'moderate', good: 'good', excellent: 'excellent' } as Record<string, string>,
  undefinedIcc: 'n/a',
  undefinedNote: 'n/a: undefined (no variance, or fewer than 2 staff or raters scored by every rater)',
  thresholds: (t: { leniency: number; outlierSd: number; outlierPoints: number; identicalShare: number; spread: number }) =>
    `Thresholds (policy "panel"): leniency ±${t.leniency}, outliers > ${t.outlierPoints} points and > ${t.outlierSd} SD, ` +
    `identical scores for ≥ ${Math.round(t.identicalShare * 100)}% of staff, spread > ${t.spread}`,
};

export type PanelWords = typeof enWords;

const zhWords: PanelWords = {
  title: (semester: string, staff: number, raters: number) => `评委一致性 ${semesterZh(semester)}：${staff} 人，评委 ${raters} 人`,
  raters: (partial: [roles: string[], outOf: number][]) =>
    `评委（总分 0-100${partial.map(([roles, outOf]) => `，其中${roles.join('、')} 0-${outOf}（只评其角色的考评方式）`).join('')}；宽严度与相关系数均与同一被考评人其他评委的中位数比较）`,
  head: {
    rater: '评委',
    role: '角色',
    scored: '评分人数',
    mean: '平均分',
    sd: '标准差',
    leniency: '宽严度',
    correlation: '相关',
    identical: '雷同',
    flags: '提示',
    staffId: '工号',
    name: '姓名',
    method: '方式',
    score: '分数',
    othersMedian: '他人中位',
    difference: '差值',
    sds: '标准差倍数',
    spread: '极差',
    highest: '最高',
    lowest: '最低',
    scores: '评分',
    icc: 'ICC(2,k)',
    iccSingle: 'ICC(2,1)',
    reading: '解读',
    staff: '人数',
    ratersCount: '评委数',
  },
  flag: {
    'identical-scores': '评分雷同',
    lenient: '偏宽',
    severe: '偏严',
    'high-spread': '分歧大',
  },
  noRole: '（无）',
  outliers: (n: number, points: number, sd: number) =>
    `离群评分：${n} 个（与同一人同一方式其他评委的中位数相差超过 ${points} 分，且超过 ${sd} 个标准差）`,
  spread: (n: number, threshold: number) => `评委分歧大的人员：${n} 人（评委总分最高与最低之差超过 ${threshold} 分）`,
  largest: (spread: string, who: string) => `最大极差：${spread}（${who}）`,
  spreadOf: (person: string, high: string, low: string) => `${person}：${high}，${low}`,
  none: '无',
  reliability: '评委间信度：ICC 双向随机效应、绝对一致（Shrout & Fleiss 1979）；解读依 Koo & Li 2016',
  total: '总分',
  reading: { poor: '差', moderate: '中等', good: '良好', excellent: '优秀' },
  undefinedIcc: '无',
  undefinedNote: '无：无法计算（没有差异，或被全部评委评分的人员或评委不足 2 个）',
  thresholds: (t) =>
    `阈值（考评办法 "panel"）：宽严度 ±${t.leniency}，离群 > ${t.outlierPoints} 分且 > ${t.outlierSd} 个标准差，` +
    `雷同 ≥ ${Math.round(t.identicalShare * 100)}% 的人员，极差 > ${t.spread}`,
};

export const panelWords = { en: enWords, zh: zhWords };
