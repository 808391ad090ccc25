/**
 * Just enough XML for SpreadsheetML, without a DOM: start tags read with a quote-aware scanner,
 * elements found with `indexOf`, text decoded only when it holds something to decode.
 *
 * Element names are matched with the prefix of the document's root element (`<x:worksheet>`
 * makes every tag `x:`-prefixed), which is how the writers that use a prefix write them.
 *
 * The hot path is `scanSheetRows`: it walks `<row>` tags with `indexOf`, skips rows outside
 * the wanted window without looking at their cells, and reads only the cells of the wanted
 * columns, keeping the positions of the `r` and `t` attributes in scratch variables instead
 * of allocating an object per cell.
 */
import type { CellValue } from '../../../ports/workbook';
import { isoToSerial, serialToIso } from '../../../core/contract/formats';
import { EXCEL_MAX_ROWS } from '../../../core/shared/address';

// ---------------------------------------------------------------------------------------------
// Text decoding

function codePoint(n: number): string | null {
  return n >= 0 && n <= 0x10ffff && !Number.isNaN(n) ? String.fromCodePoint(n) : null;
}

/** The text of the entity `&…;` whose name is `s[a..b)` (between `&` and `;`), or `null`. */
function entityText(s: string, a: number, b: number): string | null {
  const c = s.charCodeAt(a);
  const len = b - a;
  if (c === 35 /* # */) {
    if (len < 2) return null;
    const hex = s.charCodeAt(a + 1) === 120 || s.charCodeAt(a + 1) === 88;
    const digits = s.slice(a + (hex ? 2 : 1), b);
    if (digits === '' || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return null;
    return codePoint(parseInt(digits, hex ? 16 : 10));
  }
  if (len === 3 && c === 97 && s.charCodeAt(a + 1) === 109 && s.charCodeAt(a + 2) === 112) return '&';
  if (len === 2 && s.charCodeAt(a + 1) === 116) {
    if (c === 108) return '<';
    if (c === 103) return '>';
  }
  if (len === 4) {
    const name = s.slice(a, b);
    if (name === 'quot') return '"';
    if (name === 'apos') return "'";
  }
  return null;
}

/** Decodes the five XML entities and numeric character references (others are kept as written). */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let last = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0) break;
    const text = semi - amp <= 12 ? entityText(s, amp + 1, semi) : null;
    if (text === null) {
      amp = s.indexOf('&', amp + 1);
      continue;
    }
    out += s.slice(last, amp) + text;
    last = semi + 1;
    amp = s.indexOf('&', last);
  }
  return last === 0 ? s : out + s.slice(last);
}

const ESCAPE_RE = /_x([0-9A-Fa-f]{4})_/g;

