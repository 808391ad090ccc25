/**
 * The follow-up sheets: indicators by axis and by territory, the reports received, and committed /
 * received / spent per funder. Totals, rates and remainders are formulas carrying their value.
 */
import type { TableDecl } from '../contract/declare';
import { FUNDING, INDICATORS_BY_AXIS, INDICATORS_BY_TERRITORY, INDICATORS_EVOLUTION, REPORTING, REPORTING_RATES } from '../contract/tables';
import type { Consolidation } from '../consolidation/consolidate';
import { evolutionIndicators, type FollowUp, type GroupedIndicatorRow } from '../consolidation/follow-up';
import { cellAddress } from '../shared/address';
import { centsToEuros } from '../shared/money';
import { SheetBuilder, type Cell, type ColumnDef } from './builder';
import { generatedHeader } from './header';
import { periodTotalCell, yearColumns } from './indicators';
import type { PlacedSheet } from './placed';

export interface FollowUpSheetsInput {
  followUp: FollowUp;
  /** The question view, for the evolution chart's yearly values. */
  consolidation: Consolidation;
  example: boolean;
}

const h = (decl: TableDecl, field: string) => decl.columns.find((c) => c.field === field)!.header;

/** Notes are kept to short lines: a long note widens the printed page of the sheet. */
const AGGREGATION_NOTES = [
  'Valeur d’une année : les valeurs des opérateurs sont additionnées ou la plus forte est retenue, selon la colonne « Entre opérateurs » de la feuille Indicateurs.',
  'Les indicateurs non additionnables (les taux) n’ont pas de valeur consolidée : leurs valeurs par opérateur sont dans la feuille Indicateurs consolidés.',
  'Total période : Somme additionne les années, Moyenne fait la moyenne des années renseignées, Maximum retient la plus forte, Dernière valeur retient la dernière année renseignée (un stock).',
];

function groupedTable(b: SheetBuilder, decl: TableDecl, years: number[], rows: GroupedIndicatorRow[]) {
  const cells: Cell[][] = rows.map((r) => [
    r.group,
    ...(decl === INDICATORS_BY_TERRITORY
      ? [`${'   '.repeat(r.place?.depth ?? 0)}${r.place?.name ?? ''}` || null, r.place?.type || null, r.place?.parent || null]
      : []),
    r.code,
    r.label,
    r.unit,
    ...r.byYear,
    periodTotalCell(years, r.total, r.aggregation),
  ]);
  return b.declared(decl, cells, { more: yearColumns(years) });
}

export function indicatorsByAxisSheet(input: FollowUpSheetsInput): PlacedSheet {
  const f = input.followUp;
  const b = new SheetBuilder(INDICATORS_BY_AXIS.sheet, true);
  generatedHeader(b, 'Indicateurs par axe — valeurs des bilans consolidées par axe du Plan d’actions et par année', input.example, [
    f.byAxis.length === 0
      ? 'Aucune valeur d’indicateur lisible dans la feuille Bilans pour l’instant.'
      : 'Une ligne par axe et par indicateur déclaré dans les bilans des actions de l’axe (l’axe de l’action au Plan d’actions).',
    'Les bilans d’une action absente du Plan d’actions sont regroupés sous « (action absente du plan) ».',
    ...AGGREGATION_NOTES,
  ]);
  const t = groupedTable(b, INDICATORS_BY_AXIS, f.years, f.byAxis);
  b.freezeAt(t.headerRow);

  // The yearly evolution of a few additive indicators, over all axes: the line chart's source.
  // Three at most: their labels head columns B to D, which the table above keeps readable.
  const chosen = evolutionIndicators(input.consolidation.indicators, 3);
  const years = input.consolidation.years;
  if (chosen.length === 0 || years.length === 0) return b.build();
  b.blank();
  b.line(['Évolution annuelle des indicateurs de volume, tous axes confondus'], 'title');
  b.line(
    [
      'Les indicateurs additifs (agrégation Somme) comptés en nombre (ni en €, ni en %), dans l’ordre de la feuille Indicateurs consolidés, trois au plus.',
    ],
    'note',
  );
  b.line(
    ['Une année sans bilan reste vide. Dans Excel, la commande Consolider du complément en trace les courbes sous ce tableau.'],
    'note',
  );
  const first = INDICATORS_EVOLUTION.columns[0].header;
  const labels = chosen.map((i) => i.label || i.code);
  const headers = labels.map((l, k) => (l === first || labels.indexOf(l) !== k ? chosen[k].code : l));
  const evolution = b.declared(
    INDICATORS_EVOLUTION,
    // Years as text: a numeric first column would be drawn as one more series, not as the axis.
    years.map((y, yi) => [String(y), ...chosen.map((i) => i.byYear[yi])]),
    { more: headers.map((x): ColumnDef => ({ header: x, format: 'number', width: 30 })) },
  );
  const sheet = b.build();
  sheet.charts = [
    {
      title: 'Évolution annuelle des indicateurs de volume',
      table: INDICATORS_EVOLUTION.table,
      columns: [first, ...headers],
      kind: 'line',
      anchor: cellAddress(evolution.headerRow + years.length + 2, 1),
    },
  ];
  return sheet;
}

