/**
 * Builds a PlacedSheet line by line: title and note lines, then tables with their formats,
 * dropdowns and totals rows. Formulas refer to cells by column header, resolved here.
 */
import type { TableDecl } from '../contract/declare';
import { cellAddress, columnLetters, EXCEL_MAX_ROWS, quoteSheet, rangeAddress } from '../shared/address';
import { frenchTypography } from '../shared/typography';
import type { FormatKind, PlacedSheet, PlacedTable, PlacedValue, StyleKind } from './placed';

/** A cell whose content depends on its position: `ref('Engagé (€)')` is the same row's cell. */
export type CellFn = (ref: (header: string) => string, row: number) => PlacedValue;
export type Cell = PlacedValue | CellFn;

export interface ColumnDef {
  header: string;
  format?: FormatKind;
  width?: number;
  validation?: { list: string[] } | { source: string };
}

export interface TableOptions {
  /** Rows below the data that get the same formats and dropdowns, for users' new entries (no further than the grid's last row). */
  extraRows?: number;
  /** A totals row under the table: label in the first column, SUM of these columns. */
  totals?: { label: string; sum: string[]; values: Record<string, number> };
}

export interface PlacedTableInfo extends PlacedTable {
  /** Absolute column number of a header. */
  col(header: string): number;
  /** `'Sheet'!$C$5:$C$20`: a column's data range, for dropdown sources and formulas. */
  columnRange(header: string, extraRows?: number): string;
}

/** The longest list of values Excel accepts in a dropdown (its formula, commas included). */
export const MAX_LIST_LENGTH = 255;

/** The most characters Excel holds in a cell. */
export const MAX_CELL_TEXT = 32767;

/**
 * A value as Excel can hold it: a longer text (a file made by another program can hold one) is
 * cut at the limit, never in the middle of a surrogate pair; the analysis reports it
 * (TEXTE-TROP-LONG) at its input cell.
 */
function fit(v: PlacedValue): PlacedValue {
  if (typeof v !== 'string' || v.length <= MAX_CELL_TEXT) return v;
  const end = /[\ud800-\udbff]/.test(v[MAX_CELL_TEXT - 1]) ? MAX_CELL_TEXT - 1 : MAX_CELL_TEXT;
  return v.slice(0, end);
}

export class SheetBuilder {
  private readonly rows: PlacedValue[][] = [];
  private readonly sheet: PlacedSheet;

  constructor(name: string, generated: boolean) {
    this.sheet = { name, rows: this.rows, styles: [], formats: [], tables: [], validations: [], freezeRows: 0, widths: [], generated };
  }

  /** The next row number (1-based). */
  get nextRow(): number {
    return this.rows.length + 1;
  }

  /** A line of cells; a title, note or example line is Suivi ESS's prose, typeset in French. */
  line(values: PlacedValue[], style?: StyleKind): number {
    if (style && style !== 'total' && style !== 'caption') values = values.map((v) => (typeof v === 'string' ? frenchTypography(v) : v));
    this.rows.push(values.map(fit));
    const row = this.rows.length;
    if (style) this.sheet.styles.push({ ref: rangeAddress(row, 1, row, Math.max(1, values.length)), style });
    return row;
  }

  blank(): void {
    this.rows.push([]);
  }

  freezeAt(row: number): void {
    this.sheet.freezeRows = row;
  }

  table(name: string, columns: ColumnDef[], rows: Cell[][], options: TableOptions = {}): PlacedTableInfo {
    const headerRow = this.nextRow;
    const headers = columns.map((c) => c.header);
    const colOf = (header: string) => {
      const i = headers.indexOf(header);
      if (i < 0) throw new Error(`no column ${header} in ${name}`);
      return i + 1;
    };
    this.rows.push([...headers]);
    this.sheet.styles.push({ ref: rangeAddress(headerRow, 1, headerRow, headers.length), style: 'caption' });
    rows.forEach((cells, i) => {
      const row = headerRow + 1 + i;
      const ref = (h: string) => cellAddress(row, colOf(h));
      this.rows.push(cells.map((c) => fit(typeof c === 'function' ? c(ref, row) : c)));
    });
    const dataRows = Math.max(rows.length, 1); // an Excel table has at least one data row
    if (rows.length === 0) this.rows.push([]);
    const bottom = headerRow + dataRows;
    const table: PlacedTable = {
      name,
      ref: rangeAddress(headerRow, 1, bottom, headers.length),
      headerRow,
      firstCol: 1,
      columns: headers,
      rowCount: rows.length,
    };
    this.sheet.tables.push(table);
    // Rows for new entries stop at the grid's last row.
    const extra = Math.max(0, Math.min(options.extraRows ?? 0, EXCEL_MAX_ROWS - bottom));
    columns.forEach((c, i) => {
      const colRef = rangeAddress(headerRow + 1, i + 1, bottom + extra, i + 1);
      if (c.format) this.sheet.formats.push({ ref: colRef, format: c.format });
      // Excel refuses a list dropdown longer than 255 characters: such a list is left out (the
      // rules still report values outside it).
      if (c.validation && !('list' in c.validation && c.validation.list.join(',').length > MAX_LIST_LENGTH)) {
        this.sheet.validations.push({ ref: colRef, ...c.validation });
      }
      const w = c.width ?? Math.max(10, c.header.length + 2);
      this.sheet.widths[i] = Math.max(this.sheet.widths[i] ?? 0, w);
    });
    if (options.totals) {
      const t = options.totals;
      const totalRow = this.line(
        headers.map((h, i) => {
          if (i === 0) return t.label;
          if (!t.sum.includes(h)) return null;
          const letter = columnLetters(i + 1);
          return { formula: `SUM(${letter}${headerRow + 1}:${letter}${bottom})`, value: t.values[h] ?? 0 };
        }),
        'total',
      );
      columns.forEach((c, i) => {
        if (c.format && t.sum.includes(c.header)) this.sheet.formats.push({ ref: cellAddress(totalRow, i + 1), format: c.format });
      });
    }
    const sheetName = this.sheet.name;
    return {
      ...table,
      col: colOf,
      columnRange: (header: string, more = 0) => {
        const letter = columnLetters(colOf(header));
        return `${quoteSheet(sheetName)}!$${letter}$${headerRow + 1}:$${letter}$${Math.min(bottom + more, EXCEL_MAX_ROWS)}`;
      },
    };
  }

  /**
   * A table as its declaration says (headers, widths, formats), followed by `more` columns whose
   * headers depend on the data (years, funders).
   */
  declared(decl: TableDecl, rows: Cell[][], options: TableOptions & { more?: ColumnDef[]; table?: string } = {}): PlacedTableInfo {
    const columns: ColumnDef[] = decl.columns.map((c) => {
      const format = c.format ?? c.kind.format ?? undefined;
      return { header: c.header, width: c.width, ...(format ? { format } : {}) };
    });
    return this.table(options.table ?? decl.table, [...columns, ...(options.more ?? [])], rows, options);
  }

  build(): PlacedSheet {
    return this.sheet;
  }
}
