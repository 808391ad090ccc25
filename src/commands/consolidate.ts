/**
 * The consolidate command: read, check, and write the generated sheets. With `copyInputs` (a new
 * workbook, from the command line) the input tables are written first, as values.
 */
import { analyse, generated, type Analysis } from '../core/analysis/analyse';
import { periodYears } from '../core/consolidation/context';
import type { ContractTables } from '../core/contract/contract-records';
import { INPUT_ORDER, INPUT_TABLES, type InputKey } from '../core/contract/tables';
import { upgradedTables } from '../core/contract/upgrade';
import { findFramework } from '../core/framework';
import { frameworkNotes } from '../core/framework/workbook-tables';
import { inputSheets, type InputTable } from '../core/layout/input-sheets';
import type { PlacedSheet } from '../core/layout/placed';
import { referenceSheet } from '../core/layout/reference-sheet';
import type { WorkbookReader, WorkbookWriter } from '../ports/workbook';
import { readContractTables } from './read-contract';

export interface ConsolidateResult {
  analysis: Analysis;
  sheets: PlacedSheet[];
}

/**
 * The input tables laid out again for a new workbook: values as read, extra columns kept, and
 * upgraded to the current contract version (the columns added since are appended, empty).
 */
export function copiedInputSheets(tables: ContractTables, a: Analysis, only?: readonly InputKey[]): PlacedSheet[] {
  const upgraded = upgradedTables(tables);
  const input = {} as Record<InputKey, InputTable>;
  // A table the workbook lacks is written only when every sheet is: no dropdown may point at a
  // sheet that is not there.
  for (const k of INPUT_ORDER)
    input[k] = { headers: upgraded[k].headers, rows: upgraded[k].rows, absent: !!tables[k].absent && !!only && !only.includes(k) };
  const framework = a.evaluation.frame.id ? findFramework(a.evaluation.frame.id) : null;
  const sheets = inputSheets(input, {
    years: periodYears(a.evaluation, a.records),
    notes: framework ? frameworkNotes(framework) : {},
    example: a.example,
    ...(framework && !only ? { reference: referenceSheet(framework) } : {}),
  });
  return only ? sheets.filter((s) => only.some((k) => INPUT_TABLES[k].sheet === s.name)) : sheets;
}

export async function consolidateWorkbook(reader: WorkbookReader, writer: WorkbookWriter, copyInputs: boolean): Promise<ConsolidateResult> {
  const tables = await readContractTables(reader);
  const analysis = analyse(tables);
  const sheets = [...(copyInputs ? copiedInputSheets(tables, analysis) : []), ...generated(analysis)];
  await writer.writeSheets(sheets);
  return { analysis, sheets };
}
