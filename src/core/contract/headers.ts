/**
 * How both adapters recognise a contract table by its headers: exact first, then leniently
 * (case, accents, apostrophes and runs of spaces ignored), and where a plain range starts.
 */
import type { CellValue, TableRequest } from '../../ports/workbook';
import { cellAddress } from '../shared/address';

/** Header text compared leniently: case, accents, apostrophes and runs of spaces ignored. */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ')
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

/** A header cell as text: trimmed, numbers and booleans as strings, empty as `''`. */
export function headerText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v.trim() : String(v);
}

/** The first expected header not found in its place, with where it was expected and what is there. */
export function checkHeaders(
  req: TableRequest,
  headers: readonly string[],
  headerRow: number,
  firstCol: number,
): { header: string; cell: string; found: string | null } | null {
  for (let i = 0; i < req.headers.length; i++) {
    const found = i < headers.length && headers[i] !== '' ? headers[i] : null;
    if (!headerMatches(req.headers[i], found)) {
      return { header: req.headers[i], cell: cellAddress(headerRow, firstCol + i), found };
    }
  }
  return null;
}

/**
 * In a row of cells, the column (0-based) where the requested headers start, consecutively, and
 * the headers found there: the contract's, then the non-empty header cells that follow.
 */
export function matchHeaderRow(
  cells: readonly (CellValue | undefined)[],
  wanted: readonly string[],
): { col: number; headers: string[] } | null {
  if (wanted.length === 0) return null;
  for (let c = 0; c < cells.length; c++) {
    if (cells[c] === undefined || cells[c] === null || !headerMatches(wanted[0], headerText(cells[c]))) continue;
    let k = 1;
    while (k < wanted.length && headerMatches(wanted[k], headerText(cells[c + k]))) k++;
    if (k < wanted.length) continue;
    const headers: string[] = [];
    for (let j = c; j < cells.length && (j - c < wanted.length || headerText(cells[j]) !== ''); j++) headers.push(headerText(cells[j]));
    return { col: c, headers };
  }
  return null;
}

/** Rows of a plain range: from the row after the headers down to the first entirely empty row. */
export function rowsUntilBlank(grid: readonly (readonly CellValue[])[], fromRow: number, col: number, width: number): CellValue[][] {
  const rows: CellValue[][] = [];
  for (let r = fromRow; r < grid.length; r++) {
    const row: CellValue[] = [];
    for (let i = 0; i < width; i++) {
      const v = grid[r][col + i];
      row.push(v === undefined || v === '' ? null : v);
    }
    if (row.every((v) => v === null)) break;
    rows.push(row);
  }
  return rows;
}
