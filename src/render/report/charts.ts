/**
 * The charts of the report and the notices: Apache ECharts options (plain data, built here) drawn
 * to SVG in Node by ECharts' server-side renderer, with no browser and no DOM. ECharts is loaded
 * only when a chart is drawn: its one-file ES module build (about 1 MB, some 50 ms to load; the
 * package's entry point is hundreds of small modules and takes ten times as long).
 */
import type { Policy } from '../../core/policy.js';
import type { SemesterReport } from '../../core/report.js';
import { type Grade, type Method, GRADES, METHODS } from '../../core/types.js';
import { type Lang, words } from '../../i18n/index.js';
import { reportWords } from '../../i18n/report.js';
import { importExternal } from '../../io/external.js';
import { attr, FONT_STACK } from './html.js';
import { type SemesterStats, BIN, binCounts } from './stats.js';

/** The part of ECharts used here. */
export interface EChartsLib {
  init(dom: null, theme: null, opts: { renderer: 'svg'; ssr: true; width: number; height: number }): {
    setOption(option: object): void;
    renderToSVGString(): string;
    dispose(): void;
  };
}

export async function loadECharts(): Promise<EChartsLib> {
  return importExternal<EChartsLib>('echarts/dist/echarts.esm.min');
}

export const GRADE_COLOR: Record<Grade, string> = { excellent: '#2e7d32', good: '#1565c0', qualified: '#c98a00', unqualified: '#c62828' };
/** H1, then H2 (or the one semester). */
const SERIES_COLOR = ['#3a6ea5', '#e07b28'];
const MEAN_COLOR = '#9aa3ad';
const TEXT = '#333333';
const GRID_LINE = '#e3e6ea';

export interface Chart {
  option: object;
  width: number;
  height: number;
  /** What the chart shows, for people who cannot see it (aria-label). */
  label: string;
}

/** Draws a chart to an SVG string that is safe to inline: text escaped by ECharts, no hover style, no URL-like text. */
export function drawSvg(ec: EChartsLib, chart: Chart): string {
  const instance = ec.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height });
  let svg: string;
  try {
    instance.setOption({ animation: false, textStyle: { fontFamily: FONT_STACK, color: TEXT }, ...chart.option });
    svg = instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
  return (
    svg
      // Hover styles and the metadata for re-hydration in a browser: a printed page needs neither.
      .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
      .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
      // The classes of those styles, numbered by a counter of the whole process: without them the
      // same chart is the same text whatever was drawn before it (batch draws many in one thread).
      .replace(/ class="zr\d+-cls-\d+"/g, '')
      // Text nodes hold labels from the sheets (post names): no URL-like text in the source (see html.ts).
      .replace(/>([^<]+)</g, (_, text: string) => `>${text.replace(/\//g, '&#47;').replace(/:/g, '&#58;').replace(/\(/g, '&#40;')}<`)
      .replace(/^<svg /, `<svg role="img" aria-label="${attr(chart.label)}" `)
  );
}

const axisText = { color: TEXT, fontSize: 11 };
const splitLine = { lineStyle: { color: GRID_LINE } };

function legend(names: string[]): object {
  return names.length > 1 ? { legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11, color: TEXT }, data: names } } : {};
}

function barLabel(position: 'top' | 'right' | 'inside', size = 10): object {
  return { show: true, position, fontSize: size, color: TEXT };
}

/** A value shown on a bar: the text given (so the digits are ours), the value for the bar's length. */
function item(value: number, text: string, color?: string): object {
  return { value, label: { formatter: text }, ...(color ? { itemStyle: { color } } : {}) };
}

/** How many staff got each grade: one bar per grade (colored by grade), or H1 and H2 side by side. */
export function gradeChart(reports: SemesterReport[], lang: Lang): Chart {
  const w = words(lang);
  const rw = reportWords[lang];
  const names = reports.map((r) => rw.semester(r.semester));
  const one = reports.length === 1;
  return {
    width: 340,
    height: 260,
    label: `${rw.chart.grades}: ${reports.map((r) => `${rw.semester(r.semester)} ${GRADES.map((g) => `${w.grade[g]} ${r.gradeCounts[g]}`).join(', ')}`).join('; ')}`,
    option: {
      ...legend(names),
      grid: { left: 36, right: 8, top: one ? 14 : 30, bottom: 26 },
      xAxis: { type: 'category', data: GRADES.map((g) => w.grade[g]), axisLabel: { ...axisText, interval: 0 }, axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, name: rw.chart.staffAxis, nameTextStyle: { ...axisText, align: 'left' }, axisLabel: axisText, splitLine },
      series: reports.map((r, i) => ({
        type: 'bar',
        name: names[i],
        barMaxWidth: 36,
        itemStyle: { color: SERIES_COLOR[i] },
        label: barLabel('top'),
        data: GRADES.map((g) => item(r.gradeCounts[g], String(r.gradeCounts[g]), one ? GRADE_COLOR[g] : undefined)),
      })),
    },
  };
}

