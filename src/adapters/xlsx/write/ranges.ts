/**
 * A1 ranges as the writer needs them: parsed and checked against Excel's grid (a range beyond
 * row 1 048 576 or column XFD is an error), and column letters served from a cache.
 */
import { columnLetters, parseRange } from '../../../core/shared/address';
import { MAX_COLUMNS, MAX_ROWS } from './text';

export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const LETTERS: string[] = [''];

/** The letters of column `col` (1-based), cached. */
export function letters(col: number): string {
  while (LETTERS.length <= col) LETTERS.push(columnLetters(LETTERS.length));
  return LETTERS[col];
}

/** Throws unless row `row` and column `col` are inside Excel's grid; `where` says whose they are. */
export function checkCell(row: number, col: number, where: string): void {
  if (row > MAX_ROWS) throw new Error(`${where}: row ${row} is beyond Excel's last row (${MAX_ROWS})`);
  if (col > MAX_COLUMNS) throw new Error(`${where}: column ${col} is beyond Excel's last column (XFD, ${MAX_COLUMNS})`);
  if (row < 1 || col < 1) throw new Error(`${where}: row and column numbers start at 1`);
}

/** Parses and checks an A1 range (or a single cell); throws on a malformed or out-of-grid range. */
export function checkedRange(ref: string, where: string): Range {
  const r = parseRange(ref);
  if (!r) throw new Error(`${where}: "${ref}" is not an A1 range`);
  checkCell(r.bottom, r.right, `${where} (${ref})`);
  checkCell(r.top, r.left, `${where} (${ref})`);
  return r;
}

/** The A1 text of a range: `B3` for one cell, `A4:G10` otherwise. */
export function rangeText(r: Range): string {
  const a = letters(r.left) + r.top;
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${letters(r.right)}${r.bottom}`;
}
