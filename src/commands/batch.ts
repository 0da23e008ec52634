/**
 * `evaluate batch ROOT --out-dir DIR`: every center (subfolder of ROOT) with its own policy, in
 * parallel on the machine's cores, then one summary for the head office. A center whose sheets
 * have problems fails alone (its problems.txt, no reports); the others are still done.
 *
 * The centers run on worker threads of the built program: each worker is the program again
 * (bin/evaluate.cjs) started as `batch ... --evaluate-center-worker`, which serves centers sent to
 * it (batch-center.ts). Each center is done whole by one worker and the summary is put together in
 * center order, so the result does not depend on the number of workers. Without the built program
 * (the tests import the sources), or with one core, the centers run one after the other here.
 */
import { existsSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import type { Command } from 'commander';
import { Option } from 'commander';
import { DataError, UsageError } from '../errors.js';
import { type Lang, defaultLang } from '../i18n/index.js';
import { fileProblem } from '../i18n/files.js';
import { type HistoryWords, wordsOfHistory } from '../i18n/history.js';
import { makeFolders, onStop, writeAtomic, writeStdout } from '../io/output.js';
import { printable } from '../render/format.js';
import { type CenterOutcome, type CenterTask, runCenter, stageOf } from './batch-center.js';
import { resolveCommon } from './common.js';
import { newCommand } from './list.js';
import { helpWords } from '../i18n/help.js';
import { subfolders } from './tree.js';

/** The worker's flag (hidden from --help): the program serves centers sent by the main thread. */
const WORKER_FLAG = '--evaluate-center-worker';

interface BatchFlags {
  outDir: string;
  force?: boolean;
  lang?: string;
  color?: boolean;
  encoding?: string;
  delimiter?: string;
  bom?: boolean;
  /** false with --no-reports. */
  reports?: boolean;
  evaluateCenterWorker?: boolean;
}

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.batch;
  const o = helpWords(lang).common;
  const cmd = newCommand(program, 'batch', lang)
    .argument(...h.args.root)
    .requiredOption(...h.options.outDir)
    .option(...h.options.force)
    .addOption(new Option(...h.options.lang).choices(['en', 'zh']))
    .option(...h.options.noReports)
    .option(...h.options.bom)
    .option(...o.noColor)
    .option(...o.encoding)
    .option(...o.delimiter, ',')
    .addOption(new Option(WORKER_FLAG).hideHelp());
  cmd.addHelpText('after', h.after);
  cmd.action(async (root: string, flags: BatchFlags) => run(root, flags));
}

/** Worker mode: serve the centers the main thread sends, one at a time, until it ends the thread. */
function serve(port: MessagePort): void {
  port.on('message', (task: CenterTask) => void guarded(task).then((o) => port.postMessage(o)));
}

/** runCenter, with a failure that is not the data's (a disk that fails, a bug) carried back as data. */
async function guarded(task: CenterTask): Promise<CenterOutcome & { usage?: string }> {
  try {
    return await runCenter(task);
  } catch (e) {
    const none = { center: task.center, status: 'failed' as const, rows: [], semesters: 0, years: 0, staff: 0, files: [], errors: 0, warnings: [] };
    if (e instanceof UsageError) return { ...none, usage: e.message };
    return { ...none, internal: (process.env.EVALUATE_DEBUG ? (e as Error)?.stack : (e as Error)?.message) ?? String(e) };
  }
}

function binPath(): string | null {
  return (globalThis as { __evaluateBin?: string }).__evaluateBin ?? null;
}

/** How many workers: EVALUATE_BATCH_WORKERS, else the machine's cores; never more than centers. */
function workerCount(centers: number): number {
  const asked = Number(process.env.EVALUATE_BATCH_WORKERS);
  const cores = process.getBuiltinModule('node:os').availableParallelism();
  return Math.max(1, Math.min(centers, Number.isInteger(asked) && asked > 0 ? asked : cores));
}

