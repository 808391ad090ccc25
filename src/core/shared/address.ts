/** A1-style cell addresses. Columns and rows are 1-based. */

/** The last row of Excel's grid. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** The last column of Excel's grid (XFD). */
export const EXCEL_MAX_COLUMNS = 16_384;

/** Whether a range lies inside Excel's grid (rows 1 to 1 048 576, columns A to XFD). */
export function insideGrid(r: { top: number; left: number; bottom: number; right: number }): boolean {
  return r.top >= 1 && r.left >= 1 && r.bottom <= EXCEL_MAX_ROWS && r.right <= EXCEL_MAX_COLUMNS;
}

export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

export function cellAddress(row: number, col: number): string {
  return columnLetters(col) + row;
}

/** Parses `B7` into { row: 7, col: 2 }; `null` if it is not an address. */
export function parseCell(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** Parses `A3:G10` (or a single cell) into its corners. */
export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const [a, b] = ref.split(':');
  const p = parseCell(a);
  const q = parseCell(b ?? a);
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  return `${cellAddress(top, left)}:${cellAddress(bottom, right)}`;
}

/** A sheet name quoted for use in a formula or a hyperlink target: `'Plan d''actions'`. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