export function indicatorsByTerritorySheet(input: FollowUpSheetsInput): PlacedSheet {
  const f = input.followUp;
  const b = new SheetBuilder(INDICATORS_BY_TERRITORY.sheet, true);
  generatedHeader(
    b,
    'Indicateurs par territoire — valeurs des bilans consolidées par territoire, en suivant les rattachements, et par année',
    input.example,
    [
      f.byTerritory.length === 0
        ? 'Aucune valeur d’indicateur lisible dans la feuille Bilans pour l’instant.'
        : 'Une ligne par territoire et par indicateur, en suivant les rattachements de la feuille Territoires : une valeur déclarée pour une collectivité compte aussi dans son département et dans la région.',
      'La région compte toutes les valeurs du contrat. Un territoire absent de la feuille Territoires est montré tel qu’il est écrit (les écritures qui ne diffèrent que par les majuscules ou les accents sont regroupées), hors des rattachements ; une ligne sans territoire va sous « (territoire non précisé) ».',
      ...AGGREGATION_NOTES,
    ],
  );
  const t = groupedTable(b, INDICATORS_BY_TERRITORY, f.years, f.byTerritory);
  b.freezeAt(t.headerRow);
  return b.build();
}

export function reportingSheet(input: FollowUpSheetsInput): PlacedSheet {
  const f = input.followUp;
  const b = new SheetBuilder(REPORTING.sheet, true);
  const q = f.followUpQuestion;
  generatedHeader(b, 'Suivi des bilans — les bilans annuels reçus pour chaque action engagée', input.example, [
    f.reporting.length === 0
      ? 'Aucun engagement lisible pour l’instant : aucun bilan n’est attendu.'
      : 'Une ligne par action et par année qui ont des engagements (feuille Engagements) : un bilan annuel est attendu de l’opérateur.',
    'Bilan reçu : Oui quand la feuille Bilans a au moins une ligne pour cette action et cette année. Fichier(s) : la colonne Source de ces lignes.',
    'Opérateur(s) : ceux des bilans reçus ; pour un bilan manquant, le porteur inscrit au Plan d’actions, à relancer.',
    q
      ? `Le taux de remise des bilans est un indicateur de la ${q.rank}${q.rank === 1 ? 're' : 'e'} question évaluative, « ${q.text} » :`
      : 'Le taux de remise des bilans est un indicateur de la qualité du suivi du contrat :',
    'il mesure la qualité du suivi et de la consolidation des indicateurs pour la préparation de l’évaluation.',
  ]);
  const rows: Cell[][] = f.reporting.map((r) => [
    r.action,
    r.title,
    r.axis,
    r.year,
    centsToEuros(r.committed),
    r.received ? 'Oui' : 'Non',
    r.files.join(' ; ') || null,
    r.operators.join(' ; ') || null,
  ]);
  const committedH = h(REPORTING, 'committed');
  const committed = centsToEuros(f.reporting.reduce((a, r) => a + r.committed, 0));
  const t = b.declared(REPORTING, rows, { totals: { label: 'Total', sum: [committedH], values: { [committedH]: committed } } });
  b.freezeAt(t.headerRow);

  // The reporting rate by axis, and over the whole contract.
  b.blank();
  b.line(['Taux de remise des bilans par axe'], 'title');
  const [axisH, rateH, expectedH, receivedH] = REPORTING_RATES.columns.map((c) => c.header);
  const rateRows: Cell[][] = f.rates.map((r) => [
    r.axis,
    (ref) => ({ formula: `${ref(receivedH)}/${ref(expectedH)}`, value: r.received / r.expected }),
    r.expected,
    r.received,
  ]);
  const expected = f.rates.reduce((a, r) => a + r.expected, 0);
  const received = f.rates.reduce((a, r) => a + r.received, 0);
  const rates = b.declared(REPORTING_RATES, rateRows, {
    totals: { label: 'Ensemble du contrat', sum: [expectedH, receivedH], values: { [expectedH]: expected, [receivedH]: received } },
  });
  const sheet = b.build();
  if (expected > 0) {
    // The overall rate in the totals row, from the totals of its own row.
    const totalRow = rates.headerRow + rates.rowCount + 1;
    const at = (x: string) => cellAddress(totalRow, rates.col(x));
    sheet.rows[totalRow - 1][rates.col(rateH) - 1] = { formula: `${at(receivedH)}/${at(expectedH)}`, value: received / expected };
    sheet.formats.push({ ref: at(rateH), format: 'percent' });
    sheet.charts = [
      {
        title: 'Taux de remise des bilans par axe',
        table: REPORTING_RATES.table,
        // The rate comes second: the chart draws the table's first columns.
        columns: [axisH, rateH],
        kind: 'columnClustered',
        anchor: cellAddress(totalRow + 2, 1),
      },
    ];
  }
  return sheet;
}

