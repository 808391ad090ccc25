/**
 * A finding: one rule broken at one place, as data. Like a DHIS2 validation violation it records
 * the values of both sides (expected and actual, in cents when the rule is about money); its
 * French sentence is written by `render.ts` from the rule's template and the finding's parameters.
 */
import type { Params } from '../shared/message';
import type { Cents } from '../shared/money';
import { RULES, type RuleId, type Severity } from './catalogue';
import { compareText } from '../shared/order';

export type { Severity } from './catalogue';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** For a report file being imported: its name (the sheet and cell are in that file). */
  file?: string;
  sheet: string;
  /** A1 address of the cell the finding points at (or of a table's header cell); `''` for a whole file. */
  cell: string;
  params: Params;
  expected?: Cents;
  actual?: Cents;
}

/** A finding of a rule, with the rule's own severity unless another is given. */
export function finding(
  rule: RuleId,
  sheet: string,
  cell: string,
  params: Params = {},
  more: Partial<Pick<Finding, 'severity' | 'expected' | 'actual' | 'file'>> = {},
): Finding {
  return { rule, severity: more.severity ?? RULES[rule].severity, sheet, cell, params, ...more };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

/** Errors first, then by sheet (in `sheetOrder`), then by row and column of the cell. */
export function sortFindings(findings: readonly Finding[], sheetOrder: readonly string[]): Finding[] {
  const rank = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? sheetOrder.length : i;
  };
  // Positions parsed once per finding (a sort compares each many times).
  const positions = new Map<Finding, readonly [number, number, string]>();
  const pos = (f: Finding) => {
    let p = positions.get(f);
    if (!p) {
      const m = /^([A-Z]+)(\d+)$/.exec(f.cell);
      positions.set(f, (p = m ? ([Number(m[2]), m[1].length, m[1]] as const) : ([0, 0, ''] as const)));
    }
    return p;
  };
  const codePoints = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...findings].sort((a, b) => {
    if (a.severity !== b.severity) return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
    if (a.sheet !== b.sheet) return rank(a.sheet) - rank(b.sheet) || compareText(a.sheet, b.sheet);
    const pa = pos(a);
    const pb = pos(b);
    return pa[0] - pb[0] || pa[1] - pb[1] || codePoints(pa[2], pb[2]) || codePoints(a.rule, b.rule);
  });
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
