/**
 * A sheet laid out cell by cell, ready for an adapter to write in one go. The layout is
 * computed once, in the core, so that the .xlsx and the Office adapters write the same thing.
 */
import type { CellValue } from '../contract/cells';
import type { FormatKind } from '../contract/formats';

export { NUMBER_FORMATS, type FormatKind } from '../contract/formats';

/** A formula in A1 notation, without the leading `=`, with the value the tool computed for
 * it (tests check that a spreadsheet engine computes the same). */
export interface Formula {
  formula: string;
  value: number | null;
}

/** A hyperlink to a cell of the same workbook. `target` is like `'Engagements'!D7`. */
export interface Link {
  text: string;
  target: string;
}

export type PlacedValue = CellValue | Formula | Link;

export function isFormula(v: PlacedValue): v is Formula {
  return typeof v === 'object' && v !== null && 'formula' in v;
}

export function isLink(v: PlacedValue): v is Link {
  return typeof v === 'object' && v !== null && 'target' in v;
}

export type StyleKind = 'title' | 'example' | 'note' | 'caption' | 'total';

export interface PlacedTable {
  name: string;
  /** Range of the table including its header row, like `A3:G10`. */
  ref: string;
  headerRow: number;
  firstCol: number;
  columns: string[];
  /** Number of data rows (0 allowed: the table then has one empty data row). */
  rowCount: number;
}

export type PlacedValidation = { ref: string; list: string[] } | { ref: string; source: string };

/** A native chart over a table of the sheet (drawn by the Office adapter; exceljs cannot). */
export interface PlacedChart {
  title: string;
  /** The table whose first column gives the categories and whose other columns the series. */
  table: string;
  /** Columns of that table to chart (the first is the categories). */
  columns: string[];
  kind: 'columnClustered' | 'barClustered' | 'line';
  /** Top-left cell where the chart is placed. */
  anchor: string;
}

export interface PlacedSheet {
  name: string;
  /** Cells from A1, row by row; rows may have different lengths. */
  rows: PlacedValue[][];
  styles: { ref: string; style: StyleKind }[];
  formats: { ref: string; format: FormatKind }[];
  tables: PlacedTable[];
  validations: PlacedValidation[];
  /** Rows frozen at the top (0 for none). */
  freezeRows: number;
  /** Column widths in characters, from column A. */
  widths: number[];
  /** True for the sheets the tool rebuilds on every run. */
  generated: boolean;
  /** Native charts, for the adapters that can draw them. */
  charts?: PlacedChart[];
  /** Whether users see the sheet: `veryHidden` sheets are shown only by a macro or an add-in
   * (default `visible`). */
  state?: 'visible' | 'hidden' | 'veryHidden';
  /**
   * Sheet protection without password, against mistakes (not a security measure). Every cell is
   * locked except `unlocked` (A1 ranges: the cells users fill), which adapters show with an input
   * fill. Users may still select cells, resize rows and columns, and filter tables.
   */
  protection?: { unlocked: string[] };
  /** Cells that accept only a number (`min` and more when given): a stop-style data validation. */
  numberInputs?: { ref: string; min?: number }[];
  /**
   * Conditional highlighting (an attention fill) of the cells of `ref` for which `formula` is
   * true; the formula is written for the top-left cell of `ref` (relative references move).
   */
  highlights?: { ref: string; formula: string }[];
  /** Printed (and exported to PDF) on a single page, scaled down; default: one page wide. */
  fitToOnePage?: boolean;
}
