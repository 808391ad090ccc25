/**
 * The follow-up sheets, laid out after the four generated sheets of sheets.ts: indicators by
 * axis and by territory, the reports received, and committed / received / spent per funder.
 * Totals, rates and remainders are formulas carrying the value the tool computed.
 */
import { cellAddress } from '../shared/address';
import type { Consolidation } from '../consolidation/consolidate';
import { evolutionIndicators, type FollowUp, type GroupedIndicatorRow } from '../consolidation/follow-up';
import { centsToEuros } from '../shared/money';
import { SheetBuilder, type Cell, type ColumnDef } from './builder';
import type { PlacedSheet } from './placed';
import { generatedHeader, PERIOD_FORMULA } from './sheets';

/** Sheets, tables and columns of the follow-up (generated, rebuilt on every consolidation). */
export const FOLLOW_UP = {
  byAxis: {
    sheet: 'Indicateurs par axe',
    table: 'tblIndicateursParAxe',
    leading: ['Axe', 'Indicateur', 'Libellé', 'Unité'],
    total: 'Total période',
    /** Year × indicator table under the first, source of the line chart. */
    evolutionTable: 'tblEvolutionIndicateurs',
    evolutionFirst: 'Année',
  },
  byTerritory: {
    sheet: 'Indicateurs par territoire',
    table: 'tblIndicateursParTerritoire',
    leading: ['Territoire', 'Indicateur', 'Libellé', 'Unité'],
    total: 'Total période',
  },
  reporting: {
    sheet: 'Suivi des bilans',
    table: 'tblSuiviBilans',
    columns: ['Code action', 'Intitulé', 'Axe', 'Année', 'Engagé (€)', 'Bilan reçu', 'Fichier(s)', 'Opérateur(s)'],
    ratesTable: 'tblTauxBilans',
    /** The rate comes second: the chart draws the table's first columns (see excel-workbook.ts). */
    rateColumns: ['Axe', 'Taux de remise', 'Bilans attendus', 'Bilans reçus'],
  },
  funding: {
    sheet: 'Engagé, reçu, dépensé',
    table: 'tblEngageRecuDepense',
    columns: ['Code action', 'Financeur', 'Année', 'Engagé (€)', 'Reçu (€)', 'Reste à verser (€)', 'Dépenses réalisées de l’action (€)'],
  },
} as const;

export const FOLLOW_UP_SHEETS = [
  FOLLOW_UP.byAxis.sheet,
  FOLLOW_UP.byTerritory.sheet,
  FOLLOW_UP.reporting.sheet,
  FOLLOW_UP.funding.sheet,
] as const;

export interface FollowUpSheetsInput {
  followUp: FollowUp;
  /** The question view, for the evolution chart's yearly values. */
  consolidation: Consolidation;
  example: boolean;
}

/** Notes are kept to short lines: a long note widens the printed page of the sheet. */
const AGGREGATION_NOTES = [
  'Valeur d’une année : Somme et Dernière valeur additionnent les valeurs déclarées cette année-là (plusieurs opérateurs ou territoires), Moyenne en fait la moyenne, Maximum retient la plus forte.',
  'Total période : Somme additionne les années, Moyenne fait la moyenne des années renseignées, Maximum retient la plus forte, Dernière valeur retient la dernière année renseignée (un stock).',
];

function groupedTable(
  b: SheetBuilder,
  table: string,
  leading: readonly string[],
  total: string,
  years: number[],
  rows: GroupedIndicatorRow[],
  groupColumn: ColumnDef,
) {
  const yearHeaders = years.map(String);
  const cells: Cell[][] = rows.map((r) => [
    r.group,
    r.code,
    r.label,
    r.unit,
    ...r.byYear,
    (ref) =>
      r.total === null || yearHeaders.length === 0
        ? null
        : { formula: PERIOD_FORMULA[r.aggregation](yearHeaders.map(ref)), value: r.total },
  ]);
  return b.table(
    table,
    [
      groupColumn,
      { header: leading[1], width: 30 },
      { header: leading[2], width: 50 },
      { header: leading[3], width: 14 },
      ...yearHeaders.map((h): ColumnDef => ({ header: h, format: 'number', width: 12 })),
      { header: total, format: 'number', width: 14 },
    ],
    cells,
  );
}

