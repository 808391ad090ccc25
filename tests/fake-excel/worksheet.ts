/**
 * `Excel.WorksheetCollection`, `Excel.Worksheet`, `Excel.WorksheetFreezePanes` and
 * `Excel.WorksheetProtection`. A worksheet proxy is pinned to its sheet (by id) the first time
 * a sync resolves it, so it follows renames, as Office.js's tracked objects do.
 */
import { MAX_COLUMNS, MAX_ROWS, parseArea, parseAreas, type Rect } from './address';
import { FakeChartCollection } from './chart';
import { FakeClientObject, type FakeClientResult, FakeCollection } from './client-object';
import type { FakeRequestContext } from './context';
import { invalidArgument, itemNotFound } from './errors';
import type { FakeExcelHost } from './host';
import type { SheetModel } from './model';
import { FakeRange, FakeRangeAreas, type RangeRef } from './range';
import { FakeTableCollection } from './table';

/** A resolver that finds a sheet once, then follows it by id. */
export function pinnedSheet(
  host: FakeExcelHost,
  find: () => SheetModel | undefined,
  orNull: boolean,
  location: string,
): () => SheetModel | null {
  let id: string | null = null;
  return () => {
    if (id !== null) {
      const s = host.sheetById(id);
      if (!s) throw itemNotFound(location);
      return s;
    }
    const s = find();
    if (!s) {
      if (orNull) return null;
      throw itemNotFound(location);
    }
    id = s.id;
    return s;
  };
}

/** A range of `sheet` from an address that may name another sheet (`'Plan d''actions'!A1:C3`). */
export function rangeOnSheet(host: FakeExcelHost, sheet: SheetModel, address: string, location: string): RangeRef {
  if (typeof address !== 'string') throw invalidArgument(location);
  const a = parseArea(address);
  if (!a) throw invalidArgument(location);
  if (a.sheet === null) return { sheet, rect: a.rect };
  const named = host.findSheet(a.sheet);
  if (!named) throw invalidArgument(location);
  return { sheet: named, rect: a.rect };
}

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet, true, SheetModel> {
  readonly _className = 'WorksheetCollection';

  constructor(context: FakeRequestContext, path: string) {
    super(context, path, () => true);
  }

  _scalarNames(): readonly string[] {
    return [];
  }

  _readScalar(): unknown {
    return undefined;
  }

  _entities(): SheetModel[] {
    return [...this._context._host.sheets];
  }

  _itemProxy(sheet: SheetModel, index: number): FakeWorksheet {
    const host = this._context._host;
    return new FakeWorksheet(
      this._context,
      `${this._path}.items[${index}]`,
      pinnedSheet(host, () => sheet, false, 'Worksheet'),
    );
  }

  /** By name (case-insensitive) or id; ItemNotFound at sync when there is none. */
  getItem(key: string): FakeWorksheet {
    return this._byKey('getItem', key, false);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    this._requireApi('WorksheetCollection.getItemOrNullObject');
    return this._byKey('getItemOrNullObject', key, true);
  }

  private _byKey(method: string, key: string, orNull: boolean): FakeWorksheet {
    const host = this._context._host;
    const find = () => (typeof key === 'string' ? (host.sheetById(key) ?? host.findSheet(key)) : undefined);
    return new FakeWorksheet(
      this._context,
      `${this._path}.${method}(${JSON.stringify(key)})`,
      pinnedSheet(host, find, orNull, `WorksheetCollection.${method}`),
    );
  }

  getActiveWorksheet(): FakeWorksheet {
    const host = this._context._host;
    return new FakeWorksheet(
      this._context,
      `${this._path}.getActiveWorksheet()`,
      pinnedSheet(host, () => host.activeSheet(), false, 'WorksheetCollection.getActiveWorksheet'),
    );
  }

  /** Adds a sheet at the end (name rules as Excel: InvalidArgument; a taken name: ItemAlreadyExists). */
  add(name?: string): FakeWorksheet {
    const host = this._context._host;
    let created: SheetModel | undefined;
    const sheet = new FakeWorksheet(
      this._context,
      `${this._path}.add(${name === undefined ? '' : JSON.stringify(name)})`,
      pinnedSheet(host, () => created, false, 'WorksheetCollection.add'),
    );
    this._call('add', name === undefined ? [] : [name], () => {
      created = host.createSheet(name, 'WorksheetCollection.add');
    });
    return sheet;
  }

  getCount(visibleOnly?: boolean): FakeClientResult<number> {
    const host = this._context._host;
    return this._context._enqueueResult(this, 'getCount', visibleOnly === undefined ? [] : [visibleOnly], () =>
      visibleOnly ? host.sheets.filter((s) => s.visibility === 'Visible').length : host.sheets.length,
    );
  }
}

export class FakeWorksheet extends FakeClientObject<SheetModel> {
  readonly _className = 'Worksheet';
  private _tables?: FakeTableCollection;
  private _charts?: FakeChartCollection;
  private _freezePanes?: FakeFreezePanes;
  private _protection?: FakeWorksheetProtection;