/** The totals in 5-point bins, over the grade bands (shaded, named above the plot). */
export function distributionChart(reports: SemesterReport[], edges: number[], policy: Policy, lang: Lang): Chart {
  const w = words(lang);
  const rw = reportWords[lang];
  const names = reports.map((r) => rw.semester(r.semester));
  const width = 340;
  const plot = width - 36 - 12;
  const barWidth = Math.max(3, Math.floor(((plot / edges.length) * 0.8) / reports.length));
  // The grade bands as lightly shaded areas, each named above the plot.
  const bands = (
    [
    { grade: 'unqualified', from: edges[0]!, to: policy.bands.qualified, text: rw.chart.below(w.grade.unqualified, policy.bands.qualified) },
    { grade: 'qualified', from: policy.bands.qualified, to: policy.bands.good, text: rw.chart.band(w.grade.qualified, policy.bands.qualified) },
    { grade: 'good', from: policy.bands.good, to: policy.bands.excellent, text: rw.chart.band(w.grade.good, policy.bands.good) },
    { grade: 'excellent', from: policy.bands.excellent, to: 100, text: rw.chart.band(w.grade.excellent, policy.bands.excellent) },
    ] as { grade: Grade; from: number; to: number; text: string }[]
  ).filter((b) => b.to > b.from && b.to > edges[0]!);
  const two = reports.length > 1;
  return {
    width,
    height: 260,
    label: `${rw.chart.distribution}: ${reports
      .map((r) => `${rw.semester(r.semester)} ${binCounts(r, edges).map((c, i) => `${edges[i]}-${edges[i]! + BIN} ${c}`).join(', ')}`)
      .join('; ')}`,
    option: {
      ...legend(names),
      grid: { left: 36, right: 12, top: two ? 58 : 38, bottom: 26 },
      xAxis: { type: 'value', min: edges[0], max: 100, interval: BIN * 2, axisLabel: axisText, splitLine: { show: false } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
      series: reports.map((r, i) => ({
        type: 'bar',
        name: names[i],
        barWidth,
        itemStyle: { color: SERIES_COLOR[i] },
        data: binCounts(r, edges).flatMap((c, j) => (c > 0 ? [[edges[j]! + BIN / 2, c]] : [])),
        ...(i === 0
          ? {
              markArea: {
                silent: true,
                data: bands.map((b) => [
                  {
                    xAxis: Math.max(b.from, edges[0]!),
                    itemStyle: { color: GRADE_COLOR[b.grade], opacity: 0.08 },
                    label: { show: true, formatter: b.text, position: 'top', color: GRADE_COLOR[b.grade], fontSize: 9, lineHeight: 11, distance: 3 },
                  },
                  { xAxis: b.to },
                ]),
              },
            }
          : {}),
      })),
    },
  };
}

/** Each method's mean over the staff (of the values `score` shows), against the method's maximum. */
export function methodChart(stats: SemesterStats[], policy: Policy, lang: Lang): Chart {
  const w = words(lang);
  const rw = reportWords[lang];
  const names = stats.map((s) => rw.semester(s.semester));
  const max = Math.max(...METHODS.map((m) => policy.methods[m].max));
  return {
    width: 340,
    height: 260,
    label: `${rw.chart.methods}: ${stats.map((s) => `${rw.semester(s.semester)} ${METHODS.map((m) => `${w.method[m]} ${s.methodMeans[m].toFixed(2)}`).join(', ')}`).join('; ')}`,
    option: {
      ...legend(names),
      grid: { left: 36, right: 8, top: stats.length > 1 ? 30 : 14, bottom: 26 },
      xAxis: { type: 'category', data: METHODS.map((m) => w.method[m]), axisLabel: { ...axisText, interval: 0 }, axisTick: { show: false } },
      yAxis: { type: 'value', min: 0, max, axisLabel: axisText, splitLine },
      series: stats.map((s, i) => ({
        type: 'bar',
        name: names[i],
        barMaxWidth: 30,
        itemStyle: { color: SERIES_COLOR[i] },
        // Two semesters: the values written up inside the bars, where they do not run into each other.
        label:
          stats.length > 1
            ? { show: true, position: 'insideTop', rotate: 90, align: 'right', verticalAlign: 'middle', distance: 6, fontSize: 9, color: '#ffffff' }
            : barLabel('top'),
        data: METHODS.map((m) => item(s.methodMeans[m].toNumber(2), s.methodMeans[m].toFixed(2))),
      })),
    },
  };
}

/** Each post's mean total: one horizontal bar per post (and semester), the grade bands as lines. */
export function postChart(stats: SemesterStats[], policy: Policy, lang: Lang, width = 340): Chart {
  const rw = reportWords[lang];
  const names = stats.map((s) => rw.semester(s.semester));
  const posts = [...new Set(stats.flatMap((s) => s.posts.map((p) => p.post)))];
  const rowHeight = stats.length > 1 ? 30 : 20;
  const top = stats.length > 1 ? 30 : 10;
  const labelOf = (post: string) => (post === '' ? rw.noPost : post);
  return {
    width,
    height: Math.max(260, top + 26 + posts.length * rowHeight),
    label: `${rw.chart.posts}: ${stats.map((s) => `${rw.semester(s.semester)} ${s.posts.map((p) => `${labelOf(p.post)} ${p.mean.toFixed(2)}`).join(', ')}`).join('; ')}`,
    option: {
      ...legend(names),
      grid: { left: 72, right: 40, top, bottom: 26 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: posts.map(labelOf),
        axisLabel: { ...axisText, interval: 0, width: 64, overflow: 'truncate' },
        axisTick: { show: false },
      },
      xAxis: { type: 'value', min: 0, max: 100, interval: 20, axisLabel: axisText, splitLine },
      series: stats.map((s, i) => {
        const byPost = new Map(s.posts.map((p) => [p.post, p]));
        return {
          type: 'bar',
          name: names[i],
          barMaxWidth: 14,
          itemStyle: { color: SERIES_COLOR[i] },
          label: barLabel('right', 9),
          data: posts.map((p) => {
            const x = byPost.get(p);
            return x ? item(x.mean.toNumber(2), x.mean.toFixed(2)) : item(0, '');
          }),
        };
      }),
    },
  };
}

/** A staff member's five method values beside the center's means. */
export function noticeChart(
  semester: string,
  yours: Record<Method, { value: number; text: string }>,
  means: Record<Method, { value: number; text: string }>,
  policy: Policy,
  lang: Lang,
  width: number,
): Chart {
  const w = words(lang);
  const rw = reportWords[lang];
  const max = Math.max(...METHODS.map((m) => policy.methods[m].max));
  return {
    width,
    height: 210,
    label: `${rw.semester(semester)}: ${METHODS.map((m) => `${w.method[m]} ${rw.chart.you} ${yours[m].text}, ${rw.chart.centerMean} ${means[m].text}`).join('; ')}`,
    option: {
      ...legend([rw.chart.you, rw.chart.centerMean]),
      grid: { left: 30, right: 6, top: 30, bottom: 24 },
      xAxis: { type: 'category', data: METHODS.map((m) => w.method[m]), axisLabel: { ...axisText, interval: 0 }, axisTick: { show: false } },
      yAxis: { type: 'value', min: 0, max, axisLabel: axisText, splitLine },
      series: [
        {
          type: 'bar',
          name: rw.chart.you,
          barMaxWidth: 26,
          itemStyle: { color: SERIES_COLOR[0] },
          label: barLabel('top', 9),
          data: METHODS.map((m) => item(yours[m].value, yours[m].text)),
        },
        {
          type: 'bar',
          name: rw.chart.centerMean,
          barMaxWidth: 26,
          // The two bars apart by more than a label's width: two values of one height (a score near
          // the center's mean, in a chart half the page wide) would read as one number, 18.7018.70.
          barGap: '40%',
          barCategoryGap: '16%',
          itemStyle: { color: MEAN_COLOR },
          label: barLabel('top', 9),
          data: METHODS.map((m) => item(means[m].value, means[m].text)),
        },
      ],
    },
  };
}
