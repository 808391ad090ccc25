/** The fixed vocabularies of the workbook contract (users pick them from dropdowns). */
import { normalizeKey } from '../shared/text';

export const FUNDER_TYPES = ['Signataire', 'Collectivité partenaire', 'Autre'] as const;
export const CONVENTION_STATUSES = ['Ferme', 'Prévisionnel', 'Sous réserve'] as const;
export const AGGREGATIONS = ['Somme', 'Moyenne', 'Maximum', 'Dernière valeur'] as const;
/** What a row of the Convention ledger is: the signed base amount, a budget vote, an amendment. */
export const CONVENTION_NATURES = ['Convention', 'Vote', 'Avenant'] as const;
/** The nature of an aid, as the SCDL « Subventions » schema knows it (« aide en numéraire »…). */
export const AID_NATURES = ['Aide en numéraire', 'Aide en nature'] as const;
/** How an aid is paid: once, or in instalments (SCDL « unique », « échelonné »). */
export const PAYMENT_CONDITIONS = ['Unique', 'Échelonné'] as const;
export const PAYMENT_TYPES = ['Avance', 'Acompte', 'Solde'] as const;
export const CLOSING_OPERATIONS = ['Clôture', 'Réouverture'] as const;
export const YES_NO = ['Oui', 'Non'] as const;

export type FunderType = (typeof FUNDER_TYPES)[number];
export type ConventionStatus = (typeof CONVENTION_STATUSES)[number];
export type Aggregation = (typeof AGGREGATIONS)[number];
export type ConventionNature = (typeof CONVENTION_NATURES)[number];
export type PaymentType = (typeof PAYMENT_TYPES)[number];
export type ClosingOperation = (typeof CLOSING_OPERATIONS)[number];

/** Finds the vocabulary entry that a cell text names, regardless of case, accents and spaces. */
export function matchVocabulary<T extends string>(vocabulary: readonly T[], text: string): T | null {
  const key = normalizeKey(text);
  return vocabulary.find((v) => normalizeKey(v) === key) ?? null;
}

/** How the values of several operators or territories of one year combine (beside `Agrégation`, over the years). */
export const ACROSS_OPERATORS = ['Somme', 'Maximum', 'Non additionnable'] as const;
export type AcrossOperators = (typeof ACROSS_OPERATORS)[number];

/** The kinds of territory of the `Territoires` table. */
export const TERRITORY_TYPES = [
  'Région',
  'Département',
  'Métropole',
  'EPCI',
  'Commune',
  'Syndicat mixte',
  'Parc naturel régional',
  'Quartier prioritaire (QPV)',
  'Zone de revitalisation rurale (ZRR)',
  'Autre',
] as const;
export type TerritoryType = (typeof TERRITORY_TYPES)[number];
