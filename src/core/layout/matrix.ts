/** `Répartition par action`: for each year with commitments, an action × funder table with totals. */
import { MATRIX } from '../contract/tables';
import type { Consolidation } from '../consolidation/consolidate';
import { centsToEuros } from '../shared/money';
import { SheetBuilder, type Cell, type ColumnDef } from './builder';
import { generatedHeader } from './header';
import type { PlacedSheet } from './placed';

export function matrixSheet(input: { consolidation: Consolidation; example: boolean }): PlacedSheet {
  const c = input.consolidation;
  const b = new SheetBuilder(MATRIX.sheet, true);
  generatedHeader(b, 'Répartition des engagements par action et par financeur, pour chaque année', input.example, [
    c.matrices.length === 0
      ? 'Aucun engagement lisible pour l’instant.'
      : 'Une ligne par action engagée, une colonne par financeur ; les totaux sont des formules.',
  ]);
  for (const m of c.matrices) {
    b.line([`Année ${m.year}`], 'title');
    const funders = m.funders;
    const rows: Cell[][] = m.rows.map((r) => [
      r.action,
      r.title,
      ...r.cells.map(centsToEuros),
      (ref) => ({ formula: `SUM(${ref(funders[0])}:${ref(funders[funders.length - 1])})`, value: centsToEuros(r.total) }),
    ]);
    const values: Record<string, number> = { Total: centsToEuros(m.total) };
    funders.forEach((f, i) => (values[f] = centsToEuros(m.totals[i])));
    const t = b.declared(MATRIX, rows, {
      table: `${MATRIX.table}${m.year}`,
      more: [
        ...funders.map((f): ColumnDef => ({ header: f, format: 'money', width: Math.max(16, f.length + 2) })),
        { header: 'Total', format: 'money', width: 18 },
      ],
      totals: { label: 'Total', sum: [...funders, 'Total'], values },
    });
    if (b.build().freezeRows === 0) b.freezeAt(t.headerRow);
    b.blank();
  }
  return b.build();
}
