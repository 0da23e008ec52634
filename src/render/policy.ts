/** A policy as the file `evaluate init` writes, and as the few lines it shows before writing. */
import { yuan } from '../core/money.js';
import type { Policy } from '../core/policy.js';
import { METHODS, ROLES } from '../core/types.js';
import { interactiveWords } from '../i18n/interactive.js';
import { fitLines, roomIn } from './lines.js';
import { displayWidth } from './width.js';

/**
 * The JSON document of a policy, keys in the order of the SPEC's example. Every key is written, so
 * the file shows what applies; a method's `scale` and `roles` only where they differ from the rules.
 * Unset amounts are written as null, which `validatePolicy` reads as unset.
 */
export function policyDocument(p: Policy): Record<string, unknown> {
  const methods: Record<string, Record<string, unknown>> = {};
  for (const m of METHODS) {
    const mp = p.methods[m];
    const entry: Record<string, unknown> = { max: mp.max };
    if (mp.scale !== mp.max) entry.scale = mp.scale;
    if (mp.roles.length !== ROLES.length || !ROLES.every((r) => mp.roles.includes(r))) entry.roles = [...mp.roles];
    methods[m] = entry;
  }
  return {
    precision: p.precision,
    aggregation: p.aggregation,
    trimMinScores: p.trimMinScores,
    methods,
    bands: { ...p.bands },
    roleWeights: { ...p.roleWeights },
    amounts: { ...p.amounts },
    rectificationDays: p.rectificationDays,
    panel: { ...p.panel },
  };
}

/** The policy file's text: one key a line, small objects on one line, as a person would write it. */
export function policyJson(p: Policy): string {
  return `${jsonText(policyDocument(p), '')}\n`;
}

function jsonText(v: unknown, indent: string): string {
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  const flat = (x: unknown) => typeof x !== 'object' || x === null || (Array.isArray(x) && x.every((y) => typeof y !== 'object'));
  if (Array.isArray(v)) return `[${v.map((x) => jsonText(x, indent)).join(', ')}]`;
  const entries = Object.entries(v);
  if (entries.every(([, x]) => flat(x))) return `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${jsonText(x, indent)}`).join(', ')} }`;
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${jsonText(x, inner)}`).join(',\n')}\n${indent}}`;
}

/**
 * The few lines `evaluate init` shows before writing: a label, then its value, broken between its
 * parts under the values' column where a terminal of `width` columns is too narrow (null: whole).
 */
export function policySummary(p: Policy, lang: 'en' | 'zh', width: number | null = null): string {
  const w = interactiveWords(lang);
  const money = (v: number | null) => (v === null ? w.notSet : yuan(v));
  const sum = METHODS.reduce((t, m) => t + p.methods[m].max, 0);
  // Each value as its parts, so that a narrow terminal breaks it between parts, never inside a
  // part's own list (a method's roles, in brackets).
  const methods = METHODS.map((m) => {
    const mp = p.methods[m];
    const roles = mp.roles.length === ROLES.length ? '' : w.note(mp.roles.map((r) => w.role[r]).join(w.sep));
    const scale = mp.scale === mp.max ? '' : ` /${mp.scale}`;
    return `${w.method[m]} ${mp.max}${scale}${roles}`;
  });
  methods.push(`${methods.pop()!} = ${Number(sum.toFixed(6))}`);
  const aggregation = [w.aggregationName[p.aggregation] as string];
  if (p.aggregation === 'trimmed') aggregation.push(w.trimmedFrom(p.trimMinScores));
  if (p.aggregation === 'weighted') aggregation.push(...ROLES.map((r, k) => `${k === 0 ? `${w.weights} ` : ''}${w.role[r]} ${p.roleWeights[r]}`));
  const rows: [string, string[]][] = [
    [w.policyLabel.methods, methods],
    [w.policyLabel.aggregation, aggregation],
    [
      w.policyLabel.grades,
      [`${w.gradeWord.excellent} ≥ ${p.bands.excellent}`, `${w.gradeWord.good} ≥ ${p.bands.good}`, `${w.gradeWord.qualified} ≥ ${p.bands.qualified}${w.note(w.rounding(p.precision))}`],
    ],
    [w.policyLabel.rewards, [`${w.gradeWord.excellent} ${money(p.amounts.excellent)}`, `${w.gradeWord.good} ${money(p.amounts.good)}`, `${w.annualBonus} ${money(p.amounts.annualBonus)}`]],
    [w.policyLabel.penalty, [money(p.amounts.penalty), w.rectifyWithin(p.rectificationDays)]],
    [w.policyLabel.panel, w.panelLine(p.panel).split(w.sep)],
  ];
  const labels = Math.max(...rows.map(([k]) => displayWidth(k)));
  const room = roomIn(width);
  const indent = ' '.repeat(labels + 4);
  const lines = rows.flatMap(([k, parts]) => {
    const label = `  ${k}${' '.repeat(labels - displayWidth(k))}  `;
    return room === null ? [`${label}${parts.join(w.sep)}`] : fitLines(label, parts, w.sep, '', room, indent);
  });
  return `${lines.join('\n')}\n`;
}

