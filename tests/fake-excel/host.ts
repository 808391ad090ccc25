/**
 * The fake Excel host: the workbook model (sheets, cells, tables, charts, selection), the
 * host's switches (cell edit mode, payload limit, requirement sets) and the sync log, with the
 * helpers tests use to arrange a workbook and inspect it after the code under test ran.
 *
 * Methods under "Workbook operations" are what the proxies apply at sync; they throw the
 * RichApi errors Excel would. Test helpers bypass the API (no sync, no protection check).
 */
import {
  cellName,
  formatAddress,
  formatRect,
  intersects,
  MAX_COLUMNS,
  MAX_ROWS,
  parseArea,
  rectCells,
  rectColumns,
  rectRows,
  type Rect,
} from './address';
import { ErrorCodes, FakeOfficeError, accessDenied, invalidArgument, itemNotFound, richError, SIZE_MISMATCH_MESSAGE } from './errors';
import {
  DEFAULT_FONT,
  enterInput,
  formatText,
  normalizeColor,
  SheetModel,
  type CellFormat,
  type CellInput,
  type ChartModel,
  type HyperlinkData,
  type Scalar,
  type SheetVisibility,
  type TableModel,
  type ValidationData,
} from './model';
import { installFakeOffice, type FakeDialogRecord, type FakeOfficeInstallation } from './office';
import { renameSheetRefs, renameTableRefs } from './references';

/** One round trip to the host: what `context.sync()` carried. */
export interface SyncRecord {
  /** UTF-8 bytes of the JSON of every queued action (commands, loads) and its arguments. */
  requestBytes: number;
  /** UTF-8 bytes of the JSON of everything the sync's loads brought back (0 when it failed). */
  responseBytes: number;
  /** Commands: property sets and method calls. */
  commands: number;
  /** Loads (and method results such as `getCount()`). */
  loads: number;
  /** Whether the batch called `application.suspendApiCalculationUntilNextSync()`. */
  calculationSuspended: boolean;
  /** Error code when the sync was rejected. */
  error?: string;
}

export interface FakeExcelHostOptions {
  /** Request and response limit of a sync, in bytes (Excel on the web: 5 MB). */
  payloadLimit?: number;
  /** Requirement sets and the highest version supported (default `{ ExcelApi: '1.18', DialogApi: '1.2' }`). */
  supportedSets?: Record<string, string>;
  /** `Office.context.platform` (default `OfficeOnline`). */
  platform?: string;
}

export interface CellSnapshot {
  /** Value as `range.values` gives it (a formula's cached result, 0 when none), null when empty. */
  value: Scalar | null;
  /** Formula with its `=`, or null. */
  formula: string | null;
  numberFormat: string;
  hyperlink: HyperlinkData | null;
  validation: ValidationData | null;
  format: CellFormat;
  /** Whether the text was entered after an apostrophe (Excel's quote prefix). */
  quotePrefix: boolean;
}

export interface TableSnapshot {
  name: string;
  sheet: string;
  /** Whole table, header included, without sheet (`A1:C5`). */
  address: string;
  headers: string[];
  rowCount: number;
  style: string;
  showHeaders: boolean;
  showTotals: boolean;
  showBandedRows: boolean;
  showFilterButton: boolean;
}

export interface ChartSnapshot {
  name: string;
  sheet: string;
  chartType: string;
  /** Source data with its sheet (`Synthèse!A1:C4`). */
  source: string;
  seriesBy: string;
  title: string;
  position: { startCell: string; endCell: string | null } | null;
}

export type ClearApplyTo = 'All' | 'Formats' | 'Contents' | 'Hyperlinks' | 'RemoveHyperlinks' | 'ResetContents';

export type GridKind = 'values' | 'formulas' | 'numberFormat' | 'text' | 'valueTypes';

/** Reads over this many cells fail (Excel limits get operations to five million cells). */
export const MAX_READ_CELLS = 5_000_000;

export const CHART_TYPES = [
  'ColumnClustered',
  'ColumnStacked',
  'ColumnStacked100',
  'BarClustered',
  'BarStacked',
  'BarStacked100',
  'Line',
  'LineStacked',
  'LineMarkers',
  'Pie',
  'Doughnut',
  'Area',
  'AreaStacked',
  'XYScatter',
  'XYScatterLines',
  'Radar',
  'Histogram',
  'Pareto',
  'Waterfall',
  'Treemap',
  'Sunburst',
  'Funnel',
  'BoxWhisker',
];

const TABLE_STYLE = /^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/;

