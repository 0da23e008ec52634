/**
 * Loading a big library that stays outside the bundle (scripts/build.js `external`), only in the
 * command that needs it. bin/evaluate.cjs runs the bundle through V8's code cache, where an import()
 * written in the bundle has no loader to call; it leaves one on globalThis instead (see
 * io/inquirer.ts). Tests, which import the sources directly, take the plain import().
 */
export async function importExternal<T>(specifier: string): Promise<T> {
  const viaBin = (globalThis as { __evaluateImport?: (specifier: string) => Promise<unknown> }).__evaluateImport;
  return (await (viaBin ? viaBin(specifier) : import(specifier))) as T;
}
