/**
 * The JSON text of every report, and its seal: what produced it (tool, command, policy, inputs) and
 * the hash of the report itself, so that `evaluate verify` can show later that a published list came
 * from these sheets, and `evaluate diff` can tell what a correction changed.
 */
import { canonicalJson } from '../core/canonical.js';

/** One file read, with its hash (SPEC "Seal, verify, diff"). */
export interface SealedInput {
  file: string;
  kind: 'sheet' | 'roster';
  sha256: string;
  bytes: number;
  rows: number;
}

/** The seal before the result is hashed: everything the command knows before rendering. */
export interface SealBase {
  /** `evaluate 0.1.0` */
  tool: string;
  /** The command and every option that changes the result, as `evaluate verify` reruns it (the sheets are the inputs). */
  command: string[];
  policy: { source: string; sha256: string };
  inputs: SealedInput[];
}

export interface Seal extends SealBase {
  /** `sha256:` and the SHA-256 of the report without `seal`, as RFC 8785 canonical JSON. */
  result: string;
}

export function sha256Hex(text: string | Uint8Array): string {
  // node:crypto takes a few ms to load: looked up here, so that only a sealed report pays for it.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
}

/** The `result` of a seal: the hash of the report document (without `seal`) as canonical JSON. */
export function resultHash(doc: Record<string, unknown>): string {
  return `sha256:${sha256Hex(canonicalJson(doc))}`;
}

/** A report document as the JSON text the tool writes: two-space indent, a final newline, the seal last. */
export function reportJson(doc: Record<string, unknown>, seal?: SealBase): string {
  const sealed = seal ? { ...doc, seal: { ...seal, result: resultHash(doc) } } : doc;
  return `${JSON.stringify(sealed, null, 2)}\n`;
}