function same(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

function guid(prefix: number, n: number): string {
  return `{${prefix.toString(16).padStart(8, '0').toUpperCase()}-${n.toString(16).padStart(4, '0').toUpperCase()}-4000-8000-000000000000}`;
}

export class FakeExcelHost {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly charts: ChartModel[] = [];
  activeSheetId: string | null = null;
  private _editMode = false;
  private editWaiters: Array<() => void> = [];
  payloadLimit = 5 * 1024 * 1024;
  /**
   * Whether `Excel.run({ delayForCellEdit: true }, …)` is honoured. Office.js sets the flag only
   * when the host supports its internal `DelayForCellEdit` set and drops it silently otherwise:
   * false models such a host (batches in edit mode then fail as without the option).
   */
  delayForCellEditSupported = true;
  supportedSets: Record<string, string> = { ExcelApi: '1.18', DialogApi: '1.2' };
  platform = 'OfficeOnline';
  /** Every round trip (a sync with nothing queued makes none and is not logged here). */
  syncs: SyncRecord[] = [];
  /** Every call of `context.sync()`, empty ones included. */
  syncCalls = 0;
  /**
   * Called after each round trip (succeeded or failed), with its record: tests use it to change
   * the host between two syncs of a command (the user enters cell edit mode, renames a sheet…).
   */
  readonly syncListeners: Array<(record: SyncRecord) => void> = [];
  /** Calls of `table.rows.add(…)`. */
  rowAddCalls = 0;
  /** Workbooks the add-in opened with Excel.createWorkbook (base64 .xlsx). */
  readonly createdWorkbooks: string[] = [];
  /** Dialogs the add-in opened (`Office.context.ui.displayDialogAsync`), in order. */
  readonly dialogs: FakeDialogRecord[] = [];
  /** @internal */ readonly dialogClosers = new Map<FakeDialogRecord, () => void>();

  /** The user closes the open dialog (the add-in gets DialogEventReceived, error 12006). */
  closeDialog(): void {
    const open = this.dialogs.find((d) => !d.closed);
    if (open) this.dialogClosers.get(open)?.();
  }
  enableEvents = true;
  calculationMode = 'Automatic';
  /**
   * Optional formula engine for tests: the value `range.values` gives for a formula cell.
   * When it is absent or returns undefined, the cell's cached result is used (0 if none).
   */
  formulaValue?: (formula: string, sheet: string, address: string) => Scalar | undefined;
  private nextId = 1;

  constructor(options: FakeExcelHostOptions = {}) {
    if (options.payloadLimit !== undefined) this.payloadLimit = options.payloadLimit;
    if (options.supportedSets) this.supportedSets = { ...options.supportedSets };
    if (options.platform) this.platform = options.platform;
  }

  /**
   * The user is editing a cell: while true, every sync that carries something rejects with
   * InvalidOperationInCellEditMode (or waits, for a run with `delayForCellEdit`).
   */
  get editMode(): boolean {
    return this._editMode;
  }
  set editMode(v: boolean) {
    this._editMode = v;
    if (!v) {
      const waiters = this.editWaiters;
      this.editWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves when the user leaves cell edit mode. */
  whenNotEditing(): Promise<void> {
    return this._editMode ? new Promise((resolve) => this.editWaiters.push(resolve)) : Promise.resolve();
  }

  // ---------------------------------------------------------------- test helpers

  /**
   * Adds a sheet (at the end, or at `at`) filled from A1 with `rows`: values are stored as given
   * (strings stay text, except those beginning with `=`, stored as formulas); null is empty.
   */
  addSheet(name: string, rows: CellInput[][] = [], at?: number): this {
    const sheet = this.createSheet(name, 'FakeExcelHost.addSheet', at);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        const cell = sheet.ensure(r, c);
        if (typeof v === 'string' && v.length > 1 && v[0] === '=') cell.formula = v;
        else cell.value = v;
      }),
    );
    return this;
  }

  /** Makes a table over cells already there (`address` like `A1:C5`, header row included). */
  addTable(sheet: string, name: string, address: string, hasHeaders = true): this {
    const s = this.helperSheet(sheet);
    const table = this.createTable(s, this.helperRect(address), hasHeaders, 'FakeExcelHost.addTable', false);
    this.renameTable(table, name, 'FakeExcelHost.addTable');
    return this;
  }

  /** What a user typing in a cell gets (same rules as Excel: `12` is a number, `=…` a formula, `'…` text). */
  setCell(sheet: string, address: string, value: CellInput): this {
    const s = this.helperSheet(sheet);
    const rect = this.helperRect(address);
    for (let r = rect.r0; r <= rect.r1; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        const cell = s.ensure(r, c);
        enterInput(cell, value === null ? '' : value, 'FakeExcelHost.setCell');
        s.prune(r, c);
      }
    }
    this.afterCellWrite(s, rect);
    return this;
  }

  /** Sets the cached result of a formula cell (what `range.values` then gives). */
  setFormulaResult(sheet: string, address: string, value: Scalar): this {
    const s = this.helperSheet(sheet);
    const rect = this.helperRect(address);
    const cell = s.get(rect.r0, rect.c0);
    if (!cell || cell.formula === undefined) throw new Error(`${sheet}!${address} holds no formula`);
    cell.value = value;
    return this;
  }

  cell(sheet: string, address: string): CellSnapshot {
    const s = this.helperSheet(sheet);
    const rect = this.helperRect(address);
    const cell = s.get(rect.r0, rect.c0);
    const v = this.cellValue(s, rect.r0, rect.c0);
    return {
      value: v === '' ? null : v,
      formula: cell?.formula ?? null,
      numberFormat: cell?.numberFormat ?? 'General',
      hyperlink: cell?.hyperlink ? { ...cell.hyperlink } : null,
      validation: cell?.validation ? structuredCopy(cell.validation) : null,
      format: { ...(cell?.format ?? {}) },
      quotePrefix: !!cell?.quotePrefix,
    };
  }

  /** Values of a range as a 2D array, null for empty cells. */
  values(sheet: string, address: string): (Scalar | null)[][] {
    const s = this.helperSheet(sheet);
    const rect = this.helperRect(address);
    return this.readGrid(s, rect, 'values', 'FakeExcelHost.values').map((row) => row.map((v) => (v === '' ? null : (v as Scalar))));
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /** The model of a sheet (frozen rows, tab color, column widths, cells…), found case-insensitively. */
  sheet(name: string): SheetModel | undefined {
    return this.findSheet(name);
  }

  table(name: string): TableSnapshot | undefined {
    const t = this.findTable(name);
    if (!t) return undefined;
    const s = this.sheetById(t.sheetId)!;
    const headers: string[] = [];
    for (let c = t.rect.c0; c <= t.rect.c1; c++)
      headers.push(t.showHeaders ? String(this.cellValue(s, t.rect.r0, c)) : (t.hiddenHeaders?.[c - t.rect.c0] ?? ''));
    return {
      name: t.name,
      sheet: s.name,
      address: formatRect(t.rect),
      headers,
      rowCount: this.tableDataRect(t).r1 - this.tableDataRect(t).r0 + 1,
      style: t.style,
      showHeaders: t.showHeaders,
      showTotals: t.showTotals,
      showBandedRows: t.showBandedRows,
      showFilterButton: t.showFilterButton,
    };
  }

  /** Charts of a sheet, or of the whole workbook. */
  chartList(sheet?: string): ChartSnapshot[] {
    const s = sheet === undefined ? undefined : this.helperSheet(sheet);
    return this.charts
      .filter((ch) => !s || ch.sheetId === s.id)
      .map((ch) => ({
        name: ch.name,
        sheet: this.sheetById(ch.sheetId)!.name,
        chartType: ch.chartType,
        source: formatAddress(this.sheetById(ch.source.sheetId)?.name ?? '#REF', ch.source.rect),
        seriesBy: ch.seriesBy,
        title: ch.title,
        position: ch.position ? { ...ch.position } : null,
      }));
  }

  /** Selection of the active sheet: `{ sheet, address }`, areas joined by `, ` (`A5:F5, A9:F9`). */
  get selection(): { sheet: string; address: string } | null {
    const s = this.activeSheet();
    if (!s) return null;
    return { sheet: s.name, address: s.selection.map(formatRect).join(', ') };
  }

  protect(sheet: string): this {
    this.helperSheet(sheet).protected = true;
    return this;
  }

  unprotect(sheet: string): this {
    this.helperSheet(sheet).protected = false;
    return this;
  }

  /** Clears the sync log and the counters (`syncs`, `syncCalls`, `rowAddCalls`). */
  resetSyncs(): this {
    this.syncs = [];
    this.syncCalls = 0;
    this.rowAddCalls = 0;
    return this;
  }

  /** Installs `Excel`, `Office` and `OfficeExtension` on `target`, bound to this host. */
  install(target: object = globalThis): FakeOfficeInstallation {
    return installFakeOffice(target, this);
  }

  /** Whether `Office.context.requirements.isSetSupported(name, minVersion)` answers true. */
  isSetSupported(name: string, minVersion?: string | number): boolean {
    const key = Object.keys(this.supportedSets).find((k) => same(k, name));
    if (!key) return false;
    if (minVersion === undefined || minVersion === null || minVersion === '') return true;
    const have = this.supportedSets[key].split('.').map(Number);
    const want = String(minVersion).split('.').map(Number);
    for (let i = 0; i < Math.max(have.length, want.length); i++) {
      const a = have[i] ?? 0;
      const b = want[i] ?? 0;
      if (a !== b) return a > b;
    }
    return true;
  }

  private helperSheet(name: string): SheetModel {
    const s = this.findSheet(name);
    if (!s) throw new Error(`FakeExcelHost: no sheet named ${name}`);
    return s;
  }

  private helperRect(address: string): Rect {
    const a = parseArea(address);
    if (!a) throw new Error(`FakeExcelHost: not an address: ${address}`);
    return a.rect;
  }

  // ---------------------------------------------------------------- workbook operations

  newId(): number {
    return this.nextId++;
  }

  findSheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => same(s.name, name));
  }

  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  activeSheet(): SheetModel | undefined {
    return (this.activeSheetId && this.sheetById(this.activeSheetId)) || this.sheets.find((s) => s.visibility === 'Visible');
  }

  validateSheetName(name: unknown, location: string, except?: SheetModel): string {
    if (typeof name !== 'string') throw invalidArgument(location);
    if (
      name.length === 0 ||
      name.length > 31 ||
      /[\\/?*[\]:]/.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'") ||
      same(name, 'History')
    ) {
      throw invalidArgument(location);
    }
    const other = this.findSheet(name);
    if (other && other !== except) throw richError(ErrorCodes.itemAlreadyExists, location);
    return name;
  }

  createSheet(name: string | undefined, location: string, at?: number): SheetModel {
    let n = name;
    if (n === undefined || n === null) {
      let i = this.sheets.length + 1;
      while (this.findSheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    this.validateSheetName(n, location);
    const sheet = new SheetModel(guid(0x00000001, this.newId()), n);
    if (at === undefined || at === null || at >= this.sheets.length) this.sheets.push(sheet);
    else this.sheets.splice(Math.max(0, at), 0, sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  deleteSheet(sheet: SheetModel, location: string): void {
    const visible = this.sheets.filter((s) => s.visibility === 'Visible');
    if (sheet.visibility === 'Visible' && visible.length === 1) {
      throw richError(ErrorCodes.invalidOperation, location, 'A workbook must contain at least one visible worksheet.');
    }
    const i = this.sheets.indexOf(sheet);
    this.sheets.splice(i, 1);
    for (let k = this.tables.length - 1; k >= 0; k--) {
      if (this.tables[k].sheetId !== sheet.id) continue;
      const [gone] = this.tables.splice(k, 1);
      this.rewriteFormulas((f) => renameTableRefs(f, gone.name, null));
    }
    this.rewriteFormulas((f) => renameSheetRefs(f, sheet.name, null));
    for (let k = this.charts.length - 1; k >= 0; k--) if (this.charts[k].sheetId === sheet.id) this.charts.splice(k, 1);
    if (this.activeSheetId === sheet.id) {
      const next =
        this.sheets.slice(i).find((s) => s.visibility === 'Visible') ??
        [...this.sheets.slice(0, i)].reverse().find((s) => s.visibility === 'Visible');
      this.activeSheetId = next ? next.id : null;
    }
  }

  /** `worksheet.name = …`: formulas that name the sheet follow it, as in Excel. */
  renameSheet(sheet: SheetModel, name: unknown, location: string): void {
    const to = this.validateSheetName(name, location, sheet);
    const from = sheet.name;
    sheet.name = to;
    if (from !== to) this.rewriteFormulas((f) => renameSheetRefs(f, from, to));
  }

  /**
   * Rewrites the formulas of every sheet, as Excel adjusts references when a sheet or a table is
   * deleted or renamed; a formula left with a `#REF!` reference gives the `#REF!` error.
   */
  rewriteFormulas(rewrite: (formula: string) => string): void {
    for (const sheet of this.sheets) {
      for (const cell of sheet.cells.values()) {
        if (cell.formula === undefined) continue;
        const next = rewrite(cell.formula);
        if (next === cell.formula) continue;
        cell.formula = next;
        if (next.includes('#REF!')) cell.value = '#REF!';
      }
    }
  }

  moveSheet(sheet: SheetModel, position: unknown, location: string): void {
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || position >= this.sheets.length)
      throw invalidArgument(location);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  setVisibility(sheet: SheetModel, v: unknown, location: string): void {
    if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden') throw invalidArgument(location);
    if (v !== 'Visible' && sheet.visibility === 'Visible' && this.sheets.filter((s) => s.visibility === 'Visible').length === 1) {
      throw richError(ErrorCodes.invalidOperation, location, 'A workbook must contain at least one visible worksheet.');
    }
    sheet.visibility = v as SheetVisibility;
    if (v !== 'Visible' && this.activeSheetId === sheet.id) this.activeSheetId = this.sheets.find((s) => s.visibility === 'Visible')!.id;
  }

  activate(sheet: SheetModel, location: string): void {
    if (sheet.visibility !== 'Visible') throw richError(ErrorCodes.invalidOperation, location);
    this.activeSheetId = sheet.id;
  }

  select(sheet: SheetModel, rects: Rect[], location: string): void {
    this.activate(sheet, location);
    sheet.selection = rects.map((r) => ({ ...r }));
  }

  assertWritable(sheet: SheetModel, location: string): void {
    if (sheet.protected) throw accessDenied(location);
  }

  cellValue(sheet: SheetModel, r: number, c: number): Scalar | '' {
    const cell = sheet.get(r, c);
    if (!cell) return '';
    if (cell.formula !== undefined) {
      const computed = this.formulaValue?.(cell.formula, sheet.name, cellName(r, c));
      return computed ?? cell.value ?? 0;
    }
    return cell.value ?? '';
  }

  readGrid(sheet: SheetModel, rect: Rect, kind: GridKind, location: string): unknown[][] {
    if (rectCells(rect) > MAX_READ_CELLS) {
      throw new FakeOfficeError({
        code: ErrorCodes.generalException,
        errorLocation: location,
        message: 'The range is too large: reads are limited to five million cells.',
      });
    }
    const out: unknown[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: unknown[] = new Array(rectColumns(rect));
      for (let c = rect.c0; c <= rect.c1; c++) {
        const cell = sheet.get(r, c);
        let v: unknown;
        switch (kind) {
          case 'values':
            v = this.cellValue(sheet, r, c);
            break;
          case 'formulas':
            v = cell?.formula ?? cell?.value ?? '';
            break;
          case 'numberFormat':
            v = cell?.numberFormat ?? 'General';
            break;
          case 'text':
            v = formatText(this.cellValue(sheet, r, c), cell?.numberFormat ?? 'General');
            break;
          case 'valueTypes': {
            const x = this.cellValue(sheet, r, c);
            v = x === '' ? 'Empty' : typeof x === 'number' ? 'Double' : typeof x === 'boolean' ? 'Boolean' : 'String';
            break;
          }
        }
        row[c - rect.c0] = v;
      }
      out.push(row);
    }
    return out;
  }

  /**
   * Writes `values`, `formulas` or `numberFormat`: a 2D array of the range's size (null leaves a
   * cell as it is) or a single value for every cell.
   */
  writeGrid(sheet: SheetModel, rect: Rect, data: unknown, kind: 'values' | 'formulas' | 'numberFormat', location: string): void {
    this.assertWritable(sheet, location);
    const rows = rectRows(rect);
    const cols = rectColumns(rect);
    const grid = Array.isArray(data);
    if (grid) {
      const ok = data.length === rows && data.every((row) => Array.isArray(row) && row.length === cols);
      if (!ok) throw invalidArgument(location, SIZE_MISMATCH_MESSAGE);
    } else if (data === undefined) {
      throw invalidArgument(location);
    }
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = grid ? (data as unknown[][])[r][c] : data;
        if (v === null || v === undefined) continue;
        const cell = sheet.ensure(rect.r0 + r, rect.c0 + c);
        if (kind === 'numberFormat') {
          if (typeof v !== 'string') throw invalidArgument(location);
          if (v === 'General') delete cell.numberFormat;
          else cell.numberFormat = v;
        } else {
          enterInput(cell, v, location);
        }
        sheet.prune(rect.r0 + r, rect.c0 + c);
      }
    }
    this.afterCellWrite(sheet, rect);
  }

  clear(sheet: SheetModel, rect: Rect, applyTo: unknown, location: string): void {
    const mode = (applyTo ?? 'All') as ClearApplyTo;
    if (!['All', 'Formats', 'Contents', 'Hyperlinks', 'RemoveHyperlinks', 'ResetContents'].includes(mode)) throw invalidArgument(location);
    this.assertWritable(sheet, location);
    for (const [r, c, cell] of sheet.entriesIn(rect)) {
      if (mode === 'All' || mode === 'Contents' || mode === 'ResetContents') {
        delete cell.value;
        delete cell.formula;
        delete cell.quotePrefix;
      }
      if (mode === 'All' || mode === 'Formats' || mode === 'RemoveHyperlinks') {
        delete cell.format;
        delete cell.numberFormat;
      }
      if (mode === 'All' || mode === 'Hyperlinks' || mode === 'RemoveHyperlinks') delete cell.hyperlink;
      sheet.prune(r, c);
    }
    this.afterCellWrite(sheet, rect);
  }

  setCellFormat(sheet: SheetModel, rect: Rect, patch: CellFormat, location: string): void {
    this.assertWritable(sheet, location);
    const p: CellFormat = { ...patch };
    if (p.color !== undefined) p.color = normalizeColor(p.color);
    if (p.fill !== undefined) p.fill = normalizeColor(p.fill);
    for (let r = rect.r0; r <= rect.r1; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        const cell = sheet.ensure(r, c);
        cell.format = { ...(cell.format ?? {}), ...p };
      }
    }
  }

  clearFill(sheet: SheetModel, rect: Rect, location: string): void {
    this.assertWritable(sheet, location);
    for (const [r, c, cell] of sheet.entriesIn(rect)) {
      if (cell.format) delete cell.format.fill;
      sheet.prune(r, c);
    }
  }

  /** A format property over a range: its value when every cell has the same, else null. */
  uniformFormat(sheet: SheetModel, rect: Rect, key: keyof CellFormat): unknown {
    const defaults: Record<string, unknown> = {
      bold: DEFAULT_FONT.bold,
      italic: DEFAULT_FONT.italic,
      underline: DEFAULT_FONT.underline,
      color: DEFAULT_FONT.color,
      size: DEFAULT_FONT.size,
      fontName: DEFAULT_FONT.fontName,
      fill: '#FFFFFF',
      wrapText: false,
      horizontalAlignment: 'General',
      verticalAlignment: 'Bottom',
    };
    const seen = new Set<unknown>();
    const entries = sheet.entriesIn(rect);
    let withKey = 0;
    for (const [, , cell] of entries) {
      const v = cell.format?.[key];
      if (v !== undefined) {
        seen.add(v);
        withKey++;
      }
    }
    if (withKey < rectCells(rect)) seen.add(defaults[key]);
    return seen.size === 1 ? [...seen][0] : null;
  }

  setColumnWidth(sheet: SheetModel, rect: Rect, width: unknown, location: string): void {
    if (typeof width !== 'number' || !(width >= 0)) throw invalidArgument(location);
    this.assertWritable(sheet, location);
    if (rect.c0 === 0 && rect.c1 === MAX_COLUMNS - 1) {
      sheet.columnWidths.clear();
      sheet.defaultColumnWidth = width;
      return;
    }
    for (let c = rect.c0; c <= rect.c1; c++) sheet.columnWidths.set(c, width);
  }

  setRowHeight(sheet: SheetModel, rect: Rect, height: unknown, location: string): void {
    if (typeof height !== 'number' || !(height >= 0)) throw invalidArgument(location);
    this.assertWritable(sheet, location);
    if (rect.r0 === 0 && rect.r1 === MAX_ROWS - 1) {
      sheet.rowHeights.clear();
      sheet.defaultRowHeight = height;
      return;
    }
    for (let r = rect.r0; r <= rect.r1; r++) sheet.rowHeights.set(r, height);
  }

  columnWidth(sheet: SheetModel, rect: Rect): number | null {
    const seen = new Set<number>();
    for (let c = rect.c0; c <= rect.c1 && seen.size < 2; c++) seen.add(sheet.columnWidths.get(c) ?? sheet.defaultColumnWidth);
    return seen.size === 1 ? [...seen][0] : null;
  }

  rowHeight(sheet: SheetModel, rect: Rect): number | null {
    const seen = new Set<number>();
    if (rectRows(rect) > sheet.rowHeights.size) seen.add(sheet.defaultRowHeight);
    for (const [r, h] of sheet.rowHeights) if (r >= rect.r0 && r <= rect.r1) seen.add(h);
    if (rectRows(rect) <= sheet.rowHeights.size) {
      for (let r = rect.r0; r <= rect.r1; r++) if (!sheet.rowHeights.has(r)) seen.add(sheet.defaultRowHeight);
    }
    return seen.size === 1 ? [...seen][0] : null;
  }

  /** Widths from the longest text of each column (about 7 points a character, as Calibri 11). */
  autofitColumns(sheet: SheetModel, rect: Rect, location: string): void {
    this.assertWritable(sheet, location);
    const longest = new Map<number, number>();
    for (const [r, c, cell] of sheet.entriesIn(rect)) {
      const text = formatText(this.cellValue(sheet, r, c), cell.numberFormat ?? 'General');
      longest.set(c, Math.max(longest.get(c) ?? 0, text.length));
    }
    for (let c = rect.c0; c <= rect.c1 && c - rect.c0 < 16384; c++) {
      const n = longest.get(c);
      sheet.columnWidths.set(c, n === undefined ? sheet.defaultColumnWidth : Math.max(12, Math.round(n * 7 + 5)));
    }
  }

  setHyperlink(sheet: SheetModel, rect: Rect, link: unknown, location: string): void {
    this.assertWritable(sheet, location);
    if (link === null || link === undefined) {
      for (const [r, c, cell] of sheet.entriesIn(rect)) {
        delete cell.hyperlink;
        sheet.prune(r, c);
      }
      return;
    }
    if (typeof link !== 'object') throw invalidArgument(location);
    const l = link as HyperlinkData;
    const data: HyperlinkData = {};
    for (const k of ['address', 'documentReference', 'screenTip', 'textToDisplay'] as const) {
      const v = l[k];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'string') throw invalidArgument(location);
      data[k] = v;
    }
    if (!data.address && !data.documentReference) throw invalidArgument(location);
    for (let r = rect.r0; r <= rect.r1; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        const cell = sheet.ensure(r, c);
        cell.hyperlink = { ...data };
        if (data.textToDisplay !== undefined) {
          cell.value = data.textToDisplay;
          delete cell.formula;
          delete cell.quotePrefix;
        } else if (cell.value === undefined && cell.formula === undefined) {
          cell.value = data.address ?? data.documentReference!;
        }
      }
    }
    this.afterCellWrite(sheet, rect);
  }

  /** The hyperlink of the range's top-left cell, or null. */
  hyperlink(sheet: SheetModel, rect: Rect): HyperlinkData | null {
    const link = sheet.get(rect.r0, rect.c0)?.hyperlink;
    return link ? { ...link } : null;
  }

  setValidation(sheet: SheetModel, rect: Rect, patch: Partial<ValidationData>, location: string): void {
    this.assertWritable(sheet, location);
    if (patch.rule !== undefined) {
      const rule = patch.rule;
      const kinds = ['list', 'wholeNumber', 'decimal', 'date', 'time', 'textLength', 'custom'];
      if (!rule || typeof rule !== 'object') throw invalidArgument(location);
      const keys = Object.keys(rule).filter((k) => (rule as Record<string, unknown>)[k] !== undefined);
      if (keys.length !== 1 || !kinds.includes(keys[0])) throw invalidArgument(location);
      if (keys[0] === 'list') {
        const list = (rule as { list: { source?: unknown } }).list;
        if (!list || typeof list !== 'object' || typeof list.source !== 'string' || list.source.trim() === '')
          throw invalidArgument(location);
      }
    }
    for (let r = rect.r0; r <= rect.r1; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        const cell = sheet.ensure(r, c);
        const prev: ValidationData = cell.validation ?? {
          rule: null,
          errorAlert: { showAlert: true, style: 'Stop', title: '', message: '' },
          ignoreBlanks: true,
        };
        cell.validation = {
          rule: patch.rule !== undefined ? structuredCopy(patch.rule) : prev.rule,
          errorAlert: patch.errorAlert !== undefined ? { ...prev.errorAlert, ...patch.errorAlert } : prev.errorAlert,
          ignoreBlanks: patch.ignoreBlanks ?? prev.ignoreBlanks,
        };
      }
    }
  }

  clearValidation(sheet: SheetModel, rect: Rect, location: string): void {
    this.assertWritable(sheet, location);
    for (const [r, c, cell] of sheet.entriesIn(rect)) {
      delete cell.validation;
      sheet.prune(r, c);
    }
  }

  /** `{ type, rule, errorAlert, ignoreBlanks }` when every cell has the same validation. */
  validation(sheet: SheetModel, rect: Rect): { type: string; rule: unknown; errorAlert: unknown; ignoreBlanks: boolean | null } {
    const entries = sheet.entriesIn(rect).filter(([, , cell]) => cell.validation);
    if (entries.length === 0) return { type: 'None', rule: null, errorAlert: null, ignoreBlanks: null };
    const first = entries[0][2].validation!;
    const key = JSON.stringify(first);
    const uniform = entries.length === rectCells(rect) && entries.every(([, , cell]) => JSON.stringify(cell.validation) === key);
    if (!uniform) return { type: 'Inconsistent', rule: null, errorAlert: null, ignoreBlanks: null };
    const kind = first.rule ? Object.keys(first.rule)[0] : 'none';
    const type = kind === 'none' ? 'None' : kind[0].toUpperCase() + kind.slice(1);
    return { type, rule: structuredCopy(first.rule), errorAlert: { ...first.errorAlert }, ignoreBlanks: first.ignoreBlanks };
  }

  // ---------------------------------------------------------------- tables

  findTable(name: string): TableModel | undefined {
    return this.tables.find((t) => same(t.name, name));
  }

  tableById(id: string): TableModel | undefined {
    return this.tables.find((t) => t.id === id);
  }

  tablesOn(sheet: SheetModel): TableModel[] {
    return this.tables.filter((t) => t.sheetId === sheet.id);
  }

  tableDataRect(t: TableModel): Rect {
    return { r0: t.rect.r0 + (t.showHeaders ? 1 : 0), r1: t.rect.r1 - (t.showTotals ? 1 : 0), c0: t.rect.c0, c1: t.rect.c1 };
  }

  validateTableName(name: unknown, location: string, except?: TableModel): string {
    if (typeof name !== 'string' || name.length === 0 || name.length > 255) throw invalidArgument(location);
    if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name)) throw invalidArgument(location);
    if (/^[CcRr]$/.test(name)) throw invalidArgument(location);
    if (parseArea(name) || /^[Rr]\d*[Cc]\d*$/.test(name)) throw invalidArgument(location);
    // Table names are unique in the workbook, not per sheet; Excel answers a taken name with its
    // generic InvalidArgument message (OfficeDev/office-js#551, also for a table of another sheet).
    const other = this.findTable(name);
    if (other && other !== except) throw invalidArgument(location);
    return name;
  }

  /**
   * Excel's `tables.add`: the table must not overlap another; a header-only range gets one data
   * row; without headers, a header row is inserted above the data (cells of the table's columns
   * shift down); header cells are made unique, non-empty text (`Column1`, `Amount2`…).
   */
  createTable(sheet: SheetModel, rect: Rect, hasHeaders: boolean, location: string, checkProtection = true): TableModel {
    if (checkProtection) this.assertWritable(sheet, location);
    const r = { ...rect };
    if (!hasHeaders) r.r1 += 1;
    if (rectRows(r) === 1) r.r1 += 1;
    if (r.r1 >= MAX_ROWS || r.c1 >= MAX_COLUMNS || rectCells(r) > MAX_READ_CELLS) throw invalidArgument(location);
    if (this.tablesOn(sheet).some((t) => intersects(t.rect, r))) {
      throw invalidArgument(location, "A table can't overlap another table.");
    }
    if (!hasHeaders) this.shiftDown(sheet, rect.r0, rect.c0, rect.c1, 1);
    let i = 1;
    while (this.findTable(`Table${i}`)) i++;
    const table: TableModel = {
      id: String(this.newId()),
      name: `Table${i}`,
      sheetId: sheet.id,
      rect: r,
      showHeaders: true,
      showTotals: false,
      style: 'TableStyleMedium2',
      showBandedRows: true,
      showBandedColumns: false,
      showFilterButton: true,
    };
    if (!hasHeaders) {
      for (let c = r.c0; c <= r.c1; c++) {
        const cell = sheet.get(r.r0, c);
        if (cell) {
          delete cell.value;
          delete cell.formula;
        }
      }
    }
    this.tables.push(table);
    this.normalizeHeaders(table);
    return table;
  }

  /**
   * `table.showHeaders`: hiding the header row takes it out of the table (the table's range
   * starts at its first data row) and leaves its cells blank, the names kept by the table; showing
   * it again puts them back in the row above, shifting the table's columns down when that row is
   * taken or the table starts at row 1.
   */
  setTableShowHeaders(t: TableModel, show: unknown, location: string): void {
    if (typeof show !== 'boolean') throw invalidArgument(location);
    const sheet = this.sheetById(t.sheetId)!;
    this.assertWritable(sheet, location);
    if (show === t.showHeaders) return;
    if (!show) {
      const names: string[] = [];
      for (let c = t.rect.c0; c <= t.rect.c1; c++) {
        names.push(String(this.cellValue(sheet, t.rect.r0, c)));
        const cell = sheet.get(t.rect.r0, c);
        if (cell) {
          delete cell.value;
          delete cell.formula;
          delete cell.quotePrefix;
          sheet.prune(t.rect.r0, c);
        }
      }
      t.hiddenHeaders = names;
      t.rect.r0 += 1;
      t.showHeaders = false;
      return;
    }
    const above = t.rect.r0 - 1;
    const free = above >= 0 && sheet.entriesIn({ r0: above, r1: above, c0: t.rect.c0, c1: t.rect.c1 }).length === 0;
    if (free) t.rect.r0 = above;
    else {
      this.shiftDown(sheet, t.rect.r0, t.rect.c0, t.rect.c1, 1);
      t.rect.r1 += 1;
    }
    const names = t.hiddenHeaders ?? [];
    for (let c = t.rect.c0; c <= t.rect.c1; c++) sheet.ensure(t.rect.r0, c).value = names[c - t.rect.c0] ?? '';
    delete t.hiddenHeaders;
    t.showHeaders = true;
    this.normalizeHeaders(t);
  }

  /**
   * `table.showTotals`: the total row goes under the data, inside the table's range (cells of
   * the table's columns below shift down when that row is taken), with « Total » in the first
   * column and a SUBTOTAL of the last column, as Excel puts them; hiding it blanks that row.
   */
  setTableShowTotals(t: TableModel, show: unknown, location: string): void {
    if (typeof show !== 'boolean') throw invalidArgument(location);
    const sheet = this.sheetById(t.sheetId)!;
    this.assertWritable(sheet, location);
    if (show === t.showTotals) return;
    if (show) {
      const row = t.rect.r1 + 1;
      if (row >= MAX_ROWS) throw invalidArgument(location);
      if (sheet.entriesIn({ r0: row, r1: row, c0: t.rect.c0, c1: t.rect.c1 }).length > 0)
        this.shiftDown(sheet, row, t.rect.c0, t.rect.c1, 1);
      const data = this.tableDataRect(t);
      t.rect.r1 = row;
      t.showTotals = true;
      sheet.ensure(row, t.rect.c0).value = 'Total';
      if (t.rect.c1 > t.rect.c0) {
        const c = t.rect.c1;
        const values: Scalar[] = [];
        for (let r = data.r0; r <= data.r1; r++) {
          const v = this.cellValue(sheet, r, c);
          if (v !== '') values.push(v);
        }
        const numeric = values.length > 0 && values.every((v) => typeof v === 'number');
        const header = t.showHeaders ? String(this.cellValue(sheet, t.rect.r0, c)) : (t.hiddenHeaders?.[c - t.rect.c0] ?? '');
        const cell = sheet.ensure(row, c);
        cell.formula = `=SUBTOTAL(${numeric ? 109 : 103},[${header}])`;
        cell.value = numeric ? values.reduce((a: number, v) => a + (v as number), 0) : values.length;
      }
      return;
    }
    const row = t.rect.r1;
    for (const [r, c, cell] of sheet.entriesIn({ r0: row, r1: row, c0: t.rect.c0, c1: t.rect.c1 })) {
      delete cell.value;
      delete cell.formula;
      delete cell.quotePrefix;
      sheet.prune(r, c);
    }
    t.rect.r1 -= 1;
    t.showTotals = false;
  }

  renameTable(t: TableModel, name: unknown, location: string): void {
    const from = t.name;
    t.name = this.validateTableName(name, location, t);
    if (from !== t.name) this.rewriteFormulas((f) => renameTableRefs(f, from, t.name));
  }

  setTableStyle(t: TableModel, style: unknown, location: string): void {
    if (typeof style !== 'string' || (style !== '' && !TABLE_STYLE.test(style))) throw invalidArgument(location);
    t.style = style;
  }

  deleteTable(t: TableModel, clearCells: boolean): void {
    this.tables.splice(this.tables.indexOf(t), 1);
    // Converted to a range, Excel turns its structured references into A1 ones: not modelled.
    if (clearCells) this.rewriteFormulas((f) => renameTableRefs(f, t.name, null));
    if (clearCells) {
      const sheet = this.sheetById(t.sheetId)!;
      for (const [r, c, cell] of sheet.entriesIn(t.rect)) {
        delete cell.value;
        delete cell.formula;
        delete cell.quotePrefix;
        delete cell.format;
        delete cell.numberFormat;
        delete cell.hyperlink;
        sheet.prune(r, c);
      }
    }
  }

  /**
   * `table.rows.add(index, values)`: inserts rows in the table (cells of its columns below shift
   * down, as do tables entirely below within those columns); returns the new rows' first index.
   */
  addTableRows(t: TableModel, index: unknown, values: unknown, location: string): number {
    const sheet = this.sheetById(t.sheetId)!;
    this.assertWritable(sheet, location);
    const data = this.tableDataRect(t);
    const dataCount = rectRows(data);
    const cols = rectColumns(t.rect);
    let n = 1;
    if (values !== undefined && values !== null) {
      const ok = Array.isArray(values) && values.length > 0 && values.every((row) => Array.isArray(row) && row.length === cols);
      if (!ok) throw invalidArgument(location, SIZE_MISMATCH_MESSAGE);
      n = (values as unknown[][]).length;
    }
    const at = index === undefined || index === null || index === -1 ? dataCount : index;
    if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at > dataCount) throw invalidArgument(location);
    if (t.rect.r1 + n >= MAX_ROWS) throw invalidArgument(location);
    const row = data.r0 + at;
    for (const other of this.tablesOn(sheet)) {
      if (other !== t && other.rect.r0 >= row && other.rect.c0 >= t.rect.c0 && other.rect.c1 <= t.rect.c1) {
        other.rect.r0 += n;
        other.rect.r1 += n;
      }
    }
    this.shiftDown(sheet, row, t.rect.c0, t.rect.c1, n);
    t.rect.r1 += n;
    if (values !== undefined && values !== null) {
      const rows = values as unknown[][];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < cols; j++) {
          const v = rows[i][j];
          if (v === null || v === undefined) continue;
          enterInput(sheet.ensure(row + i, t.rect.c0 + j), v, location);
          sheet.prune(row + i, t.rect.c0 + j);
        }
      }
    }
    return at;
  }

  /**
   * `range.delete(shift)`: the cells go, those below (`Up`) or to the right (`Left`) take their
   * place. Rows deleted across the whole width of a table's data body are table rows: the table
   * shrinks. A table wholly inside the range is deleted. A delete that would cut a table
   * otherwise (part of its columns, its header or total row) fails with `InsertDeleteConflict`,
   * as a shift that would move part of a table; Excel refuses to leave a table without a data
   * row (the fake: `InvalidOperation`; Excel's code for it is undocumented).
   */
  deleteCells(sheet: SheetModel, rect: Rect, shift: unknown, location: string): void {
    if (shift !== 'Up' && shift !== 'Left') throw invalidArgument(location);
    this.assertWritable(sheet, location);
    const conflict = () => richError(ErrorCodes.insertDeleteConflict, location);
    const within = (t: TableModel) => t.rect.r0 >= rect.r0 && t.rect.r1 <= rect.r1 && t.rect.c0 >= rect.c0 && t.rect.c1 <= rect.c1;
    const n = shift === 'Up' ? rectRows(rect) : rectColumns(rect);
    const shrinking: TableModel[] = [];
    const moving: TableModel[] = [];
    for (const t of this.tablesOn(sheet)) {
      if (within(t)) continue;
      if (shift === 'Up') {
        const data = this.tableDataRect(t);
        if (intersects(t.rect, rect)) {
          if (rect.c0 > t.rect.c0 || rect.c1 < t.rect.c1 || rect.r0 < data.r0 || rect.r1 > data.r1) throw conflict();
          if (rectRows(rect) >= rectRows(data)) throw richError(ErrorCodes.invalidOperation, location);
          shrinking.push(t);
        } else if (t.rect.r0 > rect.r1 && t.rect.c1 >= rect.c0 && t.rect.c0 <= rect.c1) {
          if (t.rect.c0 < rect.c0 || t.rect.c1 > rect.c1) throw conflict();
          moving.push(t);
        }
      } else if (intersects(t.rect, rect) || (t.rect.c0 > rect.c1 && t.rect.r1 >= rect.r0 && t.rect.r0 <= rect.r1)) {
        if (intersects(t.rect, rect) || t.rect.r0 < rect.r0 || t.rect.r1 > rect.r1) throw conflict();
        moving.push(t);
      }
    }
    for (const t of this.tablesOn(sheet).filter(within)) this.deleteTable(t, false);
    for (const [r, c] of sheet.entriesIn(rect)) sheet.cells.delete(SheetModel.key(r, c));
    if (shift === 'Up') {
      const below = sheet.entriesIn({ r0: rect.r1 + 1, r1: MAX_ROWS - 1, c0: rect.c0, c1: rect.c1 }).sort((a, b) => a[0] - b[0]);
      for (const [r, c, cell] of below) {
        sheet.cells.delete(SheetModel.key(r, c));
        sheet.cells.set(SheetModel.key(r - n, c), cell);
      }
      for (const t of shrinking) t.rect.r1 -= n;
      for (const t of moving) {
        t.rect.r0 -= n;
        t.rect.r1 -= n;
      }
    } else {
      const right = sheet.entriesIn({ r0: rect.r0, r1: rect.r1, c0: rect.c1 + 1, c1: MAX_COLUMNS - 1 }).sort((a, b) => a[1] - b[1]);
      for (const [r, c, cell] of right) {
        sheet.cells.delete(SheetModel.key(r, c));
        sheet.cells.set(SheetModel.key(r, c - n), cell);
      }
      for (const t of moving) {
        t.rect.c0 -= n;
        t.rect.c1 -= n;
      }
    }
  }

  /** Moves the cells of columns c0..c1 at or below `fromRow` down by `n` rows. */
  shiftDown(sheet: SheetModel, fromRow: number, c0: number, c1: number, n: number): void {
    const moving = sheet.entriesIn({ r0: fromRow, r1: MAX_ROWS - 1, c0, c1 }).sort((a, b) => b[0] - a[0]);
    for (const [r, c, cell] of moving) {
      sheet.cells.delete(SheetModel.key(r, c));
      if (r + n < MAX_ROWS) sheet.cells.set(SheetModel.key(r + n, c), cell);
    }
  }

  /** Header cells become unique, non-empty text, as Excel keeps them. */
  normalizeHeaders(t: TableModel): void {
    if (!t.showHeaders) return;
    const sheet = this.sheetById(t.sheetId)!;
    const used = new Set<string>();
    for (let c = t.rect.c0; c <= t.rect.c1; c++) {
      const cell = sheet.get(t.rect.r0, c);
      const v = this.cellValue(sheet, t.rect.r0, c);
      let text = v === '' ? '' : formatText(v, cell?.numberFormat ?? 'General');
      if (text === '') text = `Column${c - t.rect.c0 + 1}`;
      let candidate = text;
      for (let k = 2; used.has(candidate.toUpperCase()); k++) candidate = `${text}${k}`;
      used.add(candidate.toUpperCase());
      const target = sheet.ensure(t.rect.r0, c);
      target.value = candidate;
      delete target.formula;
      delete target.quotePrefix;
    }
  }

  /** After cells changed: keeps the header rows of the tables they touch valid. */
  afterCellWrite(sheet: SheetModel, rect: Rect): void {
    for (const t of this.tablesOn(sheet)) {
      if (t.showHeaders && intersects(rect, { r0: t.rect.r0, r1: t.rect.r0, c0: t.rect.c0, c1: t.rect.c1 })) this.normalizeHeaders(t);
    }
  }

  usedRange(sheet: SheetModel, valuesOnly: boolean): Rect | null {
    return sheet.usedRect(valuesOnly);
  }

  // ---------------------------------------------------------------- charts

  chartsOn(sheet: SheetModel): ChartModel[] {
    return this.charts.filter((c) => c.sheetId === sheet.id);
  }

  createChart(
    sheet: SheetModel,
    type: unknown,
    source: { sheet: SheetModel; rect: Rect },
    seriesBy: unknown,
    location: string,
  ): ChartModel {
    this.assertWritable(sheet, location);
    if (typeof type !== 'string' || !CHART_TYPES.includes(type)) throw invalidArgument(location);
    const by = seriesBy ?? 'Auto';
    if (by !== 'Auto' && by !== 'Columns' && by !== 'Rows') throw invalidArgument(location);
    let i = this.charts.length + 1;
    while (this.charts.some((c) => same(c.name, `Chart ${i}`))) i++;
    const chart: ChartModel = {
      id: guid(0x0c000000, this.newId()),
      name: `Chart ${i}`,
      sheetId: sheet.id,
      chartType: type,
      source: { sheetId: source.sheet.id, rect: { ...source.rect } },
      seriesBy: by,
      title: '',
      titleVisible: false,
      position: null,
      top: 0,
      left: 0,
      width: 360,
      height: 216,
    };
    this.charts.push(chart);
    return chart;
  }

  /** `chart.setPosition(startCell, endCell?)`: left/top from the cells' offsets in points. */
  positionChart(chart: ChartModel, start: Rect, end: Rect | null): void {
    const sheet = this.sheetById(chart.sheetId)!;
    const colLeft = (c: number) => {
      let x = 0;
      for (let i = 0; i < c; i++) x += sheet.columnWidths.get(i) ?? sheet.defaultColumnWidth;
      return x;
    };
    const rowTop = (r: number) => {
      let y = r * sheet.defaultRowHeight;
      for (const [i, h] of sheet.rowHeights) if (i < r) y += h - sheet.defaultRowHeight;
      return y;
    };
    chart.left = colLeft(start.c0);
    chart.top = rowTop(start.r0);
    if (end) {
      chart.width = Math.max(0, colLeft(end.c1 + 1) - chart.left);
      chart.height = Math.max(0, rowTop(end.r1 + 1) - chart.top);
    }
    chart.position = { startCell: cellName(start.r0, start.c0), endCell: end ? cellName(end.r1, end.c1) : null };
  }

  deleteChart(chart: ChartModel): void {
    this.charts.splice(this.charts.indexOf(chart), 1);
  }

  /** Used by proxies when an item is gone. */
  notFound(location: string): FakeOfficeError {
    return itemNotFound(location);
  }
}

function structuredCopy<T>(v: T): T {
  return v === undefined || v === null ? v : (JSON.parse(JSON.stringify(v)) as T);
}
