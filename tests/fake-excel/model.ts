/**
 * The workbook model behind the fake: sheets with sparse cells, tables and charts, plus Excel's
 * rules for what a typed or written string becomes (number, boolean, formula, text) and a rough
 * rendering of numbers through number formats (for `Range.text`).
 */
import { MAX_COLUMNS, rectCells, type Rect } from './address';
import { invalidArgument } from './errors';

export type Scalar = string | number | boolean;
/** A cell as tests give it: `null` for an empty cell. */
export type CellInput = Scalar | null;

export interface HyperlinkData {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export interface ErrorAlertData {
  showAlert: boolean;
  style: string;
  title: string;
  message: string;
}

export interface ValidationData {
  /** Rule as given to `dataValidation.rule` (`{ list: { inCellDropDown, source } }`, …). */
  rule: Record<string, unknown> | null;
  errorAlert: ErrorAlertData;
  ignoreBlanks: boolean;
}

export interface CellFormat {
  bold?: boolean;
  italic?: boolean;
  underline?: string;
  color?: string;
  size?: number;
  fontName?: string;
  fill?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

export interface CellData {
  /** Constant value, or the cached result of `formula` (a formula without one reads as 0). */
  value?: Scalar;
  /** Formula text, with its leading `=`. */
  formula?: string;
  numberFormat?: string;
  /** Excel's quote prefix: the text was entered after an apostrophe. */
  quotePrefix?: boolean;
  hyperlink?: HyperlinkData;
  validation?: ValidationData;
  format?: CellFormat;
}

export type SheetVisibility = 'Visible' | 'Hidden' | 'VeryHidden';

export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;
export const DEFAULT_FONT = { bold: false, italic: false, underline: 'None', color: '#000000', size: 11, fontName: 'Calibri' };

export class SheetModel {
  readonly cells = new Map<number, CellData>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  defaultColumnWidth = DEFAULT_COLUMN_WIDTH;
  defaultRowHeight = DEFAULT_ROW_HEIGHT;
  frozenRows = 0;
  frozenColumns = 0;
  protected = false;
  tabColor = '';
  visibility: SheetVisibility = 'Visible';
  showGridlines = true;
  /** The sheet's own selection, restored when it is activated. */
  selection: Rect[] = [{ r0: 0, c0: 0, r1: 0, c1: 0 }];

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  static key(r: number, c: number): number {
    return r * MAX_COLUMNS + c;
  }

  get(r: number, c: number): CellData | undefined {
    return this.cells.get(SheetModel.key(r, c));
  }

  ensure(r: number, c: number): CellData {
    const k = SheetModel.key(r, c);
    let cell = this.cells.get(k);
    if (!cell) {
      cell = {};
      this.cells.set(k, cell);
    }
    return cell;
  }

  /** Drops the cell from the map when nothing is left in it. */
  prune(r: number, c: number): void {
    const k = SheetModel.key(r, c);
    const cell = this.cells.get(k);
    if (cell && isEmptyCell(cell)) this.cells.delete(k);
  }

  /** Cells present in the map inside `rect`, with their 0-based row and column. */
  entriesIn(rect: Rect): Array<[number, number, CellData]> {
    const out: Array<[number, number, CellData]> = [];
    if (rectCells(rect) <= this.cells.size) {
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          const cell = this.cells.get(SheetModel.key(r, c));
          if (cell) out.push([r, c, cell]);
        }
      }
      return out;
    }
    for (const [k, cell] of this.cells) {
      const r = Math.floor(k / MAX_COLUMNS);
      const c = k % MAX_COLUMNS;
      if (r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1) out.push([r, c, cell]);
    }
    return out;
  }

