/**
 * The yearly report template (« modèle de bilan ») that an operator fills for one action and one
 * year: the convention asks operators for yearly reports per calendar year, sent to the funders
 * and the CRESS (Rhône-Alpes convention, § 5). The template is a contract read back by the
 * import: its sheets, tables and headers are declared in contract/tables.ts (REPORT_*).
 *
 * Pure: a framework and an action in, PlacedSheets out. The template holds labels, codes and the
 * commitments it is given, never values: the operator fills every value.
 */
import { cellAddress, columnLetters, quoteSheet, rangeAddress } from '../shared/address';
import type { TemplateInput } from '../reports/template-input';
import {
  IDENTIFICATION_KEYS,
  MARKER_KEYS,
  REPORT_COMMITMENTS,
  REPORT_IDENTIFICATION,
  REPORT_MARKER,
  REPORT_MODEL,
  REPORT_REALISED,
  REPORT_VALUES,
} from '../contract/tables';
import { CHARGE_POSTS, COMMENT_THRESHOLD, COMMENT_THRESHOLD_TEXT, PRODUCT_POSTS, SUBSIDY_POST } from '../reports/cerfa';
import { SheetBuilder, type Cell } from './builder';
import type { FormatKind, PlacedSheet } from './placed';
import { centsToEuros } from '../shared/money';
import { append, maxOf } from '../shared/order';

/** Free rows under the indicators, for more territories or indicators. */
export const SPARE_VALUE_ROWS = 15;
/** Free subsidy rows, for a funder not listed (its code chosen from a dropdown). */
export const SPARE_SUBSIDY_ROWS = 2;

/** Labels of the rows written under tblRealise (outside the table, not read by the import). */
export const REALISED_TOTALS = {
  charges: 'Total des charges',
  products: 'Total des produits',
  result: 'Résultat (produits − charges)',
} as const;

/**
 * What the gap formulas of a tblRealise row compute, as a spreadsheet does: Écart (€) is
 * Réalisé − Prévu (empty when both are empty), Écart (%) is Écart ÷ Prévu (empty when Prévu is
 * empty or 0).
 */
export function realisedGap(planned: number | null, actual: number | null): { euros: number | null; share: number | null } {
  if (planned === null && actual === null) return { euros: null, share: null };
  const euros = (actual ?? 0) - (planned ?? 0);
  return { euros, share: planned === null || planned === 0 ? null : euros / planned };
}

function columnRef(top: number, bottom: number, col: number, sheet?: string): string {
  const letter = columnLetters(col);
  const range = `$${letter}$${top}:$${letter}$${bottom}`;
  return sheet ? `${quoteSheet(sheet)}!${range}` : range;
}

interface FunderRef {
  code: string;
  name: string;
}

/** Funders of the subsidy rows: given, else those with commitments, else the signatories. */
function offeredFunders(input: TemplateInput): FunderRef[] {
  if (input.funders) return uniqueFunders(input.funders);
  if (input.commitments?.length) return uniqueFunders(input.commitments.map((c) => ({ code: c.funder, name: c.name })));
  const all = input.framework.funders.map((f) => ({ code: f.code, name: f.name, type: f.type }));
  const signatories = all.filter((f) => f.type === 'Signataire');
  return (signatories.length ? signatories : all).map(({ code, name }) => ({ code, name }));
}

function uniqueFunders(list: FunderRef[]): FunderRef[] {
  const seen = new Set<string>();
  return list.filter((f) => (seen.has(f.code) ? false : (seen.add(f.code), true)));
}

/** Every funder a spare subsidy row may name: the framework's and any other given. */
function allFunders(input: TemplateInput, offered: FunderRef[]): FunderRef[] {
  return uniqueFunders([
    ...input.framework.funders.map((f) => ({ code: f.code, name: f.name })),
    ...offered,
    ...(input.commitments ?? []).map((c) => ({ code: c.funder, name: c.name })),
  ]);
}

