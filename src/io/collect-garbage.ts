/**
 * A full garbage collection, asked for where a reading has just let go of a large part of its memory:
 * once every problem is worded, the places of cells and people (Tally.forgetPlaces) and, after a
 * reading in two threads, the reader thread's tally, merged (a third of the arrays of 15 raters' 3M
 * rows). V8 frees the memory of dead arrays only when it collects, and it collects when JavaScript
 * allocates, which the merge and the checks hardly do: without this, those arrays were still held
 * when scoring made its columns, and the run's peak was both at once. Called once, by the commands
 * that score (commands/results.ts resultsOf), and only after a reading in two threads: a small
 * sheet's start pays nothing for it.
 *
 * The bin provides it (bin/evaluate.cjs `__evaluateCollectGarbage`, beside its compiling of the bundle:
 * the sources hold none); code run without the bin (the tests that import src/) collects nothing.
 * Returns whether it collected.
 */
export function collectGarbage(): boolean {
  const collect = (globalThis as { __evaluateCollectGarbage?: () => void }).__evaluateCollectGarbage;
  if (collect) collect();
  return collect !== undefined;
}
