/**
 * The counting sorts of whole numbers (two passes of half the bits each, through a second array),
 * where a comparison sort's n log n would cost more: ranking 200,000 people, ordering them by short
 * staff id, finding raters' names hashed alike among millions.
 */

/**
 * Below this many numbers a comparison sort is used instead: the passes' counting arrays (32,768 or
 * 65,536 entries, each walked twice a pass) cost more than sorting a short list (the sample's 5
 * raters' hashes counted took 2.5 ms of a 50 ms start). sortUint32 decides so itself; radixSort's
 * callers (report.ts) before they call it, with a comparison sort of their own order.
 */
export const SHORT_LIST = 4096;

/**
 * `order` stably sorted by keys[i] (integers in [0, 2^bits), bits at most 30), lowest first or
 * (`descending`) highest first: two counting passes of half the bits each.
 */
export function radixSort(order: ArrayLike<number>, keys: Int32Array, bits: number, descending: boolean): Int32Array {
  let from = Int32Array.from(order);
  let to = new Int32Array(from.length);
  const width = Math.ceil(bits / 2);
  const counts = new Int32Array(1 << width);
  const mask = (1 << width) - 1;
  // Highest first: the buckets counted from the top.
  const flip = descending ? mask : 0;
  for (const shift of [0, width]) {
    counts.fill(0);
    for (let i = 0; i < from.length; i++) counts[flip ^ ((keys[from[i]!]! >> shift) & mask)]!++;
    startsOfBuckets(counts);
    for (let i = 0; i < from.length; i++) to[counts[flip ^ ((keys[from[i]!]! >> shift) & mask)]!++] = from[i]!;
    [from, to] = [to, from];
  }
  return from;
}

/** 32-bit numbers sorted lowest first, in place or through a second array (the one returned). */
export function sortUint32(values: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  if (values.length < SHORT_LIST) return values.sort();
  let from = values;
  let to = new Uint32Array(values.length);
  const counts = new Int32Array(1 << 16);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < from.length; i++) counts[(from[i]! >>> shift) & 0xffff]!++;
    startsOfBuckets(counts);
    for (let i = 0; i < from.length; i++) {
      const v = from[i]!;
      to[counts[(v >>> shift) & 0xffff]!++] = v;
    }
    [from, to] = [to, from];
  }
  return from;
}

/** Each bucket's count turned into where its numbers start in the pass's output (the counts before it added up). */
function startsOfBuckets(counts: Int32Array): void {
  let at = 0;
  for (let b = 0; b < counts.length; b++) {
    const c = counts[b]!;
    counts[b] = at;
    at += c;
  }
}
