/**
 * `Excel.TableCollection` (of the workbook or of a worksheet), `Excel.Table`,
 * `Excel.TableRowCollection` and `Excel.TableRow`.
 */
import { parseArea, rectRows, type Rect } from './address';
import { FakeClientObject, type FakeClientResult, FakeCollection } from './client-object';
import type { FakeRequestContext } from './context';
import { ErrorCodes, invalidArgument, itemNotFound, richError } from './errors';
import type { SheetModel, TableModel } from './model';
import { FakeRange, type RangeRef } from './range';
import { FakeWorksheet } from './worksheet';

/** The workbook's collection resolves to `true`; a worksheet's to its sheet. */
type Scope = SheetModel | true;

function pinnedTable(
  context: FakeRequestContext,
  find: () => TableModel | undefined,
  orNull: boolean,
  location: string,
): () => TableModel | null {
  const host = context._host;
  let id: string | null = null;
  return () => {
    if (id !== null) {
      const t = host.tableById(id);
      if (!t) throw itemNotFound(location);
      return t;
    }
    const t = find();
    if (!t) {
      if (orNull) return null;
      throw itemNotFound(location);
    }
    id = t.id;
    return t;
  };
}

export class FakeTableCollection extends FakeCollection<FakeTable, Scope, TableModel> {
  readonly _className = 'TableCollection';

  constructor(context: FakeRequestContext, path: string, scope: () => Scope | null) {
    super(context, path, scope);
  }

  _scalarNames(): readonly string[] {
    return ['count'];
  }

  _readScalar(scope: Scope, name: string): unknown {
    return name === 'count' ? this._entities(scope).length : undefined;
  }

  _entities(scope: Scope): TableModel[] {
    const host = this._context._host;
    if (scope === true) {
      // Workbook order: by sheet, then as created.
      return host.sheets.flatMap((s) => host.tablesOn(s));
    }
    return host.tablesOn(scope);
  }

  _itemProxy(table: TableModel, index: number): FakeTable {
    return new FakeTable(
      this._context,
      `${this._path}.items[${index}]`,
      pinnedTable(this._context, () => table, false, 'Table'),
    );
  }

  get count(): number {
    return this._get('count');
  }

  private _byKey(method: string, key: string, orNull: boolean): FakeTable {
    const host = this._context._host;
    const find = () => {
      const scope = this._resolver();
      if (scope === null || typeof key !== 'string') return undefined;
      const t = host.findTable(key) ?? host.tableById(key);
      if (!t) return undefined;
      return scope === true || t.sheetId === scope.id ? t : undefined;
    };
    return new FakeTable(
      this._context,
      `${this._path}.${method}(${JSON.stringify(key)})`,
      pinnedTable(this._context, find, orNull, `TableCollection.${method}`),
    );
  }

  /** By name (case-insensitive) or id; ItemNotFound at sync when there is none. */
  getItem(key: string): FakeTable {
    return this._byKey('getItem', key, false);
  }

  getItemOrNullObject(key: string): FakeTable {
    this._requireApi('TableCollection.getItemOrNullObject');
    return this._byKey('getItemOrNullObject', key, true);
  }

  getItemAt(index: number): FakeTable {
    const find = () => {
      const scope = this._resolver();
      return scope === null ? undefined : this._entities(scope)[index];
    };
    return new FakeTable(
      this._context,
      `${this._path}.getItemAt(${index})`,
      pinnedTable(this._context, find, false, 'TableCollection.getItemAt'),
    );
  }

  getCount(): FakeClientResult<number> {
    return this._context._enqueueResult(this, 'getCount', [], () => this._entities(this._target('TableCollection.getCount')).length);
  }

  /**
   * Adds a table. `address` is a Range or an address; on the workbook's collection an address
   * without sheet means the active sheet (Office.js documents so). Overlap, bad names:
   * InvalidArgument; a protected sheet: AccessDenied.
   */
  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    const host = this._context._host;
    let created: TableModel | undefined;
    const table = new FakeTable(
      this._context,
      `${this._path}.add(${address instanceof FakeRange ? address._path : JSON.stringify(address)}, ${JSON.stringify(hasHeaders)})`,
      pinnedTable(this._context, () => created, false, 'TableCollection.add'),
    );
    this._call('add', [address, hasHeaders], (scope) => {
      const location = 'TableCollection.add';
      let ref: RangeRef;
      if (address instanceof FakeRange) ref = address._target(location);
      else {
        const a = typeof address === 'string' ? parseArea(address) : null;
        if (!a) throw invalidArgument(location);
        const sheet = a.sheet !== null ? host.findSheet(a.sheet) : scope === true ? host.activeSheet() : scope;
        if (!sheet) throw invalidArgument(location);
        ref = { sheet, rect: a.rect };
      }
      if (scope !== true && ref.sheet !== scope) throw invalidArgument(location);
      created = host.createTable(ref.sheet, ref.rect, hasHeaders !== false, location);
    });
    return table;
  }
}

