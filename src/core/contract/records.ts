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

function isEmptyRow(row: readonly CellValue[]): boolean {
  return row.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));
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
  // value. Values read are never mutated, so records may share them.
  const memos = decl.columns.map(() => new Map<CellValue, CellRead<unknown>>());
  const findings: Finding[] = [];
  const records: RecordOf<D>[] = [];
  for (let r = 0; r < read.rows.length; r++) {
    const raw = read.rows[r];
    if (isEmptyRow(raw)) continue;
    const row = read.headerRow + 1 + r;
    const rec: Record<string, unknown> = { origin: { sheet: read.sheet, row, columns } satisfies Origin };
    for (let k = 0; k < decl.columns.length; k++) {
      const c = decl.columns[k];
      if (index[k] < 0) {
        rec[c.field] = null;
        continue;
      }
      const v = raw[index[k]] ?? null;
      const memo = memos[k];
      const memoable = v === null || typeof v !== 'object';
      let res = memoable ? memo.get(v) : undefined;
      if (!res) {
        res = readCell(c.kind, v);
        if (memoable && memo.size < MEMO_LIMIT) memo.set(v, res);
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
