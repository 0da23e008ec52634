/**
 * An amount of money as people read it, in every language and every text the tool writes for
 * people (tables, Markdown, reports, notices, explain, diff; a workbook's column widths): ¥ and the
 * yuan in groups of three digits (¥19,500), as the workbook's number format shows them. CSV and
 * JSON keep the number.
 */
export function yuan(n: number): string {
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${n < 0 ? '-' : ''}${digits}`;
}