/** Decodes the OOXML `_xHHHH_` escapes of a string (already entity-decoded, like an attribute value). */
export function decodeEscapes(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(ESCAPE_RE, (_m: string, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Decodes the text content of an element as an XML parser would (line ends normalized to
 * `\n`, entities), then the OOXML `_xHHHH_` escapes (`_x000D_` is a carriage return,
 * `_x005F_` a literal underscore, so `_x005F_x000D_` reads as the text `_x000D_`).
 */
export function decodeText(raw: string): string {
  let s = raw;
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') >= 0) s = decodeEntities(s);
  return decodeEscapes(s);
}

// ---------------------------------------------------------------------------------------------
// Markup that is not elements nor text

/** `a` with the three characters that matter in text content escaped (for CDATA sections). */
function escapeText(a: string): string {
  return a.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Index just after the `>` that ends the `<!DOCTYPE` at `i` (its internal subset `[…]` and quoted strings skipped). */
function doctypeEnd(xml: string, i: number): number {
  let depth = 0;
  for (let k = i + 2; k < xml.length; k++) {
    const c = xml.charCodeAt(k);
    if (c === 34 || c === 39) {
      const q = xml.indexOf(c === 34 ? '"' : "'", k + 1);
      if (q < 0) return xml.length;
      k = q;
    } else if (c === 91 /* [ */) depth++;
    else if (c === 93 /* ] */) depth--;
    else if (c === 62 /* > */ && depth <= 0) return k + 1;
  }
  return xml.length;
}

/**
 * The document as an XML parser sees its elements and text: comments, processing instructions
 * and the document type declaration removed, CDATA sections replaced by their text, escaped.
 * A `<row>` inside a comment is not a row. Returns `xml` itself when there is none of these
 * after the XML declaration (the usual case: two `indexOf` over the text).
 */
export function withoutMarkup(xml: string): string {
  let from = 0;
  if (xml.startsWith('<?xml')) {
    const e = xml.indexOf('?>');
    from = e < 0 ? xml.length : e + 2;
  }
  let bang = xml.indexOf('<!', from);
  let pi = xml.indexOf('<?', from);
  if (bang < 0 && pi < 0) return xml;
  let out = '';
  let last = 0;
  let i = from;
  for (;;) {
    if (bang >= 0 && bang < i) bang = xml.indexOf('<!', i);
    if (pi >= 0 && pi < i) pi = xml.indexOf('<?', i);
    const lt = bang < 0 ? pi : pi < 0 ? bang : Math.min(bang, pi);
    if (lt < 0) break;
    out += xml.slice(last, lt);
    let end: number;
    if (xml.startsWith('<!--', lt)) {
      const e = xml.indexOf('-->', lt + 4);
      end = e < 0 ? xml.length : e + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const e = xml.indexOf(']]>', lt + 9);
      out += escapeText(xml.slice(lt + 9, e < 0 ? xml.length : e));
      end = e < 0 ? xml.length : e + 3;
    } else if (xml.charCodeAt(lt + 1) === 63 /* ? */) {
      const e = xml.indexOf('?>', lt + 2);
      end = e < 0 ? xml.length : e + 2;
    } else if (xml.startsWith('<!DOCTYPE', lt)) {
      end = doctypeEnd(xml, lt);
    } else {
      const e = xml.indexOf('>', lt + 2); // a declaration out of place: dropped
      end = e < 0 ? xml.length : e + 1;
    }
    last = end;
    i = end;
  }
  return out + xml.slice(last);
}

// ---------------------------------------------------------------------------------------------
// Tags

/** True for the character codes that may end an element name: whitespace, `>`, `/`. */
function isNameEnd(c: number): boolean {
  return c === 62 || c === 47 || c === 32 || c === 10 || c === 13 || c === 9;
}

/** The character codes of a pattern, for `matchAt`. */
function codesOf(pat: string): number[] {
  const out: number[] = [];
  for (let k = 0; k < pat.length; k++) out.push(pat.charCodeAt(k));
  return out;
}

/** Whether the pattern `pat` (as `codesOf`) is written in `xml` at `i`: cheaper than `startsWith` here. */
function matchAt(xml: string, i: number, pat: readonly number[]): boolean {
  for (let k = 0; k < pat.length; k++) if (xml.charCodeAt(i + k) !== pat[k]) return false;
  return true;
}

/** The prefix of the root element with its colon (`'x:'`), or `''` when it has none. */
export function rootPrefix(xml: string): string {
  let i = 0;
  for (;;) {
    i = xml.indexOf('<', i);
    if (i < 0) return '';
    const c = xml.charCodeAt(i + 1);
    if (c !== 63 /* ? */ && c !== 33 /* ! */) break;
    i++;
  }
  let j = i + 1;
  while (j < xml.length && !isNameEnd(xml.charCodeAt(j))) j++;
  const name = xml.slice(i + 1, j);
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(0, colon + 1) : '';
}

export interface StartTag {
  /** Qualified name, as written. */
  name: string;
  /** Attributes by qualified name, values decoded. */
  attrs: Record<string, string>;
  /** Index of the `<`. */
  start: number;
  /** Index just after the closing `>`. */
  end: number;
  selfClosing: boolean;
}

/** Reads the start tag whose `<` is at `lt` (quote-aware: a `>` inside a value is not its end). */
export function readStartTag(xml: string, lt: number): StartTag | null {
  const n = xml.length;
  let i = lt + 1;
  while (i < n && !isNameEnd(xml.charCodeAt(i))) i++;
  const name = xml.slice(lt + 1, i);
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  while (i < n) {
    const c = xml.charCodeAt(i);
    if (c === 62) return { name, attrs, start: lt, end: i + 1, selfClosing: false };
    if (c === 47 && xml.charCodeAt(i + 1) === 62) return { name, attrs, start: lt, end: i + 2, selfClosing: true };
    if (c <= 32 || c === 47) {
      i++;
      continue;
    }
    const ns = i;
    while (i < n) {
      const d = xml.charCodeAt(i);
      if (d === 61 || d <= 32 || d === 62 || d === 47) break;
      i++;
    }
    const attrName = xml.slice(ns, i);
    while (i < n && xml.charCodeAt(i) <= 32) i++;
    if (xml.charCodeAt(i) !== 61) continue;
    i++;
    while (i < n && xml.charCodeAt(i) <= 32) i++;
    const q = xml.charCodeAt(i);
    if (q !== 34 && q !== 39) continue;
    const ve = xml.indexOf(q === 34 ? '"' : "'", i + 1);
    if (ve < 0) return null;
    attrs[attrName] = decodeEntities(xml.slice(i + 1, ve));
    i = ve + 1;
  }
  return null;
}

/** An attribute by local name, whatever its prefix (`id` finds `r:id`); prefixed ones only if `prefixed`. */
export function attrByLocalName(attrs: Record<string, string>, local: string, prefixed = false): string | undefined {
  if (!prefixed && attrs[local] !== undefined) return attrs[local];
  const suffix = ':' + local;
  for (const k of Object.keys(attrs)) if (k.endsWith(suffix)) return attrs[k];
  return undefined;
}

/** Index of the next start tag `<qname` (followed by a name end) at or after `from`, or -1. */
export function indexOfTag(xml: string, qname: string, from = 0, to = xml.length): number {
  const open = '<' + qname;
  let i = from;
  for (;;) {
    i = xml.indexOf(open, i);
    if (i < 0 || i >= to) return -1;
    if (isNameEnd(xml.charCodeAt(i + open.length))) return i;
    i += open.length;
  }
}

/** All start tags `<qname ...>` between `from` and `to`. */
export function findStartTags(xml: string, qname: string, from = 0, to = xml.length): StartTag[] {
  const out: StartTag[] = [];
  let i = from;
  for (;;) {
    i = indexOfTag(xml, qname, i, to);
    if (i < 0) return out;
    const tag = readStartTag(xml, i);
    if (!tag) return out;
    out.push(tag);
    i = tag.end;
  }
}

// ---------------------------------------------------------------------------------------------
// Rich text: the content of a shared-string item `<si>` or of an inline string `<is>`

/**
 * The text of a string item between `start` and `end`: the `<t>` texts concatenated (a plain
 * `<t>` or the runs `<r><t>…</t></r>` of rich text), phonetic runs `<rPh>` ignored; decoded.
 */
export function richText(xml: string, start: number, end: number, P: string): string {
  const tOpen = codesOf('<' + P + 't');
  const tClose = '</' + P + 't>';
  const rPhOpen = codesOf('<' + P + 'rPh');
  const rPhClose = '</' + P + 'rPh>';
  let raw = '';
  let pos = start;
  while (pos < end) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= end) break;
    if (matchAt(xml, lt, tOpen) && isNameEnd(xml.charCodeAt(lt + tOpen.length))) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0 || gt >= end) break;
      if (xml.charCodeAt(gt - 1) === 47) {
        pos = gt + 1; // <t/>
        continue;
      }
      const te = xml.indexOf(tClose, gt);
      if (te < 0 || te > end) break;
      raw = raw === '' ? xml.slice(gt + 1, te) : raw + xml.slice(gt + 1, te);
      pos = te + tClose.length;
    } else if (matchAt(xml, lt, rPhOpen) && isNameEnd(xml.charCodeAt(lt + rPhOpen.length))) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0 || gt >= end) break;
      if (xml.charCodeAt(gt - 1) === 47) {
        pos = gt + 1;
        continue;
      }
      const re = xml.indexOf(rPhClose, gt);
      if (re < 0 || re > end) break;
      pos = re + rPhClose.length;
    } else {
      pos = lt + 1;
    }
  }
  return decodeText(raw);
}

