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
  QUALITATIVE_PARTS,
  REPORT_COMMITMENTS,
  REPORT_IDENTIFICATION,
  REPORT_MARKER,
  REPORT_MODEL,
  REPORT_PERIOD,
  REPORT_QUALITATIVE,
  REPORT_REALISED,
  REPORT_SIGNATURE,
  REPORT_VALUES,
  SIGNATURE_KEYS,
} from '../contract/tables';
import { CHARGE_POSTS, COMMENT_THRESHOLD, COMMENT_THRESHOLD_TEXT, EUROPEAN_FUNDS, PRODUCT_POSTS, SUBSIDY_POST } from '../reports/cerfa';
import { SheetBuilder, type Cell } from './builder';
import type { FormatKind, PlacedSheet, PlacedValue } from './placed';
import { centsToEuros } from '../shared/money';
import { append, maxOf } from '../shared/order';
import { noteLines } from '../shared/text';

/** Free rows under the indicators, for more territories or indicators. */
export const SPARE_VALUE_ROWS = 15;
/** Free subsidy rows, for any co-funder not listed (FSE, FEDER, another authority, a foundation). */
export const SPARE_SUBSIDY_ROWS = 8;

/** The indicators offered by a template: the action's own (the rows), and the whole catalogue (the spare rows' list). */
export function templateIndicators(input: TemplateInput): {
  rows: { code: string; label: string; unit: string }[];
  catalogue: { code: string; label: string; unit: string }[];
} {
  const catalogue = input.catalogue ?? input.framework.indicators.map((i) => ({ code: i.code, label: i.label, unit: i.unit }));
  if (input.indicators) return { rows: input.indicators, catalogue };
  const own = input.framework.actionIndicators.filter((m) => m.action === input.action.code).flatMap((m) => m.indicators);
  return { rows: own.length ? catalogue.filter((i) => own.includes(i.code)) : catalogue, catalogue };
}

/** Whether a template's year is the last of its framework's period (its report also covers the whole period, §5). */
export function isLastYear(input: Pick<TemplateInput, 'framework' | 'year'>): boolean {
  return input.year === input.framework.period.end;
}

