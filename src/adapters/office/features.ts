/**
 * Requirement sets: the manifest declares ExcelApi 1.7 (tables, freeze panes, hyperlinks);
 * features needing more are checked at run time, and the pane says which are unavailable. Each
 * version is the `[Api set: …]` of the member in @types/office-js (and Learn's requirement-set
 * pages): `Range.dataValidation` 1.8, `Runtime.enableEvents` 1.8, `Excel.createWorkbook` 1.8,
 * `RangeAreas.select` 1.18 (`Worksheet.getRanges` alone is 1.9), `ChartCollection.add` 1.1.
 * Members the adapter uses unconditionally are at most 1.7 (`suspendApiCalculationUntilNextSync`
 * is 1.6, `getItemOrNullObject` 1.4, multi-row `TableRowCollection.add` 1.4).
 */

export interface Feature {
  id: 'dataValidation' | 'events' | 'selectRows' | 'newWorkbook' | 'charts';
  label: string;
  set: string;
  version: string;
  /** Why it matters, shown when the host lacks it. */
  without: string;
  /** Not listed among the unavailable features: its absence changes nothing the user sees. */
  silent?: boolean;
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
    // `enableEvents` toggles this add-in's own event handlers only (not Excel's, not other
    // add-ins'); Suivi ESS registers none, so without it nothing changes, not even the speed.
    without: 'aucun effet : Suivi ESS n’écoute pas les événements du classeur.',
    silent: true,
  },
  {
    id: 'selectRows',
    label: 'Sélection des lignes d’un financeur',
    set: 'ExcelApi',
    // `RangeAreas.select()` is ExcelApi 1.18 (Office 2021 stops at 1.14).
    version: '1.18',
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
    // `ChartCollection.add` and `Chart.setPosition` are 1.1; below the manifest's 1.7 anyway.
    version: '1.1',
    without: 'les feuilles générées n’ont pas de graphique.',
  },
];

export type IsSetSupported = (set: string, version: string) => boolean;

/** Which features the host offers, from Office's requirement-set check. */
export function availableFeatures(isSetSupported: IsSetSupported): Set<Feature['id']> {
  return new Set(FEATURES.filter((f) => isSetSupported(f.set, f.version)).map((f) => f.id));
}

/** The features the pane lists as unavailable (those whose absence the user would notice). */
export function missingFeatures(features: ReadonlySet<Feature['id']>): Feature[] {
  return FEATURES.filter((f) => !f.silent && !features.has(f.id));
}
