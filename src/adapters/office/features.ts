/**
 * Requirement sets: the manifest declares ExcelApi 1.7 (tables, freeze panes, hyperlinks);
 * features needing more are checked at run time, and the pane says which are unavailable.
 */

export interface Feature {
  id: 'dataValidation' | 'events' | 'selectRows' | 'newWorkbook' | 'charts';
  label: string;
  set: string;
  version: string;
  /** Why it matters, shown when the host lacks it. */
  without: string;
}

export const MINIMUM = { set: 'ExcelApi', version: '1.7' } as const;

export const FEATURES: Feature[] = [
  {
    id: 'dataValidation',
    label: 'Listes déroulantes',
    set: 'ExcelApi',
    version: '1.8',
    without:
      'les colonnes Financeur, Code action, Année et Indicateur sont écrites sans liste déroulante ; les contrôles signalent toujours les valeurs inconnues.',
  },
  {
    id: 'events',
    label: 'Suspension des événements pendant l’écriture',
    set: 'ExcelApi',
    version: '1.8',
    without: 'l’écriture reste correcte, un peu plus lente sur les grands classeurs.',
  },
  {
    id: 'selectRows',
    label: 'Sélection des lignes d’un financeur',
    set: 'ExcelApi',
    version: '1.9',
    without: 'le bouton de la vue financeur sélectionne seulement la première ligne.',
  },
  {
    id: 'newWorkbook',
    label: 'Ouverture d’un nouveau classeur',
    set: 'ExcelApi',
    version: '1.8',
    without: 'les modèles de bilan sont téléchargés au lieu d’être ouverts.',
  },
  {
    id: 'charts',
    label: 'Graphiques Excel',
    set: 'ExcelApi',
    version: '1.7',
    without: 'les feuilles générées n’ont pas de graphique.',
  },
];

export type IsSetSupported = (set: string, version: string) => boolean;

/** Which features the host offers, from Office's requirement-set check. */
export function availableFeatures(isSetSupported: IsSetSupported): Set<Feature['id']> {
  return new Set(FEATURES.filter((f) => isSetSupported(f.set, f.version)).map((f) => f.id));
}
