/**
 * The convention as a ledger (IATI: amounts move, they are never overwritten). For a funder and a
 * year, the reference amount is the sum of its `Convention` rows (the signed base amount) and its
 * `Avenant` rows (movements, positive or negative); a `Vote` row records the budget vote of a year
 * « sous réserve » and must equal that sum; the year's status is that of its latest decision (a
 * Vote or an Avenant), else that of its base rows. Commitments are then checked against it:
 * above is always an error (art. 7 for Rhône-Alpes), below is an error for a firm amount and a
 * warning otherwise. Funders without any reference amount that the convention does not bind (the
 * partner authorities of art. 6, other contributors) are not checked: their commitments are
 * contributions, consolidated apart.
 */
import type { ContractRecords, ConventionRecord } from '../contract/contract-records';
import { cellOf, type Origin } from '../contract/cells';
import type { ConventionNature, ConventionStatus } from '../contract/vocabulary';
import type { Framework } from '../framework';
import { sumCents, type Cents } from '../shared/money';
import { UNKNOWN_RANK } from '../shared/order';
import { AMENDMENT } from './catalogue';
import { finding, type Finding } from './findings';

/** Funder-year totals: the left and right sides of the balance rules. */
export interface FunderYearTotal {
  funder: string;
  year: number;
  /** Sum of the reference amounts (Convention and Avenant rows), null when none is fixed. */
  convention: Cents | null;
  committed: Cents;
  gap: Cents | null;
  /** The status of the latest decision (null without reference rows). */
  status: ConventionStatus | null;
  /** False for a contribution outside the convention (a partner authority, another funder). */
  bound: boolean;
}

/** A Convention row's nature; when the column is empty (an earlier contract), read from its Source. */
export function natureOf(r: ConventionRecord): ConventionNature {
  return r.nature ?? (AMENDMENT.test(r.source ?? '') ? 'Avenant' : 'Convention');
}

const STATUS_RANK: Record<ConventionStatus, number> = { Ferme: 0, Prévisionnel: 1, 'Sous réserve': 2 };

/** The year's status: that of its latest decision (Vote or Avenant), else the least firm of its base rows. */
function statusOf(rows: readonly ConventionRecord[]): ConventionStatus | null {
  const decisions = rows.filter((r) => natureOf(r) !== 'Convention');
  if (decisions.length) {
    const latest = [...decisions].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.origin.row - b.origin.row).pop()!;
    return latest.status ?? 'Sous réserve';
  }
  if (rows.length === 0) return null;
  return rows.map((r) => r.status ?? 'Sous réserve').reduce((a, b) => (STATUS_RANK[b] > STATUS_RANK[a] ? b : a));
}

/** The framework's article on amendments, as ` (art. 7)`, or nothing for a framework that has none. */
export function amendmentArticle(framework: Framework | null): string {
  const a = framework?.articles?.amendment;
  return a ? ` (${a})` : '';
}

interface Group {
  funder: string;
  year: number;
  refs: ConventionRecord[];
  commits: { origin: Origin; cents: Cents }[];
}

export interface LedgerInput {
  records: ContractRecords;
  framework: Framework | null;
  funderOf: (origin: Origin) => string | undefined;
}

