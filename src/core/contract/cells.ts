/**
 * What a workbook's cells hold once read, as both adapters give them, and where a record comes
 * from. The port (`src/ports/workbook.ts`) re-exports these types.
 */

/**
 * A formula whose result the file does not carry (written by a program that does not compute,
 * or saved without recalculation): reading it as empty would lose a value silently.
 */
export interface UncomputedFormula {
  readonly uncomputed: string;
}

/**
 * A cell value: a number, a text, a boolean, empty (`null`), or a formula without result.
 * Date-formatted cells are read as ISO text (`2015-03-12`, `2015-03-12T10:30:00`), never as
 * their serial number: an amount cell holding a date must not count as 42 075 €.
 */
export type CellValue = string | number | boolean | null | UncomputedFormula;

export function isUncomputed(v: unknown): v is UncomputedFormula {
  return typeof v === 'object' && v !== null && 'uncomputed' in v;
}

/** What a command asks an adapter for: a table by name, expected on a sheet. */
export interface TableRequest {
  sheet: string;
  /** Earlier names of the sheet, still recognised. */
  formerSheets?: readonly string[];
  table: string;
  /**
   * The headers that identify the table's header row when it is not an Excel table (a plain
   * range): the first is looked for, the others must follow it in the same row, in any order.
   */
  headers: readonly string[];
}

/** A table as read: its place, its header row as found, and its data rows. */
export interface TableRead {
  /** The sheet where the table was found (its own name, which may differ from the request's). */
  sheet: string;
  /** Table name as found; `null` when the table was read from a plain range by its headers. */
  table: string | null;
  /** 1-based row of the header row on the sheet. */
  headerRow: number;
  /** 1-based column of the first header cell. */
  firstCol: number;
  /** Header texts as found, in sheet order (a header cell left empty is `''`). */
  headers: string[];
  /** Data rows (header and total rows excluded), each as long as `headers`. */
  rows: CellValue[][];
  /**
   * For a plain range, the first non-empty row below the blank row that ends it (a row a user
   * typed under a table after a blank row), if any.
   */
  strayRow?: number;
  /** The workbook has no such table (one added by a later contract version): read as empty. */
  absent?: boolean;
}

/** Why a requested table could not be read. */
export type TableProblem =
  | { kind: 'missing-sheet'; sheet: string; table: string }
  | { kind: 'missing-table'; sheet: string; table: string }
  | { kind: 'no-header-row'; sheet: string; table: string; cell: string };

export type TableResult = { ok: true; read: TableRead } | { ok: false; problem: TableProblem };

/**
 * Where a record came from: its sheet, its row, and the column letters of its fields (shared by
 * all the records of a table, so that 100 000 rows do not make 700 000 address strings).
 */
export interface Origin {
  sheet: string;
  row: number;
  columns: Readonly<Record<string, string>>;
}

/** The A1 address of a record's field (`''` when the column is absent from the workbook). */
export function cellOf(origin: Origin, field: string): string {
  const letters = origin.columns[field];
  return letters ? letters + origin.row : '';
}