export function indicatorsByAxisSheet(input: FollowUpSheetsInput): PlacedSheet {
  const g = FOLLOW_UP.byAxis;
  const f = input.followUp;
  const b = new SheetBuilder(g.sheet, true);
  generatedHeader(b, 'Indicateurs par axe — valeurs des bilans consolidées par axe du Plan d’actions et par année', input.example, [
    f.byAxis.length === 0
      ? 'Aucune valeur d’indicateur lisible dans la feuille Bilans pour l’instant.'
      : 'Une ligne par axe et par indicateur déclaré dans les bilans des actions de l’axe (l’axe de l’action au Plan d’actions).',
    'Les bilans d’une action absente du Plan d’actions sont regroupés sous « (action absente du plan) ».',
    ...AGGREGATION_NOTES,
  ]);
  const t = groupedTable(b, g.table, g.leading, g.total, f.years, f.byAxis, { header: g.leading[0], width: 52 });
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
  const labels = chosen.map((i) => i.label || i.code);
  const headers = labels.map((l, k) => (l === g.evolutionFirst || labels.indexOf(l) !== k ? chosen[k].code : l));
  const evolution = b.table(
    g.evolutionTable,
    // Years as text: a numeric first column would be drawn as one more series, not as the axis.
    [
      { header: g.evolutionFirst, format: 'text', width: 10 },
      ...headers.map((h): ColumnDef => ({ header: h, format: 'number', width: 30 })),
    ],
    years.map((y, yi) => [String(y), ...chosen.map((i) => i.byYear[yi])]),
  );
  const sheet = b.build();
  sheet.charts = [
    {
      title: 'Évolution annuelle des indicateurs de volume',
      table: g.evolutionTable,
      columns: [g.evolutionFirst, ...headers],
      kind: 'line',
      anchor: cellAddress(evolution.headerRow + years.length + 2, 1),
    },
  ];
  return sheet;
}

export function indicatorsByTerritorySheet(input: FollowUpSheetsInput): PlacedSheet {
  const g = FOLLOW_UP.byTerritory;
  const f = input.followUp;
  const b = new SheetBuilder(g.sheet, true);
  generatedHeader(b, 'Indicateurs par territoire — valeurs des bilans consolidées par territoire déclaré et par année', input.example, [
    f.byTerritory.length === 0
      ? 'Aucune valeur d’indicateur lisible dans la feuille Bilans pour l’instant.'
      : 'Une ligne par territoire et par indicateur, le territoire tel qu’il est écrit dans la colonne Territoire de la feuille Bilans (département, collectivité, QPV, ZRR…).',
    'Les écritures qui ne diffèrent que par les majuscules, les accents ou la ponctuation sont regroupées ; une ligne sans territoire va sous « (territoire non précisé) ».',
    ...AGGREGATION_NOTES,
  ]);
  // Text format: a département code such as 01 stays 01.
  const t = groupedTable(b, g.table, g.leading, g.total, f.years, f.byTerritory, { header: g.leading[0], format: 'text', width: 28 });
  b.freezeAt(t.headerRow);
  return b.build();
}

export function reportingSheet(input: FollowUpSheetsInput): PlacedSheet {
  const g = FOLLOW_UP.reporting;
  const f = input.followUp;
  const b = new SheetBuilder(g.sheet, true);
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
  const cols = g.columns;
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
  const committed = centsToEuros(f.reporting.reduce((a, r) => a + r.committed, 0));
  const t = b.table(
    g.table,
    [
      { header: cols[0], width: 12 },
      { header: cols[1], width: 56 },
      { header: cols[2], width: 50 },
      { header: cols[3], format: 'year', width: 10 },
      { header: cols[4], format: 'money', width: 18 },
      { header: cols[5], width: 12 },
      { header: cols[6], width: 32 },
      { header: cols[7], width: 32 },
    ],
    rows,
    { totals: { label: 'Total', sum: [cols[4]], values: { [cols[4]]: committed } } },
  );
  b.freezeAt(t.headerRow);

  // The reporting rate by axis, and over the whole contract.
  b.blank();
  b.line(['Taux de remise des bilans par axe'], 'title');
  const rc = g.rateColumns;
  const rateRows: Cell[][] = f.rates.map((r) => [
    r.axis,
    (ref) => ({ formula: `${ref(rc[3])}/${ref(rc[2])}`, value: r.received / r.expected }),
    r.expected,
    r.received,
  ]);
  const expected = f.rates.reduce((a, r) => a + r.expected, 0);
  const received = f.rates.reduce((a, r) => a + r.received, 0);
  const rates = b.table(
    g.ratesTable,
    [
      { header: rc[0], width: 46 },
      { header: rc[1], format: 'percent', width: 16 },
      { header: rc[2], format: 'integer', width: 16 },
      { header: rc[3], format: 'integer', width: 14 },
    ],
    rateRows,
    { totals: { label: 'Ensemble du contrat', sum: [rc[2], rc[3]], values: { [rc[2]]: expected, [rc[3]]: received } } },
  );
  const sheet = b.build();
  if (expected > 0) {
    // The overall rate in the totals row, from the totals of its own row.
    const totalRow = rates.headerRow + rates.rowCount + 1;
    const at = (h: string) => cellAddress(totalRow, rates.col(h));
    sheet.rows[totalRow - 1][rates.col(rc[1]) - 1] = { formula: `${at(rc[3])}/${at(rc[2])}`, value: received / expected };
    sheet.formats.push({ ref: at(rc[1]), format: 'percent' });
    sheet.charts = [
      {
        title: 'Taux de remise des bilans par axe',
        table: g.ratesTable,
        columns: [rc[0], rc[1]],
        kind: 'columnClustered',
        anchor: cellAddress(totalRow + 2, 1),
      },
    ];
  }
  return sheet;
}

