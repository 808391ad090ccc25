/** The fixed vocabularies of the workbook contract (users pick them from dropdowns). */
import { normalizeKey } from '../shared/text';

export const FUNDER_TYPES = ['Signataire', 'Collectivité partenaire', 'Autre'] as const;
export const CONVENTION_STATUSES = ['Ferme', 'Prévisionnel', 'Sous réserve'] as const;
export const AGGREGATIONS = ['Somme', 'Moyenne', 'Maximum', 'Dernière valeur'] as const;

export type FunderType = (typeof FUNDER_TYPES)[number];
export type ConventionStatus = (typeof CONVENTION_STATUSES)[number];
export type Aggregation = (typeof AGGREGATIONS)[number];

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
