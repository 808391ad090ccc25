/**
 * How both adapters and the core recognise a contract table: headers and sheet names compared
 * exactly first, then leniently (case, accents, apostrophes and runs of spaces ignored), and where
 * a plain range (a table converted to a range) starts and ends.
 */
import type { CellValue } from './cells';

/** Text compared leniently: case, accents, apostrophes and runs of spaces ignored. */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Whether a header cell's text is the expected header: trimmed and exact, else leniently. */
export function headerMatches(expected: string, found: string | null): boolean {
  if (found === null) return false;
  const e = expected.trim();
  const f = found.trim();
  return e === f || normalizeHeader(e) === normalizeHeader(f);
}

/** Whether a sheet is the one asked for, or one of its earlier names (`Plan d'actions`). */
export function sheetMatches(wanted: readonly string[], found: string): boolean {
  return wanted.some((w) => w === found) || wanted.some((w) => normalizeHeader(w) === normalizeHeader(found));
}

/** A header cell as text: trimmed, numbers and booleans as strings, empty (or a formula) as `''`. */
export function headerText(v: CellValue | undefined): string {
  if (v === null || v === undefined || typeof v === 'object') return '';
  return typeof v === 'string' ? v.trim() : String(v);
}

/**
 * In a row of cells, the column (0-based) where a table's header row starts: a cell holding the
 * first wanted header, followed in the same run of non-empty cells by every other wanted header
 * (in any order). Returns that column and the run's headers.
 */
export function matchHeaderRow(
  cells: readonly (CellValue | undefined)[],
  wanted: readonly string[],
): { col: number; headers: string[] } | null {
  if (wanted.length === 0) return null;
  for (let c = 0; c < cells.length; c++) {
    if (!headerMatches(wanted[0], headerText(cells[c]) || null)) continue;
    const headers: string[] = [];
    for (let j = c; j < cells.length && headerText(cells[j]) !== ''; j++) headers.push(headerText(cells[j]));
    if (wanted.every((w) => headers.some((h) => headerMatches(w, h)))) return { col: c, headers };
  }
  return null;
}

/** Rows of a plain range below its headers, down to the first empty row; and a row typed further down, if any. */
export function rowsUntilBlank(
  grid: readonly (readonly (CellValue | undefined)[])[],
  fromRow: number,
  col: number,
  width: number,
): { rows: CellValue[][]; strayRow: number | null } {
  const rows: CellValue[][] = [];
  const read = (r: number) => {
    const row: CellValue[] = [];
    for (let i = 0; i < width; i++) {
      const v = grid[r]?.[col + i];
      row.push(v === undefined || v === '' ? null : v);
    }
    return row;
  };
  let r = fromRow;
  for (; r < grid.length; r++) {
    const row = read(r);
    if (row.every((v) => v === null)) break;
    rows.push(row);
  }
  for (; r < grid.length; r++) if (read(r).some((v) => v !== null)) return { rows, strayRow: r };
  return { rows, strayRow: null };
}
