/**
 * One worksheet part (`xl/worksheets/sheetN.xml`) from a PlacedSheet, written row by row into a
 * ByteSink: sheet properties (tab colour, fit to page), view (frozen rows), column widths,
 * cells (values, texts, formulas with their cached value, link texts), protection, conditional
 * highlights, dropdowns and number inputs, internal hyperlinks, printing (A4 landscape, page
 * numbers in the footer) and the table parts. Elements follow the order CT_Worksheet requires.
 */
import { isUncomputed } from '../../../core/contract/cells';
import { isFormula, isLink, type PlacedSheet, type PlacedValue, type PlacedValidation } from '../../../core/layout/placed';
import { maxOf } from '../../../core/shared/order';
import type { ByteSink } from './byte-sink';
import { checkCell, checkedRange, letters, rangeText } from './ranges';
import { textElement, type SharedStrings } from './strings';
import { StyleBands } from './style-bands';
import { HIGHLIGHT_DXF_ID, OP_QUOTE, type StyleTable } from './styles';
import {
  escapeAttr,
  escapeXml,
  escapeXmlAttr,
  looksLikeFormula,
  MAX_CELL_CHARS,
  MAX_COLUMNS,
  MAX_FORMULA_CHARS,
  MAX_LIST_FORMULA_CHARS,
  MAX_ROWS,
} from './text';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Tab colours: grey for the sheets the tool rebuilds, blue for input sheets. */
const TAB_GENERATED = 'FF7F7F7F';
const TAB_INPUT = 'FF2E75B6';
/** Excel's widest column. */
const MAX_WIDTH = 255;

export interface WorksheetContext {
  styles: StyleTable;
  /** Shared strings, or `null` to write texts as inline strings. */
  strings: SharedStrings | null;
}

export interface WorksheetOptions {
  /** The tab shown when the workbook opens. */
  tabSelected: boolean;
  /** Relationship ids of the sheet's table parts, in the order of `sheet.tables`. */
  tableRelIds: string[];
}

/** Writes the worksheet XML of `sheet` into `sink`. */
export function writeWorksheet(sheet: PlacedSheet, ctx: WorksheetContext, options: WorksheetOptions, sink: ByteSink): void {
  if (sheet.rows.length > MAX_ROWS)
    throw new Error(`Sheet "${sheet.name}": ${sheet.rows.length} rows, beyond Excel's last row (${MAX_ROWS})`);
  const bands = new StyleBands(sheet, ctx.styles);
  const headers = tableHeaders(sheet);
  sink.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`);
  sink.write(sheetProperties(sheet));
  sink.write(`<dimension ref="${dimension(sheet, bands, headers)}"/>`);
  sink.write(sheetViews(sheet, options.tabSelected));
  sink.write('<sheetFormatPr defaultRowHeight="15"/>');
  sink.write(columns(sheet.widths));
  const links = new CellWriter(sheet, ctx, bands, headers, sink).writeSheetData();
  if (sheet.protection) sink.write('<sheetProtection sheet="1" formatColumns="0" formatRows="0" autoFilter="0"/>');
  sink.write(conditionalFormats(sheet));
  sink.write(dataValidations(sheet));
  if (links.length) sink.write(`<hyperlinks>${links.join('')}</hyperlinks>`);
  sink.write(printSetup(sheet));
  sink.write(tableParts(options.tableRelIds));
  sink.write('</worksheet>');
}

// ---------------------------------------------------------------------------------------------
// Before the cells

function sheetProperties(sheet: PlacedSheet): string {
  return `<sheetPr><tabColor rgb="${sheet.generated ? TAB_GENERATED : TAB_INPUT}"/><pageSetUpPr fitToPage="1"/></sheetPr>`;
}

function sheetViews(sheet: PlacedSheet, tabSelected: boolean): string {
  const open = `<sheetView${tabSelected ? ' tabSelected="1"' : ''} workbookViewId="0"`;
  const n = sheet.freezeRows;
  if (!(n > 0)) return `<sheetViews>${open}/></sheetViews>`;
  checkCell(n + 1, 1, `Sheet "${sheet.name}", frozen rows`);
  const first = `A${n + 1}`;
  return (
    `<sheetViews>${open}><pane ySplit="${n}" topLeftCell="${first}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="${first}" sqref="${first}"/></sheetView></sheetViews>`
  );
}

