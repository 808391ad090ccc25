/**
 * An in-memory workbook for tests: sheets as PlacedSheets, tables read back from their ranges.
 * Tests edit cells with `set` to make bad input, then run the commands on it.
 */
import { cellAddress, parseCell, parseRange } from '../../src/core/shared/address';
import { isFormula, isLink, type PlacedSheet, type PlacedValue } from '../../src/core/layout/placed';
import type { CellValue, TableRequest, TableResult, WorkbookPort } from '../../src/ports/workbook';

function plain(v: PlacedValue | undefined): CellValue {
  if (v === undefined || v === null) return null;
  if (isFormula(v)) return v.value;
  if (isLink(v)) return v.text;
  return v;
}

export class MemoryWorkbook implements WorkbookPort {
  sheets: PlacedSheet[];
  writes = 0;

  constructor(sheets: PlacedSheet[]) {
    this.sheets = sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]), tables: s.tables.map((t) => ({ ...t })) }));
  }

  sheet(name: string): PlacedSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** Sets a cell, e.g. set('Engagements', 'D7', 'douze mille'). */
  set(sheet: string, address: string, value: CellValue): void {
    const p = parseCell(address)!;
    const rows = this.sheet(sheet).rows;
    while (rows.length < p.row) rows.push([]);
    const row = rows[p.row - 1];
    while (row.length < p.col) row.push(null);
    row[p.col - 1] = value;
  }

  get(sheet: string, address: string): CellValue {
    const p = parseCell(address)!;
    return plain(this.sheet(sheet).rows[p.row - 1]?.[p.col - 1]);
  }

  /** Address of the first data cell of a column of a table, plus `offset` rows. */
  cellOf(table: string, header: string, offset = 0): { sheet: string; cell: string } {
    for (const s of this.sheets) {
      const t = s.tables.find((x) => x.name === table);
      if (t) return { sheet: s.name, cell: cellAddress(t.headerRow + 1 + offset, t.firstCol + t.columns.indexOf(header)) };
    }
    throw new Error(`no table ${table}`);
  }

  private located(table: string) {
    for (const s of this.sheets) {
      const t = s.tables.find((x) => x.name === table);
      if (t) return { s, t };
    }
    throw new Error(`no table ${table}`);
  }

  /** Types a row under a table's last filled row, by header (as a user extending the table); returns its row number. */
  append(table: string, values: Record<string, CellValue>): number {
    const { s, t } = this.located(table);
    let row = t.headerRow + 1;
    while (s.rows[row - 1]?.some((v) => v !== null && v !== undefined)) row++;
    for (const [header, v] of Object.entries(values)) {
      const i = t.columns.indexOf(header);
      if (i < 0) throw new Error(`no column ${header} in ${table}`);
      this.set(s.name, cellAddress(row, t.firstCol + i), v);
    }
    return row;
  }

  /** The row number of the first data row of a table whose values (by header) match. */
  rowWhere(table: string, match: Record<string, CellValue>): number {
    const { s, t } = this.located(table);
    for (let row = t.headerRow + 1; row <= s.rows.length; row++) {
      const ok = Object.entries(match).every(([h, v]) => plain(s.rows[row - 1]?.[t.firstCol - 1 + t.columns.indexOf(h)]) === v);
      if (ok) return row;
    }
    throw new Error(`no row of ${table} matches ${JSON.stringify(match)}`);
  }

  /** The address of a table's column on a given row. */
  at(table: string, header: string, row: number): string {
    const { t } = this.located(table);
    if (!t.columns.includes(header)) throw new Error(`no column ${header} in ${table}`);
    return cellAddress(row, t.firstCol + t.columns.indexOf(header));
  }

  async sheetNames(): Promise<string[]> {
    return this.sheets.map((s) => s.name);
  }

  async readTables(requests: readonly TableRequest[]): Promise<TableResult[]> {
    return requests.map((req) => {
      // A table is found by its name anywhere (its sheet may have been renamed), as the adapters do.
      const s = this.sheets.find((x) => x.tables.some((t) => t.name === req.table)) ?? this.sheets.find((x) => x.name === req.sheet);
      if (!s) return { ok: false, problem: { kind: 'missing-sheet', sheet: req.sheet, table: req.table } };
      const t = s.tables.find((x) => x.name === req.table);
      if (!t) return { ok: false, problem: { kind: 'missing-table', sheet: req.sheet, table: req.table } };
      const r = parseRange(t.ref)!;
      const headers = t.columns.map((_, i) => String(plain(s.rows[r.top - 1]?.[r.left - 1 + i]) ?? ''));
      // Rows typed below the table count as part of it, as when Excel extends a table.
      let bottom = r.bottom;
      while (s.rows[bottom]?.some((v) => v !== null && v !== undefined)) bottom++;
      const rows: CellValue[][] = [];
      for (let row = r.top + 1; row <= bottom; row++) rows.push(headers.map((_, i) => plain(s.rows[row - 1]?.[r.left - 1 + i])));
      return { ok: true, read: { sheet: s.name, table: t.name, headerRow: r.top, firstCol: r.left, headers, rows } };
    });
  }

  async writeSheets(sheets: readonly PlacedSheet[]): Promise<void> {
    this.writes++;
    for (const s of sheets) {
      const i = this.sheets.findIndex((x) => x.name === s.name);
      if (i >= 0) this.sheets[i] = s;
      else this.sheets.push(s);
    }
  }
}
