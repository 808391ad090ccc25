/**
 * The validation rules, as data (in the spirit of DHIS2's validation rules): each has an id,
 * a kind, the sides it compares, an operator, a severity and a message template for the user.
 * `evaluate.ts` interprets them; the rules that concern a single cell's format are applied
 * while reading (`records.ts`, `cells.ts`) and listed here so that every rule id is documented.
 *
 * Message placeholders: {where} (sheet and cell), {header}, {found}, {expected}, {funder},
 * {year}, {left}, {right}, {gap}, {status}, {source}, {first}, {start}, {end}, {extra}.
 */
import type { InputKey } from '../contract/tables';
import type { Severity } from './findings';

export type Target = 'funders' | 'actions' | 'indicators';

export type Rule =
  | { id: string; kind: 'cell'; severity: Severity; title: string }
  /** The field must name a record of the target table (exact code, or name/alias with a warning). */
  | { id: string; kind: 'reference'; table: InputKey; field: string; target: Target; severity: Severity; title: string; message: string }
  /** The field must lie within the framework's period. */
  | { id: string; kind: 'period'; table: InputKey; field: string; severity: Severity; title: string; message: string }
  /** The field compared with a constant; `unless` names a field whose text exempts the row. */
  | {
      id: string;
      kind: 'compare';
      table: InputKey;
      field: string;
      operator: '>=' | '>';
      value: number;
      unless?: { field: string; matches: RegExp };
      severity: Severity;
      title: string;
      message: string;
    }
  /** The field must be filled (unless another field's text exempts the row). */
  | {
      id: string;
      kind: 'required';
      table: InputKey;
      field: string;
      unless?: { field: string; matches: RegExp };
      severity: Severity;
      title: string;
      message: string;
    }
  /** No two rows share these fields (optionally among rows not matching `unless`). */
  | {
      id: string;
      kind: 'unique';
      table: InputKey;
      fields: string[];
      /** Fields that may be empty: an empty value then counts as a value (''). */
      optional?: string[];
      unless?: { field: string; matches: RegExp };
      severity: Severity;
      title: string;
      message: string;
    }
  /**
   * Left side: sum of `left.field` of `left.table` per funder and year; right side: sum of the
   * reference amounts of `right.table` for the same funder and year. Operator: equal.
   * Severity: `firm` when every reference row of the group is firm, `other` otherwise;
   * `missing` when there are commitments but no reference amount at all.
   */
  | {
      id: string;
      kind: 'balance';
      left: { table: 'commitments'; field: 'amount' };
      right: { table: 'convention'; field: 'amount' };
      operator: '==';
      severity: { firm: Severity; other: Severity };
      title: string;
      message: string;
      publishedNote: string;
    }
  | { id: string; kind: 'balance-missing'; severity: Severity; title: string; message: string };

/** A row of Convention whose Source names an amendment (avenant) moves the amount. */
export const AMENDMENT = /avenant/i;

