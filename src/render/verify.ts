/**
 * What `evaluate verify` prints: `reproduced`, or each difference. The markers `reproduced`,
 * `changed: FILE`, `missing: FILE` and `policy changed` start a line and stay English for scripts;
 * the explanation under each, indented, follows --lang.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ReportDiff } from '../core/diff.js';
import { type AuditWords, auditWords } from '../i18n/audit.js';
import type { Lang } from '../i18n/index.js';
import { fileProblem } from '../i18n/files.js';
import { changeText, placeText } from './diff.js';
import { printable } from './format.js';

export interface InputCheck {
  file: string;
  state: 'same' | 'changed' | 'missing' | 'stdin';
  sealedBytes: number;
  nowBytes?: number;
  /** Why a missing file cannot be read (ENOENT, EACCES...). */
  code?: string;
}

export interface PolicyCheck {
  source: string;
  state: 'same' | 'changed' | 'invalid' | 'missing';
  message?: string;
}

export type Recomputed =
  | { state: 'skipped' }
  | { state: 'failed'; stderr: string }
  /** `places`: the decimals of the policy's totals (SPEC: `59.0`, not `59`). */
  | { state: 'done'; same: boolean; diff: ReportDiff; otherParts: string[]; places?: number };

export interface VerifyOutcome {
  report: string;
  sealedTool: string;
  tool: string;
  /** The report's contents no longer match its seal's result hash. */
  edited: boolean;
  /** Where relative input names are read from (the working folder). */
  folder: string;
  inputs: InputCheck[];
  policy: PolicyCheck;
  recomputed: Recomputed;
}

export function reproduced(o: VerifyOutcome): boolean {
  return !o.edited && o.inputs.every((i) => i.state === 'same') && o.policy.state === 'same' && o.recomputed.state === 'done' && o.recomputed.same;
}

function recomputedLines(r: Recomputed, w: AuditWords, lang: Lang): string[] {
  if (r.state === 'skipped') return [];
  if (r.state === 'failed') {
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    return [w.verify.commandFails, ...lines.map((l) => `  ${printable(l)}`)];
  }
  const out: string[] = [];
  const d = r.diff;
  const people = new Map<string, string[]>();
  const place = (p: { semester: string | number; staffId: string; name: string }) =>
    printable(`${placeText(p.semester, lang)} ${p.staffId}${p.name && !p.staffId.endsWith(p.name) ? ` ${p.name}` : ''}`);
  for (const c of d.changes) {
    const key = place(c);
    people.set(key, [...(people.get(key) ?? []), printable(changeText(c.field, c.before, c.after, lang, r.places ?? null))]);
  }
  for (const p of d.added) people.set(place(p), [w.verify.added]);
  for (const p of d.removed) people.set(place(p), [w.verify.removed]);
  if (people.size > 0) {
    out.push(w.verify.differ(people.size));
    for (const [who, what] of people) out.push(`  ${w.verify.person(who, what)}`);
  }
  if (r.otherParts.length > 0) out.push(w.verify.otherParts(r.otherParts));
  return out;
}

export function verifyText(o: VerifyOutcome, lang: Lang): string {
  const w = auditWords(lang);
  const v = w.verify;
  const out: string[] = [];
  if (o.sealedTool !== o.tool) out.push(v.toolNote(o.sealedTool, o.tool));
  if (reproduced(o)) {
    out.push('reproduced', `  ${v.reproduced(o.inputs.length, o.policy.source, o.sealedTool)}`);
    return `${out.join('\n')}\n`;
  }
  if (o.edited) out.push(`changed: ${printable(o.report)}`, `  ${v.reportEdited}`);
  for (const i of o.inputs) {
    if (i.state === 'changed') out.push(`changed: ${printable(i.file)}`, `  ${v.changed(i.sealedBytes, i.nowBytes ?? 0)}`);
    if (i.state === 'missing') out.push(`missing: ${printable(i.file)}`, `  ${v.missing(fileProblem({ code: i.code ?? 'ENOENT' }, lang))}`);
    if (i.state === 'stdin') out.push(`missing: ${printable(i.file)}`, `  ${v.stdin}`);
  }
  const p = o.policy;
  if (p.state === 'missing') out.push(`missing: ${printable(p.source)}`, `  ${v.policyMissing}`);
  // A relative name that is not there, with the report in another folder than the working one:
  // verify may be run from another folder than the report was made in.
  const away = resolve(o.folder, dirname(o.report)) !== resolve(o.folder);
  if (away && o.inputs.some((i) => i.state === 'missing' && i.code === 'ENOENT' && !isAbsolute(i.file))) out.push(v.readFrom(printable(o.folder)));
  if (p.state === 'changed') out.push('policy changed', `  ${p.source === 'built-in' ? v.builtInChanged(o.tool) : v.policyChanged(p.source)}`);
  if (p.state === 'invalid') out.push('policy changed', `  ${v.policyInvalid(p.source, printable(p.message ?? ''))}`);
  const recomputed = recomputedLines(o.recomputed, w, lang);
  for (const l of recomputed) out.push(l);

  const parts: string[] = [];
  if (o.edited) parts.push(v.part.edited);
  const changed = o.inputs.filter((i) => i.state === 'changed').length;
  const missing = o.inputs.filter((i) => i.state === 'missing' || i.state === 'stdin').length + (p.state === 'missing' ? 1 : 0);
  if (changed) parts.push(v.part.changed(changed));
  if (missing) parts.push(v.part.missing(missing));
  if (p.state === 'changed' || p.state === 'invalid') parts.push(v.part.policy);
  const r = o.recomputed;
  if (r.state === 'failed') parts.push(v.part.fails);
  if (r.state === 'done') {
    const n = new Set([...r.diff.changes.map((c) => `${c.semester} ${c.staffId}`), ...r.diff.added.map((c) => `${c.semester} ${c.staffId}`), ...r.diff.removed.map((c) => `${c.semester} ${c.staffId}`)]).size;
    if (n) parts.push(v.part.differ(n));
    if (r.otherParts.length) parts.push(v.part.other);
    if (!n && !r.otherParts.length && (changed || p.state !== 'same')) out.push(v.sameResults);
  }
  out.push(v.notReproduced(parts));
  return `${out.join('\n')}\n`;
}