  _scalarNames(): readonly string[] {
    return ['id', 'name', 'position', 'showGridlines', 'tabColor', 'visibility'];
  }

  _readScalar(sheet: SheetModel, name: string): unknown {
    switch (name) {
      case 'id':
        return sheet.id;
      case 'name':
        return sheet.name;
      case 'position':
        return this._context._host.sheets.indexOf(sheet);
      case 'showGridlines':
        return sheet.showGridlines;
      case 'tabColor':
        return sheet.tabColor;
      case 'visibility':
        return sheet.visibility;
      default:
        return undefined;
    }
  }

  override _navigation(name: string): FakeClientObject | undefined {
    switch (name) {
      case 'tables':
        return this.tables;
      case 'charts':
        return this.charts;
      case 'freezePanes':
        return this.freezePanes;
      case 'protection':
        return this.protection;
      default:
        return undefined;
    }
  }

  get id(): string {
    return this._get('id');
  }

  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._setProperty('name', v, (sheet) => this._context._host.renameSheet(sheet, v, 'Worksheet.name'));
  }

  get position(): number {
    return this._get('position');
  }
  set position(v: number) {
    this._setProperty('position', v, (sheet) => this._context._host.moveSheet(sheet, v, 'Worksheet.position'));
  }

  get visibility(): string {
    return this._get('visibility');
  }
  set visibility(v: string) {
    this._setProperty('visibility', v, (sheet) => this._context._host.setVisibility(sheet, v, 'Worksheet.visibility'));
  }

  get tabColor(): string {
    return this._get('tabColor');
  }
  set tabColor(v: string) {
    this._setProperty('tabColor', v, (sheet) => {
      if (typeof v !== 'string') throw invalidArgument('Worksheet.tabColor');
      sheet.tabColor = v === '' ? '' : normalizeTab(v);
    });
  }

  get showGridlines(): boolean {
    return this._get('showGridlines');
  }
  set showGridlines(v: boolean) {
    this._setProperty('showGridlines', v, (sheet) => {
      if (typeof v !== 'boolean') throw invalidArgument('Worksheet.showGridlines');
      sheet.showGridlines = v;
    });
  }

  get tables(): FakeTableCollection {
    return (this._tables ??= new FakeTableCollection(this._context, `${this._path}.tables`, this._resolver));
  }

  get charts(): FakeChartCollection {
    return (this._charts ??= new FakeChartCollection(this._context, `${this._path}.charts`, this._resolver));
  }

  get freezePanes(): FakeFreezePanes {
    this._requireApi('Worksheet.freezePanes');
    return (this._freezePanes ??= new FakeFreezePanes(this._context, `${this._path}.freezePanes`, this._resolver));
  }

  get protection(): FakeWorksheetProtection {
    return (this._protection ??= new FakeWorksheetProtection(this._context, `${this._path}.protection`, this._resolver));
  }

  activate(): void {
    this._call('activate', [], (sheet) => this._context._host.activate(sheet, 'Worksheet.activate'));
  }

  delete(): void {
    this._call('delete', [], (sheet) => this._context._host.deleteSheet(sheet, 'Worksheet.delete'));
  }

  private _range(method: string, args: unknown[], f: (sheet: SheetModel, location: string) => RangeRef | null): FakeRange {
    const location = `Worksheet.${method}`;
    return new FakeRange(this._context, `${this._path}.${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`, () => {
      const sheet = this._resolver();
      return sheet === null ? null : f(sheet, location);
    });
  }

  /** `A1`, `A1:C3`, `A:C`, `1:3`, with or without a sheet prefix; no address: the whole sheet. */
  getRange(address?: string): FakeRange {
    return this._range('getRange', address === undefined ? [] : [address], (sheet, loc) =>
      address === undefined || address === ''
        ? { sheet, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 } }
        : rangeOnSheet(this._context._host, sheet, address, loc),
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    this._requireApi('Worksheet.getRangeByIndexes');
    return this._range('getRangeByIndexes', [startRow, startColumn, rowCount, columnCount], (sheet, loc) => {
      const ints = [startRow, startColumn, rowCount, columnCount].every((n) => typeof n === 'number' && Number.isInteger(n));
      const rect: Rect = { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
      if (!ints || rowCount < 1 || columnCount < 1 || startRow < 0 || startColumn < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLUMNS)
        throw invalidArgument(loc);
      return { sheet, rect };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this._range('getCell', [row, column], (sheet, loc) => {
      if (!Number.isInteger(row) || !Number.isInteger(column) || row < 0 || column < 0 || row >= MAX_ROWS || column >= MAX_COLUMNS)
        throw invalidArgument(loc);
      return { sheet, rect: { r0: row, c0: column, r1: row, c1: column } };
    });
  }

  /** Used range; the top-left cell when the sheet is blank (as Excel). */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this._range('getUsedRange', valuesOnly === undefined ? [] : [valuesOnly], (sheet) => ({
      sheet,
      rect: sheet.usedRect(!!valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 },
    }));
  }

  /** Used range; a null object when the sheet is blank. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this._requireApi('Worksheet.getUsedRangeOrNullObject');
    return this._range('getUsedRangeOrNullObject', valuesOnly === undefined ? [] : [valuesOnly], (sheet) => {
      const rect = sheet.usedRect(!!valuesOnly);
      return rect ? { sheet, rect } : null;
    });
  }

  /** Several areas of the sheet: `'A5:F5, A9:F9'` (or `;`-separated, as Excel also accepts). */
  getRanges(address?: string): FakeRangeAreas {
    this._requireApi('Worksheet.getRanges');
    const location = 'Worksheet.getRanges';
    return new FakeRangeAreas(this._context, `${this._path}.getRanges(${address === undefined ? '' : JSON.stringify(address)})`, () => {
      const sheet = this._resolver();
      if (sheet === null) return null;
      if (typeof address !== 'string') throw invalidArgument(location);
      const areas = parseAreas(address.replace(/;/g, ','));
      if (!areas) throw invalidArgument(location);
      for (const a of areas) if (a.sheet !== null && this._context._host.findSheet(a.sheet) !== sheet) throw invalidArgument(location);
      return { sheet, rects: areas.map((a) => a.rect) };
    });
  }
}

function normalizeTab(v: string): string {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(v);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toUpperCase();
  return /^#[0-9a-f]{6}$/i.test(v) ? v.toUpperCase() : v;
}

export class FakeFreezePanes extends FakeClientObject<SheetModel> {
  readonly _className = 'WorksheetFreezePanes';

  _scalarNames(): readonly string[] {
    return [];
  }

  _readScalar(): unknown {
    return undefined;
  }

  freezeRows(count = 1): void {
    this._call('freezeRows', [count], (sheet) => {
      if (!Number.isInteger(count) || count < 0 || count >= MAX_ROWS) throw invalidArgument('WorksheetFreezePanes.freezeRows');
      sheet.frozenRows = count;
      sheet.frozenColumns = 0;
    });
  }

  freezeColumns(count = 1): void {
    this._call('freezeColumns', [count], (sheet) => {
      if (!Number.isInteger(count) || count < 0 || count >= MAX_COLUMNS) throw invalidArgument('WorksheetFreezePanes.freezeColumns');
      sheet.frozenColumns = count;
      sheet.frozenRows = 0;
    });
  }

  /** Freezes the rows above and the columns left of the range's bottom-right corner, included. */
  freezeAt(frozenRange: FakeRange | string): void {
    this._call('freezeAt', [frozenRange], (sheet) => {
      const ref =
        typeof frozenRange === 'string'
          ? rangeOnSheet(this._context._host, sheet, frozenRange, 'WorksheetFreezePanes.freezeAt')
          : frozenRange._target('WorksheetFreezePanes.freezeAt');
      sheet.frozenRows = ref.rect.r1 + 1;
      sheet.frozenColumns = ref.rect.c1 + 1;
    });
  }

  unfreeze(): void {
    this._call('unfreeze', [], (sheet) => {
      sheet.frozenRows = 0;
      sheet.frozenColumns = 0;
    });
  }

  private _location(method: string, orNull: boolean): FakeRange {
    return new FakeRange(this._context, `${this._path}.${method}()`, () => {
      const sheet = this._resolver();
      if (sheet === null) return null;
      const rows = sheet.frozenRows;
      const cols = sheet.frozenColumns;
      if (rows === 0 && cols === 0) {
        if (orNull) return null;
        throw itemNotFound(`WorksheetFreezePanes.${method}`);
      }
      return {
        sheet,
        rect: { r0: 0, c0: 0, r1: rows > 0 ? rows - 1 : MAX_ROWS - 1, c1: cols > 0 ? cols - 1 : MAX_COLUMNS - 1 },
      };
    });
  }

  getLocation(): FakeRange {
    return this._location('getLocation', false);
  }

  /** The frozen cells (`1:2` for two frozen rows), or a null object when nothing is frozen. */
  getLocationOrNullObject(): FakeRange {
    this._requireApi('WorksheetFreezePanes.getLocationOrNullObject');
    return this._location('getLocationOrNullObject', true);
  }
}

export class FakeWorksheetProtection extends FakeClientObject<SheetModel> {
  readonly _className = 'WorksheetProtection';

  _scalarNames(): readonly string[] {
    return ['protected'];
  }

  _readScalar(sheet: SheetModel, name: string): unknown {
    return name === 'protected' ? sheet.protected : undefined;
  }

  get protected(): boolean {
    return this._get('protected');
  }

  protect(options?: unknown, password?: string): void {
    const args: unknown[] = [];
    if (options !== undefined) args.push(options);
    if (password !== undefined) args.push(password);
    this._call('protect', args, (sheet) => {
      sheet.protected = true;
    });
  }

  unprotect(password?: string): void {
    this._call('unprotect', password === undefined ? [] : [password], (sheet) => {
      sheet.protected = false;
    });
  }
}