/** The strings of `xl/sharedStrings.xml`, in order (their index is what `t="s"` cells hold). */
export function parseSharedStrings(xml: string): string[] {
  const P = rootPrefix(xml);
  const siOpen = '<' + P + 'si';
  const siClose = '</' + P + 'si>';
  const tFast = codesOf('<' + P + 't>');
  const tSiClose = codesOf('</' + P + 't>' + siClose);
  const out: string[] = [];
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf(siOpen, pos);
    if (lt < 0) break;
    if (!isNameEnd(xml.charCodeAt(lt + siOpen.length))) {
      pos = lt + siOpen.length;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break;
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push('');
      pos = gt + 1;
      continue;
    }
    // Fast path for the usual `<si><t>text</t></si>` (text holds no raw `<`).
    if (matchAt(xml, gt + 1, tFast)) {
      const a = gt + 1 + tFast.length;
      const b = xml.indexOf('<', a);
      if (b >= 0 && matchAt(xml, b, tSiClose)) {
        out.push(decodeText(xml.slice(a, b)));
        pos = b + tSiClose.length;
        continue;
      }
    }
    const end = xml.indexOf(siClose, gt);
    if (end < 0) break;
    out.push(richText(xml, gt + 1, end, P));
    pos = end + siClose.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Relationships

export interface Relationship {
  id: string;
  type: string;
  /** Part path inside the archive, resolved against the source part (no leading `/`). */
  target: string;
  external: boolean;
}

/** The directory of a part path, with its trailing slash (`xl/worksheets/sheet1.xml` → `xl/worksheets/`). */
export function partDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(0, i + 1) : '';
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPathOf(path: string): string {
  const dir = partDir(path);
  return `${dir}_rels/${path.slice(dir.length)}.rels`;
}

/** Resolves a relationship target (relative to `baseDir`, or absolute from the package root). */
export function resolveTarget(baseDir: string, target: string): string {
  let t = target.trim();
  try {
    t = decodeURIComponent(t);
  } catch {
    // not percent-encoded: keep as is
  }
  t = t.replace(/\\/g, '/');
  const full = t.startsWith('/') ? t.slice(1) : baseDir + t;
  const parts: string[] = [];
  for (const seg of full.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** The relationships of a `.rels` part, targets resolved against `sourcePart`'s directory. */
export function parseRelationships(xml: string, sourcePart: string): Relationship[] {
  const P = rootPrefix(xml);
  const base = partDir(sourcePart);
  const out: Relationship[] = [];
  for (const tag of findStartTags(xml, P + 'Relationship')) {
    const id = tag.attrs.Id ?? '';
    const type = tag.attrs.Type ?? '';
    const target = tag.attrs.Target ?? '';
    const external = (tag.attrs.TargetMode ?? '').toLowerCase() === 'external';
    out.push({ id, type, target: external ? target : resolveTarget(base, target), external });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sheet cells

/** The rows and columns to read, 1-based and inclusive (`bottom` may be `Infinity`). */
export interface RowWindow {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** What the worksheet scanner needs besides the sheet's XML. */
export interface SheetContext {
  sharedStrings: readonly string[];
  /** `dateStyles[s]` is 1 when the cell style `s` shows a date or a time; `null` without styles. */
  dateStyles: Uint8Array | null;
  /** The workbook counts days from 1904-01-01 (`<workbookPr date1904="1">`), not from 1900. */
  date1904: boolean;
}

/** A cell refers to a shared string that does not exist: the part is damaged. */
export class DamagedPartError extends Error {
  constructor() {
    super('a cell refers to a shared string that does not exist');
    this.name = 'DamagedPartError';
  }
}

/** Above this width, row arrays are left sparse (holes, read as `undefined`) instead of filled. */
export const DENSE_ROW_LIMIT = 1024;

/** Days between Excel's 1900 and 1904 date systems. */
const DAYS_1904 = 1462;

const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

/** The unsigned integer written in `xml[a..b)` (surrounding spaces allowed); -1 if it is not one. */
function digitsAt(xml: string, a: number, b: number): number {
  let n = 0;
  let seen = false;
  for (let i = a; i < b; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      seen = true;
    } else if (c > 32) return -1;
  }
  return seen ? n : -1;
}

/** The column number of a cell reference in `xml[a..b)` (`B7` → 2); 0 if none. */
function columnAt(xml: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else if (c !== 36) break;
  }
  return n;
}

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
  return Number.isFinite(n) ? n : NaN;
}

/**
 * The number written in `xml[a..b)`, or `NaN` if it is not a finite `xsd:double`. Plain
 * decimals of at most 15 digits are computed directly (an exact integer divided by an exact
 * power of ten: correctly rounded, the same double as `Number`).
 */
function numberAt(xml: string, a: number, b: number): number {
  let i = a;
  const neg = xml.charCodeAt(i) === 45;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < b; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) {
      frac = 0;
    } else {
      return strictNumber(xml.slice(a, b));
    }
  }
  if (digits === 0 || digits > 15) return strictNumber(xml.slice(a, b));
  const v = frac > 0 ? m / POW10[frac] : m;
  return neg ? -v : v;
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

/**
 * Reads the cells of the rows of a worksheet XML inside `win`, in sheet order, and calls
 * `onRow(rowNumber, cells, filled)` for each row present in the XML (absent rows are not
 * reported); `cells[i]` is the value of column `win.left + i`, `null` when empty, and
 * `filled` says whether any of them holds a value. Stops after `win.bottom` (and after the
 * grid's last row), or as soon as `onRow` returns `false`. Throws `DamagedPartError` for a
 * cell that refers to a shared string that does not exist.
 *
 * Values: numbers as numbers, except in a date or time style, read as ISO text
 * (`2014-01-01`, `2014-01-01T10:30:00`), like `t="d"` cells; a `<v>` that is not a finite
 * `xsd:double` as its text; `t="s"` the shared string, `t="str"`/`inlineStr` text, `t="b"` a
 * boolean, `t="e"` the error text (`#DIV/0!`); a formula without cached value
 * `{ uncomputed: formula }` (its text without `=`, empty for a shared formula's other cells).
 * Empty texts are `null`.
 */
export function scanSheetRows(
  xml: string,
  win: RowWindow,
  context: SheetContext,
  onRow: (row: number, cells: CellValue[], filled: boolean) => boolean | void,
): void {
  new SheetScanner(xml, context).scan(win, onRow);
}

/**
 * The worksheet scanner. Its methods are small so that V8 optimizes them early (a cold read
 * is the usual case); the attributes of the last tag scanned are kept in fields rather than
 * in a fresh object per cell.
 */
class SheetScanner {
  private readonly P: string;
  private readonly rowOpen: string;
  private readonly rowClose: number[];
  private readonly cOpen: number[];
  private readonly cClose: number[];
  private readonly cCloseText: string;
  private readonly vOpen: number[];
  private readonly vFast: number[];
  private readonly vClose: number[];
  private readonly vCloseText: string;
  private readonly fOpen: number[];
  private readonly fCloseText: string;
  private readonly rowCloseText: string;
  private readonly sst: readonly string[];
  private readonly dates: Uint8Array | null;
  private readonly dayOffset: number;
  // Attributes of the last tag read by scanTag: value positions of `r`, `t` and `s` (-1 if absent).
  private r0 = -1;
  private r1 = -1;
  private t0 = -1;
  private t1 = -1;
  private s0 = -1;
  private s1 = -1;
  private selfClosing = false;
  // The cell currently read by readCell.
  private col = 0;
  /** A cell of the current row holds a value. */
  private filled = false;
  /** Set when the XML is cut short: stop reading. */
  private broken = false;

  constructor(
    private readonly xml: string,
    context: SheetContext,
  ) {
    const P = rootPrefix(xml);
    this.P = P;
    this.sst = context.sharedStrings;
    this.dates = context.dateStyles;
    this.dayOffset = context.date1904 ? DAYS_1904 : 0;
    this.rowOpen = '<' + P + 'row';
    this.rowCloseText = '</' + P + 'row>';
    this.rowClose = codesOf(this.rowCloseText);
    this.cOpen = codesOf('<' + P + 'c');
    this.cCloseText = '</' + P + 'c>';
    this.cClose = codesOf(this.cCloseText);
    this.vOpen = codesOf('<' + P + 'v');
    this.vFast = codesOf('<' + P + 'v>');
    this.vCloseText = '</' + P + 'v>';
    this.vClose = codesOf(this.vCloseText);
    this.fOpen = codesOf('<' + P + 'f');
    this.fCloseText = '</' + P + 'f>';
  }

  scan(win: RowWindow, onRow: (row: number, cells: CellValue[], filled: boolean) => boolean | void): void {
    const xml = this.xml;
    const { top, left, right } = win;
    const bottom = Math.min(win.bottom, EXCEL_MAX_ROWS);
    const width = right - left + 1;
    const dense = width <= DENSE_ROW_LIMIT;
    const rowOpen = this.rowOpen;
    const sd = indexOfTag(xml, this.P + 'sheetData');
    if (sd < 0) return;
    let pos = sd;
    let rowNum = 0;
    for (;;) {
      const lt = xml.indexOf(rowOpen, pos);
      if (lt < 0) return;
      const afterName = lt + rowOpen.length;
      if (!isNameEnd(xml.charCodeAt(afterName))) {
        pos = afterName;
        continue;
      }
      const tagEnd = this.scanTag(afterName, true);
      if (tagEnd < 0) return;
      const r = this.r0 >= 0 ? digitsAt(xml, this.r0, this.r1) : 0;
      rowNum = r > 0 ? r : rowNum + 1;
      if (rowNum > bottom) return;
      if (this.selfClosing || rowNum < top) {
        // Rows before the window: the next `<row` search jumps over their cells.
        pos = tagEnd + 1;
        continue;
      }
      const cells: CellValue[] = [];
      if (dense) for (let k = 0; k < width; k++) cells.push(null);
      this.filled = false;
      pos = this.readRow(tagEnd + 1, cells, left, right);
      if (this.broken) return;
      if (onRow(rowNum, cells, this.filled) === false) return;
    }
  }

  /** Reads the cells of a row from `p` (after its start tag); returns the index after `</row>`. */
  private readRow(p: number, cells: CellValue[], left: number, right: number): number {
    const xml = this.xml;
    this.col = 0;
    for (;;) {
      const lt = xml.charCodeAt(p) === 60 ? p : xml.indexOf('<', p);
      if (lt < 0) {
        this.broken = true;
        return xml.length;
      }
      if (xml.charCodeAt(lt + 1) === 47) {
        if (matchAt(xml, lt, this.rowClose)) return lt + this.rowClose.length;
        p = lt + 2;
        continue;
      }
      if (!matchAt(xml, lt, this.cOpen) || !isNameEnd(xml.charCodeAt(lt + this.cOpen.length))) {
        p = lt + 1; // another element in the row (extLst): walk through it
        continue;
      }
      p = this.readCell(lt, cells, left, right);
      if (p < 0) {
        // The rest of the row is outside the window (or the XML is cut short).
        if (this.broken) return xml.length;
        const re = xml.indexOf(this.rowCloseText, lt);
        return re < 0 ? xml.length : re + this.rowCloseText.length;
      }
    }
  }

  /**
   * Reads the cell whose `<c` is at `lt` into `cells` if its column is in the window; returns
   * the index after the cell, or -1 when the cell is right of the window (or the XML is cut).
   */
  private readCell(lt: number, cells: CellValue[], left: number, right: number): number {
    const xml = this.xml;
    const te = this.scanCellTag(lt + this.cOpen.length);
    if (te < 0) {
      this.broken = true;
      return -1;
    }
    if (this.r0 >= 0) {
      const c = columnAt(xml, this.r0, this.r1);
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
    if (matchAt(xml, te + 1, this.vFast)) {
      const a = te + 1 + this.vFast.length;
      let b = a;
      const n = xml.length;
      while (b < n && xml.charCodeAt(b) !== 60) b++;
      if (b < n && matchAt(xml, b, this.vClose)) {
        v0 = a;
        v1 = b;
        const after = b + this.vClose.length;
        ce = matchAt(xml, after, this.cClose) ? after : xml.indexOf(this.cCloseText, after);
      }
    }
    if (ce < 0) ce = xml.indexOf(this.cCloseText, te);
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

  /** The value of a cell whose `<v>` holds `xml[v0..v1)`. */
  private value(type: number, v0: number, v1: number): CellValue {
    const xml = this.xml;
    if (v1 <= v0) return null;
    switch (type) {
      case T_SHARED: {
        const k = digitsAt(xml, v0, v1);
        const s = k >= 0 ? this.sst[k] : undefined;
        if (s === undefined) throw new DamagedPartError();
        return s === '' ? null : s;
      }
      case T_NUMBER: {
        const n = numberAt(xml, v0, v1);
        if (Number.isNaN(n)) {
          const text = decodeText(xml.slice(v0, v1));
          return text.trim() === '' ? null : text;
        }
        return this.dates === null || this.s0 < 0 ? n : this.dateOrNumber(n);
      }
      case T_BOOL:
        return booleanText(decodeText(xml.slice(v0, v1)));
      case T_DATE:
        return isoText(decodeText(xml.slice(v0, v1)).trim());
      default: {
        const text = decodeText(xml.slice(v0, v1));
        return text === '' ? null : text;
      }
    }
  }

  /** A number in the current cell's style: ISO text if the style shows a date, else the number. */
  private dateOrNumber(n: number): CellValue {
    const dates = this.dates!;
    const style = digitsAt(this.xml, this.s0, this.s1);
    if (style < 0 || style >= dates.length || dates[style] === 0) return n;
    return serialToIso(n + this.dayOffset) ?? n;
  }

  /**
   * The value of a cell whose content `xml[c0..c1)` is not a lone `<v>`: an inline string, a
   * formula first, or a formula without cached value.
   */
  private slowValue(type: number, c0: number, c1: number): CellValue {
    const xml = this.xml;
    const P = this.P;
    if (type === T_INLINE) {
      const is = indexOfTag(xml, P + 'is', c0, c1);
      if (is >= 0) {
        const gt = xml.indexOf('>', is);
        if (gt < 0 || gt >= c1 || xml.charCodeAt(gt - 1) === 47) return null;
        const end = xml.indexOf('</' + P + 'is>', gt);
        const text = richText(xml, gt + 1, end < 0 || end > c1 ? c1 : end, P);
        return text === '' ? null : text;
      }
      // An inline string written as a <v>: read it as text below.
    }
    // Find the <v> among the cell's children (<f> may come first).
    let formula: string | null = null;
    let q = c0;
    while (q < c1) {
      const k = xml.indexOf('<', q);
      if (k < 0 || k >= c1) break;
      if (matchAt(xml, k, this.vOpen) && isNameEnd(xml.charCodeAt(k + this.vOpen.length))) {
        const gt = xml.indexOf('>', k);
        if (gt < 0 || gt >= c1 || xml.charCodeAt(gt - 1) === 47) return null;
        const v1 = xml.indexOf(this.vCloseText, gt);
        return v1 < 0 || v1 > c1 ? null : this.value(type === T_INLINE ? T_STR : type, gt + 1, v1);
      }
      if (matchAt(xml, k, this.fOpen) && isNameEnd(xml.charCodeAt(k + this.fOpen.length))) {
        const gt = xml.indexOf('>', k);
        if (gt < 0 || gt >= c1) break;
        if (xml.charCodeAt(gt - 1) === 47) {
          formula ??= ''; // a shared formula's other cell: its text is the first cell's
          q = gt + 1;
        } else {
          const fe = xml.indexOf(this.fCloseText, gt);
          formula = decodeText(xml.slice(gt + 1, fe < 0 || fe > c1 ? c1 : fe));
          q = fe < 0 ? c1 : fe + this.fCloseText.length;
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
    const xml = this.xml;
    const len = this.t1 - t0;
    const c = xml.charCodeAt(t0);
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

  /**
   * `scanTag` for a `<c>` tag, faster: its attribute values (a reference, numbers, a type
   * token) never hold `>`, quotes or spaces, so the tag ends at the next `>` and the `r`, `s`
   * and `t` attributes are found by looking for `r`/`s`/`t` after a space and before `=`.
   */
  private scanCellTag(i: number): number {
    const xml = this.xml;
    const gt = xml.indexOf('>', i);
    if (gt < 0) return -1;
    this.r0 = -1;
    this.t0 = -1;
    this.s0 = -1;
    this.selfClosing = xml.charCodeAt(gt - 1) === 47;
    for (let k = i; k < gt; k++) {
      const c = xml.charCodeAt(k);
      if (c !== 114 && c !== 116 && c !== 115) continue;
      const before = xml.charCodeAt(k - 1);
      if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
      let e = k + 1;
      while (e < gt && xml.charCodeAt(e) <= 32) e++;
      if (xml.charCodeAt(e) !== 61) continue;
      e++;
      while (e < gt && xml.charCodeAt(e) <= 32) e++;
      const q = xml.charCodeAt(e);
      if (q !== 34 && q !== 39) continue;
      let ve = e + 1;
      while (ve < gt && xml.charCodeAt(ve) !== q) ve++;
      if (c === 114) {
        this.r0 = e + 1;
        this.r1 = ve;
      } else if (c === 116) {
        this.t0 = e + 1;
        this.t1 = ve;
      } else {
        this.s0 = e + 1;
        this.s1 = ve;
      }
      k = ve;
    }
    return gt;
  }

  /**
   * Scans the attributes of a start tag from `i` (just after its name), noting where the
   * value of `r` is. Returns the index of the tag's last character (`>`), or -1. With
   * `onlyR`, stops looking once `r` is found and jumps to the next `>` (for `<row>`, whose
   * attribute values are numbers and flags, never holding a `>`).
   */
  private scanTag(i: number, onlyR: boolean): number {
    const xml = this.xml;
    this.r0 = -1;
    this.selfClosing = false;
    const n = xml.length;
    while (i < n) {
      let c = xml.charCodeAt(i);
      if (c === 62) return i;
      if (c === 47) {
        if (xml.charCodeAt(i + 1) === 62) {
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
        c = xml.charCodeAt(i);
        if (c === 61 || c <= 32 || c === 62 || c === 47) break;
        i++;
      }
      const nameLen = i - ns;
      while (i < n && xml.charCodeAt(i) <= 32) i++;
      if (xml.charCodeAt(i) !== 61) continue;
      i++;
      while (i < n && xml.charCodeAt(i) <= 32) i++;
      const q = xml.charCodeAt(i);
      if (q !== 34 && q !== 39) continue;
      let ve = i + 1;
      while (ve < n && xml.charCodeAt(ve) !== q) ve++;
      if (ve >= n) return -1;
      if (nameLen === 1 && xml.charCodeAt(ns) === 114 /* r */) {
        this.r0 = i + 1;
        this.r1 = ve;
        if (onlyR) {
          const gt = xml.indexOf('>', ve);
          if (gt < 0) return -1;
          this.selfClosing = xml.charCodeAt(gt - 1) === 47;
          return gt;
        }
      }
      i = ve + 1;
    }
    return -1;
  }
}
