/**
 * Importing a package left outside the bundle (scripts/build.js `external`), only in the command
 * that needs it: inquirer for the interactive commands, iconv-lite to write a GBK sheet back,
 * exceljs for workbooks, echarts and playwright-core for the report and notices. bin/evaluate.cjs
 * runs the bundle through V8's code cache, where an import() written in the bundle has no loader to
 * call; it leaves one on globalThis instead (an import() made from its own module). Tests, which
 * import the sources directly, take the plain import().
 */
export async function importExternal<T = unknown>(specifier: string): Promise<T> {
  const viaBin = (globalThis as { __evaluateImport?: (specifier: string) => Promise<unknown> }).__evaluateImport;
  return (await (viaBin ? viaBin(specifier) : import(specifier))) as T;
}