/** Runs every center, on worker threads when it pays; the outcomes in the tasks' order. */
async function runAll(tasks: CenterTask[]): Promise<(CenterOutcome & { usage?: string })[]> {
  const bin = binPath();
  const n = workerCount(tasks.length);
  if (process.env.EVALUATE_DEBUG) process.stderr.write(`evaluate: batch: ${tasks.length} centers on ${bin === null || n <= 1 ? 'the main thread' : `${n} worker threads`}\n`);
  if (bin === null || n <= 1) {
    const outcomes: (CenterOutcome & { usage?: string })[] = [];
    for (const t of tasks) outcomes.push(await guarded(t));
    return outcomes;
  }
  const threads = process.getBuiltinModule('node:worker_threads');
  const first = tasks[0]!;
  return new Promise((resolve, reject) => {
    const results: (CenterOutcome & { usage?: string })[] = new Array(tasks.length);
    const workers: InstanceType<typeof threads.Worker>[] = [];
    let next = 0;
    let done = 0;
    let over = false;
    const end = (err: Error | null) => {
      if (over) return;
      over = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    for (let i = 0; i < n; i++) {
      const worker = new threads.Worker(bin, { argv: ['batch', first.root, '--out-dir', first.outDir, WORKER_FLAG], stdout: false, stderr: false });
      workers.push(worker);
      let current = -1;
      const feed = () => {
        current = next < tasks.length ? next++ : -1;
        if (current >= 0) worker.postMessage(tasks[current]);
      };
      worker.on('message', (o: CenterOutcome) => {
        results[current] = o;
        if (++done === tasks.length) end(null);
        else feed();
      });
      worker.on('error', (e) => end(e));
      worker.on('exit', (code) => {
        if (current >= 0 && !over) end(new Error(`the worker doing center ${tasks[current]!.center} stopped (exit ${code})`));
      });
      feed();
    }
  });
}

/** The checks on ROOT and --out-dir, before any work: exit 2, nothing written. */
function prepare(root: string, outDir: string, force: boolean, w: HistoryWords, lang: Lang): { realOut: string; centers: string[]; earlierOutDirs: string[] } {
  let rootStat;
  try {
    rootStat = statSync(root);
  } catch {
    throw new UsageError(w.rootMissing(root));
  }
  if (!rootStat.isDirectory()) throw new UsageError(w.rootNotFolder(root));
  const realRoot = realpathSync(root);
  let outStat = null;
  try {
    outStat = statSync(outDir);
  } catch {
    // Created below.
  }
  if (outStat && !outStat.isDirectory()) throw new UsageError(w.outIsFile(outDir));
  if (outStat) {
    // Reports written over ROOT (or a folder holding it) would replace the sheets.
    const rel = relative(realpathSync(outDir), realRoot);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) throw new UsageError(w.outHoldsRoot(outDir));
    if (!force && readdirSync(outDir).length > 0) throw new UsageError(w.outNotEmpty(outDir));
  }
  // In a center's folder (ROOT/公寓中心/reports), or that folder itself with its sheets: the next run
  // would read the reports as the center's sheets, and this one would leave the center out.
  const inRoot = relative(realRoot, plannedPath(outDir));
  if (inRoot !== '' && !inRoot.startsWith('..') && !isAbsolute(inRoot)) {
    const center = inRoot.split(sep)[0]!;
    if (inRoot !== center || (outStat && !existsSync(join(outDir, 'summary.csv')) && holdsSheets(outDir))) throw new UsageError(w.outInCenter(outDir, center));
  }
  const realOut = outStat ? realpathSync(outDir) : null;
  if (outStat && force) removeDeadStages(outDir);
  // An earlier run's --out-dir kept in ROOT (ROOT/reports-2026H1, its summary.csv and .json beside
  // the centers' folders) is no center: its reports would be read as sheets, and the center fail.
  const reports = (c: string) => existsSync(join(root, c, 'summary.csv')) && existsSync(join(root, c, 'summary.json'));
  const all = subfolders(root, new Set(realOut ? [realOut] : []));
  const centers = all.filter((c) => !reports(c));
  if (centers.length === 0) throw new UsageError(w.noCenters(root));
  for (const c of centers) {
    if (c.toLowerCase() === 'summary.csv' || c.toLowerCase() === 'summary.json') throw new UsageError(w.reservedCenter(c));
  }
  if (!outStat) {
    try {
      makeFolders(outDir);
    } catch (e) {
      throw new UsageError(w.outCannot(outDir, fileProblem(e, lang)));
    }
  }
  return { realOut: realpathSync(outDir), centers, earlierOutDirs: all.filter(reports) };
}

