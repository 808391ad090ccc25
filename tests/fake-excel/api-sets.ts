/**
 * The ExcelApi requirement set that brought some of the members the add-in uses. When the host's
 * `supportedSets.ExcelApi` is lower, using the member throws ApiNotFound at once, as Office.js
 * does; with the default (1.18) every member here is available. Members not listed are ungated.
 */
import { ErrorCodes, richError } from './errors';
import type { FakeExcelHost } from './host';

export const API_VERSIONS: Readonly<Record<string, string>> = {
  'Application.suspendApiCalculationUntilNextSync': '1.6',
  'Worksheet.freezePanes': '1.7',
  'Worksheet.tabColor': '1.7',
  'Worksheet.getRangeByIndexes': '1.7',
  'Range.hyperlink': '1.7',
  'WorksheetFreezePanes.getLocationOrNullObject': '1.7',
  'Range.dataValidation': '1.8',
  'Runtime.enableEvents': '1.8',
  'Worksheet.showGridlines': '1.8',
  'Worksheet.getRanges': '1.9',
  'RangeAreas.select': '1.18',
  'WorksheetCollection.getItemOrNullObject': '1.4',
  'TableCollection.getItemOrNullObject': '1.4',
  'ChartCollection.getItemOrNullObject': '1.4',
  'Worksheet.getUsedRangeOrNullObject': '1.4',
  'Range.getUsedRangeOrNullObject': '1.4',
  'WorksheetCollection.getCount': '1.4',
  'TableCollection.getCount': '1.4',
  'ChartCollection.getCount': '1.4',
  'TableRowCollection.getCount': '1.4',
};

/** Throws ApiNotFound when the host's ExcelApi version is below the member's (no ExcelApi entry: no gating). */
export function requireApi(host: FakeExcelHost, member: string): void {
  const version = API_VERSIONS[member];
  if (!version) return;
  const declared = Object.keys(host.supportedSets).some((k) => k.toUpperCase() === 'EXCELAPI');
  if (declared && !host.isSetSupported('ExcelApi', version)) throw richError(ErrorCodes.apiNotFound, member);
}
