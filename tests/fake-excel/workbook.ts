/** `Excel.Workbook`, `Excel.Application` and `Excel.Runtime`. */
import { FakeClientObject } from './client-object';
import type { FakeRequestContext } from './context';
import { ErrorCodes, invalidArgument, richError } from './errors';
import { FakeRange } from './range';
import { FakeTableCollection } from './table';
import { FakeWorksheetCollection } from './worksheet';

export class FakeWorkbook extends FakeClientObject<true> {
  readonly _className = 'Workbook';
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly application: FakeApplication;

  constructor(context: FakeRequestContext) {
    super(context, 'workbook', () => true);
    this.worksheets = new FakeWorksheetCollection(context, 'workbook.worksheets');
    this.tables = new FakeTableCollection(context, 'workbook.tables', () => true);
    this.application = new FakeApplication(context, 'workbook.application', () => true);
  }

  _scalarNames(): readonly string[] {
    return [];
  }

  _readScalar(): unknown {
    return undefined;
  }

  override _navigation(name: string): FakeClientObject | undefined {
    if (name === 'worksheets') return this.worksheets;
    if (name === 'tables') return this.tables;
    if (name === 'application') return this.application;
    return undefined;
  }

  /** The selection of the active sheet (a single area; several areas: InvalidSelection, as Excel). */
  getSelectedRange(): FakeRange {
    return new FakeRange(this._context, 'workbook.getSelectedRange()', () => {
      const sheet = this._context._host.activeSheet();
      if (!sheet) throw richError(ErrorCodes.itemNotFound, 'Workbook.getSelectedRange');
      if (sheet.selection.length !== 1) throw richError(ErrorCodes.invalidSelection, 'Workbook.getSelectedRange');
      return { sheet, rect: { ...sheet.selection[0] } };
    });
  }
}

export class FakeApplication extends FakeClientObject<true> {
  readonly _className = 'Application';

  _scalarNames(): readonly string[] {
    return ['calculationMode'];
  }

  _readScalar(_t: true, name: string): unknown {
    return name === 'calculationMode' ? this._context._host.calculationMode : undefined;
  }

  get calculationMode(): string {
    return this._get('calculationMode');
  }
  set calculationMode(v: string) {
    this._setProperty('calculationMode', v, () => {
      if (v !== 'Automatic' && v !== 'AutomaticExceptTables' && v !== 'Manual') throw invalidArgument('Application.calculationMode');
      this._context._host.calculationMode = v;
    });
  }

  /** A command like any other (counted in the sync); the sync record notes it. */
  suspendApiCalculationUntilNextSync(): void {
    this._call('suspendApiCalculationUntilNextSync', [], () => undefined);
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this._call('suspendScreenUpdatingUntilNextSync', [], () => undefined);
  }

  calculate(calculationType: string): void {
    this._call('calculate', [calculationType], () => {
      if (!['Recalculate', 'Full', 'FullRebuild'].includes(calculationType)) throw invalidArgument('Application.calculate');
    });
  }
}

export class FakeRuntime extends FakeClientObject<true> {
  readonly _className = 'Runtime';

  constructor(context: FakeRequestContext) {
    super(context, 'runtime', () => true);
  }

  _scalarNames(): readonly string[] {
    return ['enableEvents'];
  }

  _readScalar(_t: true, name: string): unknown {
    return name === 'enableEvents' ? this._context._host.enableEvents : undefined;
  }

  get enableEvents(): boolean {
    return this._get('enableEvents');
  }
  set enableEvents(v: boolean) {
    this._setProperty('enableEvents', v, () => {
      if (typeof v !== 'boolean') throw invalidArgument('Runtime.enableEvents');
      this._context._host.enableEvents = v;
    });
  }
}
