/**
 * The task pane's Excel commands, each one Excel.run (run.ts). Loaded on first use, in its own
 * chunk with the core's rules and zod, so that the pane's first bundle stays small.
 */
import { openNewWorkbook, runInExcel } from '../../adapters/office/run';
import { BrowserXlsxReader } from '../../adapters/browser/report-reader';
import { xlsxBytes } from '../../adapters/xlsx/write';
import { readContractTables } from '../../commands/read-contract';
import { analyse } from '../../core/analysis/analyse';
import { reportTemplateSheets } from '../../core/layout/report-template';
import { templateFileName, workbookTemplateInput } from '../../core/reports/template-input';
import { consolidateWorkbook } from '../../commands/consolidate';
import { importIntoWorkbook } from '../../commands/import';
import { initWorkbook, previewInit } from '../../commands/init';
import { validateIntoWorkbook, validateWorkbook } from '../../commands/validate';
import { closeInWorkbook } from '../../commands/close';
import { scdlFile } from '../../commands/export-scdl';
import { UserError } from '../../core/shared/errors';
import { findFramework } from '../../core/framework';
import type { ExcelActions, PreparedTemplate } from './excel-actions';

function framework(id: string) {
  const f = findFramework(id);
  if (!f) throw new UserError('CADRE-INCONNU', { framework: id, what: 'le classeur' });
  return f;
}

export const commands: ExcelActions = {
  previewInit: (id, example) => runInExcel(({ workbook }) => previewInit(workbook, framework(id), example)),
  init: (id, example, overwrite) => runInExcel(({ workbook }) => initWorkbook(workbook, framework(id), example, overwrite)),
  validate: () => runInExcel(({ workbook }) => validateIntoWorkbook(workbook)),
  consolidate: () =>
    runInExcel(async ({ workbook }) => {
      const r = await consolidateWorkbook(workbook, workbook, false);
      return { analysis: r.analysis, sheets: r.sheets.map((s) => s.name) };
    }),
  selectCell: (sheet, cell) => runInExcel(({ workbook }) => workbook.selectCell(sheet, cell)),
  selectRows: (sheet, rows, lastColumn) => runInExcel(({ workbook }) => workbook.selectRows(sheet, rows, lastColumn)),
  // The files are read in the page by the browser reader (exceljs, loaded on first use).
  prepareTemplates: (year) =>
    runInExcel(async ({ workbook }) => {
      const a = analyse(await readContractTables(workbook));
      const f = a.evaluation.frame.id ? findFramework(a.evaluation.frame.id) : null;
      if (!f)
        throw new UserError('CADRE-INCONNU', { framework: a.evaluation.frame.id ?? 'clé « Cadre » vide', what: 'aucun modèle de bilan' });
      const out: PreparedTemplate[] = [];
      for (const action of a.records.actions) {
        const taken = workbookTemplateInput(a, action.code, year).taken;
        if (!taken.commitments?.length) continue;
        const sheets = reportTemplateSheets({
          framework: f,
          action: { code: action.code, title: action.title ?? '', axis: action.axis },
          year,
          ...taken,
        });
        out.push({
          fileName: templateFileName(action.code, year),
          action: action.code,
          title: action.title ?? '',
          bytes: xlsxBytes(sheets),
        });
      }
      return out;
    }),
  openTemplate: (bytes) => openNewWorkbook(bytes),
  close: (request) => runInExcel(({ workbook }) => closeInWorkbook(workbook, { ...request, now: new Date() })),
  // Reading only: the export never writes into the workbook.
  exportScdl: (funder, all) => runInExcel(async ({ workbook }) => scdlFile(await validateWorkbook(workbook), funder, all)),
  importReports: (files, replace, progress) =>
    runInExcel(({ workbook }) =>
      importIntoWorkbook(
        workbook,
        files.map((f) => ({ name: f.name, open: () => BrowserXlsxReader.fromBytes(f.bytes, f.name) })),
        { replace, now: new Date(), progress },
      ),
    ),
};
