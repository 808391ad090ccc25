/**
 * How a table of the workbook contract is declared: once, as data. Header checks, typed records,
 * the readers' column mapping, the writers' formats and dropdowns, and the tables of
 * `docs/contrat-classeur.md` all come from a table's declaration.
 */
import type { CellKind } from './cell-kinds';
import type { CellValue, Origin } from './cells';
import type { FormatKind } from './formats';

/** Where a column's dropdown takes its values (a vocabulary column brings its own list). */
export type DropdownSource =
  'years' | 'funders' | 'actions' | 'indicators' | 'territories' | 'axes' | 'objectives' | 'bodies' | 'questions';

export interface ColumnDecl<F extends string = string, T = unknown> {
  /** Field name of the typed record. */
  readonly field: F;
  /** The header users see, exactly as written by Suivi ESS (read leniently). */
  readonly header: string;
  readonly kind: CellKind<T>;
  /** Column width in characters. */
  readonly width: number;
  /** What the column accepts, in French: one line of the users' documentation. */
  readonly doc: string;
  /** The column may be absent from a workbook (deleted, or from an earlier contract version): its cells read as empty. */
  readonly optional?: boolean;
  readonly dropdown?: DropdownSource;
  /** The contract version that added the column. */
  readonly since?: number;
  /** A number format other than the kind's (generated tables). */
  readonly format?: FormatKind;
}

export interface TableDecl<C extends readonly ColumnDecl[] = readonly ColumnDecl[]> {
  readonly sheet: string;
  /** Earlier names of the sheet, still recognised when reading. */
  readonly formerSheets?: readonly string[];
  readonly table: string;
  /** What the table holds, in French (the sheet's title line and the documentation). */
  readonly purpose: string;
  readonly role: 'input' | 'generated' | 'report';
  readonly columns: C;
  /** A table added by a later contract version: a workbook without it reads it as empty. */
  readonly optional?: boolean;
  readonly since?: number;
  /** For generated tables whose columns depend on the data: what follows the declared columns. */
  readonly then?: string;
}

export function column<F extends string, T>(
  field: F,
  header: string,
  kind: CellKind<T>,
  width: number,
  doc: string,
  more: Partial<Pick<ColumnDecl, 'optional' | 'dropdown' | 'since' | 'format'>> = {},
): ColumnDecl<F, T> {
  return { field, header, kind, width, doc, ...more };
}

export function table<const C extends readonly ColumnDecl[]>(decl: TableDecl<C>): TableDecl<C> {
  return decl;
}

/** A record of a table: a field per column, typed by its cell kind, and where it came from. */
export type RecordOf<D extends TableDecl> = { origin: Origin } & {
  -readonly [C in D['columns'][number] as C['field']]: C extends ColumnDecl<string, infer T> ? T : never;
};

/** The headers of a table's columns, in order. */
export function headersOf(decl: TableDecl): string[] {
  return decl.columns.map((c) => c.header);
}

/** The column of a field. */
export function columnOf(decl: TableDecl, field: string): ColumnDecl {
  const c = decl.columns.find((x) => x.field === field);
  if (!c) throw new Error(`no field ${field} in ${decl.table}`);
  return c;
}

/** A row of a table in its declared column order, from values by field (absent fields empty). */
export function rowOf<D extends TableDecl>(decl: D, values: { [F in D['columns'][number]['field']]?: unknown }): CellValue[] {
  const v = values as Record<string, unknown>;
  return decl.columns.map((c) => (v[c.field] ?? null) as CellValue);
}