export function fundingSheet(input: FollowUpSheetsInput): PlacedSheet {
  const g = FOLLOW_UP.funding;
  const f = input.followUp;
  const cols = g.columns;
  const b = new SheetBuilder(g.sheet, true);
  const notes = [
    'Ce qu’un financeur vérifie avant de verser le solde, par action, financeur et année.',
    `${cols[3]} : la somme de ses engagements sur l’action cette année-là (feuille Engagements).`,
    `${cols[4]} : les subventions (postes commençant par « 74 ») que les opérateurs déclarent avoir reçues de ce financeur (feuille Réalisé financier, colonne Réalisé).`,
    'Reçu vide : aucun compte rendu financier de l’action n’a été importé pour cette année. Une subvention déclarée sans engagement correspondant apparaît avec un engagé de 0 €.',
    `${cols[5]} : ${cols[3]} − ${cols[4]} (formule) ; négatif quand l’opérateur déclare avoir reçu plus que l’engagement.`,
    `${cols[6]} : les charges réalisées de l’action cette année-là, tous financeurs confondus (postes commençant par « 6 » ou « 86 »).`,
    'Elles sont répétées sur chaque ligne de l’action et ne sont donc pas totalisées.',
  ];
  if (f.realisedRows === 0) {
    notes.unshift(
      'Aucun compte rendu financier n’a encore été importé (feuille Réalisé financier vide) : Reçu et Dépenses sont vides, le reste à verser est l’engagé.',
    );
  } else if (f.funding.length === 0) {
    notes.unshift('Aucun engagement ni aucune subvention reçue lisible pour l’instant.');
  }
  generatedHeader(
    b,
    'Engagé, reçu, dépensé — engagements des financeurs, subventions reçues et dépenses des actions',
    input.example,
    notes,
  );
  const money = (c: number | null) => (c === null ? null : centsToEuros(c));
  const rows: Cell[][] = f.funding.map((r) => [
    r.action,
    r.funder,
    r.year,
    centsToEuros(r.committed),
    money(r.received),
    (ref) => ({ formula: `${ref(cols[3])}-${ref(cols[4])}`, value: centsToEuros(r.committed - (r.received ?? 0)) }),
    money(r.spent),
  ]);
  const total = (pick: (r: FollowUp['funding'][number]) => number) => centsToEuros(f.funding.reduce((a, r) => a + pick(r), 0));
  const t = b.table(
    g.table,
    [
      { header: cols[0], width: 12 },
      { header: cols[1], width: 26 },
      { header: cols[2], format: 'year', width: 10 },
      { header: cols[3], format: 'money', width: 18 },
      { header: cols[4], format: 'money', width: 18 },
      { header: cols[5], format: 'money', width: 20 },
      { header: cols[6], format: 'money', width: 34 },
    ],
    rows,
    {
      totals: {
        label: 'Total',
        sum: [cols[3], cols[4], cols[5]],
        values: {
          [cols[3]]: total((r) => r.committed),
          [cols[4]]: total((r) => r.received ?? 0),
          [cols[5]]: total((r) => r.committed - (r.received ?? 0)),
        },
      },
    },
  );
  b.freezeAt(t.headerRow);
  return b.build();
}

/** The follow-up sheets, in workbook order. */
export function followUpSheets(input: FollowUpSheetsInput): PlacedSheet[] {
  return [indicatorsByAxisSheet(input), indicatorsByTerritorySheet(input), reportingSheet(input), fundingSheet(input)];
}
