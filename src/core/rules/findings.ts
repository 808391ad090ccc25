/**
 * A finding: one rule violated at one place. Like a DHIS2 validation violation it records the
 * values of both sides (expected and actual, in cents when the rule is about money).
 */
import type { Cents } from '../shared/money';

export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  /** Rule id from the rule catalogue (src/core/rules/catalogue.ts). */
  rule: string;
  sheet: string;
  /** A1 address of the cell the finding points at (or of the header cell of a table). */
  cell: string;
  /** One French sentence, naming the sheet and the cell. */
  message: string;
  expected?: Cents;
  actual?: Cents;
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  error: 'Erreur',
  warning: 'Avertissement',
};

/** Prefix every message starts with, naming the place. */
export function where(sheet: string, cell: string): string {
  return `Feuille « ${sheet} », cellule ${cell}`;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

/** Errors first, then by sheet, then by row and column of the cell. */
export function sortFindings(findings: Finding[], sheetOrder: readonly string[]): Finding[] {
  const rank = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? sheetOrder.length : i;
  };
  const pos = (cell: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(cell);
    return m ? ([Number(m[2]), m[1].length, m[1]] as const) : ([0, 0, ''] as const);
  };
  return [...findings].sort((a, b) => {
    if (a.severity !== b.severity) return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
    if (a.sheet !== b.sheet) return rank(a.sheet) - rank(b.sheet) || a.sheet.localeCompare(b.sheet);
    const pa = pos(a.cell);
    const pb = pos(b.cell);
    return pa[0] - pb[0] || pa[1] - pb[1] || pa[2].localeCompare(pb[2]) || a.rule.localeCompare(b.rule);
  });
}
