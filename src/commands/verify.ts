/**
 * `evaluate verify REPORT.json`: shows that a sealed report comes from its inputs. Rereads each input
 * named in the seal and compares its hash, checks the policy, and recomputes the report by running
 * this same program with the sealed command (so the one scoring path is used), then compares. The
 * program runs on a thread of its own (as io/parallel.ts runs its reader), its standard output and
 * error taken in here: no child process, and its warnings do not mix with what verify says.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Command } from 'commander';
import { Option } from 'commander';
import { diffEntries, entriesOf, otherPartsThatDiffer } from '../core/diff.js';
import { DEFAULT_POLICY, type Policy } from '../core/policy.js';
import { type ReadSeal, readSeal } from '../core/seal.js';
import { DataError, UsageError } from '../errors.js';
import { auditWords } from '../i18n/audit.js';
import { fileProblem } from '../i18n/files.js';
import { type Lang, defaultLang } from '../i18n/index.js';
import { writeStdout } from '../io/output.js';
import { loadPolicy } from '../io/policy-file.js';
import { resultHash, sha256Hex } from '../render/json.js';
import type { InputCheck, PolicyCheck, Recomputed } from '../render/verify.js';
import { newCommand } from './list.js';
import { helpWords } from '../i18n/help.js';
import { TOOL, isSealedCommand, policyHash } from './seal.js';

interface VerifyFlags {
  lang?: Lang;
}

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.verify;
  const cmd = newCommand(program, 'verify', lang)
    .argument(...h.args.report)
    .addOption(new Option(...h.options.lang).choices(['en', 'zh']));
  cmd.addHelpText('after', h.after);
  cmd.action(async (report: string, flags: VerifyFlags) => run(report, flags));
}

/** Reads the report and its seal; exit 2 when it is not a sealed report. */
function readSealed(file: string, lang: Lang): { seal: ReadSeal; body: Record<string, unknown> } {
  const v = auditWords(lang).verify;
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new UsageError(v.notSealed(file, v.why.unreadable(fileProblem(e, lang))));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UsageError(v.notSealed(file, v.why.notJson));
  }
  const got = readSeal(doc);
  if ('why' in got) throw new UsageError(v.notSealed(file, got.why === 'no-seal' ? v.why.noSeal : v.why.badSeal(got.key)));
  if (!isSealedCommand(got.seal.command)) throw new UsageError(v.notSealed(file, v.why.badSeal('command')));
  return got;
}

/**
 * Throws as reading would where `path` is no file: missing, a folder, or a device or a pipe (a seal
 * edited to name /dev/zero or a FIFO would be read forever, or wait for a writer). Sealed inputs and
 * policies are files.
 */
function notAFile(path: string): void {
  const st = statSync(path);
  if (st.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
  if (!st.isFile()) throw Object.assign(new Error('a device or a pipe'), { code: 'ENOTFILE' });
}

function checkInput(i: ReadSeal['inputs'][number]): InputCheck {
  if (i.file === '<stdin>') return { file: i.file, state: 'stdin', sealedBytes: i.bytes };
  let bytes: Buffer;
  try {
    notAFile(i.file);
    bytes = readFileSync(i.file);
  } catch (e) {
    return { file: i.file, state: 'missing', sealedBytes: i.bytes, code: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  const same = sha256Hex(bytes) === i.sha256;
  return { file: i.file, state: same ? 'same' : 'changed', sealedBytes: i.bytes, nowBytes: bytes.length };
}

/** The policy now in force for the sealed source, and whether it is the sealed one. */
function checkPolicy(seal: ReadSeal, lang: Lang): { check: PolicyCheck; policy: Policy | null } {
  const source = seal.policy.source;
  let policy: Policy;
  if (source === 'built-in') policy = DEFAULT_POLICY;
  else {
    try {
      notAFile(source);
    } catch {
      return { check: { source, state: 'missing' }, policy: null };
    }
    try {
      policy = loadPolicy(source, { lang }).policy;
    } catch (e) {
      return { check: { source, state: 'invalid', message: (e as Error).message }, policy: null };
    }
  }
  return { check: { source, state: policyHash(policy) === seal.policy.sha256 ? 'same' : 'changed' }, policy };
}

function binPath(): string {
  return (globalThis as { __evaluateBin?: string }).__evaluateBin ?? process.argv[1]!;
}

/** Runs `evaluate ARGS...` on a worker thread; its exit code and standard error. */
function runProgram(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(binPath(), { argv: args, stdout: true, stderr: true, env: { ...process.env, NO_COLOR: '1' } });
    const err: Buffer[] = [];
    w.stdout.resume();
    w.stderr.on('data', (d: Buffer) => err.push(d));
    w.on('error', reject);
    w.on('exit', (code) => resolve({ code, stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/**
 * The report recomputed: this program run again with the sealed command, the sealed sheets and the
 * policy, as JSON. The built-in policy is handed over as a file of its own, so that an
 * evaluate.config.json that appeared since does not take its place.
 */
async function recompute(seal: ReadSeal, body: Record<string, unknown>): Promise<Recomputed> {
  const tmp = mkdtempSync(join(tmpdir(), 'evaluate-verify-'));
  try {
    let policyFile = seal.policy.source;
    if (policyFile === 'built-in') {
      policyFile = join(tmp, 'built-in.json');
      writeFileSync(policyFile, JSON.stringify(DEFAULT_POLICY));
    }
    const sheets = seal.inputs.filter((i) => i.kind === 'sheet').map((i) => i.file);
    // The report to a file, not to standard output: in a thread, a report written to standard output
    // may go to the process's descriptor 1 (where it is a file or a pipe), past this command.
    const out = join(tmp, 'recomputed.json');
    const r = await runProgram([...seal.command, '--policy', policyFile, '--format', 'json', '--out', out, '--', ...sheets]);
    if (r.code !== 0) return { state: 'failed', stderr: r.stderr || `exit ${r.code}` };
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    } catch {
      return { state: 'failed', stderr: r.stderr || 'no JSON report' };
    }
    delete doc.seal;
    const before = entriesOf(seal.kind, body) ?? [];
    const after = entriesOf(seal.kind, doc) ?? [];
    return {
      state: 'done',
      same: resultHash(doc) === seal.result,
      diff: diffEntries(seal.kind, before, after),
      otherParts: otherPartsThatDiffer(seal.kind, body, doc),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function run(report: string, flags: VerifyFlags): Promise<void> {
  const lang = flags.lang ?? defaultLang();
  const { seal, body } = readSealed(report, lang);
  const edited = resultHash(body) !== seal.result;
  const inputs = seal.inputs.map(checkInput);
  const policy = checkPolicy(seal, lang);
  const canRecompute = inputs.every((i) => i.state === 'same' || i.state === 'changed') && policy.policy !== null;
  const recomputed: Recomputed = canRecompute ? await recompute(seal, body) : { state: 'skipped' };
  if (recomputed.state === 'done') recomputed.places = policy.policy!.precision;
  const render = await import('../render/verify.js');
  const outcome = { report, sealedTool: seal.tool, tool: TOOL, edited, folder: process.cwd(), inputs, policy: policy.check, recomputed };
  await writeStdout(render.verifyText(outcome, lang));
  if (!render.reproduced(outcome)) throw new DataError([]);
}
