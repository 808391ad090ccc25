/**
 * The consolidate command: read, check, and write the generated sheets. With `copyInputs`
 * (a new workbook, from the command line) the input tables are written first, as values.
 */
import { analyse, generated, type Analysis } from '../core/analysis/analyse';
import { periodYears } from '../core/consolidation/consolidate';
import { INPUT_ORDER, type InputKey } from '../core/contract/tables';
import { findFramework } from '../core/framework';
import { frameworkNotes } from '../core/examples/init-data';
import { inputSheets, type InputTable } from '../core/layout/sheets';
import type { PlacedSheet } from '../core/layout/placed';
import type { TableRead, WorkbookReader, WorkbookWriter } from '../ports/workbook';
import { readContractTables } from './read-contract';

export interface ConsolidateResult {
  analysis: Analysis;
  sheets: PlacedSheet[];
}

/** The input tables laid out again (values as read, extra columns kept), for a new workbook. */
export function copiedInputSheets(tables: Record<InputKey, TableRead>, a: Analysis): PlacedSheet[] {
  const input = {} as Record<InputKey, InputTable>;
  for (const k of INPUT_ORDER) input[k] = { headers: tables[k].headers, rows: tables[k].rows };
  const framework = a.evaluation.frame.id ? findFramework(a.evaluation.frame.id) : null;
  return inputSheets(input, {
    years: periodYears(a.evaluation, a.records),
    notes: framework ? frameworkNotes(framework) : {},
    example: a.example,
  });
}

export async function consolidateWorkbook(reader: WorkbookReader, writer: WorkbookWriter, copyInputs: boolean): Promise<ConsolidateResult> {
  const tables = await readContractTables(reader);
  const analysis = analyse(tables);
  const sheets = [...(copyInputs ? copiedInputSheets(tables, analysis) : []), ...generated(analysis)];
  await writer.writeSheets(sheets);
  return { analysis, sheets };
}
