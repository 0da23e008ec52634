/** The three ways a run can fail, each with its exit code; `cli.ts` maps them in one place. */
import type { Problem } from './core/types.js';

/** A mistake in how the command was called, or in the policy file: exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** The data has problems: they are printed, nothing is written, exit 1. */
export class DataError extends Error {
  readonly exitCode = 1;
  constructor(readonly problems: Problem[]) {
    super(`${problems.filter((p) => p.severity === 'error').length} problem(s) in the data`);
  }
}
