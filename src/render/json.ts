/**
 * The JSON text of every report, and its seal: what produced it (tool, command, policy, inputs) and
 * the hash of the report itself, so that `evaluate verify` can show later that a published list came
 * from these sheets, and `evaluate diff` can tell what a correction changed.
 */
import { canonicalPieces } from '../core/canonical.js';

/** One file read, with its hash (SPEC "Seal, verify, diff"). */
export interface SealedInput {
  file: string;
  kind: 'sheet' | 'roster';
  sha256: string;
  bytes: number;
  rows: number;
}

/** The seal before the result is hashed: everything the command knows before rendering. */
export interface SealBase {
  /** `evaluate 0.1.0` */
  tool: string;
  /** The command and every option that changes the result, as `evaluate verify` reruns it (the sheets are the inputs). */
  command: string[];
  policy: { source: string; sha256: string };
  inputs: SealedInput[];
}

export interface Seal extends SealBase {
  /** `sha256:` and the SHA-256 of the report without `seal`, as RFC 8785 canonical JSON. */
  result: string;
}

export function sha256Hex(text: string | Uint8Array): string {
  // node:crypto takes a few ms to load: looked up here, so that only a sealed report pays for it.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
}

/** The `result` of a seal: the hash of the report document (without `seal`) as canonical JSON. */
export function resultHash(doc: Record<string, unknown>): string {
  const hash = process.getBuiltinModule('node:crypto').createHash('sha256');
  // The canonical text in pieces, hashed a block at a time: never one string.
  const block: string[] = [];
  let length = 0;
  canonicalPieces(doc, (piece) => {
    block.push(piece);
    length += piece.length;
    if (length >= BLOCK) {
      hash.update(block.join(''));
      block.length = 0;
      length = 0;
    }
  });
  hash.update(block.join(''));
  return `sha256:${hash.digest('hex')}`;
}

/** Characters gathered before they are hashed or encoded. */
const BLOCK = 1 << 16;

/** A report document as the JSON text the tool writes: two-space indent, a final newline, the seal last. */
export function reportJson(doc: Record<string, unknown>, seal?: SealBase): Uint8Array[] {
  const sealed = seal ? { ...doc, seal: { ...seal, result: resultHash(doc) } } : doc;
  const out = new Utf8Pieces();
  pretty(sealed, '', '', out);
  out.text('\n');
  return out.done();
}

/** Text gathered into UTF-8 pieces of about 64 KB. */
class Utf8Pieces {
  private block = '';
  private readonly parts: Uint8Array[] = [];
  text(s: string): void {
    this.block += s;
    if (this.block.length >= BLOCK) this.flush();
  }
  private flush(): void {
    if (this.block !== '') this.parts.push(Buffer.from(this.block, 'utf8'));
    this.block = '';
  }
  done(): Uint8Array[] {
    this.flush();
    return this.parts;
  }
}

/** Elements of an array written whole, stringified together; an array this long has its elements written whole. */
const ELEMENTS_AT_ONCE = 100;

/**
 * The elements of an array that stands at `indent`, as pretty() writes them between its brackets
 * (`\n` and the inner indent before each, commas between, without the last line's `\n` + indent):
 * JSON.stringify of the elements nested in as many arrays as `indent` has levels puts each element
 * at the inner indent, so its text is cut out of that. (An element's toJSON, were there one, would
 * get its index within these elements: no report value has a toJSON that reads it.)
 */
function elementsText(items: unknown[], indent: string): string {
  const levels = indent.length / 2;
  let wrapped: unknown = items;
  for (let l = 0; l < levels; l++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // The wrappers' brackets stand before and after everything of the elements.
  let start = 0;
  for (let l = 0; l <= levels; l++) start = text.indexOf('[', start) + 1;
  let end = text.length;
  for (let l = 0; l <= levels; l++) end = text.lastIndexOf(']', end - 1);
  return text.slice(start, end - 1 - indent.length);
}

/** Values this deep are written in one JSON.stringify each (a person of a report: doc, semesters, a semester, its staff, a person); shallower ones piece by piece. */
const WHOLE_DEPTH = 4;

/**
 * `value` as JSON.stringify(value, null, 2) writes it at the depth of `indent` (the same text,
 * byte for byte): the report's outer objects and arrays piece by piece, each deeper value in one call.
 */
function pretty(value: unknown, key: string, indent: string, out: Utf8Pieces, depth = 0): void {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') value = (value as { toJSON(k: string): unknown }).toJSON(key);
  if (value === null || typeof value !== 'object' || depth >= WHOLE_DEPTH) {
    const text = JSON.stringify(value, null, 2) as string | undefined;
    return out.text(text === undefined ? 'null' : text.replace(/\n/g, `\n${indent}`));
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return out.text('[]');
    if (depth + 1 >= WHOLE_DEPTH || value.length >= ELEMENTS_AT_ONCE) {
      // Its elements are written whole (as are those of a long array: people, not semesters), a
      // hundred at a time in one JSON.stringify: a report's 200,000 people without each one's text
      // indented again, and a year's without a call for each of their members.
      out.text('[');
      for (let from = 0; from < value.length; from += ELEMENTS_AT_ONCE) {
        const text = elementsText(value.slice(from, from + ELEMENTS_AT_ONCE), indent);
        out.text(from > 0 ? `,${text}` : text);
      }
      return out.text(`\n${indent}]`);
    }
    out.text('[');
    value.forEach((v, i) => {
      out.text(i > 0 ? `,\n${inner}` : `\n${inner}`);
      // In an array, what JSON leaves out of an object is null.
      pretty(v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : v, String(i), inner, out, depth + 1);
    });
    return out.text(`\n${indent}]`);
  }
  const obj = value as Record<string, unknown>;
  // What JSON.stringify leaves out of an object: undefined, functions, symbols.
  const keys = Object.keys(obj).filter((k) => {
    const v = obj[k];
    return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
  });
  if (keys.length === 0) return out.text('{}');
  out.text('{');
  keys.forEach((k, i) => {
    out.text(`${i > 0 ? ',' : ''}\n${inner}${JSON.stringify(k)}: `);
    pretty(obj[k], k, inner, out, depth + 1);
  });
  out.text(`\n${indent}}`);
}
