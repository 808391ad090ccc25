/**
 * `Excel.Range` and its parts (format, font, fill, data validation), and `Excel.RangeAreas`.
 * A range proxy resolves, at each sync that uses it, to a sheet and a rectangle.
 */
import {
  formatAddress,
  formatRect,
  inSheet,
  intersection,
  MAX_COLUMNS,
  MAX_ROWS,
  quoteSheetName,
  rectCells,
  rectColumns,
  rectRows,
  type Rect,
} from './address';
import { FakeClientObject } from './client-object';
import type { FakeRequestContext } from './context';
import { invalidArgument, itemNotFound } from './errors';
import type { CellFormat, HyperlinkData, SheetModel, ValidationData } from './model';
import { FakeWorksheet } from './worksheet';

export interface RangeRef {
  sheet: SheetModel;
  rect: Rect;
}

export interface AreasRef {
  sheet: SheetModel;
  rects: Rect[];
}

/** Office.js types cell arrays as `any[][]`: the fake answers with the same type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Grid = any[][];

const RANGE_SCALARS = [
  'address',
  'addressLocal',
  'cellCount',
  'columnCount',
  'columnIndex',
  'formulas',
  'formulasLocal',
  'hyperlink',
  'numberFormat',
  'rowCount',
  'rowIndex',
  'text',
  'valueTypes',
  'values',
] as const;

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function checked(rect: Rect, location: string): Rect {
  if (!inSheet(rect)) throw invalidArgument(location);
  return rect;
}

/** `='Plan d''actions'!$A$2:$A$9`, for a list source given as a Range. */
function absoluteRef(ref: RangeRef): string {
  const a = formatRect(ref.rect).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  return `=${quoteSheetName(ref.sheet.name)}!${a}`;
}

export class FakeRange extends FakeClientObject<RangeRef> {
  readonly _className = 'Range';
  private _format?: FakeRangeFormat;
  private _validation?: FakeDataValidation;
  private _worksheet?: FakeWorksheet;

  constructor(context: FakeRequestContext, path: string, resolver: () => RangeRef | null) {
    super(context, path, resolver);
  }

  _scalarNames(): readonly string[] {
    return RANGE_SCALARS;
  }

  _readScalar(ref: RangeRef, name: string): unknown {
    const host = this._context._host;
    const { sheet, rect } = ref;
    switch (name) {
      case 'address':
      case 'addressLocal':
        return formatAddress(sheet.name, rect);
      case 'cellCount':
        return rectCells(rect);
      case 'columnCount':
        return rectColumns(rect);
      case 'columnIndex':
        return rect.c0;
      case 'rowCount':
        return rectRows(rect);
      case 'rowIndex':
        return rect.r0;
      case 'values':
      case 'text':
      case 'valueTypes':
      case 'numberFormat':
        return host.readGrid(sheet, rect, name, `Range.${name}`);
      case 'formulas':
      case 'formulasLocal':
        return host.readGrid(sheet, rect, 'formulas', `Range.${name}`);
      case 'hyperlink':
        return host.hyperlink(sheet, rect);
      default:
        return undefined;
    }
  }

  override _navigation(name: string): FakeClientObject | undefined {
    if (name === 'format') return this.format;
    if (name === 'dataValidation') return this.dataValidation;
    if (name === 'worksheet') return this.worksheet;
    return undefined;
  }

  // ------------------------------------------------------------------ properties

  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get text(): string[][] {
    return this._get('text');
  }
  get valueTypes(): string[][] {
    return this._get('valueTypes');
  }

  get values(): Grid {
    return this._get('values');
  }
  set values(v: Grid) {
    this._setProperty('values', v, (ref) => this._context._host.writeGrid(ref.sheet, ref.rect, v, 'values', 'Range.values'));
  }

  get formulas(): Grid {
    return this._get('formulas');
  }
  set formulas(v: Grid) {
    this._setProperty('formulas', v, (ref) => this._context._host.writeGrid(ref.sheet, ref.rect, v, 'formulas', 'Range.formulas'));
  }

  get formulasLocal(): Grid {
    return this._get('formulasLocal');
  }
  set formulasLocal(v: Grid) {
    this._setProperty('formulasLocal', v, (ref) =>
      this._context._host.writeGrid(ref.sheet, ref.rect, v, 'formulas', 'Range.formulasLocal'),
    );
  }

  get numberFormat(): Grid {
    return this._get('numberFormat');
  }
  set numberFormat(v: Grid) {
    this._setProperty('numberFormat', v, (ref) =>
      this._context._host.writeGrid(ref.sheet, ref.rect, v, 'numberFormat', 'Range.numberFormat'),
    );
  }

