/**
 * The functions the task pane needs from Excel, each one command in one Excel.run (run.ts).
 * Components receive them as props, so they can be tested without Office.
 */
import { runInExcel } from '../../adapters/office/run';
import type { Feature } from '../../adapters/office/features';
import { consolidateWorkbook } from '../../commands/consolidate';
import { initWorkbook, previewInit, type InitOutcome, type InitPreview } from '../../commands/init';
import { validateIntoWorkbook } from '../../commands/validate';
import type { Analysis } from '../../core/analyse';
import { UserError } from '../../core/errors';
import { findFramework } from '../../core/framework';

export interface ExcelActions {
  previewInit(frameworkId: string, example: boolean): Promise<InitPreview>;
  init(frameworkId: string, example: boolean, overwrite: boolean): Promise<InitOutcome>;
  validate(): Promise<Analysis>;
  consolidate(): Promise<Analysis>;
  selectCell(sheet: string, cell: string): Promise<void>;
  selectRows(sheet: string, rows: number[], lastColumn: number): Promise<void>;
}

function framework(id: string) {
  const f = findFramework(id);
  if (!f) throw new UserError(`Le cadre « ${id} » est inconnu.`);
  return f;
}

export const excelActions: ExcelActions = {
  previewInit: (id, example) => runInExcel(({ workbook }) => previewInit(workbook, framework(id), example)),
  init: (id, example, overwrite) => runInExcel(({ workbook }) => initWorkbook(workbook, framework(id), example, overwrite)),
  validate: () => runInExcel(({ workbook }) => validateIntoWorkbook(workbook)),
  consolidate: () => runInExcel(async ({ workbook }) => (await consolidateWorkbook(workbook, workbook, false)).analysis),
  selectCell: (sheet, cell) => runInExcel(({ workbook }) => workbook.selectCell(sheet, cell)),
  selectRows: (sheet, rows, lastColumn) => runInExcel(({ workbook }) => workbook.selectRows(sheet, rows, lastColumn)),
};

export type { Feature };
