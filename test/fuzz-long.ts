/**
 * `npm run fuzz`: the long fuzz, outside `npm test`. FUZZ_RUNS cases (default 100,000): 40% valid
 * sheets against the reference, 60% spoilt ones, all of them against the previous implementation
 * (test/legacy/), and a sample of both through the real binary.
 * Prints the seed first (FUZZ_SEED=... replays a run), then the counts and the time.
 */
import fc from 'fast-check';
import { binaryCase } from './fuzz-binary.js';
import { type MutatedResult, checkMutated, checkValid, mutate, seedArb, validCase } from './fuzz-sheets.js';

const total = Number(process.env.FUZZ_RUNS ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0);
const binaryRuns = Math.max(10, Math.min(200, Math.round(total / 500)));
const validRuns = Math.round((total - binaryRuns) * 0.4);
const mutatedRuns = total - binaryRuns - validRuns;

process.stdout.write(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed} FUZZ_RUNS=${total} npm run fuzz)\n`);
const start = performance.now();
let slowest = { ms: 0, what: '' };
const timed = <T>(what: string, f: () => T): T => {
  const t = performance.now();
  const r = f();
  const ms = performance.now() - t;
  if (ms > slowest.ms) slowest = { ms, what };
  return r;
};

function phase<T>(name: string, runs: number, prop: fc.IProperty<T>, note: () => string): void {
  const t = performance.now();
  try {
    fc.assert(prop, { seed, numRuns: runs, endOnFailure: true });
  } catch (e) {
    const cause = (e as Error).cause as Error | undefined;
    process.stdout.write(`fuzz: FAILED in ${name} (seed ${seed})\n${(e as Error).message}\n${cause?.message ?? ''}\n`);
    // scripts/fuzz.js sets the exit code and cleans up.
    throw new Error('fuzz failed', { cause: e });
  }
  process.stdout.write(`fuzz: ${name}: ${runs.toLocaleString('en')} cases in ${((performance.now() - t) / 1000).toFixed(1)} s${note()}\n`);
}

const forms: Record<string, number> = {};
phase(
  'valid sheets, the pipeline against the reference and the previous implementation',
  validRuns,
  fc.property(seedArb, (s) => {
    const c = validCase(s);
    forms[c.form] = (forms[c.form] ?? 0) + 1;
    timed(`valid ${s}`, () => checkValid(c));
  }),
  () => ` (${Object.entries(forms).map(([k, v]) => `${k} ${v}`).join(', ')})`,
);

const outcomes: Record<MutatedResult, number> = { errors: 0, warnings: 0, clean: 0 };
phase(
  'spoilt sheets, the pipeline against the previous implementation',
  mutatedRuns,
  fc.property(seedArb, seedArb, (a, b) => {
    const c = validCase(a);
    outcomes[timed(`spoilt ${a} ${b}`, () => checkMutated(c, mutate(c, b)))]++;
  }),
  () => ` (with errors ${outcomes.errors}, warnings only ${outcomes.warnings}, still clean ${outcomes.clean})`,
);

const bin = { ok: 0, problems: 0 };
phase(
  'the real binary',
  binaryRuns,
  fc.property(seedArb, seedArb, fc.boolean(), (a, b, spoil) => {
    bin[binaryCase(a, spoil ? b : null)]++;
  }),
  () => ` (exit 0: ${bin.ok}, exit 1: ${bin.problems})`,
);

const secs = (performance.now() - start) / 1000;
process.stdout.write(
  `fuzz: ${total.toLocaleString('en')} cases, no failure, in ${secs.toFixed(1)} s; slowest case ${slowest.ms.toFixed(0)} ms (${slowest.what}); seed ${seed}\n`,
);
