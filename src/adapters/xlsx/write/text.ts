/**
 * Text for SpreadsheetML parts: XML escaping, the OOXML `_xHHHH_` escapes for the characters
 * XML 1.0 cannot carry, and Excel's limits on what a cell, a formula and a sheet may hold.
 *
 * Escaped text decodes back exactly through `decodeText` (src/adapters/xlsx/xml.ts):
 * - `&`, `<`, `>` are entities (and `"` in attributes);
 * - control characters, `\r`, U+FFFE/U+FFFF and lone surrogates are `_xHHHH_`;
 * - a literal `_xHHHH_` in user text has its underscore escaped: `_x005F_xHHHH_`.
 * Plain text (the usual case) is returned as is after one regular-expression test.
 */

/** Characters of a cell. */
export const MAX_CELL_CHARS = 32767;
/** Characters of a formula (without its leading `=`). */
export const MAX_FORMULA_CHARS = 8192;
/** Characters of a list dropdown's formula, quotes included (`"a,b,c"`). */
export const MAX_LIST_FORMULA_CHARS = 255;
/** Rows and columns of a worksheet (XFD). */
export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;
/** Characters of a sheet name. */
export const MAX_SHEET_NAME_CHARS = 31;

/* eslint-disable no-control-regex -- these patterns find the control characters XML cannot carry. */
// What needs work in element text: markup characters, characters XML 1.0 cannot carry or that
// a parser would change (\r becomes \n), lone surrogates, and a literal `_xHHHH_`.
const TEXT_SPECIAL = /[&<>\x00-\x08\x0B-\x1F\uFFFE\uFFFF\uD800-\uDFFF]|_x[0-9A-Fa-f]{4}_/;
const TEXT_ESCAPES =
  /[&<>]|[\x00-\x08\x0B-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
// In attributes, tabs and line ends are normalized to spaces by parsers: they need escaping too.
const ATTR_SPECIAL = /[&<>"\x00-\x1F\uFFFE\uFFFF\uD800-\uDFFF]|_x[0-9A-Fa-f]{4}_/;
const ATTR_ESCAPES =
  /[&<>"]|[\x00-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
// Plain XML (sheet names, formulas, fixed texts): markup only; anything XML cannot carry is refused.
const MARKUP = /[&<>]/;
const MARKUP_ALL = /[&<>]/g;
const ATTR_MARKUP = /[&<>"]/;
const ATTR_MARKUP_ALL = /[&<>"]/g;
const NOT_XML_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/* eslint-enable no-control-regex */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const ATTR_LINE_ENDS: Record<string, string> = { '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

function hexEscape(ch: string): string {
  return '_x' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') + '_';
}

function escapeOne(m: string): string {
  if (m === '_') return '_x005F_';
  return ENTITIES[m] ?? hexEscape(m);
}

function escapeOneInAttr(m: string): string {
  if (m === '_') return '_x005F_';
  return ENTITIES[m] ?? ATTR_LINE_ENDS[m] ?? hexEscape(m);
}

/** User text as the content of a `<t>` element (shared or inline string). */
export function escapeText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(TEXT_ESCAPES, escapeOne) : s;
}

/** User text as an attribute value in double quotes (table column names, messages). */
export function escapeAttr(s: string): string {
  return ATTR_SPECIAL.test(s) ? s.replace(ATTR_ESCAPES, escapeOneInAttr) : s;
}

function checkXmlChars(s: string, what: string): void {
  if (NOT_XML_CHAR.test(s)) throw new Error(`${what} holds a control character that an .xlsx file cannot store: ${JSON.stringify(s)}`);
}

/**
 * Text that must reach the file as written (formulas, references), where OOXML escapes are
 * not decoded, as element content: markup is escaped, a character XML cannot carry is an error.
 */
export function escapeXml(s: string, what: string): string {
  checkXmlChars(s, what);
  return MARKUP.test(s) ? s.replace(MARKUP_ALL, (m) => ENTITIES[m]) : s;
}

/** `escapeXml` for an attribute value in double quotes (sheet names, link locations). */
export function escapeXmlAttr(s: string, what: string): string {
  checkXmlChars(s, what);
  if (/[\t\n\r]/.test(s)) throw new Error(`${what} holds a tab or a line break: ${JSON.stringify(s)}`);
  return ATTR_MARKUP.test(s) ? s.replace(ATTR_MARKUP_ALL, (m) => ENTITIES[m]) : s;
}

/** Whether a text cell needs `xml:space="preserve"`: leading or trailing whitespace. */
export function needsPreserve(s: string): boolean {
  return s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32);
}

/** Whether Excel would take the text for a formula if the user edits the cell: `=`, `+`, `-`, `@`. */
export function looksLikeFormula(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64;
}

const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]]/;

/** Throws unless Excel accepts this sheet name. */
export function checkSheetName(name: string): void {
  if (name.length === 0) throw new Error('A sheet name cannot be empty');
  if (name.length > MAX_SHEET_NAME_CHARS) {
    throw new Error(`Sheet name "${name}" has ${name.length} characters, over Excel's limit of ${MAX_SHEET_NAME_CHARS}`);
  }
  if (SHEET_NAME_FORBIDDEN.test(name)) throw new Error(`Sheet name "${name}" holds a character Excel forbids (: \\ / ? * [ ])`);
  if (name.startsWith("'") || name.endsWith("'")) throw new Error(`Sheet name "${name}" cannot start or end with an apostrophe`);
  if (NOT_XML_CHAR.test(name) || /[\t\n\r]/.test(name)) throw new Error(`Sheet name ${JSON.stringify(name)} holds a control character`);
  if (name.toLowerCase() === 'history') throw new Error('"History" is a sheet name reserved by Excel');
}

// A table name: a letter, `_` or `\` first, then letters, digits, `_` and `.`; not a cell reference.
const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.]*$/u;
const A1_LIKE = /^([A-Za-z]{1,3})([0-9]+)$/;
const R1C1_LIKE = /^(R[0-9]*C?[0-9]*|C[0-9]*)$/i;

function isCellReference(name: string): boolean {
  const m = A1_LIKE.exec(name);
  if (!m) return R1C1_LIKE.test(name);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  return col <= MAX_COLUMNS && row >= 1 && row <= MAX_ROWS;
}

/** Throws unless Excel accepts this table name. */
export function checkTableName(name: string): void {
  if (!TABLE_NAME.test(name) || name.length > 255 || isCellReference(name)) {
    throw new Error(
      `Table name "${name}" is not a valid Excel table name (a letter or _ first, then letters, digits, _ or ., not a cell reference)`,
    );
  }
}
