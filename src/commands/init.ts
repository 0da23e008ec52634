/**
 * `evaluate init`: the policy file, asked question by question with the rules' values pre-filled,
 * shown, and written after confirmation; `--yes` writes the rules without asking, for scripts.
 */
import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { MICRO, microToString, toHalfWidth } from '../core/cells.js';
import { readNumber } from '../core/entry.js';
import { AGGREGATIONS, type Aggregation, DEFAULT_POLICY, type PanelThresholds, type Policy, validatePolicy } from '../core/policy.js';
import { METHODS, ROLES } from '../core/types.js';
import { UsageError } from '../errors.js';
import { type Lang, defaultLang } from '../i18n/index.js';
import { type InteractiveWords, interactiveWords } from '../i18n/interactive.js';
import { checkOut, writeAtomic } from '../io/output.js';
import { CONFIG_NAME, loadPolicy } from '../io/policy-file.js';
import { type Outcome, type SessionIo, canAsk, isInterrupt } from './enter.js';
import { summaryOf } from './list.js';
import { loadPrompts } from '../io/inquirer.js';

export interface InitFlags {
  out?: string;
  yes?: boolean;
  force?: boolean;
  policy?: string;
  lang?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('init')
    .summary(summaryOf('init'))
    .description(
      'Set up the evaluation policy: the methods\' maxima (adding up to 100), how the raters\' scores ' +
      'are combined, the reward and penalty amounts, the days allowed for rectification and the ' +
      'thresholds of "evaluate panel". Each question shows the rules\' value; the result is shown and ' +
      'written after you confirm. An existing file is replaced only after asking, or with --force.',
    )
    .option('--out <file>', `the file to write (default: ${CONFIG_NAME}, which every command reads from the working folder)`)
    .option('--yes', 'write the built-in rules (or --policy) without asking, for scripts')
    .option('--force', 'replace an existing file without asking')
    .option('--policy <file>', 'start from this policy instead of the built-in rules')
    .addOption(new Option('--lang <lang>', 'language of the questions').choices(['en', 'zh']));
  cmd.addHelpText(
    'after',
    `
Examples:
  $ evaluate init
  $ evaluate init --yes --out policies/2026.json
  $ evaluate init --policy last-year.json --force`,
  );
  cmd.action(async (flags: InitFlags) => {
    if ((await runInit(flags)) === 'interrupted') process.exit(130);
  });
}

export async function runInit(flags: InitFlags, io: SessionIo = {}): Promise<Outcome> {
  const lang: Lang = (flags.lang as Lang | undefined) ?? defaultLang();
  const w = interactiveWords(lang);
  const out = flags.out ?? CONFIG_NAME;
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a folder; give the policy file's name`);
  checkOut(out, true, [flags.policy ?? null], lang);
  const base: Policy = flags.policy ? loadPolicy(flags.policy, { lang }).policy : structuredClone(DEFAULT_POLICY);
  const exists = existsSync(out);
  const say = io.print ?? ((l: string) => process.stdout.write(`${l}\n`));
  const { policyJson, policySummary } = await import('../render/policy.js');

  if (flags.yes) {
    if (exists && !flags.force) throw new UsageError(`${out} already exists; add --force to replace it`);
    writeAtomic(out, policyJson(base), { replace: flags.force === true, lang });
    process.stderr.write(`${flags.policy ? w.wrote(out) : w.wroteDefaults(out)}\n`);
    return 'done';
  }
  if (!canAsk(io)) throw new UsageError(w.needTerminal('init', w.initInstead));

  const prompts = await loadPrompts();
  try {
    if (exists && !flags.force && !(await prompts.confirm({ message: w.initExists(out), default: false }))) {
      say(w.initKept(out));
      return 'done';
    }
    say(w.initIntro(out));
    const policy = await askPolicy(prompts, base, w);
    say('');
    say(w.policyTitle(out));
    say(policySummary(policy, lang));
    if (!(await prompts.confirm({ message: w.writeQuestion(out), default: true }))) {
      say(w.notWritten);
      return 'done';
    }
    writeAtomic(out, policyJson(policy), { replace: exists || flags.force === true, lang });
    say(w.wrote(out));
    return 'done';
  } catch (e) {
    if (!isInterrupt(e)) throw e;
    (io.warn ?? ((l: string) => process.stderr.write(`${l}\n`)))(`\n${w.initStopped}`);
    return 'interrupted';
  }
}

type Prompts = typeof import('@inquirer/prompts');

const text = (micro: number) => microToString(micro);
const micro = (n: number) => Math.round(n * MICRO);

