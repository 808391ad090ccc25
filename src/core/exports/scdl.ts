/**
 * Open data: the essential data of a funder's subsidies in the SCDL « Subventions » schema,
 * version 2.1.1 (schema.data.gouv.fr, scdl/subventions): its 16 columns in the schema's order,
 * UTF-8, comma-separated, dot decimals, ISO dates. By default the commitments above 23 000 €
 * (décret n° 2001-495 sets the threshold; décret n° 2017-779 the data to publish), all of them
 * on request. A commitment that lacks a required field is reported at its cell and nothing is
 * written: an invalid open-data file is worse than none.
 *
 * Mapping (documented in docs/export-scdl.md): one row per commitment (a commitment names one
 * beneficiary, so pourcentageSubvention is 1); datesPeriodeVersement is the date of the payment,
 * or the first and last payments' dates, or, before any payment, the commitment's year
 * (YYYY-01-01/YYYY-12-31: the planned period); idRAE and dispositifAide are left empty.
 */
import type { Analysis } from '../analysis/analyse';
import { cellAddress } from '../shared/address';
import { cellOf, type Origin } from '../contract/cells';
import type { FunderRecord } from '../contract/contract-records';
import { columnOf } from '../contract/declare';
import { COMMITMENTS, FUNDERS } from '../contract/tables';
import { finding, type Finding } from '../rules/findings';
import { normalizeKey, looksLikeFormula } from '../shared/text';

/** The 16 fields of SCDL « Subventions » 2.1.1, in the schema's order. */
export const SCDL_FIELDS = [
  'nomAttribuant',
  'idAttribuant',
  'dateConvention',
  'referenceDecision',
  'nomBeneficiaire',
  'idBeneficiaire',
  'rnaBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'idRAE',
  'notificationUE',
  'pourcentageSubvention',
  'dispositifAide',
] as const;

export type ScdlRow = Record<(typeof SCDL_FIELDS)[number], string>;

/** Above this amount a subsidy's essential data must be published (décret n° 2001-495, art. 1: 23 000 €). */
export const PUBLICATION_THRESHOLD_CENTS = 2_300_000;

/** The schema's longest `objet`. */
const MAX_PURPOSE = 256;

const NATURE: Record<string, string> = { 'Aide en numéraire': 'aide en numéraire', 'Aide en nature': 'aide en nature' };
const TERMS: Record<string, string> = { Unique: 'unique', Échelonné: 'échelonné' };
const YES_NO: Record<string, string> = { Oui: 'oui', Non: 'non' };

/** Cents as the schema's number: a dot, two decimals, no grouping (`47800.20`). */
function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export interface ScdlExport {
  rows: ScdlRow[];
  findings: Finding[];
  /** Commitments of the funder left out because they are not above the threshold. */
  belowThreshold: number;
}

/**
 * The export of a funder's commitments (`funder`: a record of the Financeurs table). Findings
 * point at the cells to fill; when there is any, `rows` is empty.
 */