function instructions(input: TemplateInput, withCatalogue: boolean): string[] {
  return [
    'Ce fichier est le bilan annuel de l’action, à remplir par son opérateur : deux feuilles à compléter, « Bilan » (ci-dessous) et « Réalisé » (compte rendu financier).',
    '• Cellules sur fond jaune pâle : à remplir. Les autres sont protégées contre les modifications involontaires (protection sans mot de passe).',
    '• Identification : si la ligne « Opérateur » est vide, saisissez le nom de votre structure.',
    '• Valeurs : une ligne par indicateur et par territoire. « Valeur » est un nombre, dans l’unité de la ligne (1250, et non « 1 250 personnes »).',
    '• Laissez vide la valeur d’un indicateur sans objet pour l’action ; 0 signifie un résultat nul.',
    '• Territoire : un code de département (69), une collectivité, ou une zone prioritaire : quartier de la politique de la ville (QPV) ou zone de revitalisation rurale (ZRR).',
    '  Laissé vide, le territoire est celui de toute l’action.',
    withCatalogue
      ? '• Un autre territoire pour un indicateur, ou un indicateur de plus : prenez une ligne libre sous la liste et choisissez le code dans la liste de la colonne « Indicateur ».'
      : '• Aucun catalogue d’indicateurs n’accompagne ce modèle : pour chaque indicateur suivi, saisissez sur une ligne libre son code, son libellé et son unité.',
    `• Feuille « Réalisé » : le prévu et le réalisé de l’action en ${input.year}, poste par poste, en euros.`,
    '• Ne renommez ni les feuilles ni les en-têtes, n’ajoutez ni ne supprimez de colonne : renvoyez le fichier complété tel quel, au format .xlsx.',
  ];
}

export const EXAMPLE_COMMITMENTS_BANNER =
  'EXEMPLE FICTIF : ces engagements viennent d’un classeur d’exemple ; ce sont des données d’illustration inventées, pas des engagements réels.';