export function ledger({ records, framework, funderOf }: LedgerInput): { totals: FunderYearTotal[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const article = amendmentArticle(framework);
  const groups = new Map<string, Group>();
  const group = (funder: string, year: number) => {
    const k = `${funder}\u0000${year}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { funder, year, refs: [], commits: [] }));
    return g;
  };
  for (const c of records.convention) {
    const f = funderOf(c.origin);
    if (f && c.year !== null) group(f, c.year).refs.push(c);
  }
  for (const c of records.commitments) {
    const f = funderOf(c.origin);
    if (f && c.year !== null && c.amount) group(f, c.year).commits.push({ origin: c.origin, cents: c.amount.cents });
  }
  const typeOf = new Map(records.funders.map((f) => [f.code, f.type]));
  const header = (field: 'amount' | 'date' | 'reference' | 'nature') =>
    ({ amount: 'Montant (€)', date: 'Date', reference: 'Référence', nature: 'Nature' })[field];
  const publishedNote = (funder: string, year: number, cents: Cents) => {
    const p = framework?.publishedFigures.find((x) => x.funder === funder && x.year === year && x.amountCents === cents);
    return p ? ` Ce montant est celui publié par ${p.publishedBy}, qui n’est pas contractuel : ${p.prevailing} prévaut.` : '';
  };

  const totals: FunderYearTotal[] = [];
  for (const g of groups.values()) {
    const vars = { funder: g.funder, year: g.year, article };
    // Each row by its nature.
    const base = g.refs.filter((r) => natureOf(r) === 'Convention');
    const amendments = g.refs.filter((r) => natureOf(r) === 'Avenant');
    const votes = g.refs.filter((r) => natureOf(r) === 'Vote');
    const signed = framework?.amounts.find((a) => a.funder === g.funder && a.year === g.year && a.amountCents !== null);
    base.forEach((r, i) => {
      if (i > 0) {
        findings.push(finding('MONTANT-SANS-AVENANT', r.origin.sheet, cellOf(r.origin, 'funder'), { first: base[0].origin.row, article }));
      }
      if (r.amount && r.amount.cents < 0) {
        findings.push(
          finding('MONTANT-NEGATIF-HORS-AVENANT', r.origin.sheet, cellOf(r.origin, 'amount'), {
            header: header('amount'),
            found: { cents: r.amount.cents },
            article,
          }),
        );
      }
      if (signed && r.amount && r.amount.cents !== signed.amountCents) {
        findings.push(
          finding(
            'MONTANT-SIGNE',
            r.origin.sheet,
            cellOf(r.origin, 'amount'),
            {
              ...vars,
              header: header('amount'),
              expected: { cents: signed.amountCents! },
              source: signed.source,
              found: { cents: r.amount.cents },
              published: publishedNote(g.funder, g.year, r.amount.cents),
            },
            { expected: signed.amountCents!, actual: r.amount.cents },
          ),
        );
      }
    });
    for (const r of [...amendments, ...votes]) {
      const nature = natureOf(r);
      // Only where the column exists: a workbook of contract version 1 has no Date nor Référence
      // (its VERSION-ANCIENNE warning proposes the upgrade).
      const missing = (field: 'date' | 'reference', what: string) => {
        const cell = cellOf(r.origin, field);
        if (cell) findings.push(finding('DECISION-INCOMPLETE', r.origin.sheet, cell, { header: header(field), what, nature }));
      };
      if (nature === 'Avenant' && !r.date) missing('date', 'la date de l’avenant');
      if (!r.reference)
        missing('reference', nature === 'Avenant' ? 'la référence de l’avenant' : 'la référence de la délibération du vote');
    }

    const fixed = [...base, ...amendments].filter((r) => r.amount !== null);
    const convention = fixed.length ? sumCents(fixed.map((r) => r.amount!.cents)) : null;
    for (const v of votes) {
      if (!v.amount || (convention !== null && v.amount.cents === convention)) continue;
      findings.push(
        finding(
          'VOTE-DIFFERENT',
          v.origin.sheet,
          cellOf(v.origin, 'amount'),
          {
            ...vars,
            header: header('amount'),
            expected: convention === null ? 'aucun montant fixé' : { cents: convention },
            found: { cents: v.amount.cents },
          },
          convention === null ? { actual: v.amount.cents } : { expected: convention, actual: v.amount.cents },
        ),
      );
    }

    const committed = sumCents(g.commits.map((c) => c.cents));
    const status = statusOf(g.refs);
    const bound = g.refs.length > 0 || typeOf.get(g.funder) === 'Signataire';
    totals.push({
      funder: g.funder,
      year: g.year,
      convention,
      committed,
      gap: convention === null ? null : committed - convention,
      status,
      bound,
    });
    if (!bound) continue; // a contribution outside the convention (art. 6 gives partner authorities no amount)
    const left = { cents: committed };
    if (convention === null) {
      if (g.commits.length === 0) continue;
      const first = g.commits[0].origin;
      const found = g.refs.length
        ? `la ligne ${g.refs[0].origin.row} n’a pas de montant (${g.refs[0].status ?? 'statut vide'})`
        : 'aucune ligne n’a été trouvée';
      findings.push(
        finding('ENGAGEMENTS-SANS-MONTANT', first.sheet, cellOf(first, 'amount'), { ...vars, left, found }, { actual: committed }),
      );
      continue;
    }
    if (committed === convention) continue;
    const at = fixed.find((r) => natureOf(r) === 'Convention') ?? fixed[0];
    const params = {
      ...vars,
      left,
      right: { cents: convention },
      status: (status ?? '').toLowerCase(),
      source: fixed.map((r) => r.source ?? 'source non citée').join(' + '),
      gap: { cents: Math.abs(committed - convention) },
      published: publishedNote(g.funder, g.year, committed),
    };
    const above = committed > convention;
    findings.push(
      finding(above ? 'ENGAGEMENTS-AU-DELA' : 'ENGAGEMENTS-CONVENTION', at.origin.sheet, cellOf(at.origin, 'amount'), params, {
        severity: above || status === 'Ferme' ? 'error' : 'warning',
        expected: convention,
        actual: committed,
      }),
    );
  }
  const funderOrder = new Map(records.funders.map((f, i) => [f.code, i]));
  totals.sort(
    (a, b) =>
      (funderOrder.get(a.funder) ?? UNKNOWN_RANK) - (funderOrder.get(b.funder) ?? UNKNOWN_RANK) ||
      a.funder.localeCompare(b.funder) ||
      a.year - b.year,
  );
  return { totals, findings };
}