export const RULES: Rule[] = [
  // Cell formats, applied while reading.
  { id: 'VALEUR-MANQUANTE', kind: 'cell', severity: 'error', title: 'Valeur obligatoire manquante' },
  { id: 'MONTANT-ILLISIBLE', kind: 'cell', severity: 'error', title: 'Montant illisible' },
  { id: 'MONTANT-TEXTE', kind: 'cell', severity: 'warning', title: 'Montant saisi comme texte, lu et compté' },
  { id: 'MONTANT-ARRONDI', kind: 'cell', severity: 'warning', title: 'Montant arrondi au centime' },
  { id: 'ANNEE-ILLISIBLE', kind: 'cell', severity: 'error', title: 'Année illisible' },
  { id: 'NOMBRE-ILLISIBLE', kind: 'cell', severity: 'error', title: 'Valeur non numérique' },
  { id: 'NOMBRE-TEXTE', kind: 'cell', severity: 'warning', title: 'Nombre saisi comme texte, lu et compté' },
  { id: 'VOCABULAIRE', kind: 'cell', severity: 'error', title: 'Valeur hors de la liste' },
  { id: 'TABLEAU-EN-PLAGE', kind: 'cell', severity: 'warning', title: 'Tableau converti en plage, lu par ses en-têtes' },
  { id: 'CADRE', kind: 'cell', severity: 'error', title: 'Cadre incomplet ou incohérent' },
  { id: 'CADRE-INCONNU', kind: 'cell', severity: 'warning', title: 'Cadre inconnu de Suivi ESS' },
  { id: 'LECTURE', kind: 'cell', severity: 'error', title: 'Classeur illisible par un bouton du ruban (feuille ou en-tête manquant)' },
  { id: 'FINANCEUR-NOM', kind: 'cell', severity: 'warning', title: 'Financeur écrit par son nom ou autrement, rapporté à son code' },
  { id: 'CODE-ECRITURE', kind: 'cell', severity: 'warning', title: 'Code écrit autrement (casse, accents), rapporté au code' },

  // References between tables.
  {
    id: 'FINANCEUR-INCONNU',
    kind: 'reference',
    table: 'commitments',
    field: 'funder',
    target: 'funders',
    severity: 'error',
    title: 'Financeur inconnu',
    message: '{where} ({header}) : un financeur de la feuille « Financeurs » est attendu, {found} a été trouvé.',
  },
  {
    id: 'FINANCEUR-INCONNU',
    kind: 'reference',
    table: 'convention',
    field: 'funder',
    target: 'funders',
    severity: 'error',
    title: 'Financeur inconnu',
    message: '{where} ({header}) : un financeur de la feuille « Financeurs » est attendu, {found} a été trouvé.',
  },
  {
    id: 'ACTION-INCONNUE',
    kind: 'reference',
    table: 'commitments',
    field: 'action',
    target: 'actions',
    severity: 'error',
    title: 'Code action inconnu',
    message: "{where} ({header}) : un code du « Plan d'actions » est attendu, {found} a été trouvé.",
  },
  {
    id: 'ACTION-INCONNUE',
    kind: 'reference',
    table: 'reports',
    field: 'action',
    target: 'actions',
    severity: 'error',
    title: 'Code action inconnu',
    message: "{where} ({header}) : un code du « Plan d'actions » est attendu, {found} a été trouvé.",
  },
  {
    id: 'INDICATEUR-INCONNU',
    kind: 'reference',
    table: 'reports',
    field: 'indicator',
    target: 'indicators',
    severity: 'error',
    title: 'Indicateur inconnu',
    message: '{where} ({header}) : un code de la feuille « Indicateurs » est attendu, {found} a été trouvé.',
  },

  // Periods.
  ...(['commitments', 'convention', 'reports'] as const).map((table): Rule => ({
    id: 'ANNEE-HORS-PERIODE',
    kind: 'period',
    table,
    field: 'year',
    severity: 'error',
    title: 'Année hors de la période du cadre',
    message: '{where} ({header}) : une année entre {start} et {end} est attendue, {found} a été trouvée.',
  })),

  // Amounts.
  {
    id: 'MONTANT-MANQUANT',
    kind: 'required',
    table: 'commitments',
    field: 'amount',
    severity: 'error',
    title: 'Montant manquant',
    message: '{where} ({header}) : un montant en euros est attendu, la cellule est vide.',
  },
  {
    id: 'MONTANT-NEGATIF',
    kind: 'compare',
    table: 'commitments',
    field: 'amount',
    operator: '>=',
    value: 0,
    severity: 'error',
    title: 'Montant négatif',
    message:
      '{where} ({header}) : un montant positif ou nul est attendu, {found} a été trouvé ; une réduction d’engagement passe par une modification du montant, pas par une ligne négative.',
  },
  {
    id: 'MONTANT-NEGATIF',
    kind: 'compare',
    table: 'convention',
    field: 'amount',
    operator: '>=',
    value: 0,
    unless: { field: 'source', matches: AMENDMENT },
    severity: 'error',
    title: 'Montant négatif hors avenant',
    message:
      '{where} ({header}) : un montant positif est attendu, {found} a été trouvé ; seul un avenant peut réduire un montant (art. 7).',
  },
  {
    id: 'MONTANT-REFERENCE-MANQUANT',
    kind: 'required',
    table: 'convention',
    field: 'amount',
    unless: { field: 'status', matches: /sous r[ée]serve/i },
    severity: 'error',
    title: 'Montant de référence manquant',
    message:
      '{where} ({header}) : un montant est attendu pour un statut ferme ou prévisionnel, la cellule est vide ; laissez-la vide seulement pour un montant « Sous réserve ».',
  },
  {
    id: 'VALEUR-NEGATIVE',
    kind: 'compare',
    table: 'reports',
    field: 'value',
    operator: '>=',
    value: 0,
    severity: 'error',
    title: 'Valeur négative',
    message: '{where} ({header}) : un nombre positif ou nul est attendu, {found} a été trouvé.',
  },
  {
    id: 'VALEUR-MANQUANTE',
    kind: 'required',
    table: 'reports',
    field: 'value',
    severity: 'error',
    title: 'Valeur manquante',
    message: '{where} ({header}) : un nombre est attendu, la cellule est vide.',
  },

  // Duplicates.
  {
    id: 'DOUBLON',
    kind: 'unique',
    table: 'commitments',
    fields: ['action', 'funder', 'year', 'amount', 'reference'],
    optional: ['reference'],
    severity: 'warning',
    title: 'Engagement en double',
    message:
      '{where} : cette ligne répète la ligne {first} (même action, financeur, année, montant et référence) ; elle est comptée deux fois.',
  },
  {
    id: 'CODE-EN-DOUBLE',
    kind: 'unique',
    table: 'actions',
    fields: ['code'],
    severity: 'error',
    title: 'Code action en double',
    message: '{where} ({header}) : un code unique est attendu, {found} figure déjà ligne {first}.',
  },
  {
    id: 'CODE-EN-DOUBLE',
    kind: 'unique',
    table: 'funders',
    fields: ['code'],
    severity: 'error',
    title: 'Code financeur en double',
    message: '{where} ({header}) : un code unique est attendu, {found} figure déjà ligne {first}.',
  },
  {
    id: 'CODE-EN-DOUBLE',
    kind: 'unique',
    table: 'indicators',
    fields: ['code'],
    severity: 'error',
    title: 'Code indicateur en double',
    message: '{where} ({header}) : un code unique est attendu, {found} figure déjà ligne {first}.',
  },
  {
    id: 'MONTANT-SANS-AVENANT',
    kind: 'unique',
    table: 'convention',
    fields: ['funder', 'year'],
    unless: { field: 'source', matches: AMENDMENT },
    severity: 'error',
    title: 'Deuxième montant de base sans avenant',
    message:
      '{where} : un seul montant de base par financeur et par année est attendu, la ligne {first} en fixe déjà un ; toute modification du montant passe par un avenant (art. 7), à saisir comme une ligne dont la Source cite l’avenant.',
  },

  // Totals against the convention.
  {
    id: 'ENGAGEMENTS-CONVENTION',
    kind: 'balance',
    left: { table: 'commitments', field: 'amount' },
    right: { table: 'convention', field: 'amount' },
    operator: '==',
    severity: { firm: 'error', other: 'warning' },
    title: 'Engagements différents du montant de la convention',
    message:
      '{where} : pour {funder} en {year}, des engagements égaux au montant de la convention ({right}, {status}, {source}) sont attendus, {left} ont été trouvés (écart {gap}).{extra}',
    publishedNote: ' Ce total est le montant de {published} publié par {publishedBy}, qui n’est pas contractuel : {prevailing} prévaut.',
  },
  {
    id: 'ENGAGEMENTS-SANS-MONTANT',
    kind: 'balance-missing',
    severity: 'error',
    title: 'Engagements sans montant de référence',
    message:
      '{where} : pour {funder} en {year}, un montant de référence dans la feuille « Convention » est attendu avant tout engagement, {found} ; {left} sont engagés. Un nouveau montant passe par un avenant (art. 7).',
  },
];

export function ruleTitle(id: string): string {
  return RULES.find((r) => r.id === id)?.title ?? id;
}