export function scdlExport(a: Analysis, funder: FunderRecord, all: boolean): ScdlExport {
  const { records, evaluation } = a;
  const findings: Finding[] = [];
  const f = funder;
  type Table = typeof FUNDERS | typeof COMMITMENTS;
  // A column absent from the workbook (an earlier contract version): point at the row's first cell.
  const at = (origin: Origin, field: string) => cellOf(origin, field) || cellAddress(origin.row, 1);
  const missing = (origin: Origin, table: Table, field: string, label: string) =>
    findings.push(finding('SCDL-CHAMP-MANQUANT', origin.sheet, at(origin, field), { header: columnOf(table, field).header, field: label }));
  const refuse = (origin: Origin, table: Table, field: string, expected: string, found: unknown) =>
    findings.push(
      finding('SCDL-VALEUR', origin.sheet, at(origin, field), { header: columnOf(table, field).header, expected, found: { value: found } }),
    );
  /** Text from a cell, refused when a spreadsheet would read it as a formula. */
  const safe = (origin: Origin, table: typeof FUNDERS | typeof COMMITMENTS, field: string, v: string | null) => {
    if (v && looksLikeFormula(v)) refuse(origin, table, field, 'un texte qui ne commence pas par =, +, - ou @', v);
    return v ?? '';
  };

  if (!f.name) missing(f.origin, FUNDERS, 'name', 'le nom de l’attribuant (nomAttribuant)');
  if (!f.siret) missing(f.origin, FUNDERS, 'siret', 'le SIRET de l’attribuant (idAttribuant)');
  const attributor = safe(f.origin, FUNDERS, 'name', f.name);

  // Payments of each commitment: action, year and beneficiary (when named).
  const paymentDates = new Map<string, string[]>();
  const key = (action: string, year: number, beneficiary: string | null) =>
    `${action}\u0000${year}\u0000${beneficiary ? normalizeKey(beneficiary) : ''}`;
  for (const p of records.payments) {
    if (evaluation.resolved.funder.get(p.origin) !== f.code || p.year === null || !p.date) continue;
    const action = evaluation.resolved.action.get(p.origin) ?? p.action;
    for (const k of [key(action, p.year, p.beneficiary), key(action, p.year, null)]) {
      const dates = paymentDates.get(k);
      if (dates) dates.push(p.date);
      else paymentDates.set(k, [p.date]);
    }
  }

  const rows: ScdlRow[] = [];
  let belowThreshold = 0;
  for (const c of records.commitments) {
    if (evaluation.resolved.funder.get(c.origin) !== f.code || !c.amount || c.year === null) continue;
    if (!all && c.amount.cents <= PUBLICATION_THRESHOLD_CENTS) {
      belowThreshold++;
      continue;
    }
    const before = findings.length;
    const need = (v: string | null, field: string, label: string) => {
      if (!v) missing(c.origin, COMMITMENTS, field, label);
      return v ?? '';
    };
    need(c.decisionDate, 'decisionDate', 'la date de la convention (dateConvention)');
    need(c.beneficiary, 'beneficiary', 'le nom du bénéficiaire (nomBeneficiaire)');
    if (!c.siret && !c.rna)
      missing(c.origin, COMMITMENTS, 'siret', 'le SIRET du bénéficiaire, ou son numéro RNA (idBeneficiaire ou rnaBeneficiaire)');
    need(c.purpose, 'purpose', 'l’objet de la subvention (objet)');
    if (c.purpose && c.purpose.length > MAX_PURPOSE)
      refuse(c.origin, COMMITMENTS, 'purpose', `un objet de ${MAX_PURPOSE} caractères au plus`, `${c.purpose.length} caractères`);
    need(c.aidNature, 'aidNature', 'la nature de l’aide (nature)');
    need(c.paymentTerms, 'paymentTerms', 'les conditions de versement (conditionsVersement)');
    need(c.euNotified, 'euNotified', 'la notification à l’Union européenne (notificationUE)');
    const beneficiary = safe(c.origin, COMMITMENTS, 'beneficiary', c.beneficiary);
    const purpose = safe(c.origin, COMMITMENTS, 'purpose', c.purpose);
    const reference = safe(c.origin, COMMITMENTS, 'reference', c.reference);
    if (findings.length > before) continue;
    const action = evaluation.resolved.action.get(c.origin) ?? c.action;
    const dates = [...(paymentDates.get(key(action, c.year, c.beneficiary)) ?? [])].sort();
    const period =
      dates.length === 0 ? `${c.year}-01-01/${c.year}-12-31` : dates.length === 1 ? dates[0] : `${dates[0]}/${dates[dates.length - 1]}`;
    rows.push({
      nomAttribuant: attributor,
      idAttribuant: f.siret ?? '',
      dateConvention: c.decisionDate!,
      referenceDecision: reference,
      nomBeneficiaire: beneficiary,
      idBeneficiaire: c.siret ?? '',
      rnaBeneficiaire: c.rna ?? '',
      objet: purpose,
      montant: decimal(c.amount.cents),
      nature: NATURE[c.aidNature!],
      conditionsVersement: TERMS[c.paymentTerms!],
      datesPeriodeVersement: period,
      idRAE: '',
      notificationUE: YES_NO[c.euNotified!],
      pourcentageSubvention: '1',
      dispositifAide: '',
    });
  }
  // Rows only when the whole export is valid: a caller cannot write half of it.
  return { rows: findings.length ? [] : rows, findings, belowThreshold };
}

/** RFC 4180: fields with a comma, a quote or a line end are quoted, quotes doubled; lines end with CRLF. */
export function toCsv(rows: readonly ScdlRow[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [SCDL_FIELDS.join(','), ...rows.map((r) => SCDL_FIELDS.map((k) => field(r[k])).join(','))];
  return lines.join('\r\n') + '\r\n';
}

/** A file name for a funder's export: `subventions-region.csv`. */
export function scdlFileName(funder: string): string {
  return `subventions-${normalizeKey(funder).replace(/[^a-z0-9]+/g, '-') || 'financeur'}.csv`;
}