function columns(widths: readonly number[]): string {
  if (widths.length > MAX_COLUMNS) throw new Error(`Column widths given for ${widths.length} columns, beyond Excel's last column (XFD)`);
  let out = '';
  widths.forEach((w, i) => {
    if (!w || !Number.isFinite(w) || w <= 0) return;
    out += `<col min="${i + 1}" max="${i + 1}" width="${Math.min(w, MAX_WIDTH)}" customWidth="1"/>`;
  });
  return out ? `<cols>${out}</cols>` : '';
}

/** The used range, from A1 to the last row and column holding a value, a style or a table. */
function dimension(sheet: PlacedSheet, bands: StyleBands, headers: Map<number, TableHeader[]>): string {
  let lastRow = bands.lastRow;
  let lastCol = bands.lastColumn;
  const rows = sheet.rows;
  for (let r = 0; r < rows.length; r++) {
    const n = rows[r]?.length ?? 0;
    if (n > 0) {
      if (r + 1 > lastRow) lastRow = r + 1;
      if (n > lastCol) lastCol = n;
    }
  }
  for (const t of sheet.tables) {
    const range = checkedRange(t.ref, `Sheet "${sheet.name}", table ${t.name}`);
    lastRow = Math.max(lastRow, range.bottom);
    lastCol = Math.max(lastCol, range.right);
  }
  for (const list of headers.values()) for (const h of list) lastCol = Math.max(lastCol, h.firstCol + h.names.length - 1);
  if (lastRow === 0 || lastCol === 0) return 'A1';
  checkCell(lastRow, lastCol, `Sheet "${sheet.name}"`);
  return rangeText({ top: 1, left: 1, bottom: lastRow, right: lastCol });
}

// ---------------------------------------------------------------------------------------------
// Cells

/** The header row of a table: its cells hold the column names (as exceljs writes them). */
interface TableHeader {
  firstCol: number;
  names: string[];
}

function tableHeaders(sheet: PlacedSheet): Map<number, TableHeader[]> {
  const out = new Map<number, TableHeader[]>();
  for (const t of sheet.tables) {
    const list = out.get(t.headerRow) ?? [];
    list.push({ firstCol: t.firstCol, names: t.columns });
    out.set(t.headerRow, list);
  }
  return out;
}

/** Writes `<sheetData>` row by row; collects the hyperlinks of link cells. */
class CellWriter {
  private readonly links: string[] = [];
  private readonly styleAttr: string[] = [''];
  private rowText = '';
  private row = 0;

  constructor(
    private readonly sheet: PlacedSheet,
    private readonly ctx: WorksheetContext,
    private readonly bands: StyleBands,
    private readonly headers: Map<number, TableHeader[]>,
    private readonly sink: ByteSink,
  ) {}

  writeSheetData(): string[] {
    const rows = this.sheet.rows;
    const last = Math.max(rows.length, this.bands.lastRow, maxOf(this.headers.keys()));
    this.sink.write('<sheetData>');
    for (let r = 1; r <= last; r++) this.writeRow(r, rows[r - 1]);
    this.sink.write('</sheetData>');
    return this.links;
  }

  private writeRow(r: number, values: readonly PlacedValue[] | undefined): void {
    const band = this.bands.at(r);
    const headers = this.headers.get(r);
    let n = values ? values.length : 0;
    if (band) n = Math.max(n, band.base + band.ids.length - 1);
    if (headers) for (const h of headers) n = Math.max(n, h.firstCol + h.names.length - 1);
    if (n === 0) return;
    if (n > MAX_COLUMNS)
      throw new Error(`Sheet "${this.sheet.name}", row ${r}: ${n} columns, beyond Excel's last column (XFD, ${MAX_COLUMNS})`);
    this.row = r;
    this.rowText = '';
    const rs = String(r);
    for (let c = 1; c <= n; c++) {
      let v: PlacedValue | undefined = values ? values[c - 1] : undefined;
      if (headers) v = headerName(headers, c) ?? v;
      let st = 0;
      if (band) {
        const k = c - band.base;
        if (k >= 0 && k < band.ids.length) st = band.ids[k];
      }
      this.cell(letters(c) + rs, v, st);
    }
    if (this.rowText) this.sink.write(`<row r="${rs}">${this.rowText}</row>`);
  }

