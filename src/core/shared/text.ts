/** Text helpers shared by the reader, the rules and the layout. */

/** Lower case, accents removed, punctuation and runs of spaces folded to one space. */
export function normalizeKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`´]/g, "'")
    .replace(/[^a-z0-9']+/g, ' ')
    .trim();
}

/**
 * Trimmed text of a cell value, or null when the cell is empty. Inner no-break spaces are kept:
 * the text is shown as it was typed (French typography included); codes and names are compared
 * through normalizeKey, which folds every space.
 */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** Characters that make a spreadsheet treat typed text as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a text would be taken as a formula if typed into a cell. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Longest text of a value shown in a message, before it is cut with « … ». */
const QUOTED_MAX = 60;

/** French quotes (with no-break spaces) around a value shown in a message. */
export function quote(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return `«\u00a0${s.length > QUOTED_MAX ? s.slice(0, QUOTED_MAX - 3) + '…' : s}\u00a0»`;
}

/**
 * A note of a sheet cut into lines of about `max` characters at its sentences (then at its
 * semicolons): a note is one cell, and a long one widens the printed page of its sheet.
 */
export function noteLines(text: string, max = 180): string[] {
  if (text.length <= max) return [text];
  const pieces = text.split(/(?<=\.) (?=\S)/);
  const parts = pieces.flatMap((p) => (p.length <= max ? [p] : p.split(/(?<= ;) /)));
  const lines: string[] = [];
  for (const p of parts) {
    const last = lines.length ? lines[lines.length - 1] : null;
    if (last !== null && last.length + 1 + p.length <= max) lines[lines.length - 1] = `${last} ${p}`;
    else lines.push(p);
  }
  return lines;
}
