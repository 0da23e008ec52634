/**
 * Printing HTML to PDF in a Chrome, Edge or Chromium already on the machine; no browser is ever
 * downloaded. `EVALUATE_BROWSER`, when set, is the only browser tried; otherwise the usual install
 * places of the platform, then the PATH. playwright-core drives the browser (over a pipe, no port):
 * one browser for the run, a fresh page per document, A4 as the document's `@page` asks.
 */
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import { reportWords } from '../i18n/report.js';
import { importExternal } from './external.js';
import { PrintProgress } from './progress.js';

/** The install places to look in, most likely first. */
export function installPlaces(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    const programs = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'Chromium\\Application\\chrome.exe'];
    return programs.flatMap((p) => roots.map((r) => `${r}\\${p}`));
  }
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge', 'Chromium.app/Contents/MacOS/Chromium'];
    const roots = ['/Applications', ...(env.HOME ? [join(env.HOME, 'Applications')] : [])];
    return apps.flatMap((a) => roots.map((r) => `${r}/${a}`));
  }
  return [
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/microsoft/msedge/msedge',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
  ];
}

/** Program names looked up on the PATH after the install places. */
export function pathNames(platform: NodeJS.Platform): string[] {
  const names = ['google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge', 'microsoft-edge-stable', 'msedge', 'chromium', 'chromium-browser'];
  return platform === 'win32' ? names.map((n) => `${n}.exe`) : names;
}

export type IsProgram = (path: string) => boolean;

function isProgram(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv, exists: IsProgram): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && exists(join(dir, name))) return join(dir, name);
  }
  return null;
}

export type Found = { path: string } | { error: 'missing'; path: string } | { error: 'none'; tried: string[] };

/** Finds the browser to print with; pure but for `exists`, so that every platform can be tested. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, exists: IsProgram = isProgram): Found {
  const chosen = env.EVALUATE_BROWSER;
  if (chosen !== undefined && chosen !== '') {
    // A path, or a program name on the PATH; nothing else is tried.
    if (isAbsolute(chosen) || chosen.includes('/') || chosen.includes('\\')) return exists(chosen) ? { path: chosen } : { error: 'missing', path: chosen };
    const found = onPath(chosen, env, exists);
    return found ? { path: found } : { error: 'missing', path: chosen };
  }
  const places = installPlaces(platform, env);
  for (const p of places) if (exists(p)) return { path: p };
  const names = pathNames(platform);
  for (const n of names) {
    const found = onPath(n, env, exists);
    if (found) return { path: found };
  }
  return { error: 'none', tried: [...places, ...names.map((n) => `${n} (PATH)`)] };
}

/** The browser to print with, or a usage error (exit 2) saying how to get one. */
export function requireBrowser(lang: Lang, env: NodeJS.ProcessEnv = process.env): string {
  const found = findBrowser(env);
  if ('path' in found && !('error' in found)) return found.path;
  const e = reportWords[lang].error;
  if (found.error === 'missing') throw new UsageError(e.browserMissing(found.path));
  throw new UsageError(e.noBrowser(found.tried));
}

/** Chromium's sandbox cannot start as root on Linux (as in CI containers): it must be turned off there. */
export function needsNoSandbox(platform: NodeJS.Platform = process.platform, uid: number | null = process.getuid?.() ?? null): boolean {
  return platform === 'linux' && uid === 0;
}

interface Playwright {
  chromium: {
    launch(options: { executablePath: string; chromiumSandbox: boolean; timeout: number; args?: string[]; env?: NodeJS.ProcessEnv }): Promise<PwBrowser>;
  };
}
interface PwBrowser {
  newContext(): Promise<{ newPage(): Promise<PwPage> }>;
  close(): Promise<void>;
}
interface PwPage {
  setContent(html: string, options: { waitUntil: 'load'; timeout: number }): Promise<void>;
  pdf(options: { preferCSSPageSize: boolean; printBackground: boolean; format: string; timeout?: number }): Promise<Uint8Array>;
}

/** Pages printed at the same time: enough to keep the browser busy, few enough for a small machine. */
const PARALLEL = 2;

/**
 * Prints each HTML document to a PDF (A4), in one browser. A few tabs print in turn, each loading
 * one document after another (a new tab costs about as much as the printing). A browser that
 * fails to start or to print is a usage error (exit 2) naming it; nothing is written by this function.
 */
export async function printPdfs(browserPath: string, documents: readonly string[], lang: Lang): Promise<Uint8Array[]> {
  const progress = new PrintProgress(documents.length, reportWords[lang].printing);
  progress.update(0);
  try {
    return await printAll(browserPath, documents, progress, lang);
  } finally {
    progress.done();
  }
}

async function printAll(browserPath: string, documents: readonly string[], progress: PrintProgress, lang: Lang): Promise<Uint8Array[]> {
  const e = reportWords[lang].error;
  const pw = await importExternal<Playwright>('playwright-core');
  // The browser's own folders (Chromium's crash reports, under its configuration folder: in
  // ~/.config, or /tmp/.config where there is no HOME, as a script's bare environment has) in a
  // folder of this run's, removed with it: printing leaves nothing in the user's home or in /tmp.
  const own = mkdtempSync(join(tmpdir(), 'evaluate-browser-'));
  const env = { ...process.env, XDG_CONFIG_HOME: join(own, 'config'), HOME: process.env.HOME || own };
  let browser: PwBrowser;
  try {
    browser = await pw.chromium.launch({ executablePath: browserPath, chromiumSandbox: !needsNoSandbox(), timeout: 60_000, env });
  } catch (err) {
    rmSync(own, { recursive: true, force: true });
    throw new UsageError(e.browserFailed(browserPath, firstLine(err)));
  }
  const out: Uint8Array[] = new Array(documents.length);
  let next = 0;
  let printed = 0;
  const worker = async () => {
    const page = await (await browser.newContext()).newPage();
    for (;;) {
      const i = next++;
      if (i >= documents.length) return;
      // The documents hold no script and load nothing: "load" comes once they are laid out.
      await page.setContent(documents[i]!, { waitUntil: 'load', timeout: 60_000 });
      out[i] = await page.pdf({ preferCSSPageSize: true, printBackground: true, format: 'A4', timeout: 120_000 });
      progress.update(++printed);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(PARALLEL, documents.length) }, worker));
  } catch (err) {
    throw new UsageError(e.browserFailed(browserPath, firstLine(err)));
  } finally {
    await browser.close().catch(() => undefined);
    rmSync(own, { recursive: true, force: true });
  }
  return out;
}

/** The gist of a driver error: its first line, without playwright's call log. */
function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.replace(/^\S+: /, '').trim();
}