  private cell(ref: string, v: PlacedValue | undefined, st: number): void {
    if (v === null || v === undefined || v === '') {
      if (st) this.rowText += `<c r="${ref}"${this.s(st)}/>`;
      return;
    }
    switch (typeof v) {
      case 'string':
        this.text(ref, v, st);
        return;
      case 'number':
        if (!Number.isFinite(v)) throw new Error(`${this.where(ref)}: ${v} is not a number an .xlsx file can store`);
        this.rowText += `<c r="${ref}"${this.s(st)}><v>${v}</v></c>`;
        return;
      case 'boolean':
        this.rowText += `<c r="${ref}"${this.s(st)} t="b"><v>${v ? 1 : 0}</v></c>`;
        return;
    }
    if (isFormula(v)) this.formula(ref, v.formula, v.value, st);
    else if (isLink(v)) this.link(ref, v.text, v.target, st);
    // A user's formula whose result the input file did not carry: kept as a formula, for the engine to compute.
    else if (isUncomputed(v)) this.formula(ref, v.uncomputed, null, st);
    else throw new Error(`${this.where(ref)}: unsupported value ${JSON.stringify(v)}`);
  }

  private text(ref: string, s: string, st: number): void {
    if (s.length > MAX_CELL_CHARS) {
      throw new Error(`${this.where(ref)}: a text of ${s.length} characters, over Excel's limit of ${MAX_CELL_CHARS} characters per cell`);
    }
    const style = looksLikeFormula(s) ? this.ctx.styles.apply(st, OP_QUOTE) : st;
    const strings = this.ctx.strings;
    if (strings) this.rowText += `<c r="${ref}"${this.s(style)} t="s"><v>${strings.indexOf(s)}</v></c>`;
    else this.rowText += `<c r="${ref}"${this.s(style)} t="inlineStr"><is>${textElement(s)}</is></c>`;
  }

  private formula(ref: string, formula: string, value: number | null, st: number): void {
    if (formula.length > MAX_FORMULA_CHARS) {
      throw new Error(`${this.where(ref)}: a formula of ${formula.length} characters, over Excel's limit of ${MAX_FORMULA_CHARS}`);
    }
    const f = escapeXml(formula, this.where(ref) + ': formula');
    // A value that is not a finite number is not cached: the spreadsheet computes it on open.
    const cached = typeof value === 'number' && Number.isFinite(value) ? `<v>${value}</v>` : '';
    this.rowText += `<c r="${ref}"${this.s(st)}><f>${f}</f>${cached}</c>`;
  }

  private link(ref: string, text: string, target: string, st: number): void {
    this.text(ref, text, st);
    this.links.push(
      `<hyperlink ref="${ref}" location="${escapeXmlAttr(target, this.where(ref) + ': link target')}" display="${escapeAttr(text)}"/>`,
    );
  }

  private s(st: number): string {
    let a = this.styleAttr[st];
    if (a === undefined) {
      a = st === 0 ? '' : ` s="${st}"`;
      this.styleAttr[st] = a;
    }
    return a;
  }

  private where(ref: string): string {
    return `Sheet "${this.sheet.name}", cell ${ref}`;
  }
}

