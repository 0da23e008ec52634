/** Reading the policy: `--policy FILE`, else evaluate.config.json in the working folder, else the rules. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY, type Policy, validatePolicy } from '../core/policy.js';
import { UsageError } from '../errors.js';

export const CONFIG_NAME = 'evaluate.config.json';

export interface PolicySource {
  policy: Policy;
  /** The file it came from, or null for the built-in rules. */
  file: string | null;
}

export function loadPolicy(explicit: string | undefined, cwd = process.cwd()): PolicySource {
  const file = explicit ?? (existsSync(join(cwd, CONFIG_NAME)) ? CONFIG_NAME : null);
  if (file === null) return { policy: structuredClone(DEFAULT_POLICY), file: null };
  let text: string;
  try {
    text = readFileSync(explicit ? file : join(cwd, file), 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new UsageError(`cannot read policy "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : 1;
    throw new UsageError(`${file}:${line}: error: the policy is not valid JSON: ${msg}`);
  }
  const { policy, errors } = validatePolicy(json);
  if (errors.length > 0) {
    throw new UsageError(errors.map((e) => `${file}: error: ${e}`).join('\n'));
  }
  return { policy, file };
}