export class FakeTable extends FakeClientObject<TableModel> {
  readonly _className = 'Table';
  private _worksheet?: FakeWorksheet;
  private _rows?: FakeTableRowCollection;

  _scalarNames(): readonly string[] {
    return ['id', 'name', 'showBandedColumns', 'showBandedRows', 'showFilterButton', 'showHeaders', 'showTotals', 'style'];
  }

  _readScalar(t: TableModel, name: string): unknown {
    switch (name) {
      case 'id':
        return t.id;
      case 'name':
        return t.name;
      case 'showBandedColumns':
        return t.showBandedColumns;
      case 'showBandedRows':
        return t.showBandedRows;
      case 'showFilterButton':
        return t.showFilterButton;
      case 'showHeaders':
        return t.showHeaders;
      case 'showTotals':
        return t.showTotals;
      case 'style':
        return t.style;
      default:
        return undefined;
    }
  }

  override _navigation(name: string): FakeClientObject | undefined {
    if (name === 'worksheet') return this.worksheet;
    if (name === 'rows') return this.rows;
    return undefined;
  }

  private _sheetOf(t: TableModel): SheetModel {
    return this._context._host.sheetById(t.sheetId)!;
  }

  /** Table settings are writes to the table's sheet: AccessDenied when it is protected. */
  private _setTable(name: string, value: unknown, apply: (t: TableModel, location: string) => void): void {
    const location = `Table.${name}`;
    this._setProperty(name, value, (t) => {
      this._context._host.assertWritable(this._sheetOf(t), location);
      apply(t, location);
    });
  }

  get id(): string {
    return this._get('id');
  }

  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._setTable('name', v, (t, loc) => this._context._host.renameTable(t, v, loc));
  }

  get style(): string {
    return this._get('style');
  }
  set style(v: string) {
    this._setTable('style', v, (t, loc) => this._context._host.setTableStyle(t, v, loc));
  }

  private _flag(name: 'showBandedRows' | 'showBandedColumns' | 'showFilterButton', v: boolean): void {
    this._setTable(name, v, (t, loc) => {
      if (typeof v !== 'boolean') throw invalidArgument(loc);
      t[name] = v;
    });
  }

  get showBandedRows(): boolean {
    return this._get('showBandedRows');
  }
  set showBandedRows(v: boolean) {
    this._flag('showBandedRows', v);
  }

  get showBandedColumns(): boolean {
    return this._get('showBandedColumns');
  }
  set showBandedColumns(v: boolean) {
    this._flag('showBandedColumns', v);
  }

  get showFilterButton(): boolean {
    return this._get('showFilterButton');
  }
  set showFilterButton(v: boolean) {
    this._flag('showFilterButton', v);
  }

  get showHeaders(): boolean {
    return this._get('showHeaders');
  }
  set showHeaders(v: boolean) {
    this._setTable('showHeaders', v, (t, loc) => this._context._host.setTableShowHeaders(t, v, loc));
  }

  get showTotals(): boolean {
    return this._get('showTotals');
  }
  set showTotals(v: boolean) {
    this._setTable('showTotals', v, (t, loc) => this._context._host.setTableShowTotals(t, v, loc));
  }

  get worksheet(): FakeWorksheet {
    return (this._worksheet ??= new FakeWorksheet(this._context, `${this._path}.worksheet`, () => {
      const t = this._resolver();
      return t === null ? null : this._sheetOf(t);
    }));
  }

  get rows(): FakeTableRowCollection {
    return (this._rows ??= new FakeTableRowCollection(this._context, `${this._path}.rows`, this._resolver));
  }

  private _part(method: string, f: (t: TableModel) => Rect): FakeRange {
    return new FakeRange(this._context, `${this._path}.${method}()`, () => {
      const t = this._resolver();
      return t === null ? null : { sheet: this._sheetOf(t), rect: f(t) };
    });
  }

  /** The whole table: header row and total row included when they are shown (`[#All]`). */
  getRange(): FakeRange {
    return this._part('getRange', (t) => ({ ...t.rect }));
  }

  /**
   * The header row. With the header row hidden, what Excel answers is undocumented: the fake
   * fails (InvalidOperation), so that code relying on it is caught; check `showHeaders` first.
   */
  getHeaderRowRange(): FakeRange {
    return this._part('getHeaderRowRange', (t) => {
      if (!t.showHeaders) throw richError(ErrorCodes.invalidOperation, 'Table.getHeaderRowRange');
      return { ...t.rect, r1: t.rect.r0 };
    });
  }

  /** The data rows, without header and total rows. */
  getDataBodyRange(): FakeRange {
    return this._part('getDataBodyRange', (t) => this._context._host.tableDataRect(t));
  }

  /** The total row; without one, undocumented: the fake fails (InvalidOperation), as above. */
  getTotalRowRange(): FakeRange {
    return this._part('getTotalRowRange', (t) => {
      if (!t.showTotals) throw richError(ErrorCodes.invalidOperation, 'Table.getTotalRowRange');
      return { ...t.rect, r0: t.rect.r1 };
    });
  }

  /** Deletes the table and clears its cells. */
  delete(): void {
    this._call('delete', [], (t) => {
      this._context._host.assertWritable(this._sheetOf(t), 'Table.delete');
      this._context._host.deleteTable(t, true);
    });
  }

  /** Turns the table into a plain range: cells stay as they are. */
  convertToRange(): FakeRange {
    let rect: Rect | null = null;
    let sheet: SheetModel | null = null;
    const range = new FakeRange(this._context, `${this._path}.convertToRange()`, () => (sheet && rect ? { sheet, rect } : null));
    this._call('convertToRange', [], (t) => {
      sheet = this._sheetOf(t);
      this._context._host.assertWritable(sheet, 'Table.convertToRange');
      rect = { ...t.rect };
      this._context._host.deleteTable(t, false);
    });
    return range;
  }
}