function headerName(headers: TableHeader[], col: number): string | undefined {
  for (const h of headers) {
    const i = col - h.firstCol;
    if (i >= 0 && i < h.names.length) return h.names[i];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// After the cells

function conditionalFormats(sheet: PlacedSheet): string {
  return (sheet.highlights ?? [])
    .map((h, i) => {
      const ref = rangeText(checkedRange(h.ref, `Sheet "${sheet.name}", highlight`));
      const formula = escapeXml(h.formula, `Sheet "${sheet.name}", highlight of ${h.ref}`);
      const rule = `<cfRule type="expression" dxfId="${HIGHLIGHT_DXF_ID}" priority="${i + 1}"><formula>${formula}</formula></cfRule>`;
      return `<conditionalFormatting sqref="${ref}">${rule}</conditionalFormatting>`;
    })
    .join('');
}

const LIST_ERROR_TITLE = 'Valeur hors liste';
const LIST_ERROR = 'Choisissez une valeur de la liste ; une autre valeur sera signalée par les contrôles.';
const NUMBER_ERROR_TITLE = 'Nombre attendu';

/** The error message of a number input, as the exceljs builder words it. */
function numberError(min: number | null): string {
  if (min === null) return 'Saisissez un nombre, sans unité ni texte (1250 et non « 1 250 € »).';
  const bound = min === 0 ? ' positif ou nul' : ` supérieur ou égal à ${min}`;
  return `Saisissez un nombre${bound}, sans unité ni texte (1250 et non « 1 250 € » ni « 1 250 personnes »).`;
}

/** The formula of a list dropdown: `"a,b,c"`, refused beyond Excel's 255 characters. */
export function listFormula(list: readonly string[], where: string): string {
  for (const item of list)
    if (item.includes('"'))
      throw new Error(`${where}: the dropdown value ${JSON.stringify(item)} holds a double quote, which a list dropdown cannot hold`);
  const formula = `"${list.join(',')}"`;
  if (formula.length > MAX_LIST_FORMULA_CHARS) {
    throw new Error(`${where}: a list dropdown formula of ${formula.length} characters, over Excel's limit of ${MAX_LIST_FORMULA_CHARS}`);
  }
  return formula;
}

function listValidation(sheet: PlacedSheet, v: PlacedValidation): string {
  const where = `Sheet "${sheet.name}", dropdown of ${v.ref}`;
  const ref = rangeText(checkedRange(v.ref, where));
  const formula = 'list' in v ? listFormula(v.list, where) : v.source;
  return (
    `<dataValidation type="list" errorStyle="warning" allowBlank="1" showErrorMessage="1" ` +
    `errorTitle="${escapeAttr(LIST_ERROR_TITLE)}" error="${escapeAttr(LIST_ERROR)}" sqref="${ref}">` +
    `<formula1>${escapeXml(formula, where)}</formula1></dataValidation>`
  );
}

function numberValidation(sheet: PlacedSheet, n: { ref: string; min?: number }): string {
  const where = `Sheet "${sheet.name}", number input ${n.ref}`;
  const ref = rangeText(checkedRange(n.ref, where));
  const min = n.min ?? null;
  if (min !== null && !Number.isFinite(min)) throw new Error(`${where}: the minimum ${min} is not a finite number`);
  const operator = min === null ? 'between' : 'greaterThanOrEqual';
  const formulas =
    min === null ? '<formula1>-1000000000000000</formula1><formula2>1000000000000000</formula2>' : `<formula1>${min}</formula1>`;
  return (
    `<dataValidation type="decimal" operator="${operator}" errorStyle="stop" allowBlank="1" showErrorMessage="1" ` +
    `errorTitle="${escapeAttr(NUMBER_ERROR_TITLE)}" error="${escapeAttr(numberError(min))}" sqref="${ref}">${formulas}</dataValidation>`
  );
}

function dataValidations(sheet: PlacedSheet): string {
  const items = [
    ...sheet.validations.map((v) => listValidation(sheet, v)),
    ...(sheet.numberInputs ?? []).map((n) => numberValidation(sheet, n)),
  ];
  return items.length ? `<dataValidations count="${items.length}">${items.join('')}</dataValidations>` : '';
}

function tableParts(relIds: readonly string[]): string {
  if (relIds.length === 0) return '';
  return `<tableParts count="${relIds.length}">${relIds.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`;
}

/** A4 landscape, one page wide (and tall with `fitToOnePage`), « Page 1 / 3 » in the footer. */
function printSetup(sheet: PlacedSheet): string {
  return (
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="${sheet.fitToOnePage ? 1 : 0}"/>` +
    '<headerFooter><oddFooter>&amp;C Page &amp;P / &amp;N</oddFooter></headerFooter>'
  );
}
