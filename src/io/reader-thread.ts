/**
 * The reader thread of a two-thread reading (two-threads.ts): it reads the second part of the inputs
 * into a tally of its own (its texts numbered its own way), and sends the tally, its texts and its
 * problems back in one message, for the first thread to merge. It first cuts the inputs (takeCut): the
 * part after what the first thread has claimed so far. It always answers: null when it failed, or
 * took no part (the first thread then reads everything, and does not wait for the answer).
 */
import { ProblemLog, type FileRef } from '../core/problems.js';
import { Tally, stateBuffers } from '../core/tally.js';
import { pause } from './pause.js';
import { SourceReading, readSource } from './read-source.js';
import { SheetParser } from './sheet-parser.js';
import { Texts } from './texts.js';
import { ANSWERED, KB, ROWS, type ThreadFile, type ThreadResult, type ThreadTask, now, takeCut } from './two-threads.js';

export function runReaderThread(task: ThreadTask): void {
  const began = now();
  const flags = new Int32Array(task.shared);
  let result: ThreadResult | null = null;
  try {
    const { sources, sizes, opts } = task;
    // For the test of a thread that starts too late to take a part.
    const late = Number(process.env.EVALUATE_TEST_READER_LATE) || 0;
    if (late > 0) pause(late);
    const split = takeCut(task);
    if (split === null) throw new Declined();
    // The bytes of its part, from the cut to the end of the last input.
    let partBytes = -split.offset;
    for (let i = split.fileIndex; i < sizes.length; i++) partBytes += sizes[i]!;
    const texts = new Texts();
    const log = new ProblemLog();
    // The bytes of this thread's part read so far (the tally makes room for the people of the part).
    let readHere = 0;
    const batch = new Tally({ policy: opts.policy, keepScores: opts.keepScores, files: sources.length + 1, readShare: () => (partBytes > 0 ? readHere / partBytes : 0) }, texts, log);
    const files: ThreadFile[] = [];
    let before = 0;
    const progress = (bytes: number) => {
      readHere = before + bytes;
      Atomics.store(flags, KB, Math.floor(readHere / 1024));
      Atomics.store(flags, ROWS, batch.rows);
    };
    const readOpts = { encoding: opts.encoding, delimiter: opts.delimiter, progress };
    for (let i = split.fileIndex; i < sources.length; i++) {
      const src = sources[i]!;
      const file: FileRef = { name: src.name, order: i };
      if (i === split.fileIndex && split.offset > 0) {
        // The cut file: its header and encoding from its start (read again here, the encoding judged
        // on the first chunk as the first thread judges it), then the part from the cut. Only the header
        // is taken from that read: its rows are the first thread's, neither checked nor tallied here
        // (in code not yet warm they took 60-90 ms of this thread, 140-180 in GBK). Its texts go to a
        // table of their own, so that this thread numbers raters only as it meets them in its part, as
        // the first thread does: when the read's rows were tallied into this thread's table, a part
        // starting at a committee's sixth rater or later put every cell in the sparse table.
        const head = new SheetParser(file, opts, new Texts(), new ProblemLog(), { row() {} });
        head.headerOnly = true;
        const first = new SourceReading(src, file, { encoding: opts.encoding, delimiter: opts.delimiter }, head, new ProblemLog());
        first.read(1 << 20);
        if (!head.headerCells || first.encoding === null) throw new Error('no header in the first chunk');
        const parser = new SheetParser(file, opts, texts, log, batch, head.headerCells);
        const part = new SourceReading(src, file, readOpts, parser, log, { from: split.offset, encoding: first.encoding });
        part.read();
        const startEncoding = first.encoding;
        const r = part.end();
        // After the end: the last line, without a line feed after it, is counted there.
        const mixed = part.mixed;
        before += r.bytes;
        files.push({ order: i, ...parser.reading(r.bytes, false), ok: r.ok, startEncoding, mixed, unclosedQuote: part.reader.unclosedQuoteLine !== null, scored: parser.scored });
      } else {
        const parser = new SheetParser(file, opts, texts, log, batch);
        const r = readSource(src, file, readOpts, parser, log);
        before += r.bytes;
        if (r.ok) parser.finish();
        files.push({ order: i, ...parser.reading(r.bytes), ok: r.ok, startEncoding: r.encoding, mixed: null, unclosedQuote: false, scored: parser.scored });
      }
    }
    const read = now();
    // For the test of a thread that fails: the first thread must read the rest itself.
    if (process.env.EVALUATE_TEST_READER_FAILS) throw new Error('told to fail');
    for (const f of files) batch.sheet({ name: sources[f.order]!.name, order: f.order }, f.methodColumns, f.nameColumn);
    result = {
      tally: batch.exportState(),
      texts: texts.tables.map((t) => t.export(0)),
      problems: log.export(),
      files,
      began,
      read,
    };
  } catch (e) {
    result = null;
    if (process.env.EVALUATE_DEBUG && !(e instanceof Declined)) process.stderr.write(`evaluate: reader thread: ${(e as Error).stack}\n`);
  }
  // Moved, not copied: the tally, the texts and the problems (a sheet of a million bad rows has millions).
  const p = result?.problems;
  const problems = p ? [p.fileOf, p.lineOf, p.columnOf, p.kindOf, p.argStart, p.args].flatMap((blocks) => blocks.map((b) => b.buffer)) : [];
  const transfer = result ? [...stateBuffers(result.tally), ...result.texts.flatMap((t) => [t.keys.buffer, t.ends.buffer]), ...problems] : [];
  task.port.postMessage(result, transfer as ArrayBuffer[]);
  task.port.close();
  Atomics.store(flags, ANSWERED, 1);
  Atomics.notify(flags, ANSWERED);
}

/** No part for this thread: the first thread had read nearly everything when it started. */
class Declined extends Error {}
