/** The `Contrôles` sheet: one row per finding, with a link to its cell and both sides' amounts. */
import { CONTROLS } from '../contract/tables';
import type { Finding } from '../rules/findings';
import { renderFinding, SEVERITY_LABEL } from '../rules/render';
import { quoteSheet } from '../shared/address';
import { centsToEuros } from '../shared/money';
import { fr } from '../shared/typography';
import { SheetBuilder, type Cell } from './builder';
import { generatedHeader } from './header';
import type { PlacedSheet } from './placed';

export function controlsSheet(input: { findings: readonly Finding[]; example: boolean }): PlacedSheet {
  const b = new SheetBuilder(CONTROLS.sheet, true);
  const errors = input.findings.filter((f) => f.severity === 'error').length;
  const warnings = input.findings.length - errors;
  generatedHeader(b, 'Contrôles — anomalies trouvées dans les feuilles de saisie', input.example, [
    errors + warnings === 0
      ? 'Aucune anomalie : les engagements correspondent à la convention et toutes les cellules sont lisibles.'
      : fr`${errors} erreur(s), ${warnings} avertissement(s). Cliquez sur une cellule de la colonne « Cellule » pour aller à la cellule en cause.`,
  ]);
  const money = (c: number | undefined) => (c === undefined ? null : centsToEuros(c));
  const rows: Cell[][] = input.findings.map((f) => [
    SEVERITY_LABEL[f.severity],
    f.rule,
    f.sheet,
    f.cell ? { text: f.cell, target: `${quoteSheet(f.sheet)}!${f.cell}` } : null,
    renderFinding(f),
    money(f.expected),
    money(f.actual),
  ]);
  const t = b.declared(CONTROLS, rows);
  b.freezeAt(t.headerRow);
  return b.build();
}