export function fundingSheet(input: FollowUpSheetsInput): PlacedSheet {
  const f = input.followUp;
  const [, , , committedH, paidH, remainingH, declaredH, spentH, alertsH] = FUNDING.columns.map((c) => c.header);
  const b = new SheetBuilder(FUNDING.sheet, true);
  const notes = [
    'Ce qu’un financeur vérifie avant de verser le solde, par action, financeur et année.',
    `${committedH} : ses engagements sur l’action cette année-là (feuille Engagements) ; ${paidH} : ses versements (feuille Versements) ; ${remainingH} : ${committedH} − ${paidH} (formule).`,
    `${declaredH} : les subventions de ce financeur que l’opérateur déclare avoir reçues à la date de son bilan (postes « 74 », feuille Réalisé financier, colonne Reçu à date ; la colonne Réalisé y porte le montant accordé) ; vide tant qu’aucun compte rendu de l’action n’a été importé.`,
    `${spentH} : les charges réalisées de l’action cette année-là, tous financeurs confondus (postes « 6 » et « 86 ») ; répétées sur chaque ligne de l’action, elles ne sont pas totalisées.`,
    `${alertsH} : « versé ≠ déclaré » quand le versé et le déclaré diffèrent, « subventions > dépenses » quand les subventions accordées à l’action dépassent ses dépenses.`,
  ];
  if (f.realisedRows === 0)
    notes.unshift(
      'Aucun compte rendu financier n’a encore été importé (feuille Réalisé financier vide) : Déclaré reçu et Dépenses sont vides.',
    );
  else if (f.funding.length === 0) notes.unshift('Aucun engagement ni aucun versement lisible pour l’instant.');
  generatedHeader(
    b,
    'Engagé, versé, déclaré, dépensé — engagements, versements des financeurs, subventions déclarées et dépenses des actions',
    input.example,
    notes,
  );
  const money = (c: number | null) => (c === null ? null : centsToEuros(c));
  const rows: Cell[][] = f.funding.map((r) => [
    r.action,
    r.funder,
    r.year,
    centsToEuros(r.committed),
    centsToEuros(r.paid),
    (ref) => ({ formula: `${ref(committedH)}-${ref(paidH)}`, value: centsToEuros(r.committed - r.paid) }),
    money(r.declared),
    money(r.spent),
    r.alerts.join(' ; ') || null,
  ]);
  const total = (pick: (r: FollowUp['funding'][number]) => number) => centsToEuros(f.funding.reduce((a, r) => a + pick(r), 0));
  const t = b.declared(FUNDING, rows, {
    totals: {
      label: 'Total',
      sum: [committedH, paidH, remainingH, declaredH],
      values: {
        [committedH]: total((r) => r.committed),
        [paidH]: total((r) => r.paid),
        [remainingH]: total((r) => r.committed - r.paid),
        [declaredH]: total((r) => r.declared ?? 0),
      },
    },
  });
  b.freezeAt(t.headerRow);
  return b.build();
}

/** The follow-up sheets, in workbook order. */
export function followUpSheets(input: FollowUpSheetsInput): PlacedSheet[] {
  return [indicatorsByAxisSheet(input), indicatorsByTerritorySheet(input), reportingSheet(input), fundingSheet(input)];
}
