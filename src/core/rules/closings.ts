/**
 * Closing a funder's year (in the spirit of DHIS2's data approval): a row of `tblClotures` keeps
 * the SHA-256 fingerprint of that funder-year's Convention, Engagements and Versements rows.
 * Nothing is locked outside the workbook: the proof is the fingerprint. Any later change to those
 * rows is an error citing the closing, until a reopening row (with its reason) lifts it.
 *
 * The fingerprint is computed from the values as read (codes resolved, amounts in cents, dates
 * ISO), rows sorted: reordering rows, or retyping a funder by its name, changes nothing; changing
 * an amount, a date, a beneficiary or a reference does.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import type { ClosingRecord, ContractRecords } from '../contract/contract-records';
import { cellOf, type Origin } from '../contract/cells';
import { finding, type Finding } from './findings';
import { natureOf } from './ledger';
import { frenchDate } from '../shared/message';

interface Resolution {
  funder: Map<Origin, string>;
  action: Map<Origin, string>;
}

/** Version of the fingerprint's canonical form (written into it, so that it can evolve). */
const FINGERPRINT_VERSION = 1;

const cents = (m: { cents: number } | null) => (m ? m.cents : null);

/** The SHA-256 (hex) of a funder-year's Convention, Engagements and Versements rows. */
export function fingerprint(records: ContractRecords, resolved: Resolution, funder: string, year: number): string {
  const mine = (o: Origin, y: number | null) => y === year && resolved.funder.get(o) === funder;
  const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
  const canonical = {
    v: FINGERPRINT_VERSION,
    funder,
    year,
    convention: sorted(
      records.convention
        .filter((r) => mine(r.origin, r.year))
        .map((r) => [natureOf(r), cents(r.amount), r.status, r.source, r.date, r.reference]),
    ),
    commitments: sorted(
      records.commitments
        .filter((r) => mine(r.origin, r.year))
        .map((r) => [
          resolved.action.get(r.origin) ?? r.action,
          cents(r.amount),
          r.reference,
          r.beneficiary,
          r.siret,
          r.rna,
          r.decisionDate,
          r.purpose,
          r.aidNature,
          r.paymentTerms,
          r.euNotified,
        ]),
    ),
    payments: sorted(
      records.payments
        .filter((r) => mine(r.origin, r.year))
        .map((r) => [resolved.action.get(r.origin) ?? r.action, r.beneficiary, r.type, r.date, cents(r.amount), r.reference]),
    ),
  };
  return bytesToHex(sha256(new TextEncoder().encode(JSON.stringify(canonical))));
}

/** The latest closing or reopening of each funder-year, in table order. */
export function closingState(records: ContractRecords, resolved: Resolution): Map<string, ClosingRecord> {
  const latest = new Map<string, ClosingRecord>();
  for (const c of records.closings) {
    const funder = resolved.funder.get(c.origin);
    if (!funder || c.year === null || !c.operation) continue;
    latest.set(`${funder}\u0000${c.year}`, c);
  }
  return latest;
}

export function closingFindings(records: ContractRecords, resolved: Resolution): Finding[] {
  const findings: Finding[] = [];
  for (const c of records.closings) {
    if (c.operation === 'Réouverture' && !c.reason)
      findings.push(finding('REOUVERTURE-SANS-MOTIF', c.origin.sheet, cellOf(c.origin, 'reason'), { header: 'Motif' }));
  }
  for (const [, c] of closingState(records, resolved)) {
    if (c.operation !== 'Clôture' || c.year === null) continue;
    const funder = resolved.funder.get(c.origin)!;
    const now = fingerprint(records, resolved, funder, c.year);
    const kept = (c.fingerprint ?? '').trim().toLowerCase();
    if (kept === now) continue;
    findings.push(
      finding('CLOTURE-MODIFIEE', c.origin.sheet, cellOf(c.origin, 'fingerprint'), {
        funder,
        year: c.year,
        date: c.date ? frenchDate(c.date) : 'date inconnue',
        by: c.by ?? 'auteur inconnu',
        reason: c.reason ?? 'sans motif',
        expected: kept.slice(0, 12) || '(vide)',
        found: now.slice(0, 12),
      }),
    );
  }
  return findings;
}
