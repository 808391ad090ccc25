/**
 * Payments (Versements) against commitments (Engagements): no payment without a commitment, never
 * more paid than committed on an action, funder and year (per beneficiary when the commitments
 * name one), no payment before the decision that grants it, and no balance (Solde) paid before
 * the action-year's report has come in (convention § 5: yearly reports to the funders).
 */
import type { ContractRecords } from '../contract/contract-records';
import { cellOf, type Origin } from '../contract/cells';
import { sumCents, type Cents } from '../shared/money';
import { normalizeKey } from '../shared/text';
import { finding, type Finding } from './findings';
import { frenchDate } from '../shared/message';

interface Resolution {
  funder: Map<Origin, string>;
  action: Map<Origin, string>;
}

const key = (...parts: (string | number)[]) => parts.join('\u0000');

/** When the report of each action-year came in: the earliest import; `null` when its date is unknown (typed in). */
function reportsReceived(records: ContractRecords, resolved: Resolution): Map<string, string | null> {
  // A report row that no import brought (typed, or from an earlier tool) dates nothing: that
  // action-year's report was in on a day nobody recorded.
  const imported = new Set(records.imports.map((h) => h.file).filter((f): f is string => !!f));
  const received = new Map<string, string | null>();
  const undated = new Set<string>();
  for (const r of records.reports) {
    if (r.year === null) continue;
    const k = key(resolved.action.get(r.origin) ?? r.action, r.year);
    if (!received.has(k)) received.set(k, null);
    if (!r.source || !imported.has(r.source)) undated.add(k);
  }
  // The earliest import of an action-year dates its report, unless that import replaced rows
  // already there (typed, or from a file imported before any history): the report was in
  // earlier, on a day nobody recorded.
  const first = new Map<string, { day: string; replaced: boolean }>();
  for (const h of records.imports) {
    if (h.year === null || !h.date) continue;
    const k = key(h.action, h.year);
    const day = h.date.slice(0, 10);
    const known = first.get(k);
    if (!known || day < known.day) first.set(k, { day, replaced: (h.replaced?.value ?? 0) > 0 });
  }
  for (const [k, f] of first) received.set(k, f.replaced || undated.has(k) ? null : f.day);
  return received;
}

export function paymentFindings(records: ContractRecords, resolved: Resolution): Finding[] {
  const findings: Finding[] = [];
  if (records.payments.length === 0) return findings;
  // Commitments by action, funder and year, with the beneficiaries they name and their decision dates.
  // A commitment whose amount is unreadable (an error at its cell) makes the committed total
  // unknown: its payments are then neither « without commitment » nor « above » it.
  const commitments = new Map<string, { cents: Cents[]; byBeneficiary: Map<string, Cents[]>; decision: string | null; unknown: boolean }>();
  for (const c of records.commitments) {
    const funder = resolved.funder.get(c.origin);
    if (!funder || c.year === null) continue;
    const k = key(resolved.action.get(c.origin) ?? c.action, funder, c.year);
    let e = commitments.get(k);
    if (!e) commitments.set(k, (e = { cents: [], byBeneficiary: new Map(), decision: null, unknown: false }));
    if (c.decisionDate && (e.decision === null || c.decisionDate < e.decision)) e.decision = c.decisionDate;
    if (!c.amount) {
      e.unknown = true;
      continue;
    }
    e.cents.push(c.amount.cents);
    if (c.beneficiary) {
      const b = normalizeKey(c.beneficiary);
      const mine = e.byBeneficiary.get(b);
      if (mine) mine.push(c.amount.cents);
      else e.byBeneficiary.set(b, [c.amount.cents]);
    }
  }
  const received = reportsReceived(records, resolved);
  const paid = new Map<string, Cents>();
  // Payments in date order: the one that crosses the committed amount is the one reported.
  const payments = [...records.payments].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.origin.row - b.origin.row);
  for (const p of payments) {
    const funder = resolved.funder.get(p.origin);
    if (!funder || p.year === null || !p.amount) continue; // reported by the cell rules
    const action = resolved.action.get(p.origin) ?? p.action;
    const k = key(action, funder, p.year);
    const c = commitments.get(k);
    const at = (field: string) => cellOf(p.origin, field) || cellOf(p.origin, 'amount');
    const named = c && c.byBeneficiary.size > 0 && p.beneficiary ? normalizeKey(p.beneficiary) : null;
    const beneficiary = named ? ` pour ${p.beneficiary}` : '';
    const vars = { funder, action, year: p.year, beneficiary };
    const committed = !c ? null : named ? (c.byBeneficiary.has(named) ? sumCents(c.byBeneficiary.get(named)!) : null) : sumCents(c.cents);
    if (committed === null && !c?.unknown) {
      findings.push(finding('VERSEMENT-SANS-ENGAGEMENT', p.origin.sheet, at('amount'), vars));
      continue;
    }
    // Against the beneficiary's commitments when the payment names one of them, and always
    // against the action-funder-year's whole commitment (a payment that names nobody counts there).
    const all = (paid.get(k) ?? 0) + p.amount.cents;
    paid.set(k, all);
    let over: { committed: Cents; total: Cents } | null = null;
    if (named && committed !== null) {
      const pk = key(k, named);
      const mine = (paid.get(pk) ?? 0) + p.amount.cents;
      paid.set(pk, mine);
      if (!c?.unknown && mine > committed) over = { committed, total: mine };
    }
    if (!over && c && !c.unknown && all > sumCents(c.cents)) over = { committed: sumCents(c.cents), total: all };
    if (over) {
      findings.push(
        finding(
          'VERSEMENT-AU-DELA',
          p.origin.sheet,
          at('amount'),
          { ...vars, expected: { cents: over.committed }, found: { cents: over.total } },
          { expected: over.committed, actual: over.total },
        ),
      );
    }
    if (p.date && c?.decision && p.date < c.decision) {
      findings.push(
        finding('VERSEMENT-AVANT-DECISION', p.origin.sheet, at('date'), {
          header: 'Date',
          expected: { value: frenchDate(c.decision) },
          found: { value: frenchDate(p.date) },
        }),
      );
    }
    if (p.type === 'Solde') {
      const report = received.get(key(action, p.year));
      const found =
        report === undefined
          ? 'aucun bilan de l’action pour cette année n’a été importé'
          : report !== null && p.date && p.date < report
            ? `il a été versé le ${frenchDate(p.date)}, le bilan n’a été importé que le ${frenchDate(report)}`
            : null;
      if (found) findings.push(finding('SOLDE-AVANT-BILAN', p.origin.sheet, at('type'), { header: 'Type', action, year: p.year, found }));
    }
  }
  return findings;
}