  get hyperlink(): HyperlinkData {
    return this._get('hyperlink');
  }
  set hyperlink(v: HyperlinkData) {
    this._setProperty('hyperlink', v, (ref) => this._context._host.setHyperlink(ref.sheet, ref.rect, v, 'Range.hyperlink'));
  }

  get format(): FakeRangeFormat {
    return (this._format ??= new FakeRangeFormat(this._context, `${this._path}.format`, this._resolver));
  }

  get dataValidation(): FakeDataValidation {
    this._requireApi('Range.dataValidation');
    return (this._validation ??= new FakeDataValidation(this._context, `${this._path}.dataValidation`, this._resolver));
  }

  get worksheet(): FakeWorksheet {
    return (this._worksheet ??= new FakeWorksheet(this._context, `${this._path}.worksheet`, () => this._resolver()?.sheet ?? null));
  }

  // ------------------------------------------------------------------ commands

  /** Activates the range's sheet and selects the range (the host records it). */
  select(): void {
    this._call('select', [], (ref) => this._context._host.select(ref.sheet, [ref.rect], 'Range.select'));
  }

  /** Deletes the cells, shifting the others `Up` or `Left` (tables follow, see the host). */
  delete(shift: string): void {
    this._call('delete', [shift], (ref) => this._context._host.deleteCells(ref.sheet, ref.rect, shift, 'Range.delete'));
  }

  clear(applyTo?: string): void {
    this._call('clear', applyTo === undefined ? [] : [applyTo], (ref) =>
      this._context._host.clear(ref.sheet, ref.rect, applyTo, 'Range.clear'),
    );
  }

  // ------------------------------------------------------------------ derived ranges