/** The questions, in order; every answer is checked as typed, so the result always validates. */
async function askPolicy(prompts: Prompts, base: Policy, w: InteractiveWords): Promise<Policy> {
  const p: Policy = structuredClone(base);
  const number = async (message: string, dflt: number | null, o: { min: number; max: number; whole?: boolean; aboveMin?: boolean }) => {
    const range = { minMicro: micro(o.min), maxMicro: micro(o.max), whole: o.whole, aboveMin: o.aboveMin };
    const answer = await prompts.input({
      message,
      default: dflt === null ? undefined : String(dflt),
      validate: (v) => {
        const r = readNumber(v, range);
        return r.ok || w.numberError(r.reason, String(o.min), String(o.max));
      },
    });
    const r = readNumber(answer, range);
    if (!r.ok) throw new Error(`a validated answer did not read: ${answer}`);
    return r.micro / MICRO;
  };

  // Maxima: exact sums in micro-points; the last method takes what is left to 100.
  let sum = 0;
  const hundred = micro(100);
  for (const [k, m] of METHODS.entries()) {
    const last = k === METHODS.length - 1;
    const rest = hundred - sum;
    const dflt = last ? rest : Math.min(micro(base.methods[m].max), rest - (METHODS.length - 1 - k) * MICRO);
    const answer = await prompts.input({
      message: last ? w.maxLastQuestion(w.method[m], text(rest)) : w.maxQuestion(w.method[m]),
      default: dflt > 0 ? text(dflt) : undefined,
      validate: (v) => {
        const r = readNumber(v, { minMicro: 0, maxMicro: hundred, aboveMin: true });
        if (!r.ok) return w.numberError(r.reason, '0', '100');
        if (last && r.micro !== rest) return w.maxMustBe(text(rest), text(sum + r.micro));
        if (!last && sum + r.micro >= hundred) return w.maxLeavesNothing(text(sum + r.micro));
        return true;
      },
    });
    const r = readNumber(answer, { minMicro: 0, maxMicro: hundred, aboveMin: true });
    if (!r.ok) throw new Error(`a validated answer did not read: ${answer}`);
    const mp = p.methods[m];
    const scaleFollows = mp.scale === mp.max;
    mp.max = r.micro / MICRO;
    if (scaleFollows) mp.scale = mp.max;
    sum += r.micro;
  }

  p.aggregation = await prompts.select<Aggregation>({
    message: w.aggregationQuestion,
    default: base.aggregation,
    choices: AGGREGATIONS.map((a) => ({ value: a, name: w.aggregation[a] })),
  });
  if (p.aggregation === 'trimmed') p.trimMinScores = await number(w.trimQuestion, base.trimMinScores, { min: 3, max: 1000, whole: true });
  if (p.aggregation === 'weighted') {
    for (const r of ROLES) p.roleWeights[r] = await number(w.weightQuestion(w.role[r]), base.roleWeights[r], { min: 0, max: 1000, aboveMin: true });
  }

  for (const k of ['excellent', 'good', 'annualBonus', 'penalty'] as const) {
    const answer = await prompts.input({
      message: w.amountQuestion[k],
      default: base.amounts[k] === null ? undefined : String(base.amounts[k]),
      validate: (v) => {
        const r = readAmount(v);
        return r.ok || w.numberError(r.reason, '0', '1000000000');
      },
    });
    const r = readAmount(answer);
    p.amounts[k] = r.ok ? r.value : null;
  }

  p.rectificationDays = await number(w.daysQuestion, base.rectificationDays, { min: 0, max: 3650, whole: true });

  if (await prompts.confirm({ message: w.panelQuestion(w.panelLine(base.panel)), default: false })) {
    for (const k of Object.keys(DEFAULT_POLICY.panel) as (keyof PanelThresholds)[]) {
      p.panel[k] = await number(w.panelField[k], base.panel[k], { min: 0, max: k === 'identicalShare' ? 1 : 100, aboveMin: true });
    }
  }

  // The questions keep every value in range; if this ever fails, it is a bug, not the user's answer.
  const checked = validatePolicy(JSON.parse(JSON.stringify(p)));
  if (checked.errors.length > 0) throw new Error(`init built a policy that does not validate: ${checked.errors.join('; ')}`);
  return checked.policy;
}

/** An amount in CNY: a whole number, ¥ and 元 allowed; empty or - leaves it unset. */
function readAmount(raw: string): { ok: true; value: number | null } | { ok: false; reason: 'not-number' | 'not-whole' | 'over-max' | 'negative' | 'decimals' | 'empty' | 'too-small' } {
  const t = toHalfWidth(raw).trim().replace(/^[¥￥]\s*/, '').replace(/\s*元$/, '');
  if (t === '' || t === '-' || t === '—') return { ok: true, value: null };
  const r = readNumber(t, { minMicro: 0, maxMicro: micro(1_000_000_000), whole: true });
  return r.ok ? { ok: true, value: r.micro / MICRO } : r;
}