async function run(root: string, flags: BatchFlags): Promise<void> {
  if (flags.evaluateCenterWorker) {
    const threads = process.getBuiltinModule('node:worker_threads');
    if (!threads.isMainThread && threads.parentPort) return serve(threads.parentPort);
  }
  // Only the reading options and the language: each center's policy comes from its folder.
  const common = resolveCommon({ lang: flags.lang, color: flags.color, encoding: flags.encoding, delimiter: flags.delimiter });
  const lang: Lang = (flags.lang as Lang | undefined) ?? defaultLang();
  const w = wordsOfHistory(lang);
  const outDir = flags.outDir;
  const { realOut, centers, earlierOutDirs } = prepare(root, outDir, flags.force === true, w, lang);
  const tasks: CenterTask[] = centers.map((center) => ({
    root,
    center,
    outDir,
    skip: [realOut],
    lang,
    encoding: common.encoding,
    delimiter: common.delimiter,
    bom: flags.bom === true,
    reports: flags.reports !== false,
  }));
  // A sheet put in ROOT itself belongs to no center: say so rather than pass it over in silence.
  const loose = readdirSync(root, { withFileTypes: true }).filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.csv'));
  const released = onStop(() => removeOwnStages(outDir));
  let outcomes;
  try {
    outcomes = await runAll(tasks);
  } finally {
    released();
  }
  const usage = outcomes.find((o) => o.usage !== undefined);
  if (usage) throw new UsageError(usage.usage!);
  const render = await import('../render/batch.js');
  const rows = outcomes.flatMap((o) => o.rows);
  writeAtomic(join(outDir, 'summary.csv'), render.summaryCsv(rows, flags.bom === true));
  writeAtomic(join(outDir, 'summary.json'), render.summaryJson(rows));
  const internal = outcomes.find((o) => o.internal !== undefined);
  if (internal) throw new Error(`center ${internal.center}: ${internal.internal}`);
  const stderr: string[] = loose.map((e) => `${printable(join(root, e.name))}: warning: ${w.looseSheet}`);
  // A center named 2026 is most likely a year folder of one center given as ROOT.
  for (const c of centers) if (/^(19|2\d)\d\d$/.test(c)) stderr.push(`${printable(join(root, c))}: warning: ${printable(w.yearCenter(c))}`);
  for (const c of earlierOutDirs) stderr.push(`${printable(join(root, c))}: warning: ${printable(w.earlierOutDir)}`);
  // With --force, an earlier run's folder of a center no longer under ROOT is left: say so, lest it be taken for this run's.
  for (const name of staleCenters(outDir, centers)) stderr.push(`${printable(join(outDir, name))}: warning: ${printable(w.staleCenter(root))}`);
  for (const o of outcomes) {
    for (const line of o.warnings) stderr.push(line);
    if (o.status === 'failed') stderr.push(`evaluate: error: ${printable(w.centerFailed(o.center, join(outDir, o.center, 'problems.txt')))}`);
  }
  if (stderr.length) process.stderr.write(`${stderr.join('\n')}\n`);
  await writeStdout(render.batchTable(outcomes, outDir, lang, common.color));
  if (outcomes.some((o) => o.status === 'failed')) throw new DataError([]);
}

/**
 * This run's half-written center folders (DIR/.batch.<pid>.*.tmp, written on any of its threads):
 * removed when a signal stops the run (io/output.ts onStop), as the atomic writes' temporary files are.
 */
function removeOwnStages(outDir: string): void {
  try {
    for (const name of readdirSync(outDir)) {
      const stage = stageOf(name);
      if (stage?.pid === process.pid && stage.writing) rmSync(join(outDir, name), { recursive: true, force: true });
    }
  } catch {
    // The folder is gone: nothing to remove.
  }
}

/** With --force: the folders a batch killed outright (kill -9, a power cut) left half-written in DIR, their process gone. */
function removeDeadStages(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    const stage = stageOf(name);
    if (stage && !alive(stage.pid)) rmSync(join(outDir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The folders of DIR holding a center's reports (problems.txt, score-*.csv) that are not centers of this run. */
function staleCenters(outDir: string, centers: string[]): string[] {
  const now = new Set(centers);
  return readdirSync(outDir, { withFileTypes: true })
    // Hidden folders are no centers (another run's .batch.*.tmp being written among them).
    .filter((e) => e.isDirectory() && !now.has(e.name) && !e.name.startsWith('.'))
    .filter((e) => {
      try {
        return readdirSync(join(outDir, e.name)).some((f) => f === 'problems.txt' || /^score-.+\.csv$/.test(f));
      } catch {
        return false;
      }
    })
    .map((e) => e.name)
    .sort();
}

/** A path as it is or will be once made: the real path of its nearest folder that exists, then the rest. */
function plannedPath(path: string): string {
  const rest: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return resolve(path);
      rest.push(basename(at));
      at = up;
    }
  }
}

/** Whether a folder holds a .csv sheet, in it or its subfolders. */
function holdsSheets(dir: string): boolean {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) => f.toLowerCase().endsWith('.csv'));
  } catch {
    return false;
  }
}
