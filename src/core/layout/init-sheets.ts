/** The input sheets of a new workbook from a framework (`init`). */
import { frameworkNotes, frameworkTables, periodOf } from '../framework/workbook-tables';
import type { Framework } from '../framework/schema';
import { inputSheets } from './input-sheets';
import type { PlacedSheet } from './placed';
import { referenceSheet } from './reference-sheet';

export function initSheets(f: Framework, example: boolean): PlacedSheet[] {
  return inputSheets(frameworkTables(f, example), { years: periodOf(f), notes: frameworkNotes(f), example, reference: referenceSheet(f) });
}