  /** Bounding box of the used cells: with a value or formula (`valuesOnly`), or anything. */
  usedRect(valuesOnly: boolean): Rect | null {
    let box: Rect | null = null;
    for (const [k, cell] of this.cells) {
      const hasValue = cell.value !== undefined || cell.formula !== undefined;
      if (valuesOnly ? !hasValue : isEmptyCell(cell)) continue;
      const r = Math.floor(k / MAX_COLUMNS);
      const c = k % MAX_COLUMNS;
      if (!box) box = { r0: r, c0: c, r1: r, c1: c };
      else {
        box.r0 = Math.min(box.r0, r);
        box.c0 = Math.min(box.c0, c);
        box.r1 = Math.max(box.r1, r);
        box.c1 = Math.max(box.c1, c);
      }
    }
    return box;
  }
}

export function isEmptyCell(cell: CellData): boolean {
  return (
    cell.value === undefined &&
    cell.formula === undefined &&
    (cell.numberFormat === undefined || cell.numberFormat === 'General') &&
    cell.hyperlink === undefined &&
    cell.validation === undefined &&
    (cell.format === undefined || Object.keys(cell.format).length === 0)
  );
}

export interface TableModel {
  id: string;
  name: string;
  sheetId: string;
  /** Whole table: header row (when shown), data rows and total row (when shown). */
  rect: Rect;
  showHeaders: boolean;
  /** Column names kept while the header row is hidden (Excel restores them when it is shown again). */
  hiddenHeaders?: string[];
  showTotals: boolean;
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
}

export interface ChartModel {
  id: string;
  name: string;
  sheetId: string;
  chartType: string;
  /** Source data: sheet id and rectangle. */
  source: { sheetId: string; rect: Rect };
  seriesBy: string;
  title: string;
  titleVisible: boolean;
  /** Cells given to `setPosition` (A1, on the chart's sheet), or null before any. */
  position: { startCell: string; endCell: string | null } | null;
  top: number;
  left: number;
  width: number;
  height: number;
}

function setConstant(cell: CellData, v: Scalar): void {
  cell.value = v;
  delete cell.formula;
  delete cell.quotePrefix;
}

/** Days from Excel's epoch (1899-12-30) for a valid calendar date, else null. */
function dateSerial(y: number, m: number, d: number): number | null {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86400000);
}

/**
 * What Excel (en-US) makes of a string entered in a General cell: numbers (`12`, `-1.5`,
 * `1e3`, `1,234.5`), percentages (`12%`), booleans (`TRUE`), ISO dates (`2014-03-31`);
 * anything else stays text. A number format is applied for the forms that imply one.
 */
export function coerceTyped(s: string): { value: Scalar; numberFormat?: string } {
  const t = s.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    const n = Number(t);
    if (Number.isFinite(n)) return { value: n };
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) {
    return { value: Number(t.replace(/,/g, '')), numberFormat: t.includes('.') ? '#,##0.00' : '#,##0' };
  }
  const pct = /^([+-]?(\d+(\.\d*)?|\.\d+))\s?%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, numberFormat: pct[1].includes('.') ? '0.00%' : '0%' };
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) {
    const serial = dateSerial(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (serial !== null && serial > 0) return { value: serial, numberFormat: 'yyyy-mm-dd' };
  }
  return { value: s };
}

/**
 * Enters one value in a cell as Excel does for `range.values = …`, `range.formulas = …` and a
 * user typing: numbers and booleans stay as they are; `''` clears the content; a string
 * beginning with `=` is a formula (unless the cell is formatted as text, `@`); a string
 * beginning with `'` is text without the apostrophe; other strings go through `coerceTyped`.
 */
export function enterInput(cell: CellData, input: unknown, location: string): void {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw invalidArgument(location);
    setConstant(cell, input);
    return;
  }
  if (typeof input === 'boolean') {
    setConstant(cell, input);
    return;
  }
  if (typeof input !== 'string') throw invalidArgument(location);
  if (input === '') {
    delete cell.value;
    delete cell.formula;
    delete cell.quotePrefix;
    return;
  }
  if (cell.numberFormat === '@') {
    setConstant(cell, input);
    return;
  }
  if (input[0] === '=' && input.length > 1) {
    cell.formula = input;
    delete cell.value;
    delete cell.quotePrefix;
    return;
  }
  if (input[0] === "'") {
    const text = input.slice(1);
    if (text === '') {
      delete cell.value;
      delete cell.formula;
      delete cell.quotePrefix;
      return;
    }
    setConstant(cell, text);
    cell.quotePrefix = true;
    return;
  }
  const typed = coerceTyped(input);
  setConstant(cell, typed.value);
  if (typed.numberFormat && (cell.numberFormat === undefined || cell.numberFormat === 'General')) cell.numberFormat = typed.numberFormat;
}

