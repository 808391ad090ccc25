/** `Excel.ChartCollection`, `Excel.Chart` and `Excel.ChartTitle` (no rendering: the model keeps what was asked). */
import { FakeClientObject, type FakeClientResult, FakeCollection } from './client-object';
import type { FakeRequestContext } from './context';
import { invalidArgument, itemNotFound } from './errors';
import type { ChartModel, SheetModel } from './model';
import { FakeRange } from './range';
import { FakeWorksheet, rangeOnSheet } from './worksheet';

function pinnedChart(
  context: FakeRequestContext,
  find: () => ChartModel | undefined,
  orNull: boolean,
  location: string,
): () => ChartModel | null {
  const host = context._host;
  let id: string | null = null;
  return () => {
    if (id !== null) {
      const ch = host.charts.find((c) => c.id === id);
      if (!ch) throw itemNotFound(location);
      return ch;
    }
    const ch = find();
    if (!ch) {
      if (orNull) return null;
      throw itemNotFound(location);
    }
    id = ch.id;
    return ch;
  };
}

export class FakeChartCollection extends FakeCollection<FakeChart, SheetModel, ChartModel> {
  readonly _className = 'ChartCollection';

  constructor(context: FakeRequestContext, path: string, sheet: () => SheetModel | null) {
    super(context, path, sheet);
  }

  _scalarNames(): readonly string[] {
    return ['count'];
  }

  _readScalar(sheet: SheetModel, name: string): unknown {
    return name === 'count' ? this._context._host.chartsOn(sheet).length : undefined;
  }

  _entities(sheet: SheetModel): ChartModel[] {
    return this._context._host.chartsOn(sheet);
  }

  _itemProxy(chart: ChartModel, index: number): FakeChart {
    return new FakeChart(
      this._context,
      `${this._path}.items[${index}]`,
      pinnedChart(this._context, () => chart, false, 'Chart'),
    );
  }

  get count(): number {
    return this._get('count');
  }

  private _byName(method: string, name: string, orNull: boolean): FakeChart {
    const find = () => {
      const sheet = this._resolver();
      if (sheet === null || typeof name !== 'string') return undefined;
      return this._context._host.chartsOn(sheet).find((c) => c.name.toUpperCase() === name.toUpperCase());
    };
    return new FakeChart(
      this._context,
      `${this._path}.${method}(${JSON.stringify(name)})`,
      pinnedChart(this._context, find, orNull, `ChartCollection.${method}`),
    );
  }

  getItem(name: string): FakeChart {
    return this._byName('getItem', name, false);
  }

  getItemOrNullObject(name: string): FakeChart {
    this._requireApi('ChartCollection.getItemOrNullObject');
    return this._byName('getItemOrNullObject', name, true);
  }

  getCount(): FakeClientResult<number> {
    return this._context._enqueueResult(
      this,
      'getCount',
      [],
      () => this._context._host.chartsOn(this._target('ChartCollection.getCount')).length,
    );
  }

  /** `add(type, sourceData, seriesBy?)`: `type` a ChartType value (`'ColumnClustered'`…), `sourceData` a Range. */
  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    const host = this._context._host;
    let created: ChartModel | undefined;
    const chart = new FakeChart(
      this._context,
      `${this._path}.add(${JSON.stringify(type)})`,
      pinnedChart(this._context, () => created, false, 'ChartCollection.add'),
    );
    const args: unknown[] = [type, sourceData];
    if (seriesBy !== undefined) args.push(seriesBy);
    this._call('add', args, (sheet) => {
      if (!(sourceData instanceof FakeRange)) throw invalidArgument('ChartCollection.add');
      const source = sourceData._target('ChartCollection.add');
      created = host.createChart(sheet, type, source, seriesBy, 'ChartCollection.add');
    });
    return chart;
  }
}

export class FakeChart extends FakeClientObject<ChartModel> {
  readonly _className = 'Chart';
  private _title?: FakeChartTitle;
  private _worksheet?: FakeWorksheet;

  _scalarNames(): readonly string[] {
    return ['chartType', 'height', 'id', 'left', 'name', 'seriesBy', 'top', 'width'];
  }

