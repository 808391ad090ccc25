/**
 * The workbook port: the one interface through which commands read the contract's tables
 * and write generated sheets. Two adapters implement it: `adapters/xlsx` (files, Node) and
 * `adapters/office` (Excel through Office.js).
 *
 * Reads and writes are batched by design: a command asks for all the tables it needs in one
 * call and hands over all the sheets it produces in one call, so the Office adapter can do
 * each in a constant number of round trips.
 */
import type { PlacedSheet } from '../core/layout/placed';

/** A cell value as both Excel and exceljs expose it once formulas are resolved. */
export type CellValue = string | number | boolean | null;

/** What a command asks for: a table by name, expected on a sheet with these headers. */
export interface TableRequest {
  sheet: string;
  table: string;
  headers: readonly string[];
}

/** A table as read: its position, its header row as found, and its data rows. */
export interface TableRead {
  sheet: string;
  /** Table name as found; `null` when the table was read from a plain range by its headers. */
  table: string | null;
  /** 1-based row of the header row on the sheet. */
  headerRow: number;
  /** 1-based column of the first header cell. */
  firstCol: number;
  /** Header texts as found, in sheet order (may include extra columns after the contract's). */
  headers: string[];
  /** Data rows, each as long as `headers` (missing trailing cells are `null`). */
  rows: CellValue[][];
}

/** Why a requested table could not be read. Each carries enough to say where, in French. */
export type TableProblem =
  | { kind: 'missing-sheet'; sheet: string; table: string }
  | { kind: 'missing-table'; sheet: string; table: string }
  | { kind: 'missing-header'; sheet: string; table: string; header: string; cell: string; found: string | null };

export type TableResult = { ok: true; read: TableRead } | { ok: false; problem: TableProblem };

export interface WorkbookReader {
  /** Names of the sheets, in workbook order. */
  sheetNames(): Promise<string[]>;
  /** Reads every requested table in one batch. Never modifies the workbook. */
  readTables(requests: readonly TableRequest[]): Promise<TableResult[]>;
}

export interface WorkbookWriter {
  /**
   * Writes the given sheets, each rebuilt whole: an existing sheet of the same name is
   * replaced (its content cleared), other sheets are left as they are.
   */
  writeSheets(sheets: readonly PlacedSheet[]): Promise<void>;
}

export type WorkbookPort = WorkbookReader & WorkbookWriter;

/** Optional progress callback, for long reads and writes (rows done, rows in all). */
export type Progress = (done: number, total: number, label: string) => void;
