/**
 * The functions the task pane needs from Excel. Components receive them as props, so they can
 * be tested without Office. The implementations (excel-commands.ts) load on first use.
 */
import type { ImportEntry } from '../../commands/import';
import type { InitOutcome, InitPreview } from '../../commands/init';
import type { Analysis } from '../../core/analysis/analyse';
import type { ScdlFile } from '../../commands/export-scdl';
import type { ClosingOperation } from '../../core/contract/vocabulary';

export interface PreparedTemplate {
  fileName: string;
  action: string;
  title: string;
  bytes: Uint8Array;
}

export interface ExcelActions {
  previewInit(frameworkId: string, example: boolean): Promise<InitPreview>;
  init(frameworkId: string, example: boolean, overwrite: boolean): Promise<InitOutcome>;
  validate(): Promise<Analysis>;
  /** Rebuilds the generated sheets; gives the analysis and the names of the sheets written. */
  consolidate(): Promise<{ analysis: Analysis; sheets: string[] }>;
  selectCell(sheet: string, cell: string): Promise<void>;
  selectRows(sheet: string, rows: number[], lastColumn: number): Promise<void>;
  /** Imports report files read in the page (nothing is sent anywhere) into the open workbook. */
  importReports(files: ReportBytes[], replace: boolean, progress: ImportProgress): Promise<ImportOutcome>;
  /** One report template per action with commitments that year, built from the workbook. */
  prepareTemplates(year: number): Promise<PreparedTemplate[]>;
  /** Opens a prepared template as a new workbook in Excel. */
  openTemplate(bytes: Uint8Array): Promise<void>;
  /** Closes or reopens a funder's year: a row in Clôtures, then the generated sheets rebuilt. */
  close(request: ClosingInput): Promise<{ analysis: Analysis; fingerprint: string }>;
  /** The SCDL « Subventions » CSV of a funder's commitments, made in the page (never sent anywhere). */
  exportScdl(funder: string, all: boolean): Promise<ScdlFile>;
}

export interface ClosingInput {
  operation: ClosingOperation;
  funder: string;
  year: number;
  reason: string;
  by: string;
}

/** A report file chosen by the user, as bytes read by the browser. */
export interface ReportBytes {
  name: string;
  bytes: ArrayBuffer;
}

export type ImportProgress = (done: number, total: number, label: string) => void;

export interface ImportOutcome {
  entries: ImportEntry[];
  analysis: Analysis;
}

const load = () => import(/* webpackChunkName: "office-actions" */ './office-actions').then((m) => m.commands);

export const excelActions: ExcelActions = {
  previewInit: async (id, example) => (await load()).previewInit(id, example),
  init: async (id, example, overwrite) => (await load()).init(id, example, overwrite),
  validate: async () => (await load()).validate(),
  consolidate: async () => (await load()).consolidate(),
  selectCell: async (sheet, cell) => (await load()).selectCell(sheet, cell),
  selectRows: async (sheet, rows, lastColumn) => (await load()).selectRows(sheet, rows, lastColumn),
  importReports: async (files, replace, progress) => (await load()).importReports(files, replace, progress),
  prepareTemplates: async (year) => (await load()).prepareTemplates(year),
  openTemplate: async (bytes) => (await load()).openTemplate(bytes),
  close: async (request) => (await load()).close(request),
  exportScdl: async (funder, all) => (await load()).exportScdl(funder, all),
};
