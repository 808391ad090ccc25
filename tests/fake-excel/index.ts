/**
 * A fake of the part of the Excel JavaScript API (Office.js) that Suivi ESS uses, with its
 * load/sync semantics: proxies, a command queue applied at `sync()`, PropertyNotLoaded, null
 * objects, RichApi errors, payload limits, cell edit mode and protected sheets. Plain
 * TypeScript without Node APIs, so that it also runs bundled in a browser page.
 *
 *     const host = new FakeExcelHost().addSheet('Cadre', [['Clé', 'Valeur'], ['Cadre', 'x']]);
 *     host.install(globalThis);          // Excel, Office, OfficeExtension
 *     await Excel.run(async (ctx) => { … });
 *     expect(host.syncs).toHaveLength(2);
 */
export * from './address';
export { API_VERSIONS, requireApi } from './api-sets';
export { FakeChart, FakeChartCollection, FakeChartTitle } from './chart';
export { FakeClientObject, FakeClientResult, FakeCollection } from './client-object';
export { FakeRequestContext, utf8Length } from './context';
export * from './errors';
export {
  CHART_TYPES,
  FakeExcelHost,
  MAX_READ_CELLS,
  type CellSnapshot,
  type ChartSnapshot,
  type ClearApplyTo as ClearApplyToValue,
  type FakeExcelHostOptions,
  type SyncRecord,
  type TableSnapshot,
} from './host';
export type { LoadOption, LoadTree } from './load';
export {
  coerceTyped,
  enterInput,
  formatText,
  SheetModel,
  type CellData,
  type CellFormat,
  type CellInput,
  type ChartModel,
  type HyperlinkData,
  type Scalar,
  type TableModel,
  type ValidationData,
} from './model';
export {
  AsyncResultStatus,
  CalculationMode,
  EventType,
  type FakeDialogRecord,
  ChartSeriesBy,
  ChartType,
  ClearApplyTo,
  createExcelNamespace,
  createOfficeNamespace,
  DataValidationAlertStyle,
  HorizontalAlignment,
  HostType,
  installFakeOffice,
  PlatformType,
  SheetVisibility,
  VerticalAlignment,
  type Batch,
  type FakeExcelNamespace,
  type FakeOfficeExtensionNamespace,
  type FakeOfficeInstallation,
  type FakeOfficeNamespace,
  type FakeRunOptions,
} from './office';
export { FakeDataValidation, FakeRange, FakeRangeAreas, FakeRangeFill, FakeRangeFont, FakeRangeFormat } from './range';
export { FakeTable, FakeTableCollection, FakeTableRow, FakeTableRowCollection } from './table';
export { FakeApplication, FakeRuntime, FakeWorkbook } from './workbook';
export { FakeFreezePanes, FakeWorksheet, FakeWorksheetCollection, FakeWorksheetProtection } from './worksheet';
