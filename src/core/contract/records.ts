/**
 * Reading a table into typed records, from its declaration. Columns are found by their header
 * (leniently: case, accents, apostrophes and spaces ignored), so a user who reorders columns or
 * deletes an optional one still has a readable workbook. Every record keeps where it came from,
 * so that every finding points at a cell. Reading never guesses silently: a cell that does not
 * read becomes a finding at that cell and its field is left empty.
 */
import { cellAddress, columnLetters } from '../shared/address';
import { finding, type Finding } from '../rules/findings';
import { readCell, type CellRead } from './cell-kinds';
import type { CellValue, Origin, TableRead } from './cells';
import type { ColumnDecl, RecordOf, TableDecl } from './declare';
import { headerMatches } from './headers';

/** Where each declared column is in a table as read (-1 when absent). */
export interface ColumnMap {
  index: number[];
  /** Declared columns missing from the table, required ones first. */
  missing: ColumnDecl[];
}

export function mapColumns(decl: TableDecl, read: Pick<TableRead, 'headers'>): ColumnMap {
  const taken = new Set<number>();
  const index = decl.columns.map((c) => {
    const i = read.headers.findIndex((h, k) => !taken.has(k) && headerMatches(c.header, h));
    if (i >= 0) taken.add(i);
    return i;
  });
  const missing = decl.columns.filter((_, i) => index[i] < 0);
  missing.sort((a, b) => Number(!!a.optional) - Number(!!b.optional));
  return { index, missing };
}

/** The first required column a table lacks, with where it was expected and what is there. */
export function missingRequired(decl: TableDecl, read: TableRead): { header: string; cell: string; found: string | null } | null {
  const { index } = mapColumns(decl, read);
  const i = decl.columns.findIndex((c, k) => index[k] < 0 && !c.optional);
  if (i < 0) return null;
  const found = read.headers[i] ?? '';
  return { header: decl.columns[i].header, cell: cellAddress(read.headerRow, read.firstCol + i), found: found === '' ? null : found };
}

/** Whether every cell of a row is empty (a hole of a wide row is an empty cell). */
function isEmptyRow(row: readonly CellValue[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v !== null && v !== undefined && (typeof v !== 'string' || v.trim() !== '')) return false;
  }
  return true;
}

/** Distinct values remembered per column (enough for codes and names, bounded for amounts). */
const MEMO_LIMIT = 50_000;

export interface ReadRecords<D extends TableDecl> {
  records: RecordOf<D>[];
  findings: Finding[];
}

/**
 * Reads one table into typed records. Cells that do not read give a finding at their cell and
 * an empty field; entirely empty rows are skipped; absent optional columns read as empty.
 */
export function readRecords<D extends TableDecl>(decl: D, read: TableRead): ReadRecords<D> {
  const { index } = mapColumns(decl, read);
  const columns: Record<string, string> = {};
  decl.columns.forEach((c, k) => {
    if (index[k] >= 0) columns[c.field] = columnLetters(read.firstCol + index[k]);
  });
  // Cells repeat a lot (codes, years, names): each column remembers what its kind made of a
  // value, and the last value it read (runs of the same code, year or source are common).
  // Values read are never mutated, so records may share them.
  const width = decl.columns.length;
  const memos = decl.columns.map(() => new Map<CellValue, CellRead<unknown>>());
  const lastValue: CellValue[] = new Array<CellValue>(width).fill(null);
  const lastRead: (CellRead<unknown> | undefined)[] = new Array<CellRead<unknown> | undefined>(width).fill(undefined);
  const findings: Finding[] = [];
  const records: RecordOf<D>[] = [];
  // Rows missing from the file share one empty row: it is checked once.
  let emptyRow: readonly CellValue[] | null = null;
  for (let r = 0; r < read.rows.length; r++) {
    const raw = read.rows[r];
    if (raw === emptyRow) continue;
    if (isEmptyRow(raw)) {
      emptyRow = raw;
      continue;
    }
    const row = read.headerRow + 1 + r;
    const rec: Record<string, unknown> = { origin: { sheet: read.sheet, row, columns } satisfies Origin };
    for (let k = 0; k < width; k++) {
      const c = decl.columns[k];
      const at = index[k];
      if (at < 0) {
        rec[c.field] = null;
        continue;
      }
      const v = raw[at] ?? null;
      let res = v === lastValue[k] ? lastRead[k] : undefined;
      if (!res) {
        const memoable = v === null || typeof v !== 'object';
        const memo = memos[k];
        res = memoable ? memo.get(v) : undefined;
        if (!res) {
          res = readCell(c.kind, v);
          if (memoable && memo.size < MEMO_LIMIT) memo.set(v, res);
        }
        lastValue[k] = v;
        lastRead[k] = res;
      }
      if (res.ok) rec[c.field] = res.value;
      else {
        rec[c.field] = null;
        findings.push(finding(res.rule, read.sheet, columns[c.field] + row, { header: c.header, ...res.params }));
      }
    }
    records.push(rec as RecordOf<D>);
  }
  return { records, findings };
}