  private _derive(name: string, args: unknown[], f: (ref: RangeRef, location: string) => Rect | null): FakeRange {
    const location = `Range.${name}`;
    const path = `${this._path}.${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`;
    return new FakeRange(this._context, path, () => {
      const ref = this._resolver();
      if (ref === null) return null;
      const rect = f(ref, location);
      return rect === null ? null : { sheet: ref.sheet, rect };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this._derive('getCell', [row, column], ({ rect }, loc) => {
      if (!isInt(row) || !isInt(column)) throw invalidArgument(loc);
      return checked({ r0: rect.r0 + row, c0: rect.c0 + column, r1: rect.r0 + row, c1: rect.c0 + column }, loc);
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this._derive('getResizedRange', [deltaRows, deltaColumns], ({ rect }, loc) => {
      if (!isInt(deltaRows) || !isInt(deltaColumns)) throw invalidArgument(loc);
      return checked({ r0: rect.r0, c0: rect.c0, r1: rect.r1 + deltaRows, c1: rect.c1 + deltaColumns }, loc);
    });
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this._derive('getOffsetRange', [rowOffset, columnOffset], ({ rect }, loc) => {
      if (!isInt(rowOffset) || !isInt(columnOffset)) throw invalidArgument(loc);
      return checked({ r0: rect.r0 + rowOffset, c0: rect.c0 + columnOffset, r1: rect.r1 + rowOffset, c1: rect.c1 + columnOffset }, loc);
    });
  }

  getRow(row: number): FakeRange {
    return this._derive('getRow', [row], ({ rect }, loc) => {
      if (!isInt(row)) throw invalidArgument(loc);
      return checked({ r0: rect.r0 + row, r1: rect.r0 + row, c0: rect.c0, c1: rect.c1 }, loc);
    });
  }

  getColumn(column: number): FakeRange {
    return this._derive('getColumn', [column], ({ rect }, loc) => {
      if (!isInt(column)) throw invalidArgument(loc);
      return checked({ r0: rect.r0, r1: rect.r1, c0: rect.c0 + column, c1: rect.c0 + column }, loc);
    });
  }

  getLastRow(): FakeRange {
    return this._derive('getLastRow', [], ({ rect }) => ({ ...rect, r0: rect.r1 }));
  }

  getLastColumn(): FakeRange {
    return this._derive('getLastColumn', [], ({ rect }) => ({ ...rect, c0: rect.c1 }));
  }

  getLastCell(): FakeRange {
    return this._derive('getLastCell', [], ({ rect }) => ({ r0: rect.r1, c0: rect.c1, r1: rect.r1, c1: rect.c1 }));
  }

  getEntireRow(): FakeRange {
    return this._derive('getEntireRow', [], ({ rect }) => ({ r0: rect.r0, r1: rect.r1, c0: 0, c1: MAX_COLUMNS - 1 }));
  }

  getEntireColumn(): FakeRange {
    return this._derive('getEntireColumn', [], ({ rect }) => ({ r0: 0, r1: MAX_ROWS - 1, c0: rect.c0, c1: rect.c1 }));
  }

  /** The used part of the range; ItemNotFound when it is blank (as Excel). */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this._derive('getUsedRange', valuesOnly === undefined ? [] : [valuesOnly], ({ sheet, rect }, loc) => {
      const used = sheet.usedRect(!!valuesOnly);
      const r = used && intersection(used, rect);
      if (!r) throw itemNotFound(loc);
      return r;
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this._requireApi('Range.getUsedRangeOrNullObject');
    return this._derive('getUsedRangeOrNullObject', valuesOnly === undefined ? [] : [valuesOnly], ({ sheet, rect }) => {
      const used = sheet.usedRect(!!valuesOnly);
      return (used && intersection(used, rect)) || null;
    });
  }
}

// ---------------------------------------------------------------------- format

const H_ALIGN = ['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'];
const V_ALIGN = ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'];

abstract class RangePart extends FakeClientObject<RangeRef> {
  protected _setFormat(name: string, value: unknown, patch: CellFormat, valid: boolean): void {
    const location = `${this._className}.${name}`;
    this._setProperty(name, value, (ref) => {
      if (!valid) throw invalidArgument(location);
      this._context._host.setCellFormat(ref.sheet, ref.rect, patch, location);
    });
  }
}

export class FakeRangeFormat extends RangePart {
  readonly _className = 'RangeFormat';
  private _font?: FakeRangeFont;
  private _fill?: FakeRangeFill;

  _scalarNames(): readonly string[] {
    return ['columnWidth', 'horizontalAlignment', 'rowHeight', 'verticalAlignment', 'wrapText'];
  }

  _readScalar(ref: RangeRef, name: string): unknown {
    const host = this._context._host;
    switch (name) {
      case 'columnWidth':
        return host.columnWidth(ref.sheet, ref.rect);
      case 'rowHeight':
        return host.rowHeight(ref.sheet, ref.rect);
      case 'horizontalAlignment':
      case 'verticalAlignment':
      case 'wrapText':
        return host.uniformFormat(ref.sheet, ref.rect, name);
      default:
        return undefined;
    }
  }

  override _navigation(name: string): FakeClientObject | undefined {
    if (name === 'font') return this.font;
    if (name === 'fill') return this.fill;
    return undefined;
  }

  get font(): FakeRangeFont {
    return (this._font ??= new FakeRangeFont(this._context, `${this._path}.font`, this._resolver));
  }

  get fill(): FakeRangeFill {
    return (this._fill ??= new FakeRangeFill(this._context, `${this._path}.fill`, this._resolver));
  }

  get columnWidth(): number {
    return this._get('columnWidth');
  }
  set columnWidth(v: number) {
    this._setProperty('columnWidth', v, (ref) => this._context._host.setColumnWidth(ref.sheet, ref.rect, v, 'RangeFormat.columnWidth'));
  }

  get rowHeight(): number {
    return this._get('rowHeight');
  }
  set rowHeight(v: number) {
    this._setProperty('rowHeight', v, (ref) => this._context._host.setRowHeight(ref.sheet, ref.rect, v, 'RangeFormat.rowHeight'));
  }

  get wrapText(): boolean {
    return this._get('wrapText');
  }
  set wrapText(v: boolean) {
    this._setFormat('wrapText', v, { wrapText: v }, typeof v === 'boolean');
  }

  get horizontalAlignment(): string {
    return this._get('horizontalAlignment');
  }
  set horizontalAlignment(v: string) {
    this._setFormat('horizontalAlignment', v, { horizontalAlignment: v }, H_ALIGN.includes(v));
  }

  get verticalAlignment(): string {
    return this._get('verticalAlignment');
  }
  set verticalAlignment(v: string) {
    this._setFormat('verticalAlignment', v, { verticalAlignment: v }, V_ALIGN.includes(v));
  }

  autofitColumns(): void {
    this._call('autofitColumns', [], (ref) => this._context._host.autofitColumns(ref.sheet, ref.rect, 'RangeFormat.autofitColumns'));
  }

  autofitRows(): void {
    this._call('autofitRows', [], (ref) => this._context._host.assertWritable(ref.sheet, 'RangeFormat.autofitRows'));
  }
}

export class FakeRangeFont extends RangePart {
  readonly _className = 'RangeFont';

  _scalarNames(): readonly string[] {
    return ['bold', 'color', 'italic', 'name', 'size', 'underline'];
  }

  _readScalar(ref: RangeRef, name: string): unknown {
    const key = (name === 'name' ? 'fontName' : name) as keyof CellFormat;
    return this._context._host.uniformFormat(ref.sheet, ref.rect, key);
  }

  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._setFormat('bold', v, { bold: v }, typeof v === 'boolean');
  }

  get italic(): boolean {
    return this._get('italic');
  }
  set italic(v: boolean) {
    this._setFormat('italic', v, { italic: v }, typeof v === 'boolean');
  }

  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._setFormat('color', v, { color: v }, typeof v === 'string' && v !== '');
  }

  get size(): number {
    return this._get('size');
  }
  set size(v: number) {
    this._setFormat('size', v, { size: v }, typeof v === 'number' && v >= 1 && v <= 409);
  }

  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._setFormat('name', v, { fontName: v }, typeof v === 'string' && v !== '');
  }

  get underline(): string {
    return this._get('underline');
  }
  set underline(v: string) {
    const ok = ['None', 'Single', 'Double', 'SingleAccountant', 'DoubleAccountant'].includes(v);
    this._setFormat('underline', v, { underline: v }, ok);
  }
}

export class FakeRangeFill extends RangePart {
  readonly _className = 'RangeFill';

  _scalarNames(): readonly string[] {
    return ['color'];
  }

  _readScalar(ref: RangeRef, name: string): unknown {
    return name === 'color' ? this._context._host.uniformFormat(ref.sheet, ref.rect, 'fill') : undefined;
  }

  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._setFormat('color', v, { fill: v }, typeof v === 'string' && v !== '');
  }

  clear(): void {
    this._call('clear', [], (ref) => this._context._host.clearFill(ref.sheet, ref.rect, 'RangeFill.clear'));
  }
}

// ---------------------------------------------------------------------- data validation

export class FakeDataValidation extends FakeClientObject<RangeRef> {
  readonly _className = 'DataValidation';