function bilanSheet(input: TemplateInput, indicators: { code: string; label: string; unit: string }[]): PlacedSheet {
  const { action, year } = input;
  const operator = input.operator?.trim() || null;
  const b = new SheetBuilder(REPORT_VALUES.sheet, false);
  const unlocked: string[] = [];
  const formats: { ref: string; format: FormatKind }[] = [];
  const numberInputs: { ref: string; min?: number }[] = [];

  b.line([`Bilan annuel ${year} — action ${action.code} : ${action.title}`], 'title');
  b.line([`${input.framework.title}${action.axis ? ` — ${action.axis}` : ''}`], 'note');
  b.blank();
  b.line(['Mode d’emploi'], 'title');
  for (const line of instructions(input, indicators.length > 0)) b.line([line], 'note');
  b.blank();

  // Identification.
  b.line(['1. Identification'], 'title');
  const [kAction, kTitle, kYear, kOperator] = IDENTIFICATION_KEYS;
  const id = b.declared(REPORT_IDENTIFICATION, [
    [kAction, action.code],
    [kTitle, action.title],
    [kYear, year],
    [kOperator, operator],
  ]);
  const idValue = (i: number) => cellAddress(id.headerRow + 1 + i, id.col('Valeur'));
  formats.push({ ref: rangeAddress(id.headerRow + 1, 1, id.headerRow + 4, 1), format: 'text' });
  formats.push(
    { ref: idValue(0), format: 'text' },
    { ref: idValue(1), format: 'text' },
    { ref: idValue(2), format: 'year' },
    { ref: idValue(3), format: 'text' },
  );
  if (!operator) unlocked.push(idValue(3));
  b.blank();

  // Indicator values: one row per indicator, then spare rows.
  b.line(['2. Valeurs des indicateurs'], 'title');
  b.line(
    [
      indicators.length
        ? `Une ligne par indicateur et par territoire ; ${SPARE_VALUE_ROWS} lignes libres sous la liste pour d’autres territoires ou d’autres indicateurs.`
        : `Une ligne par indicateur et par territoire : ${SPARE_VALUE_ROWS} lignes libres, où le code, le libellé et l’unité sont à saisir.`,
    ],
    'note',
  );
  const headerRow = b.nextRow;
  const first = headerRow + 1;
  const lastIndicator = headerRow + indicators.length;
  // The indicator rows' Indicateur, Libellé and Unité (columns A to C: the table starts in A).
  const catalogue = indicators.length ? `$A$${first}:$C$${lastIndicator}` : null;
  const lookup =
    (column: number): Cell =>
    (ref) => ({ formula: `IFERROR(VLOOKUP(${ref('Indicateur')},${catalogue},${column},FALSE),"")`, value: null });
  const rows: Cell[][] = [
    ...indicators.map((i): Cell[] => [i.code, i.label, i.unit, null, null, null]),
    ...Array.from({ length: SPARE_VALUE_ROWS }, (): Cell[] => [
      null,
      catalogue ? lookup(2) : null,
      catalogue ? lookup(3) : null,
      null,
      null,
      null,
    ]),
  ];
  const v = b.declared(REPORT_VALUES, rows);
  const bottom = headerRow + rows.length;
  const firstSpare = lastIndicator + 1;
  const colOf = (h: string) => v.col(h);
  for (const h of ['Territoire', 'Valeur', 'Commentaire']) unlocked.push(rangeAddress(first, colOf(h), bottom, colOf(h)));
  unlocked.push(rangeAddress(firstSpare, colOf('Indicateur'), bottom, colOf('Indicateur')));
  // Without a catalogue, the operator writes the label and the unit too.
  if (!catalogue) unlocked.push(rangeAddress(firstSpare, colOf('Libellé'), bottom, colOf('Unité')));
  numberInputs.push({ ref: rangeAddress(first, colOf('Valeur'), bottom, colOf('Valeur')), min: 0 });
  const sheetValidations = catalogue
    ? [
        {
          ref: rangeAddress(firstSpare, colOf('Indicateur'), bottom, colOf('Indicateur')),
          source: columnRef(first, lastIndicator, colOf('Indicateur'), REPORT_VALUES.sheet),
        },
      ]
    : [];
  b.blank();

  // Commitments, for information.
  b.line(['3. Engagements des financeurs sur l’action (pour information)'], 'title');
  const commitments = input.commitments ?? [];
  b.line(
    [
      commitments.length
        ? `Pour information, non modifiable : les montants engagés par chaque financeur sur cette action en ${year}, d’après le classeur de suivi du contrat.`
        : `Pour information : aucun engagement de financeur n’est indiqué dans ce modèle pour cette action en ${year}.`,
    ],
    'note',
  );
  if (input.example && commitments.length) b.line([EXAMPLE_COMMITMENTS_BANNER], 'example');
  const totalCents = commitments.reduce((a, c) => a + c.cents, 0);
  b.declared(
    REPORT_COMMITMENTS,
    commitments.map((c) => [c.funder, c.name, centsToEuros(c.cents)]),
    commitments.length ? { totals: { label: 'Total', sum: ['Engagé (€)'], values: { 'Engagé (€)': centsToEuros(totalCents) } } } : {},
  );

  const sheet = b.build();
  append(sheet.formats, formats);
  append(sheet.validations, sheetValidations);
  // Shared columns: codes and rubriques (A), labels and names (B).
  sheet.widths[0] = maxOf(
    indicators.map((i) => i.code.length + 2),
    Math.max(sheet.widths[0] ?? 0, 34),
  );
  sheet.widths[1] = Math.max(sheet.widths[1] ?? 0, 60);
  sheet.widths[2] = Math.max(sheet.widths[2] ?? 0, 18);
  sheet.protection = { unlocked };
  sheet.numberInputs = numberInputs;
  sheet.fitToOnePage = true;
  return sheet;
}

