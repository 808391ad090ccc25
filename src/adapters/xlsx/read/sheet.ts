/**
 * Worksheets, scanned as the UTF-8 bytes inflated from the archive, never decoded whole: a
 * 30 MB sheet would make a 30 to 60 MB string (two bytes a character as soon as it holds one
 * `’`), and decoding it would cost as much as scanning it. Only the texts of cells are decoded.
 *
 * `scanSheetRows` walks `<row>` tags, skips rows outside the wanted window without looking at
 * their cells, and reads only the cells of the wanted columns, keeping the positions of the
 * `r`, `s` and `t` attributes in scratch fields instead of allocating an object per cell. A
 * sheet holding comments, processing instructions or CDATA sections, or in another encoding
 * than UTF-8, is first decoded, cleaned as an XML parser would see it (`withoutMarkup`) and
 * encoded again (`sheetXml`): rare, and correct rather than fast.
 */
import type { CellValue } from '../../../ports/workbook';
import { isoToSerial, serialToIso } from '../../../core/contract/formats';
import { EXCEL_MAX_ROWS } from '../../../core/shared/address';
import { partText } from './part-text';
import { decodeText, richText, rootPrefix, withoutMarkup } from './xml';

/** The rows and columns to read, 1-based and inclusive (`bottom` may be `Infinity`). */
export interface RowWindow {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** What the worksheet scanner needs besides the sheet. */
export interface SheetContext {
  sharedStrings: readonly string[];
  /** `dateStyles[s]` is 1 when the cell style `s` shows a date or a time; `null` without styles. */
  dateStyles: Uint8Array | null;
  /** The workbook counts days from 1904-01-01 (`<workbookPr date1904="1">`), not from 1900. */
  date1904: boolean;
}

/** A worksheet that cannot be read: `endommage` (a cell refers to a shared string that does not exist), `encodage` (a text is not UTF-8). */
export class UnreadablePartError extends Error {
  constructor(readonly reason: 'endommage' | 'encodage') {
    super(reason === 'endommage' ? 'a cell refers to a shared string that does not exist' : 'a cell text is not valid UTF-8');
    this.name = 'UnreadablePartError';
  }
}

/** Above this width, row arrays are left sparse (holes, read as `undefined`) instead of filled. */
export const DENSE_ROW_LIMIT = 1024;

/** A worksheet ready to scan: UTF-8 bytes holding only elements and text, and its root's prefix (`'x:'` or `''`). */
export interface SheetXml {
  bytes: Uint8Array;
  prefix: string;
}

const encoder = new TextEncoder();
const XML_DECLARATION = codes('<?xml');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether the bytes hold `<!` or `<?` after `from` (a comment, CDATA, a processing instruction…). */
function holdsMarkup(b: Uint8Array, from: number): boolean {
  for (const c of [0x21, 0x3f]) {
    for (let k = b.indexOf(c, from + 1); k >= 0; k = b.indexOf(c, k + 1)) if (b[k - 1] === 60) return true;
  }
  return false;
}

/** The worksheet part's bytes ready to scan (see the file's comment); `file` names the file in errors. */
export function sheetXml(raw: Uint8Array, file: string): SheetXml {
  let start = 0;
  let plain = true;
  if (raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) start = 3;
  else if (raw.length >= 2 && ((raw[0] === 0xff && raw[1] === 0xfe) || (raw[0] === 0xfe && raw[1] === 0xff))) plain = false;
  else if (raw.length >= 2 && (raw[0] === 0 || raw[1] === 0)) plain = false;
  let from = start;
  if (plain && matchAt(raw, start, XML_DECLARATION) && isNameEnd(raw[start + XML_DECLARATION.length])) {
    // The XML declaration: its encoding, and where the document starts.
    const end = raw.indexOf(62, start);
    const decl = String.fromCharCode(...raw.subarray(start, end < 0 ? Math.min(raw.length, start + 256) : Math.min(end, start + 256)));
    const m = /\bencoding\s*=\s*["']([^"']*)["']/.exec(decl);
    if (m && !/^utf-?8$/i.test(m[1].trim())) plain = false;
    from = end < 0 ? raw.length : end;
  }
  if (plain && !holdsMarkup(raw, from)) {
    const bytes = raw.subarray(start);
    return { bytes, prefix: rootPrefix(latin1(bytes, 0, Math.min(bytes.length, 4096))) };
  }
  const text = withoutMarkup(partText(raw, file));
  return { bytes: encoder.encode(text), prefix: rootPrefix(text) };
}

// ---------------------------------------------------------------------------------------------
// Bytes

/** ASCII codes of a pattern. */
function codes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** `b[a..e)` as a string of Latin-1 characters (for ASCII syntax: numbers, names). */
function latin1(b: Uint8Array, a: number, e: number): string {
  let s = '';
  for (let i = a; i < e; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** `b[a..e)` decoded from UTF-8 (short ASCII runs without a decoder). */
function utf8Text(b: Uint8Array, a: number, e: number): string {
  if (e - a <= 64) {
    let s = '';
    let i = a;
    for (; i < e; i++) {
      const c = b[i];
      if (c >= 128) break;
      s += String.fromCharCode(c);
    }
    if (i === e) return s;
  }
  try {
    return utf8.decode(b.subarray(a, e));
  } catch {
    throw new UnreadablePartError('encodage');
  }
}

/** True for the codes that may end an element name: whitespace, `>`, `/`. */
function isNameEnd(c: number): boolean {
  return c === 62 || c === 47 || c === 32 || c === 10 || c === 13 || c === 9;
}

function matchAt(b: Uint8Array, i: number, pat: Uint8Array): boolean {
  for (let k = 0; k < pat.length; k++) if (b[i + k] !== pat[k]) return false;
  return true;
}

/** The byte of a tag pattern to search for: a rare letter (`w` of row, `D` of sheetData), else its last letter. */
function anchorOf(pat: Uint8Array): number {
  for (const c of [0x77, 0x44]) {
    const i = pat.indexOf(c);
    if (i >= 0) return i;
  }
  let i = pat.length - 1;
  while (i > 0 && (pat[i] === 60 || pat[i] === 62 || pat[i] === 47)) i--;
  return i;
}

/** Index of `pat` in `b` at or after `from`, searched by its byte at `anchor` (see `anchorOf`); -1 if absent. */
function find(b: Uint8Array, pat: Uint8Array, from: number, anchor = anchorOf(pat)): number {
  const a = pat[anchor];
  for (let k = b.indexOf(a, from + anchor); k >= 0; k = b.indexOf(a, k + 1)) {
    if (matchAt(b, k - anchor, pat)) return k - anchor;
  }
  return -1;
}

/** Index of the start tag `<qname` (followed by a name end) at or after `from` and before `to`, or -1. */
function findTag(b: Uint8Array, open: Uint8Array, from: number, to: number): number {
  let i = from;
  for (;;) {
    i = find(b, open, i);
    if (i < 0 || i >= to) return -1;
    if (isNameEnd(b[i + open.length])) return i;
    i += open.length;
  }
}

/** The unsigned integer written in `b[a..e)` (surrounding spaces allowed); -1 if it is not one. */
function digitsAt(b: Uint8Array, a: number, e: number): number {
  let n = 0;
  let seen = false;
  for (let i = a; i < e; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      seen = true;
    } else if (c > 32) return -1;
  }
  return seen ? n : -1;
}

/** The column number of a cell reference in `b[a..e)` (`B7` → 2); 0 if none. */
function columnAt(b: Uint8Array, a: number, e: number): number {
  let n = 0;
  for (let i = a; i < e; i++) {
    const c = b[i];
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else if (c !== 36) break;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Days between Excel's 1900 and 1904 date systems. */
const DAYS_1904 = 1462;

const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The lexical space of `xsd:double` without its special values (`INF`, `NaN`): what a cell's
 * `<v>` may hold. `1e3` is a number; `0x10`, `Infinity` or `1_000` are not (JavaScript's
 * `Number` would read them).
 */
const XSD_DOUBLE = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A number outside the fast path: `NaN` unless it is a finite `xsd:double`. */
function strictNumber(s: string): number {
  if (!XSD_DOUBLE.test(s)) return NaN;
  const n = Number(s);
  return Number.isFinite(n) ? n + 0 : NaN; // + 0: -0 is 0
}

/**
 * The number written in `b[a..e)`, or `NaN` if it is not a finite `xsd:double`. Plain
 * decimals of at most 15 digits are computed directly (an exact integer divided by an exact
 * power of ten: correctly rounded, the same double as `Number`).
 */
function numberAt(b: Uint8Array, a: number, e: number): number {
  let i = a;
  const neg = b[i] === 45;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < e; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) {
      frac = 0;
    } else {
      return strictNumber(latin1(b, a, e));
    }
  }
  if (digits === 0 || digits > 15) return strictNumber(latin1(b, a, e));
  const v = frac > 0 ? m / POW10[frac] : m;
  return neg && v !== 0 ? -v : v;
}

/** An ISO date (`t="d"`, strict OOXML) as the ISO text dates are read as; other text as it is. */
function isoText(s: string): CellValue {
  if (s === '') return null;
  const serial = isoToSerial(s);
  return (serial === null ? null : serialToIso(serial)) ?? s;
}

/** A `t="b"` value: `1`/`true`, `0`/`false`; anything else is returned as its text. */
function booleanText(s: string): CellValue {
  const t = s.trim();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  return t === '' ? null : s;
}

// ---------------------------------------------------------------------------------------------
// Scanning

/**
 * Reads the cells of the rows of a worksheet inside `win`, in sheet order, and calls
 * `onRow(rowNumber, cells, filled)` for each row present in the XML (absent rows are not
 * reported); `cells[i]` is the value of column `win.left + i`, `null` when empty, and
 * `filled` says whether any of them holds a value. Stops after `win.bottom` (and after the
 * grid's last row), or as soon as `onRow` returns `false`. Throws `UnreadablePartError` for a
 * cell that refers to a shared string that does not exist, or a text that is not UTF-8.
 *
 * Values: numbers as numbers, except in a date or time style, read as ISO text
 * (`2014-01-01`, `2014-01-01T10:30:00`), like `t="d"` cells; a `<v>` that is not a finite
 * `xsd:double` as its text; `t="s"` the shared string, `t="str"`/`inlineStr` text, `t="b"` a
 * boolean, `t="e"` the error text (`#DIV/0!`); a formula without cached value
 * `{ uncomputed: formula }` (its text without `=`, empty for a shared formula's other cells).
 * Empty texts are `null`.
 */
export function scanSheetRows(
  sheet: SheetXml,
  win: RowWindow,
  context: SheetContext,
  onRow: (row: number, cells: CellValue[], filled: boolean) => boolean | void,
): void {
  new SheetScanner(sheet, context).scan(win, onRow);
}

/**
 * The worksheet scanner. Its methods are small so that V8 optimizes them early (a cold read
 * is the usual case); the attributes of the last tag scanned are kept in fields rather than
 * in a fresh object per cell.
 */
class SheetScanner {
  private readonly b: Uint8Array;
  private readonly P: string;
  /** The document's elements have no namespace prefix (`<c>`, not `<x:c>`). */
  private readonly unprefixed: boolean;
  private readonly sheetDataOpen: Uint8Array;
  private readonly rowOpen: Uint8Array;
  private readonly rowAnchor: number;
  private readonly rowClose: Uint8Array;
  private readonly rowCloseAnchor: number;
  private readonly cOpen: Uint8Array;
  private readonly cClose: Uint8Array;
  private readonly cCloseAnchor: number;
  private readonly vOpen: Uint8Array;
  private readonly vFast: Uint8Array;
  private readonly vClose: Uint8Array;
  private readonly fOpen: Uint8Array;
  private readonly fClose: Uint8Array;
  private readonly isOpen: Uint8Array;
  private readonly isClose: Uint8Array;
  private readonly sst: readonly string[];
  private readonly dates: Uint8Array | null;
  private readonly dayOffset: number;
  // Attributes of the last tag read: value positions of `r`, `s` and `t` (-1 if absent).
  private r0 = -1;
  private r1 = -1;
  private t0 = -1;
  private t1 = -1;
  private s0 = -1;
  private s1 = -1;
  /** The column of the last cell tag's `r`, when `scanCellTagFast` read it (-1 otherwise). */
  private refCol = -1;
  private selfClosing = false;
  // The cell currently read by readCell.
  private col = 0;
  /** A cell of the current row holds a value. */
  private filled = false;
  /** Set when the XML is cut short: stop reading. */
  private broken = false;

  constructor(sheet: SheetXml, context: SheetContext) {
    const P = sheet.prefix;
    this.b = sheet.bytes;
    this.P = P;
    this.unprefixed = P === '';
    this.sst = context.sharedStrings;
    this.dates = context.dateStyles;
    this.dayOffset = context.date1904 ? DAYS_1904 : 0;
    this.sheetDataOpen = codes('<' + P + 'sheetData');
    this.rowOpen = codes('<' + P + 'row');
    this.rowAnchor = anchorOf(this.rowOpen);
    this.rowClose = codes('</' + P + 'row>');
    this.rowCloseAnchor = anchorOf(this.rowClose);
    this.cOpen = codes('<' + P + 'c');
    this.cClose = codes('</' + P + 'c>');
    this.cCloseAnchor = anchorOf(this.cClose);
    this.vOpen = codes('<' + P + 'v');
    this.vFast = codes('<' + P + 'v>');
    this.vClose = codes('</' + P + 'v>');
    this.fOpen = codes('<' + P + 'f');
    this.fClose = codes('</' + P + 'f>');
    this.isOpen = codes('<' + P + 'is');
    this.isClose = codes('</' + P + 'is>');
  }

  scan(win: RowWindow, onRow: (row: number, cells: CellValue[], filled: boolean) => boolean | void): void {
    const b = this.b;
    const { top, left, right } = win;
    const bottom = Math.min(win.bottom, EXCEL_MAX_ROWS);
    const width = right - left + 1;
    const dense = width <= DENSE_ROW_LIMIT;
    const rowOpen = this.rowOpen;
    const sd = findTag(b, this.sheetDataOpen, 0, b.length);
    if (sd < 0) return;
    let pos = sd;
    let rowNum = 0;
    for (;;) {
      const lt = find(b, rowOpen, pos, this.rowAnchor);
      if (lt < 0) return;
      const afterName = lt + rowOpen.length;
      if (!isNameEnd(b[afterName])) {
        pos = afterName;
        continue;
      }
      const tagEnd = this.scanRowTag(afterName);
      if (tagEnd < 0) return;
      const r = this.r0 >= 0 ? digitsAt(b, this.r0, this.r1) : 0;
      rowNum = r > 0 ? r : rowNum + 1;
      if (rowNum > bottom) return;
      if (this.selfClosing || rowNum < top) {
        // Rows before the window: the next `<row` search jumps over their cells.
        pos = tagEnd + 1;
        continue;
      }
      let cells: CellValue[];
      if (dense) {
        cells = new Array<CellValue>(width);
        for (let k = 0; k < width; k++) cells[k] = null;
      } else cells = [];
      this.filled = false;
      pos = this.readRow(tagEnd + 1, cells, left, right);
      if (this.broken) return;
      if (onRow(rowNum, cells, this.filled) === false) return;
    }
  }

  /** Reads the cells of a row from `p` (after its start tag); returns the index after `</row>`. */
  private readRow(p: number, cells: CellValue[], left: number, right: number): number {
    const b = this.b;
    this.col = 0;
    for (;;) {
      const lt = b[p] === 60 ? p : b.indexOf(60, p);
      if (lt < 0) {
        this.broken = true;
        return b.length;
      }
      if (b[lt + 1] === 47) {
        if (matchAt(b, lt, this.rowClose)) return lt + this.rowClose.length;
        p = lt + 2;
        continue;
      }
      if (!matchAt(b, lt, this.cOpen) || !isNameEnd(b[lt + this.cOpen.length])) {
        p = lt + 1; // another element in the row (extLst): walk through it
        continue;
      }
      p = this.readCell(lt, cells, left, right);
      if (p < 0) {
        // The rest of the row is outside the window (or the XML is cut short).
        if (this.broken) return b.length;
        const re = find(b, this.rowClose, lt, this.rowCloseAnchor);
        return re < 0 ? b.length : re + this.rowClose.length;
      }
    }
  }

  /**
   * Reads the cell whose `<c` is at `lt` into `cells` if its column is in the window; returns
   * the index after the cell, or -1 when the cell is right of the window (or the XML is cut).
   */
  private readCell(lt: number, cells: CellValue[], left: number, right: number): number {
    const b = this.b;
    const te = this.scanCellTag(lt + this.cOpen.length);
    if (te < 0) {
      this.broken = true;
      return -1;
    }
    if (this.r0 >= 0) {
      const c = this.refCol >= 0 ? this.refCol : columnAt(b, this.r0, this.r1);
      this.col = c > 0 ? c : this.col + 1;
    } else {
      this.col++;
    }
    const col = this.col;
    if (this.selfClosing) return col > right ? -1 : te + 1;

    // Fast path for the usual `<c …><v>…</v></c>`: text holds no raw `<`, so the next `<`
    // after `<v>` starts `</v>`.
    let v0 = -1;
    let v1 = -1;
    let ce = -1;
    const n = b.length;
    if (this.unprefixed) {
      // Without a namespace prefix (the usual case), the tags' codes written out.
      if (b[te + 1] === 60 && b[te + 2] === 118 && b[te + 3] === 62) {
        const a = te + 4;
        let e = a;
        while (e < n && b[e] !== 60) e++;
        if (b[e + 1] === 47 && b[e + 2] === 118 && b[e + 3] === 62) {
          v0 = a;
          v1 = e;
          const after = e + 4;
          ce =
            b[after] === 60 && b[after + 1] === 47 && b[after + 2] === 99 && b[after + 3] === 62
              ? after
              : find(b, this.cClose, after, this.cCloseAnchor);
        }
      }
    } else if (matchAt(b, te + 1, this.vFast)) {
      const a = te + 1 + this.vFast.length;
      let e = a;
      while (e < n && b[e] !== 60) e++;
      if (e < n && matchAt(b, e, this.vClose)) {
        v0 = a;
        v1 = e;
        const after = e + this.vClose.length;
        ce = matchAt(b, after, this.cClose) ? after : find(b, this.cClose, after, this.cCloseAnchor);
      }
    }
    if (ce < 0) ce = find(b, this.cClose, te, this.cCloseAnchor);
    if (ce < 0) {
      this.broken = true;
      return -1;
    }
    if (col > right) return -1;
    if (col >= left) {
      const type = this.typeCode();
      const v = v0 >= 0 ? this.value(type, v0, v1) : this.slowValue(type, te + 1, ce);
      if (v !== null) {
        cells[col - left] = v;
        this.filled = true;
      }
    }
    return ce + this.cClose.length;
  }

  /** The value of a cell whose `<v>` holds `b[v0..v1)`. */
  private value(type: number, v0: number, v1: number): CellValue {
    const b = this.b;
    if (v1 <= v0) return null;
    switch (type) {
      case T_SHARED: {
        const k = digitsAt(b, v0, v1);
        const s = k >= 0 ? this.sst[k] : undefined;
        if (s === undefined) throw new UnreadablePartError('endommage');
        return s === '' ? null : s;
      }
      case T_NUMBER: {
        const n = numberAt(b, v0, v1);
        if (Number.isNaN(n)) {
          const text = decodeText(utf8Text(b, v0, v1));
          return text.trim() === '' ? null : text;
        }
        return this.dates === null || this.s0 < 0 ? n : this.dateOrNumber(n);
      }
      case T_BOOL:
        return booleanText(decodeText(utf8Text(b, v0, v1)));
      case T_DATE:
        return isoText(decodeText(utf8Text(b, v0, v1)).trim());
      default: {
        const text = decodeText(utf8Text(b, v0, v1));
        return text === '' ? null : text;
      }
    }
  }

  /** A number in the current cell's style: ISO text if the style shows a date, else the number. */
  private dateOrNumber(n: number): CellValue {
    const dates = this.dates!;
    const style = digitsAt(this.b, this.s0, this.s1);
    if (style < 0 || style >= dates.length || dates[style] === 0) return n;
    return serialToIso(n + this.dayOffset) ?? n;
  }

  /**
   * The value of a cell whose content `b[c0..c1)` is not a lone `<v>`: an inline string, a
   * formula first, or a formula without cached value.
   */
  private slowValue(type: number, c0: number, c1: number): CellValue {
    const b = this.b;
    if (type === T_INLINE) {
      const is = findTag(b, this.isOpen, c0, c1);
      if (is >= 0) {
        const gt = b.indexOf(62, is);
        if (gt < 0 || gt >= c1 || b[gt - 1] === 47) return null;
        const end = find(b, this.isClose, gt);
        const inner = utf8Text(b, gt + 1, end < 0 || end > c1 ? c1 : end);
        const text = richText(inner, 0, inner.length, this.P);
        return text === '' ? null : text;
      }
      // An inline string written as a <v>: read it as text below.
    }
    // Find the <v> among the cell's children (<f> may come first).
    let formula: string | null = null;
    let q = c0;
    while (q < c1) {
      const k = b.indexOf(60, q);
      if (k < 0 || k >= c1) break;
      if (matchAt(b, k, this.vOpen) && isNameEnd(b[k + this.vOpen.length])) {
        const gt = b.indexOf(62, k);
        if (gt < 0 || gt >= c1 || b[gt - 1] === 47) return null;
        const v1 = find(b, this.vClose, gt);
        return v1 < 0 || v1 > c1 ? null : this.value(type === T_INLINE ? T_STR : type, gt + 1, v1);
      }
      if (matchAt(b, k, this.fOpen) && isNameEnd(b[k + this.fOpen.length])) {
        const gt = b.indexOf(62, k);
        if (gt < 0 || gt >= c1) break;
        if (b[gt - 1] === 47) {
          formula ??= ''; // a shared formula's other cell: its text is the first cell's
          q = gt + 1;
        } else {
          const fe = find(b, this.fClose, gt);
          formula = decodeText(utf8Text(b, gt + 1, fe < 0 || fe > c1 ? c1 : fe));
          q = fe < 0 ? c1 : fe + this.fClose.length;
        }
        continue;
      }
      q = k + 1;
    }
    // A formula without cached value: never read as empty.
    return formula === null ? null : { uncomputed: formula };
  }

  private typeCode(): number {
    const t0 = this.t0;
    if (t0 < 0) return T_NUMBER;
    const b = this.b;
    const len = this.t1 - t0;
    const c = b[t0];
    if (len === 1) {
      if (c === 115) return T_SHARED; // s
      if (c === 98) return T_BOOL; // b
      if (c === 101) return T_ERROR; // e
      if (c === 100) return T_DATE; // d
      return T_NUMBER; // n
    }
    if (c === 105) return T_INLINE; // inlineStr
    if (c === 115) return T_STR; // str
    return T_NUMBER;
  }

  /** The attributes of a `<c>` tag from `i` (after its name); returns the index of its `>`, or -1. */
  private scanCellTag(i: number): number {
    const fast = this.scanCellTagFast(i);
    return fast >= 0 ? fast : this.scanAttributes(i);
  }

  /**
   * The usual layout of a cell tag, as Excel and most writers write it: ` r="…"`, then
   * optionally ` s="…"` and ` t="…"`, in that order, double quotes, single spaces, then `>` or
   * `/>`. Returns the index of the `>`, or -1 for any other layout (read by `scanAttributes`).
   */
  private scanCellTagFast(i: number): number {
    const b = this.b;
    const n = b.length;
    let k = i;
    if (b[k] !== 32 || b[k + 1] !== 114 || b[k + 2] !== 61 || b[k + 3] !== 34) return -1;
    k += 4;
    this.r0 = k;
    // The reference's column, from its letters, on the way.
    let col = 0;
    for (let c = b[k]; c >= 65 && c <= 90; c = b[++k]) col = col * 26 + (c - 64);
    this.refCol = col;
    while (b[k] !== 34) if (++k >= n) return -1;
    this.r1 = k++;
    this.s0 = -1;
    this.t0 = -1;
    if (b[k] === 32 && b[k + 1] === 115 && b[k + 2] === 61 && b[k + 3] === 34) {
      k += 4;
      this.s0 = k;
      while (b[k] !== 34) if (++k >= n) return -1;
      this.s1 = k++;
    }
    if (b[k] === 32 && b[k + 1] === 116 && b[k + 2] === 61 && b[k + 3] === 34) {
      k += 4;
      this.t0 = k;
      while (b[k] !== 34) if (++k >= n) return -1;
      this.t1 = k++;
    }
    if (b[k] === 62) {
      this.selfClosing = false;
      return k;
    }
    if (b[k] === 47 && b[k + 1] === 62) {
      this.selfClosing = true;
      return k + 1;
    }
    return -1;
  }

  /** The `r` of a `<row>` tag from `i` (after its name); returns the index of its `>`, or -1. */
  private scanRowTag(i: number): number {
    const b = this.b;
    const n = b.length;
    let k = i;
    if (b[k] === 32 && b[k + 1] === 114 && b[k + 2] === 61 && b[k + 3] === 34) {
      // ` r="…"` first, as almost every writer writes it; the other attributes (spans, ht,
      // customFormat…) never hold a `>`.
      k += 4;
      this.r0 = k;
      while (b[k] !== 34) if (++k >= n) return -1;
      this.r1 = k;
      const gt = b.indexOf(62, k);
      if (gt < 0) return -1;
      this.selfClosing = b[gt - 1] === 47;
      return gt;
    }
    return this.scanAttributes(i);
  }

  /**
   * Any attributes, in any order, quoted either way, from `i` (just after the tag's name):
   * notes where the values of `r`, `s` and `t` are. Returns the index of the tag's `>`, or -1.
   */
  private scanAttributes(i: number): number {
    const b = this.b;
    const n = b.length;
    this.r0 = -1;
    this.s0 = -1;
    this.t0 = -1;
    this.refCol = -1;
    this.selfClosing = false;
    while (i < n) {
      let c = b[i];
      if (c === 62) return i;
      if (c === 47) {
        if (b[i + 1] === 62) {
          this.selfClosing = true;
          return i + 1;
        }
        i++;
        continue;
      }
      if (c <= 32) {
        i++;
        continue;
      }
      const ns = i;
      while (i < n) {
        c = b[i];
        if (c === 61 || c <= 32 || c === 62 || c === 47) break;
        i++;
      }
      const nameLen = i - ns;
      while (i < n && b[i] <= 32) i++;
      if (b[i] !== 61) continue;
      i++;
      while (i < n && b[i] <= 32) i++;
      const q = b[i];
      if (q !== 34 && q !== 39) continue;
      const ve = b.indexOf(q, i + 1);
      if (ve < 0) return -1;
      if (nameLen === 1) {
        const nc = b[ns];
        if (nc === 114 /* r */) {
          this.r0 = i + 1;
          this.r1 = ve;
        } else if (nc === 115 /* s */) {
          this.s0 = i + 1;
          this.s1 = ve;
        } else if (nc === 116 /* t */) {
          this.t0 = i + 1;
          this.t1 = ve;
        }
      }
      i = ve + 1;
    }
    return -1;
  }
}
