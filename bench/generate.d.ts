/** Writes a wide scoring sheet of `staff` people x `ratersPerStaff` raters (see generate.js). */
export function generate(path: string, staff: number, ratersPerStaff?: number): Promise<void>;