function realisedSheet(input: TemplateInput, funderSource: string): PlacedSheet {
  const { action, year } = input;
  const b = new SheetBuilder(REPORT_REALISED.sheet, false);
  b.line([`Compte rendu financier ${year} — action ${action.code} : ${action.title}`], 'title');
  b.line(
    [
      'Présenté sur le modèle du compte rendu financier de subvention (Cerfa n° 15059) : charges (comptes 60 à 68 et 86), puis produits (comptes 70 à 78 et 87).',
    ],
    'note',
  );
  b.line(
    [
      'Saisissez, poste par poste, le montant prévu au budget de l’action et le montant réalisé, en euros (des nombres) ; les écarts et les totaux se calculent seuls.',
    ],
    'note',
  );
  b.line(
    [
      `Subventions (74) : une ligne par financeur ; en « Réalisé », le montant effectivement reçu. Pour un autre financeur, une ligne libre : choisissez son code dans la colonne « Financeur ».`,
    ],
    'note',
  );
  b.line(
    [
      `Un écart de plus de ${COMMENT_THRESHOLD_TEXT} entre prévu et réalisé doit être expliqué dans « Commentaire » : la cellule est surlignée en orange tant que l’explication manque.`,
    ],
    'note',
  );
  b.blank();

  const funders = offeredFunders(input);
  type Row = { post: string; funder: string | null; spare?: boolean };
  const charges: Row[] = CHARGE_POSTS.map((post) => ({ post, funder: null }));
  const products: Row[] = PRODUCT_POSTS.flatMap((post): Row[] =>
    post === SUBSIDY_POST
      ? [
          ...funders.map((f) => ({ post, funder: f.code })),
          ...Array.from({ length: SPARE_SUBSIDY_ROWS }, () => ({ post, funder: null, spare: true })),
        ]
      : [{ post, funder: null }],
  );
  const all = [...charges, ...products];
  const gap = realisedGap(null, null);
  const rows: Cell[][] = all.map((r): Cell[] => [
    r.post,
    r.funder,
    null,
    null,
    (ref) => ({
      formula: `IF(AND(${ref('Prévu (€)')}="",${ref('Réalisé (€)')}=""),"",${ref('Réalisé (€)')}-${ref('Prévu (€)')})`,
      value: gap.euros,
    }),
    (ref) => ({ formula: `IF(${ref('Prévu (€)')}=0,"",${ref('Écart (€)')}/${ref('Prévu (€)')})`, value: gap.share }),
    null,
  ]);
  const t = b.declared(REPORT_REALISED, rows);
  b.freezeAt(t.headerRow);
  const first = t.headerRow + 1;
  const lastCharge = t.headerRow + charges.length;
  const firstProduct = lastCharge + 1;
  const bottom = t.headerRow + all.length;
  const col = (h: string) => t.col(h);
  const letter = (h: string) => columnLetters(col(h));

  // Totals under the table (plain SUM formulas: the template holds no amounts, so they are 0).
  const P = letter('Prévu (€)');
  const R = letter('Réalisé (€)');
  const E = letter('Écart (€)');
  const totalRow = (label: string, top: number, end: number) => {
    const row = b.nextRow;
    b.line(
      [
        label,
        null,
        { formula: `SUM(${P}${top}:${P}${end})`, value: 0 },
        { formula: `SUM(${R}${top}:${R}${end})`, value: 0 },
        { formula: `${R}${row}-${P}${row}`, value: 0 },
        { formula: `IF(${P}${row}=0,"",${E}${row}/${P}${row})`, value: null },
      ],
      'total',
    );
    return row;
  };
  const chargesRow = totalRow(REALISED_TOTALS.charges, first, lastCharge);
  const productsRow = totalRow(REALISED_TOTALS.products, firstProduct, bottom);
  const resultRow = b.nextRow;
  b.line(
    [
      REALISED_TOTALS.result,
      null,
      { formula: `${P}${productsRow}-${P}${chargesRow}`, value: 0 },
      { formula: `${R}${productsRow}-${R}${chargesRow}`, value: 0 },
    ],
    'total',
  );
  b.line(['Un budget présenté à l’équilibre a un résultat nul : les produits couvrent les charges.'], 'note');

  const sheet = b.build();
  sheet.formats.push(
    { ref: rangeAddress(chargesRow, col('Prévu (€)'), resultRow, col('Écart (€)')), format: 'money' },
    { ref: rangeAddress(chargesRow, col('Écart (%)'), productsRow, col('Écart (%)')), format: 'percent' },
  );
  const unlocked = [
    rangeAddress(first, col('Prévu (€)'), bottom, col('Réalisé (€)')),
    rangeAddress(first, col('Commentaire'), bottom, col('Commentaire')),
  ];
  all.forEach((r, i) => {
    if (!r.spare) return;
    const cell = cellAddress(first + i, col('Financeur'));
    unlocked.push(cell);
    sheet.validations.push({ ref: cell, source: funderSource });
  });
  sheet.protection = { unlocked };
  sheet.fitToOnePage = true;
  sheet.numberInputs = [{ ref: rangeAddress(first, col('Prévu (€)'), bottom, col('Réalisé (€)')), min: 0 }];
  const G = letter('Commentaire');
  const F = letter('Écart (%)');
  sheet.highlights = [
    {
      ref: rangeAddress(first, col('Commentaire'), bottom, col('Commentaire')),
      // Both amounts given, a gap over the threshold, no comment: what the import warns about.
      formula: `AND(ISNUMBER($${F}${first}),$${R}${first}<>"",ABS($${F}${first})>${COMMENT_THRESHOLD},LEN(TRIM($${G}${first}))=0)`,
    },
  ];
  return sheet;
}

