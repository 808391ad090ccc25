/**
 * The workbook port over Office.js. One instance lives for one command, inside one Excel.run
 * (see run.ts): it keeps nothing between commands (co-authoring: the workbook is the only
 * state). Reads load every table of a command in two syncs whatever the number of rows
 * (structure, then values); writes queue whole 2D arrays and sync once, or once per chunk when
 * the request would pass Excel on the web's 5 MB payload limit.
 */
import { cellAddress, columnLetters, parseRange } from '../../core/shared/address';
import { UserError } from '../../core/shared/errors';
import { headerText, matchHeaderRow, rowsUntilBlank, sheetMatches } from '../../core/contract/headers';
import { isUncomputed } from '../../core/contract/cells';
import { isFormula, isLink, NUMBER_FORMATS, type PlacedSheet, type PlacedValue, type StyleKind } from '../../core/layout/placed';
import { looksLikeFormula } from '../../core/shared/text';
import type { CellValue, TableRequest, TableResult, WorkbookPort } from '../../ports/workbook';
import { officeErrorCode } from './errors';
import type { Feature } from './features';
import { maxOf } from '../../core/shared/order';

/** Bytes a single request may carry before we sync: well under the 5 MB limit of Excel on the web. */
export const REQUEST_BUDGET = 2 * 1024 * 1024;
/**
 * Estimated bytes of one cell in a read's response, to size row chunks before reading: the
 * contract's tables measure about 10 (short codes, numbers, names); 16 leaves a margin. A chunk
 * that still comes back too large is split and read again.
 */
const RESPONSE_BYTES_PER_CELL = 16;
/** Rows of a header search for a table converted to a plain range. */
const HEADER_SEARCH_ROWS = 50;

interface SheetInfo {
  name: string;
  position: number;
  protected: boolean;
}

interface TableInfo {
  name: string;
  sheet: string;
  showHeaders: boolean;
  showTotals: boolean;
}

/** Where a table read in this command sits: what an in-place write needs. */
interface TableGeometry {
  sheet: string;
  /** 1-based row of the header row, 1-based first column. */
  headerRow: number;
  firstCol: number;
  headers: string[];
  /** Data rows (header and total rows excluded). */
  bodyRows: number;
}

/** A range whose dimensions are known, to be read in row chunks. */
interface Sized {
  range: Excel.Range;
  rowCount: number;
  columnCount: number;
}

const PAYLOAD_CODES = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

/**
 * A cell value written as Excel should store it: user text is never turned into a formula. In a
 * cell formatted as text (`@`) Excel keeps what is written as it is; elsewhere text that Excel
 * would reinterpret gets the quote prefix.
 */
export function toExcelValue(v: PlacedValue, textCell = false): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (isFormula(v)) return `=${v.formula}`;
  if (isUncomputed(v)) return `=${v.uncomputed}`;
  const text = isLink(v) ? v.text : v;
  if (typeof text === 'string') return textCell ? text : safeText(text);
  return text;
}

/** Text Excel would reinterpret on entry: numbers (`01`, `2.1`), dates, percentages, booleans. */
const REINTERPRETED = /^\s*[+-]?[\d.,]|^\s*(true|false|vrai|faux)\s*$/i;

/**
 * Text gets Excel's quote prefix when Excel would not keep it as typed: a formula start (`=`,
 * `+`, `-`, `@`: user text must never become a formula) or a number-like text (`01` would lose
 * its zero, `2014-03-31` would become a date). The prefix is not shown and not part of the value.
 */
export function safeText(s: string): string {
  return looksLikeFormula(s) || REINTERPRETED.test(s) || s.startsWith("'") ? `'${s}` : s;
}

