/**
 * The task pane's Excel commands, each one Excel.run (run.ts). Loaded on first use, in its own
 * chunk with the core's rules and zod, so that the pane's first bundle stays small.
 */
import { runInExcel } from '../../adapters/office/run';
import { BrowserXlsxReader } from '../../adapters/xlsx/browser-reader';
import { consolidateWorkbook } from '../../commands/consolidate';
import { importIntoWorkbook } from '../../commands/import';
import { initWorkbook, previewInit } from '../../commands/init';
import { validateIntoWorkbook } from '../../commands/validate';
import { UserError } from '../../core/errors';
import { findFramework } from '../../core/framework';
import type { ExcelActions } from './excel-actions';

function framework(id: string) {
  const f = findFramework(id);
  if (!f) throw new UserError(`Le cadre « ${id} » est inconnu.`);
  return f;
}

export const commands: ExcelActions = {
  previewInit: (id, example) => runInExcel(({ workbook }) => previewInit(workbook, framework(id), example)),
  init: (id, example, overwrite) => runInExcel(({ workbook }) => initWorkbook(workbook, framework(id), example, overwrite)),
  validate: () => runInExcel(({ workbook }) => validateIntoWorkbook(workbook)),
  consolidate: () => runInExcel(async ({ workbook }) => (await consolidateWorkbook(workbook, workbook, false)).analysis),
  selectCell: (sheet, cell) => runInExcel(({ workbook }) => workbook.selectCell(sheet, cell)),
  selectRows: (sheet, rows, lastColumn) => runInExcel(({ workbook }) => workbook.selectRows(sheet, rows, lastColumn)),
  // The files are read in the page by the browser reader (exceljs, loaded on first use).
  importReports: (files, replace, progress) =>
    runInExcel(({ workbook }) =>
      importIntoWorkbook(
        workbook,
        files.map((f) => ({ name: f.name, open: () => BrowserXlsxReader.fromBytes(f.bytes, f.name) })),
        { replace, now: new Date(), progress },
      ),
    ),
};
