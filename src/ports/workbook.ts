/**
 * The workbook port: the one interface through which commands read the contract's tables and
 * write sheets. Two adapters implement it: `adapters/xlsx` (files: the command line and the
 * pane's report files) and `adapters/office` (Excel through Office.js). The types it carries are
 * the core's, re-exported here; the core imports nothing from the port.
 *
 * Reads and writes are batched by design: a command asks for all the tables it needs in one call
 * and hands over all the sheets it produces in one call, so the Office adapter can do each in a
 * constant number of round trips.
 */
import type { TableRequest, TableResult } from '../core/contract/cells';
import type { PlacedSheet } from '../core/layout/placed';

export type { CellValue, TableProblem, TableRead, TableRequest, TableResult, UncomputedFormula } from '../core/contract/cells';
export type { PlacedSheet } from '../core/layout/placed';

export interface WorkbookReader {
  /** Names of the sheets, in workbook order. */
  sheetNames(): Promise<string[]>;
  /**
   * Reads every requested table in one batch: a table is found by its name anywhere in the
   * workbook (its sheet may have been renamed), else as a plain range of the requested sheet
   * whose header row holds the requested headers. Never modifies the workbook.
   */
  readTables(requests: readonly TableRequest[]): Promise<TableResult[]>;
}

export interface WorkbookWriter {
  /**
   * Writes the given sheets. A generated sheet is rebuilt whole (an existing sheet of that name
   * is replaced); an input sheet's table is rewritten in place where the adapter can (its rows
   * replaced, its sheet, formats and the references to it kept). Other sheets are left as they are.
   */
  writeSheets(sheets: readonly PlacedSheet[]): Promise<void>;
}

export type WorkbookPort = WorkbookReader & WorkbookWriter;

/** Optional progress callback, for long reads and writes (rows done, rows in all). */
export type Progress = (done: number, total: number, label: string) => void;