/** Labels of the rows written under tblRealise (outside the table, not read by the import). */
export const REALISED_TOTALS = {
  charges: 'Total des charges',
  products: 'Total des produits',
  result: 'Résultat (produits − charges)',
  due: 'Subventions accordées, reçues à date (74)',
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

/** Every funder a spare subsidy row may name: the framework's, any other given, and the European funds. */
function allFunders(input: TemplateInput, offered: FunderRef[]): FunderRef[] {
  return uniqueFunders([
    ...input.framework.funders.map((f) => ({ code: f.code, name: f.name })),
    ...offered,
    ...(input.commitments ?? []).map((c) => ({ code: c.funder, name: c.name })),
    ...EUROPEAN_FUNDS,
  ]);
}

function instructions(input: TemplateInput, withCatalogue: boolean, territories: boolean): string[] {
  const { start, end } = input.framework.period;
  return [
    'Ce fichier est le bilan annuel de l’action, à remplir par son opérateur : deux feuilles à compléter, « Bilan » (ci-dessous) et « Réalisé » (compte rendu financier).',
    '• Cellules sur fond jaune pâle : à remplir. Les autres sont protégées contre les modifications involontaires (protection sans mot de passe).',
    '• Identification : si la ligne « Opérateur » est vide, saisissez le nom de votre structure.',
    '• Valeurs : une ligne par indicateur que le bilan de l’action demande et par territoire. « Valeur » est un nombre, dans l’unité de la ligne (1250, et non « 1 250 personnes »).',
    '• Laissez vide la valeur d’un indicateur sans objet pour l’action ; 0 signifie un résultat nul.',
    territories
      ? '• Territoire : choisissez-le dans la liste (région, département, collectivité partenaire) ; ou écrivez une zone prioritaire : quartier de la politique de la ville (QPV) ou zone de revitalisation rurale (ZRR).'
      : '• Territoire : un département, une collectivité, ou une zone prioritaire : quartier de la politique de la ville (QPV) ou zone de revitalisation rurale (ZRR).',
    '  Laissé vide, le territoire est celui de toute l’action.',
    withCatalogue
      ? '• Un autre territoire pour un indicateur, ou un autre indicateur du catalogue : prenez une ligne libre sous la liste et choisissez le code dans la liste de la colonne « Indicateur ».'
      : '• Aucun catalogue d’indicateurs n’accompagne ce modèle : pour chaque indicateur suivi, saisissez sur une ligne libre son code, son libellé et son unité.',
    `• Mise en œuvre et résultats : en quelques phrases, les réalisations, les résultats, les difficultés et les perspectives de l’action en ${input.year}.`,
    ...(isLastYear(input)
      ? [
          `• ${input.year} est la dernière année du contrat : ce bilan fait aussi le bilan consolidé de l’action sur toute la période ${start}-${end} (partie 4).`,
        ]
      : []),
    `• Feuille « Réalisé » : le prévu et le réalisé de l’action en ${input.year}, poste par poste, en euros ; pour chaque subvention, le montant accordé et le montant reçu à date.`,
    '• Signature : le nom et la qualité de la personne qui signe le bilan, et la date.',
    '• Ne renommez ni les feuilles ni les en-têtes, n’ajoutez ni ne supprimez de colonne : renvoyez le fichier complété tel quel, au format .xlsx.',
  ];
}

/** A note of the template, in lines short enough for the printed page (a bullet's next lines indented). */
function note(b: SheetBuilder, text: string): void {
  noteLines(text, 190).forEach((line, i) => b.line([i && text.startsWith('•') ? `  ${line}` : line], 'note'));
}

/** A written part: one row per part, the text cell unlocked. */
function writtenPart(
  b: SheetBuilder,
  decl: typeof REPORT_QUALITATIVE | typeof REPORT_PERIOD,
  unlocked: string[],
  formats: { ref: string; format: FormatKind }[],
) {
  const t = b.declared(
    decl,
    QUALITATIVE_PARTS.map((p) => [p, null]),
  );
  const col = t.col(decl.columns[1].header);
  unlocked.push(rangeAddress(t.headerRow + 1, col, t.headerRow + QUALITATIVE_PARTS.length, col));
  formats.push({ ref: rangeAddress(t.headerRow + 1, col, t.headerRow + QUALITATIVE_PARTS.length, col), format: 'text' });
}

export const EXAMPLE_COMMITMENTS_BANNER =
  'EXEMPLE FICTIF : ces engagements viennent d’un classeur d’exemple ; ce sont des données d’illustration inventées, pas des engagements réels.';

interface MarkerLists {
  funderSource: string;
  /** The whole catalogue (code, label, unit), for the spare rows' lookup. */
  catalogue: string | null;
  /** Its codes, for the spare rows' dropdown. */
  catalogueCodes: string | null;
  /** The territories' names, for the Territoire dropdown. */
  territories: string | null;
}

function bilanSheet(input: TemplateInput, indicators: { code: string; label: string; unit: string }[], lists: MarkerLists): PlacedSheet {
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
  for (const text of instructions(input, lists.catalogue !== null, lists.territories !== null)) note(b, text);
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
        ? `Les indicateurs que le bilan de l’action demande, une ligne par indicateur et par territoire ; ${SPARE_VALUE_ROWS} lignes libres sous la liste pour d’autres territoires ou d’autres indicateurs du catalogue.`
        : `Une ligne par indicateur et par territoire : ${SPARE_VALUE_ROWS} lignes libres, où le code, le libellé et l’unité sont à saisir.`,
    ],
    'note',
  );
  const headerRow = b.nextRow;
  const first = headerRow + 1;
  const lastIndicator = headerRow + indicators.length;
  // The whole catalogue's code, label and unit, on the hidden sheet.
  const catalogue = lists.catalogue;
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
  const sheetValidations = [
    ...(lists.catalogueCodes
      ? [{ ref: rangeAddress(firstSpare, colOf('Indicateur'), bottom, colOf('Indicateur')), source: lists.catalogueCodes }]
      : []),
    ...(lists.territories
      ? [{ ref: rangeAddress(first, colOf('Territoire'), bottom, colOf('Territoire')), source: lists.territories }]
      : []),
  ];
  b.blank();

  // The written report (§5: « un bilan de la mise en œuvre de l’action et ses résultats »).
  b.line([`3. Mise en œuvre et résultats de l’action en ${year}`], 'title');
  b.line(
    [
      'En quelques phrases dans chaque cellule : ce qui a été réalisé, les résultats obtenus, les difficultés rencontrées, les perspectives.',
    ],
    'note',
  );
  writtenPart(b, REPORT_QUALITATIVE, unlocked, formats);
  b.blank();
  let section = 4;
  if (isLastYear(input)) {
    const { start, end } = input.framework.period;
    b.line([`${section++}. Bilan consolidé de l’action sur toute la période ${start}-${end}`], 'title');
    b.line(
      [
        `${year} est la dernière année du contrat : ce bilan fait aussi le bilan de l’action sur toute sa période de mise en œuvre${input.framework.articles.reports ? ` (${input.framework.articles.reports})` : ''}, résultats chiffrés compris.`,
      ],
      'note',
    );
    writtenPart(b, REPORT_PERIOD, unlocked, formats);
    b.blank();
  }

  // Commitments, for information.
  b.line([`${section++}. Engagements des financeurs sur l’action (pour information)`], 'title');
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
  b.blank();

  // Signature.
  b.line([`${section}. Signature`], 'title');
  b.line(['Le nom et la qualité de la personne qui signe le bilan au nom de l’opérateur, et la date (12/03/2015).'], 'note');
  const sig = b.declared(
    REPORT_SIGNATURE,
    SIGNATURE_KEYS.map((k) => [k, null]),
  );
  const sigValue = (i: number) => cellAddress(sig.headerRow + 1 + i, sig.col('Valeur'));
  unlocked.push(rangeAddress(sig.headerRow + 1, sig.col('Valeur'), sig.headerRow + SIGNATURE_KEYS.length, sig.col('Valeur')));
  formats.push({ ref: sigValue(0), format: 'text' }, { ref: sigValue(1), format: 'text' }, { ref: sigValue(2), format: 'date' });

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
  note(
    b,
    'Subventions (74) : une ligne par financeur. En « Réalisé », le montant accordé pour l’action (un produit du compte rendu, même s’il n’est pas encore versé) ; en « Reçu à date », ce qui a été effectivement versé à la date du bilan.',
  );
  b.line(
    [
      `Un cofinanceur qui n’est pas listé (FSE, FEDER, FEADER, une autre collectivité, une fondation) : prenez une des ${SPARE_SUBSIDY_ROWS} lignes libres et écrivez son nom dans « Financeur » (la liste en propose).`,
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
  type Row = { post: string; funder: string | null; spare?: boolean; subsidy?: boolean };
  const charges: Row[] = CHARGE_POSTS.map((post) => ({ post, funder: null }));
  const products: Row[] = PRODUCT_POSTS.flatMap((post): Row[] =>
    post === SUBSIDY_POST
      ? [
          ...funders.map((f) => ({ post, funder: f.code, subsidy: true })),
          ...Array.from({ length: SPARE_SUBSIDY_ROWS }, () => ({ post, funder: null, spare: true, subsidy: true })),
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
  const line = (cells: Record<string, PlacedValue>): PlacedValue[] => {
    const out: PlacedValue[] = new Array(REPORT_REALISED.columns.length).fill(null);
    for (const [h, v] of Object.entries(cells)) out[col(h) - 1] = v;
    return out;
  };

  // Totals under the table (plain SUM formulas: the template holds no amounts, so they are 0).
  const P = letter('Prévu (€)');
  const R = letter('Réalisé (€)');
  const V = letter('Reçu à date (€)');
  const E = letter('Écart (€)');
  const totalRow = (label: string, top: number, end: number) => {
    const row = b.nextRow;
    b.line(
      line({
        Poste: label,
        'Prévu (€)': { formula: `SUM(${P}${top}:${P}${end})`, value: 0 },
        'Réalisé (€)': { formula: `SUM(${R}${top}:${R}${end})`, value: 0 },
        'Écart (€)': { formula: `${R}${row}-${P}${row}`, value: 0 },
        'Écart (%)': { formula: `IF(${P}${row}=0,"",${E}${row}/${P}${row})`, value: null },
      }),
      'total',
    );
    return row;
  };
  const chargesRow = totalRow(REALISED_TOTALS.charges, first, lastCharge);
  const productsRow = totalRow(REALISED_TOTALS.products, firstProduct, bottom);
  b.line(
    line({
      Poste: REALISED_TOTALS.result,
      'Prévu (€)': { formula: `${P}${productsRow}-${P}${chargesRow}`, value: 0 },
      'Réalisé (€)': { formula: `${R}${productsRow}-${R}${chargesRow}`, value: 0 },
    }),
    'total',
  );
  // What the funders still owe: the subsidies granted, less what was received.
  const subsidies = all.map((r, i) => (r.subsidy ? first + i : 0)).filter((r) => r > 0);
  const sTop = subsidies[0];
  const sEnd = subsidies[subsidies.length - 1];
  const dueRow = b.nextRow;
  b.line(
    line({
      Poste: REALISED_TOTALS.due,
      'Réalisé (€)': { formula: `SUM(${R}${sTop}:${R}${sEnd})`, value: 0 },
      'Reçu à date (€)': { formula: `SUM(${V}${sTop}:${V}${sEnd})`, value: 0 },
      'Écart (€)': { formula: `${V}${dueRow}-${R}${dueRow}`, value: 0 },
    }),
    'total',
  );
  b.line(
    [
      'Un budget présenté à l’équilibre a un résultat nul : les produits couvrent les charges. Une subvention accordée mais pas encore versée est un produit, pas un déficit : elle reste à recevoir.',
    ],
    'note',
  );

  const sheet = b.build();
  sheet.formats.push(
    { ref: rangeAddress(chargesRow, col('Prévu (€)'), dueRow, col('Écart (€)')), format: 'money' },
    { ref: rangeAddress(chargesRow, col('Écart (%)'), productsRow, col('Écart (%)')), format: 'percent' },
  );
  const unlocked = [
    rangeAddress(first, col('Prévu (€)'), bottom, col('Réalisé (€)')),
    rangeAddress(sTop, col('Reçu à date (€)'), sEnd, col('Reçu à date (€)')),
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
  sheet.numberInputs = [
    { ref: rangeAddress(first, col('Prévu (€)'), bottom, col('Réalisé (€)')), min: 0 },
    { ref: rangeAddress(sTop, col('Reçu à date (€)'), sEnd, col('Reçu à date (€)')), min: 0 },
  ];
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

/**
 * The hidden marker sheet: tblModele, then the lists the visible sheets' dropdowns use: the
 * funders the spare subsidy rows offer, the indicator catalogue (code, label, unit) and the
 * territories' names.
 */
function markerSheet(
  input: TemplateInput,
  funders: FunderRef[],
  catalogue: { code: string; label: string; unit: string }[],
): { sheet: PlacedSheet; lists: MarkerLists } {
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
  const textRanges = [rangeAddress(top, 1, end, 1)];
  const lists: MarkerLists = {
    funderSource: columnRef(top, end, 1, REPORT_MARKER.sheet),
    catalogue: null,
    catalogueCodes: null,
    territories: null,
  };
  if (catalogue.length) {
    b.blank();
    b.line(['Catalogue des indicateurs (lignes libres de la feuille Bilan)'], 'note');
    const cTop = b.nextRow;
    for (const i of catalogue) b.line([i.code, i.label, i.unit]);
    const cEnd = b.nextRow - 1;
    lists.catalogue = `${quoteSheet(REPORT_MARKER.sheet)}!$A$${cTop}:$C$${cEnd}`;
    lists.catalogueCodes = columnRef(cTop, cEnd, 1, REPORT_MARKER.sheet);
    textRanges.push(rangeAddress(cTop, 1, cEnd, 3));
  }
  const territories = input.territories ?? input.framework.territories.map((t) => ({ code: t.code, label: t.label }));
  if (territories.length) {
    b.blank();
    b.line(['Territoires proposés dans la colonne Territoire (feuille Bilan)'], 'note');
    const tTop = b.nextRow;
    for (const x of territories) b.line([x.label, x.code]);
    const tEnd = b.nextRow - 1;
    lists.territories = columnRef(tTop, tEnd, 1, REPORT_MARKER.sheet);
    textRanges.push(rangeAddress(tTop, 1, tEnd, 2));
  }
  const sheet = b.build();
  append(
    append(sheet.formats, textValues),
    textRanges.map((ref) => ({ ref, format: 'text' as const })),
  );
  sheet.state = 'veryHidden';
  sheet.protection = { unlocked: [] };
  return { sheet, lists };
}

/** The template's sheets: Bilan, Réalisé (visible) and the hidden marker sheet Suivi ESS. */
export function reportTemplateSheets(input: TemplateInput): PlacedSheet[] {
  const { rows, catalogue } = templateIndicators(input);
  const offered = offeredFunders(input);
  const marker = markerSheet(input, allFunders(input, offered), catalogue);
  return [bilanSheet(input, rows, marker.lists), realisedSheet(input, marker.lists.funderSource), marker.sheet];
}