/** The hidden marker sheet: tblModele, then the funder codes the spare subsidy rows offer. */
function markerSheet(input: TemplateInput, funders: FunderRef[]): { sheet: PlacedSheet; funderSource: string } {
  const b = new SheetBuilder(REPORT_MARKER.sheet, false);
  b.line(['Suivi ESS — identification du modèle de bilan, lue par l’import. Feuille technique : ne la modifiez pas.'], 'note');
  b.blank();
  const values: Record<(typeof MARKER_KEYS)[number], string | number | null> = {
    Modèle: REPORT_MODEL.model,
    Version: REPORT_MODEL.version,
    Cadre: input.framework.id,
    Action: input.action.code,
    Année: input.year,
    Opérateur: input.operator?.trim() || null,
  };
  const t = b.declared(
    REPORT_MARKER,
    MARKER_KEYS.map((k) => [k, values[k]]),
  );
  const textValues = MARKER_KEYS.flatMap((k, i) =>
    k === 'Version' || k === 'Année' ? [] : [{ ref: cellAddress(t.headerRow + 1 + i, t.col('Valeur')), format: 'text' as const }],
  );
  b.blank();
  b.line(['Financeurs proposés dans les lignes libres de subvention (feuille Réalisé)'], 'note');
  const top = b.nextRow;
  for (const f of funders) b.line([f.code, f.name]);
  const end = Math.max(top, b.nextRow - 1);
  const sheet = b.build();
  append(sheet.formats, textValues).push({ ref: rangeAddress(top, 1, end, 1), format: 'text' });
  sheet.state = 'veryHidden';
  sheet.protection = { unlocked: [] };
  return { sheet, funderSource: columnRef(top, end, 1, REPORT_MARKER.sheet) };
}

/** The template's sheets: Bilan, Réalisé (visible) and the hidden marker sheet Suivi ESS. */
export function reportTemplateSheets(input: TemplateInput): PlacedSheet[] {
  const indicators = input.indicators ?? input.framework.indicators.map((i) => ({ code: i.code, label: i.label, unit: i.unit }));
  const offered = offeredFunders(input);
  const marker = markerSheet(input, allFunders(input, offered));
  return [bilanSheet(input, indicators), realisedSheet(input, marker.funderSource), marker.sheet];
}
