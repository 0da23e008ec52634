/**
 * Building a report's seal (SPEC "Seal, verify, diff"): the tool version, the command with the
 * options that change the result, the effective policy's hash and where it came from, and the input
 * files with their hashes. The result's own hash is added where the report is serialized
 * (render/json.ts). `evaluate verify` reads the same rules back from here.
 */
import { canonicalJson } from '../core/canonical.js';
import { parseSemester } from '../core/cells.js';
import type { ReportKind } from '../core/diff.js';
import type { Policy } from '../core/policy.js';
import { ROLES } from '../core/types.js';
import { type SealBase, type SealedInput, sha256Hex } from '../render/json.js';
import { VERSION } from '../version.js';
import type { Common } from './common.js';

export const TOOL = `evaluate ${VERSION}`;

/** The commands whose JSON report is sealed. */
export type SealedCommand = ReportKind;

/**
 * Each command's own options that change its result, in the order the seal writes them (the flag's
 * key as commander gives it). Not --out, --format, --force, --no-color, --bom: they change how the
 * result is written, not what it is; not --policy: the seal names the policy in `policy.source`.
 */
const RESULT_OPTIONS: Record<SealedCommand, readonly string[]> = {
  score: ['semester', 'roster', 'groupBy'],
  year: ['year', 'roster'],
  rewards: ['year', 'only', 'roster'],
  panel: ['semester'],
};

const kebab = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * The seal's `command`: the command, its result-shaping options as given (a semester written as
 * `2026-H1`), then `--encoding` and `--delimiter` where given (they decide how the sheets read), then
 * always `--lang` (it decides the words in the report, e.g. rewards' `reason`): the one from LANG
 * too, so that a rerun elsewhere does not depend on the environment.
 */
export function sealCommand(command: SealedCommand, flags: Record<string, unknown>, common: Common): string[] {
  const out: string[] = [command];
  for (const key of RESULT_OPTIONS[command]) {
    const v = flags[key];
    if (typeof v !== 'string') continue;
    out.push(kebab(key), key === 'semester' ? (parseSemester(v) ?? v) : key === 'year' ? v.trim() : v);
  }
  if (typeof flags.encoding === 'string') out.push('--encoding', flags.encoding);
  if (common.delimiter !== ',') out.push('--delimiter', common.delimiter);
  out.push('--lang', common.lang);
  return out;
}

/**
 * Whether a command read from a seal is one this program writes: a sealed command, then only its
 * result-shaping options, each with a value. `verify` reruns nothing else (a seal edited to carry
 * `--out` or `--force` is refused).
 */
export function isSealedCommand(command: readonly string[]): boolean {
  const kind = command[0] as SealedCommand;
  if (!Object.hasOwn(RESULT_OPTIONS, kind)) return false;
  const allowed = new Set([...RESULT_OPTIONS[kind].map(kebab), '--encoding', '--delimiter', '--lang']);
  if (command.length % 2 !== 1) return false;
  for (let i = 1; i < command.length; i += 2) if (!allowed.has(command[i]!)) return false;
  return true;
}

/**
 * The effective policy as hashed: the Policy object the computation uses, every key filled in
 * (defaults included: each method's max, scale and roles, the panel thresholds, unset amounts as
 * null). A method's roles are a set, so they are put in the rules' order: a file listing the same
 * roles in another order is the same policy.
 */
export function effectivePolicy(p: Policy): Policy {
  const methods = Object.fromEntries(
    Object.entries(p.methods).map(([m, mp]) => [m, { ...mp, roles: ROLES.filter((r) => mp.roles.includes(r)) }]),
  ) as Policy['methods'];
  return { ...p, methods };
}

/** SHA-256 (hex) of the effective policy as RFC 8785 canonical JSON. */
export function policyHash(p: Policy): string {
  return sha256Hex(canonicalJson(effectivePolicy(p)));
}

/** `policy.source`: the --policy path as given, `evaluate.config.json`, or `built-in`. */
export function policySource(common: Pick<Common, 'policyFile'>): string {
  return common.policyFile ?? 'built-in';
}

/** The seal of a run, all but the result's hash (added where the report is serialized). */
export function sealFor(command: SealedCommand, flags: object, common: Common, inputs: readonly SealedInput[]): SealBase {
  return {
    tool: TOOL,
    command: sealCommand(command, flags as Record<string, unknown>, common),
    policy: { source: policySource(common), sha256: policyHash(common.policy) },
    inputs: inputs.map((i) => ({ file: i.file, kind: i.kind, sha256: i.sha256, bytes: i.bytes, rows: i.rows })),
  };
}
