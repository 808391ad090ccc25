/**
 * A1 addresses as Excel reads and prints them. Rows and columns are 0-based here, as in
 * Office.js (`rowIndex`, `columnIndex`); A1 text is 1-based.
 */

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/** A rectangle of cells, 0-based, corners included. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export interface ParsedArea {
  /** Sheet named by a prefix (`'Plan d''actions'!A1` → `Plan d'actions`), or null. */
  sheet: string | null;
  rect: Rect;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A → 0; -1 when not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  const up = letters.toUpperCase();
  for (let i = 0; i < up.length; i++) n = n * 26 + (up.charCodeAt(i) - 64);
  return n - 1;
}

export function cellName(r: number, c: number): string {
  return `${columnName(c)}${r + 1}`;
}

function parseCell(s: string): { r: number; c: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(s);
  if (!m) return null;
  const c = columnIndex(m[1]);
  const r = Number(m[2]) - 1;
  if (c < 0 || c >= MAX_COLUMNS || r < 0 || r >= MAX_ROWS) return null;
  return { r, c };
}

function parseRef(ref: string): Rect | null {
  const parts = ref.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return null;
  const a = parts[0];
  const b = parts[1] ?? parts[0];
  const p = parseCell(a);
  const q = parseCell(b);
  if (p && q) return { r0: Math.min(p.r, q.r), c0: Math.min(p.c, q.c), r1: Math.max(p.r, q.r), c1: Math.max(p.c, q.c) };
  if (parts.length !== 2) return null;
  // Whole columns (A:C) or whole rows (1:3).
  const ca = columnIndex(a.replace(/\$/g, ''));
  const cb = columnIndex(b.replace(/\$/g, ''));
  if (ca >= 0 && cb >= 0 && ca < MAX_COLUMNS && cb < MAX_COLUMNS) {
    return { r0: 0, r1: MAX_ROWS - 1, c0: Math.min(ca, cb), c1: Math.max(ca, cb) };
  }
  const ra = /^\$?(\d{1,7})$/.exec(a);
  const rb = /^\$?(\d{1,7})$/.exec(b);
  if (ra && rb) {
    const x = Number(ra[1]) - 1;
    const y = Number(rb[1]) - 1;
    if (x < 0 || y < 0 || x >= MAX_ROWS || y >= MAX_ROWS) return null;
    return { r0: Math.min(x, y), r1: Math.max(x, y), c0: 0, c1: MAX_COLUMNS - 1 };
  }
  return null;
}

/** Parses one area, with or without a sheet prefix; null when it is not an address. */
export function parseArea(text: string): ParsedArea | null {
  const s = text.trim();
  let sheet: string | null = null;
  let ref = s;
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    for (;;) {
      if (i >= s.length) return null;
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += s[i++];
    }
    if (s[i + 1] !== '!') return null;
    sheet = name;
    ref = s.slice(i + 2);
  } else {
    const bang = s.lastIndexOf('!');
    if (bang >= 0) {
      sheet = s.slice(0, bang);
      ref = s.slice(bang + 1);
      if (sheet === '') return null;
    }
  }
  const rect = parseRef(ref.trim());
  return rect ? { sheet, rect } : null;
}

/** Splits `A1:B2, 'x,y'!C3` on the commas that are not inside a quoted sheet name. */
function splitAreas(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Parses several areas separated by commas (`A5:F5, A9:F9`); null if any is not an address. */
export function parseAreas(text: string): ParsedArea[] | null {
  const parts = splitAreas(text);
  const out: ParsedArea[] = [];
  for (const p of parts) {
    const a = parseArea(p);
    if (!a) return null;
    out.push(a);
  }
  return out.length ? out : null;
}

/** `A1`, `A1:C3`, `A:C` (whole columns) or `1:3` (whole rows), as Excel prints them. */
export function formatRect(r: Rect): string {
  const allRows = r.r0 === 0 && r.r1 === MAX_ROWS - 1;
  const allCols = r.c0 === 0 && r.c1 === MAX_COLUMNS - 1;
  if (allCols) return `${r.r0 + 1}:${r.r1 + 1}`;
  if (allRows) return `${columnName(r.c0)}:${columnName(r.c1)}`;
  if (r.r0 === r.r1 && r.c0 === r.c1) return cellName(r.r0, r.c0);
  return `${cellName(r.r0, r.c0)}:${cellName(r.r1, r.c1)}`;
}

/**
 * A sheet name as Excel prints it in an address: bare when it is a plain identifier
 * (`Engagements`, `Contrôles`), quoted otherwise, with `'` doubled (`'Plan d''actions'`).
 */
export function quoteSheetName(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name);
  const looksLikeCell =
    /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[Rr]\d*$/.test(name) || /^[Cc]\d*$/.test(name);
  const looksLikeBool = /^(true|false)$/i.test(name);
  if (plain && !looksLikeCell && !looksLikeBool) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheet: string, r: Rect): string {
  return `${quoteSheetName(sheet)}!${formatRect(r)}`;
}

export function rectRows(r: Rect): number {
  return r.r1 - r.r0 + 1;
}

export function rectColumns(r: Rect): number {
  return r.c1 - r.c0 + 1;
}

export function rectCells(r: Rect): number {
  return rectRows(r) * rectColumns(r);
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

export function intersection(a: Rect, b: Rect): Rect | null {
  if (!intersects(a, b)) return null;
  return { r0: Math.max(a.r0, b.r0), c0: Math.max(a.c0, b.c0), r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1) };
}

export function inSheet(r: Rect): boolean {
  return r.r0 >= 0 && r.c0 >= 0 && r.r1 < MAX_ROWS && r.c1 < MAX_COLUMNS && r.r0 <= r.r1 && r.c0 <= r.c1;
}
