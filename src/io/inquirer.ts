/**
 * Loading inquirer, for the interactive commands only. bin/evaluate.cjs runs the bundle through V8's
 * code cache, where an import() written in the bundle has no loader to call; it leaves one on
 * globalThis instead (an import() made from its own module). Tests, which import the sources
 * directly, take the plain import().
 */
type Prompts = typeof import('@inquirer/prompts');

export async function loadPrompts(): Promise<Prompts> {
  const viaBin = (globalThis as { __evaluateImport?: (specifier: string) => Promise<unknown> }).__evaluateImport;
  return viaBin ? ((await viaBin('@inquirer/prompts')) as Prompts) : import('@inquirer/prompts');
}
