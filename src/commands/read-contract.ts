/** Reads the contract's input tables through the port, or says in French what is missing and where. */
import type { TableDecl } from '../core/contract/declare';
import { headersOf } from '../core/contract/declare';
import { missingRequired } from '../core/contract/records';
import { INPUT_ORDER, INPUT_TABLES, type InputKey } from '../core/contract/tables';
import { UserError } from '../core/shared/errors';
import type { TableProblem, TableRead, TableRequest, WorkbookReader } from '../ports/workbook';

/** What to ask an adapter for a declared table: the headers that identify a plain range are the required ones. */
export function requestOf(decl: TableDecl): TableRequest {
  return {
    sheet: decl.sheet,
    ...(decl.formerSheets ? { formerSheets: decl.formerSheets } : {}),
    table: decl.table,
    headers: decl.columns.filter((c) => !c.optional).map((c) => c.header),
  };
}

export function problemError(decl: TableDecl, p: TableProblem): UserError {
  const headers = headersOf(decl).join(', ');
  switch (p.kind) {
    case 'missing-sheet':
      return new UserError('FEUILLE-ABSENTE', { sheet: p.sheet, table: p.table, headers });
    case 'missing-table':
      return new UserError('TABLEAU-ABSENT', { sheet: p.sheet, table: p.table, headers });
    case 'no-header-row':
      return new UserError('TABLEAU-SANS-EN-TETES', { sheet: p.sheet, table: p.table, cell: p.cell, headers });
  }
}

/** Reads declared tables; a table that cannot be read, or lacks a required column, is an error. */
export async function readDeclaredTables(reader: WorkbookReader, decls: readonly TableDecl[]): Promise<TableRead[]> {
  const results = await reader.readTables(decls.map(requestOf));
  const problems: UserError[] = [];
  const out = results.map((r, i): TableRead => {
    const decl = decls[i];
    if (!r.ok) {
      // A table added by a later version, absent from an older workbook: read as empty.
      if (decl.optional && r.problem.kind !== 'no-header-row') return { ...emptyTable(decl), absent: true };
      problems.push(problemError(decl, r.problem));
      return emptyTable(decl);
    }
    const missing = missingRequired(decl, r.read);
    if (missing) {
      problems.push(
        new UserError('EN-TETE-ABSENT', {
          sheet: r.read.sheet,
          table: decl.table,
          ...missing,
          found: missing.found === null ? 'une cellule vide' : { value: missing.found },
          headers: headersOf(decl).join(', '),
        }),
      );
    }
    return r.read;
  });
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new UserError('PLUSIEURS', { list: problems.map((p) => p.message).join('\n') });
  return out;
}

function emptyTable(decl: TableDecl): TableRead {
  return { sheet: decl.sheet, table: decl.table, headerRow: 1, firstCol: 1, headers: headersOf(decl), rows: [] };
}

/** Reads every input table of the contract. */
export async function readContractTables(reader: WorkbookReader): Promise<Record<InputKey, TableRead>> {
  const reads = await readDeclaredTables(
    reader,
    INPUT_ORDER.map((k) => INPUT_TABLES[k]),
  );
  return Object.fromEntries(INPUT_ORDER.map((k, i) => [k, reads[i]])) as Record<InputKey, TableRead>;
}
