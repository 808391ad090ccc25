/** Every formula cell of some sheets, with its address and the value the tool computed (for checks). */
import { cellAddress } from '../shared/address';
import { isFormula, type PlacedSheet } from './placed';

export function formulaCells(sheets: readonly PlacedSheet[]): { sheet: string; cell: string; formula: string; value: number | null }[] {
  const out: { sheet: string; cell: string; formula: string; value: number | null }[] = [];
  for (const s of sheets) {
    s.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (isFormula(v)) out.push({ sheet: s.name, cell: cellAddress(r + 1, c + 1), formula: v.formula, value: v.value });
      }),
    );
  }
  return out;
}
