/** Reads the seven contract tables through the port, or says in French what is missing. */
import { INPUT_ORDER, INPUT_TABLES, type InputKey } from '../core/contract/tables';
import { UserError } from '../core/shared/errors';
import type { TableProblem, TableRead, WorkbookReader } from '../ports/workbook';

export function problemMessage(p: TableProblem): string {
  const spec = Object.values(INPUT_TABLES).find((t) => t.table === p.table);
  const headers = spec ? spec.columns.map((c) => c.header).join(', ') : '';
  switch (p.kind) {
    case 'missing-sheet':
      return `La feuille « ${p.sheet} » est attendue dans le classeur, elle est absente : elle doit contenir le tableau ${p.table} (colonnes ${headers}).`;
    case 'missing-table':
      return `Feuille « ${p.sheet} » : le tableau ${p.table} est attendu, ni ce tableau ni une ligne d’en-têtes ${headers} n’ont été trouvés.`;
    case 'missing-header':
      return `Feuille « ${p.sheet} », cellule ${p.cell} : l’en-tête « ${p.header} » du tableau ${p.table} est attendu, ${p.found === null ? 'une cellule vide' : `« ${p.found} »`} a été trouvé.`;
  }
}

export async function readContractTables(reader: WorkbookReader): Promise<Record<InputKey, TableRead>> {
  const requests = INPUT_ORDER.map((k) => {
    const spec = INPUT_TABLES[k];
    return { sheet: spec.sheet, table: spec.table, headers: spec.columns.map((c) => c.header) };
  });
  const results = await reader.readTables(requests);
  const out = {} as Record<InputKey, TableRead>;
  const problems: string[] = [];
  INPUT_ORDER.forEach((k, i) => {
    const r = results[i];
    const spec = INPUT_TABLES[k];
    if (r.ok) out[k] = r.read;
    else if (spec.optional && r.problem.kind !== 'missing-header') {
      // A table added by a later version, absent from an older workbook: read as empty.
      out[k] = { sheet: spec.sheet, table: spec.table, headerRow: 1, firstCol: 1, headers: spec.columns.map((c) => c.header), rows: [] };
    } else problems.push(problemMessage(r.problem));
  });
  if (problems.length) throw new UserError(problems.join('\n'));
  return out;
}