  _scalarNames(): readonly string[] {
    return ['errorAlert', 'ignoreBlanks', 'rule', 'type', 'valid'];
  }

  _readScalar(ref: RangeRef, name: string): unknown {
    const v = this._context._host.validation(ref.sheet, ref.rect);
    switch (name) {
      case 'type':
        return v.type;
      case 'rule':
        return v.rule;
      case 'errorAlert':
        return v.errorAlert;
      case 'ignoreBlanks':
        return v.ignoreBlanks;
      case 'valid':
        return true;
      default:
        return undefined;
    }
  }

  get type(): string {
    return this._get('type');
  }
  get valid(): boolean {
    return this._get('valid');
  }

  get rule(): Record<string, unknown> {
    return this._get('rule');
  }
  set rule(v: Record<string, unknown>) {
    this._setProperty('rule', v, (ref) => {
      let rule = v;
      const list = v && typeof v === 'object' ? (v as { list?: { source?: unknown } }).list : undefined;
      if (list && list.source instanceof FakeRange) {
        const src = list.source._target('DataValidation.rule');
        rule = { ...v, list: { ...list, source: absoluteRef(src) } };
      }
      this._context._host.setValidation(ref.sheet, ref.rect, { rule }, 'DataValidation.rule');
    });
  }

  get errorAlert(): ValidationData['errorAlert'] {
    return this._get('errorAlert');
  }
  set errorAlert(v: ValidationData['errorAlert']) {
    this._setProperty('errorAlert', v, (ref) => {
      if (!v || typeof v !== 'object') throw invalidArgument('DataValidation.errorAlert');
      this._context._host.setValidation(ref.sheet, ref.rect, { errorAlert: v }, 'DataValidation.errorAlert');
    });
  }

  get ignoreBlanks(): boolean {
    return this._get('ignoreBlanks');
  }
  set ignoreBlanks(v: boolean) {
    this._setProperty('ignoreBlanks', v, (ref) => {
      if (typeof v !== 'boolean') throw invalidArgument('DataValidation.ignoreBlanks');
      this._context._host.setValidation(ref.sheet, ref.rect, { ignoreBlanks: v }, 'DataValidation.ignoreBlanks');
    });
  }

  clear(): void {
    this._call('clear', [], (ref) => this._context._host.clearValidation(ref.sheet, ref.rect, 'DataValidation.clear'));
  }
}

// ---------------------------------------------------------------------- range areas

export class FakeRangeAreas extends FakeClientObject<AreasRef> {
  readonly _className = 'RangeAreas';

  _scalarNames(): readonly string[] {
    return ['address', 'addressLocal', 'areaCount', 'cellCount'];
  }

  _readScalar(ref: AreasRef, name: string): unknown {
    switch (name) {
      case 'address':
      case 'addressLocal':
        return ref.rects.map((r) => formatAddress(ref.sheet.name, r)).join(', ');
      case 'areaCount':
        return ref.rects.length;
      case 'cellCount':
        return ref.rects.reduce((n, r) => n + rectCells(r), 0);
      default:
        return undefined;
    }
  }

  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get areaCount(): number {
    return this._get('areaCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }

  select(): void {
    this._call('select', [], (ref) => this._context._host.select(ref.sheet, ref.rects, 'RangeAreas.select'));
  }
}
