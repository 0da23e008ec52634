/**
 * Colors, with chalk loaded only when a report can be colored (standard output is a terminal, or
 * FORCE_COLOR): scripts and pipes never pay for it. `preparePaint` runs before a command renders.
 */
import type { ChalkInstance } from 'chalk';
import { stdoutIsTerminal } from '../io/output.js';

let chalk: typeof import('chalk') | null = null;

/** Whether the environment refuses colors: NO_COLOR set (no-color.org), or a terminal that has none (TERM=dumb: Emacs' shell, some CI wrappers). */
export function colorsRefused(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.NO_COLOR) || env.TERM === 'dumb';
}

export async function preparePaint(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  if ((forced || stdoutIsTerminal()) && !colorsRefused(env)) chalk ??= await import('chalk');
}

/** Returns its text unchanged, however it is chained (`plain.green.bold(s) === s`). */
const plain: ChalkInstance = new Proxy((s: unknown) => String(s), {
  get: () => plain,
  apply: (_t, _this, args: unknown[]) => args.map(String).join(' '),
}) as unknown as ChalkInstance;

export function painter(color: boolean): ChalkInstance {
  return color && chalk ? new chalk.Chalk({ level: 1 }) : plain;
}
