/**
 * Reading a report's seal back (`evaluate verify`): pure, from the parsed JSON. What is sealed and how
 * is in commands/seal.ts (building it) and render/json.ts (the result's hash).
 */
import { type ReportKind, REPORT_KINDS } from './diff.js';

export interface SealedFile {
  file: string;
  kind: 'sheet' | 'roster';
  sha256: string;
  bytes: number;
  rows: number;
}

export interface ReadSeal {
  tool: string;
  command: string[];
  kind: ReportKind;
  policy: { source: string; sha256: string };
  inputs: SealedFile[];
  result: string;
}

export type SealProblem = { why: 'no-seal' } | { why: 'bad-seal'; key: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const HEX64 = /^[0-9a-f]{64}$/;

/** The seal of a parsed report and the report without it, or why it is not a sealed report. */
export function readSeal(doc: unknown): { seal: ReadSeal; body: Record<string, unknown> } | SealProblem {
  if (!isObject(doc) || !('seal' in doc)) return { why: 'no-seal' };
  const { seal: s, ...body } = doc;
  if (!isObject(s)) return { why: 'bad-seal', key: 'seal' };
  if (!isText(s.tool)) return { why: 'bad-seal', key: 'tool' };
  const command = s.command;
  if (!Array.isArray(command) || !command.every(isText) || !(REPORT_KINDS as readonly string[]).includes(command[0] ?? '')) {
    return { why: 'bad-seal', key: 'command' };
  }
  const p = s.policy;
  if (!isObject(p) || !isText(p.source) || !isText(p.sha256) || !HEX64.test(p.sha256)) return { why: 'bad-seal', key: 'policy' };
  const inputs = s.inputs;
  if (
    !Array.isArray(inputs) ||
    !inputs.every(
      (i) => isObject(i) && isText(i.file) && (i.kind === 'sheet' || i.kind === 'roster') && isText(i.sha256) && isCount(i.bytes) && isCount(i.rows),
    )
  ) {
    return { why: 'bad-seal', key: 'inputs' };
  }
  if (!isText(s.result) || !/^sha256:[0-9a-f]{64}$/.test(s.result)) return { why: 'bad-seal', key: 'result' };
  return {
    seal: {
      tool: s.tool,
      command: command as string[],
      kind: command[0] as ReportKind,
      policy: { source: p.source, sha256: p.sha256 },
      inputs: (inputs as SealedFile[]).map((i) => ({ file: i.file, kind: i.kind, sha256: i.sha256, bytes: i.bytes, rows: i.rows })),
      result: s.result,
    },
    body,
  };
}