interface RowEntity {
  table: TableModel;
  index: number;
}

export class FakeTableRowCollection extends FakeCollection<FakeTableRow, TableModel, RowEntity> {
  readonly _className = 'TableRowCollection';

  _scalarNames(): readonly string[] {
    return ['count'];
  }

  _readScalar(t: TableModel, name: string): unknown {
    return name === 'count' ? rectRows(this._context._host.tableDataRect(t)) : undefined;
  }

  _entities(t: TableModel): RowEntity[] {
    const n = rectRows(this._context._host.tableDataRect(t));
    return Array.from({ length: n }, (_, index) => ({ table: t, index }));
  }

  _itemProxy(e: RowEntity, index: number): FakeTableRow {
    return new FakeTableRow(this._context, `${this._path}.items[${index}]`, () => e);
  }

  get count(): number {
    return this._get('count');
  }

  getCount(): FakeClientResult<number> {
    return this._context._enqueueResult(this, 'getCount', [], () =>
      rectRows(this._context._host.tableDataRect(this._target('TableRowCollection.getCount'))),
    );
  }

  getItemAt(index: number): FakeTableRow {
    return new FakeTableRow(this._context, `${this._path}.getItemAt(${index})`, () => {
      const t = this._resolver();
      if (t === null) return null;
      if (!Number.isInteger(index) || index < 0 || index >= rectRows(this._context._host.tableDataRect(t)))
        throw invalidArgument('TableRowCollection.getItemAt');
      return { table: t, index };
    });
  }

  /**
   * Inserts rows (at `index`, or at the end when it is null, undefined or -1), filled from
   * `values` (one row per array). Every call is counted in `host.rowAddCalls`.
   */
  add(index?: number | null, values?: unknown[][], alwaysInsert?: boolean): FakeTableRow {
    const host = this._context._host;
    host.rowAddCalls++;
    let entity: RowEntity | null = null;
    const row = new FakeTableRow(this._context, `${this._path}.add()`, () => entity);
    const args: unknown[] = [index ?? null];
    if (values !== undefined) args.push(values);
    if (alwaysInsert !== undefined) args.push(alwaysInsert);
    this._call('add', args, (t) => {
      const at = host.addTableRows(t, index, values, 'TableRowCollection.add');
      entity = { table: t, index: at };
    });
    return row;
  }
}

export class FakeTableRow extends FakeClientObject<RowEntity> {
  readonly _className = 'TableRow';

  _scalarNames(): readonly string[] {
    return ['index', 'values'];
  }

  private _rect(e: RowEntity): Rect {
    const data = this._context._host.tableDataRect(e.table);
    return { r0: data.r0 + e.index, r1: data.r0 + e.index, c0: data.c0, c1: data.c1 };
  }

  _readScalar(e: RowEntity, name: string): unknown {
    if (name === 'index') return e.index;
    if (name === 'values') {
      const host = this._context._host;
      return host.readGrid(host.sheetById(e.table.sheetId)!, this._rect(e), 'values', 'TableRow.values');
    }
    return undefined;
  }

  get index(): number {
    return this._get('index');
  }

  get values(): unknown[][] {
    return this._get('values');
  }
  set values(v: unknown[][]) {
    this._setProperty('values', v, (e) => {
      const host = this._context._host;
      host.writeGrid(host.sheetById(e.table.sheetId)!, this._rect(e), v, 'values', 'TableRow.values');
    });
  }

  getRange(): FakeRange {
    return new FakeRange(this._context, `${this._path}.getRange()`, () => {
      const e = this._resolver();
      return e === null ? null : { sheet: this._context._host.sheetById(e.table.sheetId)!, rect: this._rect(e) };
    });
  }
}