/** A cell as read from Excel: `''` is an empty cell. */
function fromExcel(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

const STYLE_FORMATS: Record<StyleKind, (f: Excel.RangeFormat) => void> = {
  title: (f) => {
    f.font.bold = true;
    f.font.size = 13;
    f.font.color = '#1F3864';
  },
  note: (f) => {
    f.font.italic = true;
    f.font.color = '#595959';
  },
  example: (f) => {
    f.font.bold = true;
    f.font.color = '#C00000';
    f.fill.color = '#FFF2CC';
  },
  caption: (f) => {
    f.font.bold = true;
  },
  total: (f) => {
    f.font.bold = true;
  },
};

const CHART_TYPES: Record<string, Excel.ChartType> = {
  columnClustered: 'ColumnClustered' as Excel.ChartType,
  barClustered: 'BarClustered' as Excel.ChartType,
  line: 'Line' as Excel.ChartType,
};

/** Rough JSON size of a write, for chunking (what Office.js sends is JSON of the same data). */
function bytesOf(data: unknown): number {
  return JSON.stringify(data).length + 64;
}

export class OfficeWorkbook implements WorkbookPort {
  /** Syncs made by this instance (for tests and the benchmark). */
  syncs = 0;
  private structure: { sheets: SheetInfo[]; tables: TableInfo[] } | null = null;
  /** Tables read by this command (by lower-case name), for in-place writes. */
  private readonly geometry = new Map<string, TableGeometry>();

  constructor(
    private readonly ctx: Excel.RequestContext,
    private readonly features: ReadonlySet<Feature['id']>,
    private readonly budget = REQUEST_BUDGET,
  ) {}

  /** Bytes a read may bring back in one sync: twice the request budget, under the 5 MB limit. */
  private get readBudget(): number {
    return 2 * this.budget;
  }

  private async sync(): Promise<void> {
    this.syncs++;
    await this.ctx.sync();
  }

  /** Sheets (with position and protection) and tables (with their sheet and options): one sync. */
  private async loadStructure(): Promise<{ sheets: SheetInfo[]; tables: TableInfo[] }> {
    if (this.structure) return this.structure;
    const sheets = this.ctx.workbook.worksheets;
    sheets.load('items/name,items/position,items/protection/protected');
    const tables = this.ctx.workbook.tables;
    tables.load('items/name,items/worksheet/name,items/showHeaders,items/showTotals');
    await this.sync();
    this.structure = {
      sheets: sheets.items.map((s) => ({ name: s.name, position: s.position, protected: s.protection.protected })),
      tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name, showHeaders: t.showHeaders, showTotals: t.showTotals })),
    };
    return this.structure;
  }

  async sheetNames(): Promise<string[]> {
    return (await this.loadStructure()).sheets.map((s) => s.name);
  }

  /**
   * Reads tables in a number of syncs that does not grow with the rows: the structure, then the
   * header rows and the dimensions of the data bodies (and of the used ranges of plain-range
   * tables), then the values in row chunks sized from those dimensions, several per sync up to
   * the read budget (one sync in the common case). A table's header and total rows are not data:
   * the data body alone is read.
   */
  async readTables(requests: readonly TableRequest[]): Promise<TableResult[]> {
    const { sheets, tables } = await this.loadStructure();
    const findSheet = (req: TableRequest) => {
      const names = [req.sheet, ...(req.formerSheets ?? [])];
      return sheets.find((s) => names.includes(s.name)) ?? sheets.find((s) => sheetMatches(names, s.name));
    };
    type Plan =
      | { kind: 'missing-sheet'; req: TableRequest }
      | { kind: 'table'; req: TableRequest; table: TableInfo; header: Excel.Range | null; body: Excel.Range }
      | { kind: 'used'; req: TableRequest; sheet: SheetInfo; range: Excel.Range };
    const plans: Plan[] = requests.map((req) => {
      const sheet = findSheet(req);
      // A table is found by its name first, anywhere: its sheet may have been renamed.
      const matches = tables.filter((t) => t.name.toLowerCase() === req.table.toLowerCase());
      const table = matches.find((t) => t.sheet === sheet?.name) ?? matches[0];
      if (table) {
        const t = this.ctx.workbook.tables.getItem(table.name);
        // What Excel answers for the header row of a table that hides it is undocumented.
        const header = table.showHeaders ? t.getHeaderRowRange().load('values,rowIndex,columnIndex') : null;
        const body = t.getDataBodyRange().load('rowIndex,columnIndex,rowCount,columnCount');
        return { kind: 'table', req, table, header, body };
      }
      if (!sheet) return { kind: 'missing-sheet', req };
      const range = this.ctx.workbook.worksheets.getItem(sheet.name).getUsedRange(true);
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      return { kind: 'used', req, sheet, range };
    });
    if (plans.some((p) => p.kind !== 'missing-sheet')) await this.sync();
    const toRead = plans.flatMap((p): Sized[] => {
      if (p.kind === 'missing-sheet' || (p.kind === 'table' && !p.header)) return [];
      const r = p.kind === 'table' ? p.body : p.range;
      return [{ range: r, rowCount: r.rowCount, columnCount: r.columnCount }];
    });
    const grids = await this.readValues(toRead);
    return plans.map((p): TableResult => {
      if (p.kind === 'missing-sheet') return { ok: false, problem: { kind: 'missing-sheet', sheet: p.req.sheet, table: p.req.table } };
      if (p.kind === 'table') {
        const { table, header, body } = p;
        if (!header) {
          const cell = cellAddress(body.rowIndex + 1, body.columnIndex + 1);
          return { ok: false, problem: { kind: 'no-header-row', sheet: table.sheet, table: p.req.table, cell } };
        }
        const headers = (header.values[0] ?? []).map((v) => headerText(fromExcel(v)));
        const rows = grids.get(body)!;
        const read = {
          sheet: table.sheet,
          table: table.name,
          headerRow: header.rowIndex + 1,
          firstCol: header.columnIndex + 1,
          headers,
          rows,
        };
        this.geometry.set(table.name.toLowerCase(), {
          sheet: table.sheet,
          headerRow: read.headerRow,
          firstCol: read.firstCol,
          headers,
          bodyRows: body.rowCount,
        });
        return { ok: true, read };
      }
      const grid = grids.get(p.range)!;
      const { rowIndex, columnIndex } = p.range;
      for (let r = 0; r < Math.min(grid.length, HEADER_SEARCH_ROWS); r++) {
        const m = matchHeaderRow(grid[r], p.req.headers);
        if (!m) continue;
        const { rows, strayRow } = rowsUntilBlank(grid, r + 1, m.col, m.headers.length);
        return {
          ok: true,
          read: {
            sheet: p.sheet.name,
            table: null,
            headerRow: rowIndex + r + 1,
            firstCol: columnIndex + m.col + 1,
            headers: m.headers,
            rows,
            ...(strayRow !== null ? { strayRow: rowIndex + strayRow + 1 } : {}),
          },
        };
      }
      return { ok: false, problem: { kind: 'missing-table', sheet: p.sheet.name, table: p.req.table } };
    });
  }

  /**
   * Values of ranges of known size, in row chunks estimated to fit the read budget, as many
   * chunks per sync as fit. Excel on the web refuses a response over 5 MB
   * (`ResponsePayloadSizeLimitExceeded`; a request over it: `RequestPayloadSizeLimitExceeded`):
   * should an estimate fall short (long texts), the chunks of that sync are halved and read again.
   */
  private async readValues(ranges: readonly Sized[]): Promise<Map<Excel.Range, CellValue[][]>> {
    const out = new Map<Excel.Range, CellValue[][]>();
    type Chunk = { of: Sized; start: number; rows: number; bytesPerRow: number };
    const queue: Chunk[] = [];
    for (const r of ranges) {
      out.set(r.range, new Array<CellValue[]>(r.rowCount));
      const bytesPerRow = Math.max(1, r.columnCount) * RESPONSE_BYTES_PER_CELL;
      // As few chunks as the budget allows, of equal size, so that small tables fill the rest.
      const chunks = Math.max(1, Math.ceil((r.rowCount * bytesPerRow) / this.readBudget));
      const perChunk = Math.max(1, Math.ceil(r.rowCount / chunks));
      for (let start = 0; start < r.rowCount; start += perChunk)
        queue.push({ of: r, start, rows: Math.min(perChunk, r.rowCount - start), bytesPerRow });
    }
    while (queue.length > 0) {
      // First fit: the first chunk always goes, then every queued chunk that still fits.
      const batch: Chunk[] = [queue.shift()!];
      let bytes = batch[0].rows * batch[0].bytesPerRow;
      for (let i = 0; i < queue.length;) {
        const b = queue[i].rows * queue[i].bytesPerRow;
        if (bytes + b <= this.readBudget) {
          batch.push(queue.splice(i, 1)[0]);
          bytes += b;
        } else i++;
      }
      const parts = batch.map((c) => {
        const whole = c.start === 0 && c.rows === c.of.rowCount;
        return (whole ? c.of.range : c.of.range.getCell(c.start, 0).getResizedRange(c.rows - 1, c.of.columnCount - 1)).load('values');
      });
      try {
        await this.sync();
      } catch (e) {
        const code = officeErrorCode(e);
        if (!code || !PAYLOAD_CODES.has(code) || (batch.length === 1 && batch[0].rows === 1)) throw e;
        // Twice the estimate, half the rows: the next syncs carry less.
        const smaller = batch.flatMap((c): Chunk[] => {
          const bytesPerRow = c.bytesPerRow * 2;
          if (c.rows === 1) return [{ ...c, bytesPerRow }];
          const half = Math.ceil(c.rows / 2);
          return [
            { ...c, rows: half, bytesPerRow },
            { ...c, start: c.start + half, rows: c.rows - half, bytesPerRow },
          ];
        });
        for (let i = smaller.length - 1; i >= 0; i--) queue.unshift(smaller[i]);
        continue;
      }
      batch.forEach((c, i) => {
        const grid = out.get(c.of.range)!;
        const values = parts[i].values;
        for (let k = 0; k < values.length; k++) grid[c.start + k] = values[k].map(fromExcel);
      });
    }
    return out;
  }

  /**
   * Writes each sheet whole: an existing sheet of that name is deleted and a new one put at its
   * place. Values, formulas, formats, tables, dropdowns, links and charts are queued as whole
   * ranges; the batch is synced when it would pass the request budget, and at the end.
   */
  async writeSheets(sheets: readonly PlacedSheet[]): Promise<void> {
    const { sheets: existing } = await this.loadStructure();
    const blocked = sheets.map((s) => existing.find((e) => e.name.toLowerCase() === s.name.toLowerCase())).filter((e) => e?.protected);
    if (blocked.length) {
      throw new UserError('EXCEL-FEUILLE-PROTEGEE', { sheet: blocked[0]!.name });
    }
    const ctx = this.ctx;
    if (this.features.has('events')) ctx.runtime.enableEvents = false;
    ctx.workbook.application.suspendApiCalculationUntilNextSync();
    let pending = 0;
    const spend = async (bytes: number) => {
      if (pending > 0 && pending + bytes > this.budget) {
        await this.sync();
        ctx.workbook.application.suspendApiCalculationUntilNextSync();
        pending = 0;
      }
      pending += bytes;
    };
    // Nothing lost if Excel refuses half-way: each sheet is first written under a temporary name
    // (tables too); only the last batch deletes the old sheets and gives the new ones their names.
    const stamp = Date.now().toString(36).slice(-5);
    const staged: { sheet: PlacedSheet; ws: Excel.Worksheet; temp: string; tables: { table: Excel.Table; name: string }[] }[] = [];
    try {
      for (const [i, s] of sheets.entries()) {
        const temp = `~${stamp}${i}`;
        const ws = ctx.workbook.worksheets.add(temp);
        const tables = await this.writeSheet(ws, s, spend, `tmp${stamp}${i}_`);
        staged.push({ sheet: s, ws, temp, tables });
      }
      // Everything is written before anything is deleted: a refusal stops here.
      await this.sync();
    } catch (e) {
      // Best effort: remove what was staged; the old sheets are still there.
      try {
        for (const { temp } of staged) ctx.workbook.worksheets.getItemOrNullObject(temp).delete();
        if (this.features.has('events')) ctx.runtime.enableEvents = true;
        await this.sync();
      } catch {
        /* Excel refuses everything (edit mode): nothing more can be done here. */
      }
      this.structure = null;
      throw e;
    }
    try {
      for (const { sheet: s, ws, tables } of staged) {
        const old = existing.find((e) => e.name.toLowerCase() === s.name.toLowerCase());
        if (old) ctx.workbook.worksheets.getItem(old.name).delete();
        ws.name = s.name;
        if (old) ws.position = old.position;
        for (const t of tables) t.table.name = t.name;
        // Dropdowns last: their sources name the sheets by their final names.
        this.writeValidations(ws, s);
      }
      if (this.features.has('events')) ctx.runtime.enableEvents = true;
      await this.sync();
    } finally {
      this.structure = null; // sheets and tables changed
    }
  }

  private async writeSheet(
    ws: Excel.Worksheet,
    s: PlacedSheet,
    spend: (bytes: number) => Promise<void>,
    tablePrefix: string,
  ): Promise<{ table: Excel.Table; name: string }[]> {
    const tables: { table: Excel.Table; name: string }[] = [];
    const width = maxOf(
      s.rows.map((r) => r.length),
      1,
    );
    // Formats first: a text column (`@`) then keeps what is written in it as typed.
    for (const f of s.formats) {
      const r = parseRange(f.ref)!;
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      const grid = Array.from({ length: rows }, () => new Array<string>(cols).fill(NUMBER_FORMATS[f.format]));
      await spend(bytesOf(grid));
      ws.getRange(f.ref).numberFormat = grid;
    }
    const textRanges = s.formats.filter((f) => f.format === 'text').map((f) => parseRange(f.ref)!);
    const isText = (row: number, col: number) => textRanges.some((r) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right);
    // Values and formulas in row blocks that fit the budget; each block is one 2D array.
    let start = 0;
    while (start < s.rows.length) {
      let end = start;
      let bytes = 0;
      const block: (string | number | boolean)[][] = [];
      while (end < s.rows.length) {
        const row = s.rows[end];
        const values = Array.from({ length: width }, (_, c) => toExcelValue(row[c] ?? null, isText(end + 1, c + 1)));
        const b = bytesOf(values);
        if (block.length > 0 && bytes + b > this.budget / 2) break;
        block.push(values);
        bytes += b;
        end++;
      }
      await spend(bytes);
      ws.getRange(`A${start + 1}:${columnLetters(width)}${end}`).formulas = block;
      start = end;
    }
    for (const st of s.styles) {
      await spend(200);
      STYLE_FORMATS[st.style](ws.getRange(st.ref).format);
    }
    s.widths.forEach((w, i) => {
      if (w) ws.getRange(`${columnLetters(i + 1)}:${columnLetters(i + 1)}`).format.columnWidth = Math.round(w * 6);
    });
    for (const t of s.tables) {
      await spend(200);
      const table = ws.tables.add(t.ref, true);
      // A temporary name while the old table of that name may still exist.
      table.name = `${tablePrefix}${t.name}`;
      tables.push({ table, name: t.name });
      table.style = 'TableStyleMedium2';
    }
    // Links are set cell by cell: Excel has no bulk setter for hyperlinks.
    for (let r = 0; r < s.rows.length; r++) {
      for (let c = 0; c < s.rows[r].length; c++) {
        const v = s.rows[r][c];
        if (!isLink(v)) continue;
        await spend(bytesOf(v) + 80);
        ws.getRange(cellAddress(r + 1, c + 1)).hyperlink = { documentReference: v.target, textToDisplay: safeText(v.text) };
      }
    }
    if (s.freezeRows > 0) ws.freezePanes.freezeRows(s.freezeRows);
    ws.tabColor = s.generated ? '#7F7F7F' : '#2E75B6';
    if (this.features.has('charts')) {
      for (const ch of s.charts ?? []) {
        const t = s.tables.find((x) => x.name === ch.table);
        if (!t || t.rowCount === 0) continue;
        const r = parseRange(t.ref)!;
        const lastCol = r.left + ch.columns.length - 1;
        const source = ws.getRange(`${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, lastCol)}`);
        const chart = ws.charts.add(CHART_TYPES[ch.kind], source, 'Columns' as Excel.ChartSeriesBy);
        chart.title.text = ch.title;
        chart.setPosition(ch.anchor);
      }
    }
    return tables;
  }

  /** Dropdowns of a sheet (ExcelApi 1.8). */
  private writeValidations(ws: Excel.Worksheet, s: PlacedSheet): void {
    if (!this.features.has('dataValidation')) return;
    for (const v of s.validations) {
      const range = ws.getRange(v.ref);
      range.dataValidation.rule = { list: { inCellDropDown: true, source: 'list' in v ? v.list.join(',') : `=${v.source}` } };
      range.dataValidation.errorAlert = {
        showAlert: true,
        style: 'Warning',
        title: 'Valeur hors liste',
        message: 'Choisissez une valeur de la liste ; une autre valeur sera signalée par les contrôles.',
      };
    }
  }

  /** Activates a sheet and selects a cell (a finding's link). */
  async selectCell(sheet: string, cell: string): Promise<void> {
    const ws = this.ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await this.sync();
  }

  /** Selects whole rows of a sheet (several areas when the host allows it). */
  async selectRows(sheet: string, rows: number[], lastColumn: number): Promise<void> {
    if (rows.length === 0) return;
    const ws = this.ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    const area = (row: number) => `${cellAddress(row, 1)}:${cellAddress(row, lastColumn)}`;
    // `RangeAreas.select` is ExcelApi 1.18; the npm build of office.js (development) lacks it
    // whatever the host, hence the check on the method itself.
    const areas = this.features.has('selectRows') ? ws.getRanges(rows.map(area).join(',')) : null;
    if (areas && typeof areas.select === 'function') areas.select();
    else ws.getRange(area(rows[0])).select();
    await this.sync();
  }
}