function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  if (Math.abs(n) >= 1e11 || (n !== 0 && Math.abs(n) < 1e-9))
    return n
      .toExponential(5)
      .replace(/\.?0+e/, 'e')
      .replace('e', 'E');
  return String(Number(n.toPrecision(10)));
}

function stripLiterals(s: string): string {
  return s
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/_./g, ' ')
    .replace(/\*./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

function formatDate(serial: number, fmt: string): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const pad = (x: number) => String(x).padStart(2, '0');
  return stripLiterals(fmt)
    .replace(/yyyy/gi, String(y))
    .replace(/yy/gi, pad(y % 100))
    .replace(/mm/gi, pad(m))
    .replace(/dd/gi, pad(day))
    .replace(/(^|[^a-z])m(?![a-z])/gi, `$1${m}`)
    .replace(/(^|[^a-z])d(?![a-z])/gi, `$1${day}`);
}

/**
 * A rough `Range.text`: booleans as TRUE/FALSE, text as is, numbers through the first section
 * of their number format (decimals, thousands separator, percent, literal text, simple dates).
 */
export function formatText(value: Scalar | '', numberFormat: string): string {
  if (value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const sections = numberFormat.split(';');
  let section = sections[0];
  let n = value;
  if (n < 0 && sections.length > 1 && sections[1] !== '') {
    section = sections[1];
    n = -n;
  }
  if (section === 'General' || section === '@' || section === '') return general(value);
  if (/[yd]/i.test(stripLiterals(section)) && !/[0#]/.test(stripLiterals(section))) return formatDate(n, section);
  const m = /[#0,.]*[0#][#0,.]*/.exec(section.replace(/"[^"]*"/g, (q) => ' '.repeat(q.length)));
  if (!m) return general(value);
  const numeric = m[0];
  const prefix = stripLiterals(section.slice(0, m.index));
  const suffix = stripLiterals(section.slice(m.index + numeric.length));
  const percent = (prefix + suffix).includes('%');
  const x = percent ? n * 100 : n;
  const dot = numeric.indexOf('.');
  const decimals = dot >= 0 ? numeric.slice(dot + 1).replace(/,/g, '') : '';
  const minDec = (decimals.match(/0/g) ?? []).length;
  const maxDec = decimals.length;
  let s = Math.abs(x).toFixed(maxDec);
  if (maxDec > minDec) {
    s = s.replace(new RegExp(`0{0,${maxDec - minDec}}$`), '');
    if (s.endsWith('.')) s = s.slice(0, -1);
  }
  const grouped = (dot >= 0 ? numeric.slice(0, dot) : numeric).includes(',');
  if (grouped) {
    const [int, frac] = s.split('.');
    s = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  const sign = x < 0 ? '-' : '';
  return `${prefix}${sign}${s}${suffix}`;
}

/** `#abc` → `#AABBCC`, `#aabbcc` → `#AABBCC`, a few HTML color names to their hex code. */
export function normalizeColor(color: string): string {
  const named: Record<string, string> = {
    black: '#000000',
    white: '#FFFFFF',
    red: '#FF0000',
    green: '#008000',
    blue: '#0000FF',
    yellow: '#FFFF00',
    orange: '#FFA500',
    gray: '#808080',
    grey: '#808080',
  };
  const c = color.trim();
  if (named[c.toLowerCase()]) return named[c.toLowerCase()];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toUpperCase();
  if (/^#[0-9a-f]{6}$/i.test(c)) return c.toUpperCase();
  return c;
}