  _readScalar(ch: ChartModel, name: string): unknown {
    switch (name) {
      case 'chartType':
        return ch.chartType;
      case 'height':
        return ch.height;
      case 'id':
        return ch.id;
      case 'left':
        return ch.left;
      case 'name':
        return ch.name;
      case 'seriesBy':
        return ch.seriesBy;
      case 'top':
        return ch.top;
      case 'width':
        return ch.width;
      default:
        return undefined;
    }
  }

  override _navigation(name: string): FakeClientObject | undefined {
    if (name === 'title') return this.title;
    if (name === 'worksheet') return this.worksheet;
    return undefined;
  }

  private _sheetOf(ch: ChartModel): SheetModel {
    return this._context._host.sheetById(ch.sheetId)!;
  }

  private _setChart(name: string, value: unknown, apply: (ch: ChartModel, location: string) => void): void {
    const location = `Chart.${name}`;
    this._setProperty(name, value, (ch) => {
      this._context._host.assertWritable(this._sheetOf(ch), location);
      apply(ch, location);
    });
  }

  get id(): string {
    return this._get('id');
  }

  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._setChart('name', v, (ch, loc) => {
      if (typeof v !== 'string' || v === '') throw invalidArgument(loc);
      ch.name = v;
    });
  }

  get chartType(): string {
    return this._get('chartType');
  }

  get seriesBy(): string {
    return this._get('seriesBy');
  }

  get top(): number {
    return this._get('top');
  }
  set top(v: number) {
    this._setChart('top', v, (ch) => (ch.top = v));
  }

  get left(): number {
    return this._get('left');
  }
  set left(v: number) {
    this._setChart('left', v, (ch) => (ch.left = v));
  }

  get width(): number {
    return this._get('width');
  }
  set width(v: number) {
    this._setChart('width', v, (ch) => (ch.width = v));
  }

  get height(): number {
    return this._get('height');
  }
  set height(v: number) {
    this._setChart('height', v, (ch) => (ch.height = v));
  }

  get title(): FakeChartTitle {
    return (this._title ??= new FakeChartTitle(this._context, `${this._path}.title`, this._resolver));
  }

  get worksheet(): FakeWorksheet {
    return (this._worksheet ??= new FakeWorksheet(this._context, `${this._path}.worksheet`, () => {
      const ch = this._resolver();
      return ch === null ? null : this._sheetOf(ch);
    }));
  }

  /** Places the chart at a cell (and up to another): addresses on the chart's sheet, or Ranges. */
  setPosition(startCell: string | FakeRange, endCell?: string | FakeRange): void {
    const args: unknown[] = [startCell];
    if (endCell !== undefined) args.push(endCell);
    this._call('setPosition', args, (ch) => {
      const host = this._context._host;
      const sheet = this._sheetOf(ch);
      host.assertWritable(sheet, 'Chart.setPosition');
      const at = (x: string | FakeRange) =>
        x instanceof FakeRange ? x._target('Chart.setPosition') : rangeOnSheet(host, sheet, x, 'Chart.setPosition');
      const start = at(startCell);
      const end = endCell === undefined || endCell === null ? null : at(endCell);
      if (start.sheet !== sheet || (end && end.sheet !== sheet)) throw invalidArgument('Chart.setPosition');
      host.positionChart(ch, start.rect, end ? end.rect : null);
    });
  }

  delete(): void {
    this._call('delete', [], (ch) => {
      this._context._host.assertWritable(this._sheetOf(ch), 'Chart.delete');
      this._context._host.deleteChart(ch);
    });
  }
}

export class FakeChartTitle extends FakeClientObject<ChartModel> {
  readonly _className = 'ChartTitle';

  _scalarNames(): readonly string[] {
    return ['text', 'visible'];
  }

  _readScalar(ch: ChartModel, name: string): unknown {
    if (name === 'text') return ch.title;
    if (name === 'visible') return ch.titleVisible;
    return undefined;
  }

  get text(): string {
    return this._get('text');
  }
  set text(v: string) {
    this._setProperty('text', v, (ch) => {
      if (typeof v !== 'string') throw invalidArgument('ChartTitle.text');
      ch.title = v;
      ch.titleVisible = v !== '';
    });
  }

  get visible(): boolean {
    return this._get('visible');
  }
  set visible(v: boolean) {
    this._setProperty('visible', v, (ch) => {
      if (typeof v !== 'boolean') throw invalidArgument('ChartTitle.visible');
      ch.titleVisible = v;
    });
  }
}
