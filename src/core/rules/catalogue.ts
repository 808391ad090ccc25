/**
 * The rule catalogue, as data (in the spirit of DHIS2's validation rules): every rule Suivi ESS
 * checks has an id, a severity, an importance, a title, its source, and the French template of
 * its message. A finding names its rule by id (`RuleId`, the union of the ids below: a rule not
 * catalogued does not compile) and carries the template's parameters; `render.ts` writes the
 * sentence. The checks that compare tables are data too (`CHECKS`), interpreted by evaluate.ts.
 *
 * Templates: `{where}` is the place (file, sheet, cell) and `{header}` the column; `{found}` is
 * what the cell holds; the other placeholders are the rule's parameters (see `render.ts` for how
 * each type of parameter is written). Articles of a framework (`{article}`) come from the
 * framework's data (` (art. 7)`, or nothing), so that each contract's users read their own
 * convention's articles and no other.
 */
import type { InputKey } from '../contract/tables';

export type Severity = 'error' | 'warning';

/** DHIS2's importance: what is at stake when the rule is broken. */
export type Importance = 'haute' | 'moyenne' | 'basse';

export interface RuleDef {
  readonly severity: Severity;
  readonly importance: Importance;
  readonly title: string;
  readonly message: string;
  /** Where the rule comes from: the convention, the Cerfa, Excel's limits, or Suivi ESS's own reading. */
  readonly source: string;
}

const READING = 'Lecture des cellules (Suivi ESS)';
const CONTRACT = 'Contrat du classeur (docs/contrat-classeur.md)';
const IMPORT = 'Import des bilans (docs/import-bilans.md)';

export const RULES = {
  // Reading cells ---------------------------------------------------------------------------
  'VALEUR-MANQUANTE': {
    severity: 'error',
    importance: 'haute',
    title: 'Valeur obligatoire manquante',
    message: '{where} ({header}) : une valeur est attendue, la cellule est vide.',
    source: READING,
  },
  'VALEUR-ILLISIBLE': {
    severity: 'error',
    importance: 'haute',
    title: 'Valeur illisible',
    message: '{where} ({header}) : une valeur lisible est attendue, {found} a été trouvé.',
    source: READING,
  },
  'FORMULE-SANS-VALEUR': {
    severity: 'error',
    importance: 'haute',
    title: 'Formule sans résultat enregistré',
    message:
      '{where} ({header}) : une valeur est attendue, une formule sans résultat enregistré a été trouvée ({formula}) ; ouvrez le classeur dans Excel, laissez-le calculer et enregistrez-le.',
    source: READING,
  },
  'MONTANT-ILLISIBLE': {
    severity: 'error',
    importance: 'haute',
    title: 'Montant illisible',
    message: '{where} ({header}) : un montant en euros est attendu, {found} a été trouvé.',
    source: READING,
  },
  'MONTANT-DATE': {
    severity: 'error',
    importance: 'haute',
    title: 'Date dans une cellule de montant',
    message:
      '{where} ({header}) : un montant en euros est attendu, une date a été trouvée ({found}) ; la cellule est peut-être au format Date : mettez-la au format Nombre et saisissez le montant.',
    source: READING,
  },
  'MONTANT-ABSURDE': {
    severity: 'error',
    importance: 'haute',
    title: 'Montant démesuré',
    message: '{where} ({header}) : un montant de moins de mille milliards d’euros est attendu, {found} a été trouvé.',
    source: READING,
  },
  'MONTANT-TEXTE': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Montant saisi comme texte, lu et compté',
    message: '{where} ({header}) : un nombre est attendu, un texte a été trouvé et lu comme {read} ; saisissez-le comme nombre.',
    source: READING,
  },
  'MONTANT-ARRONDI': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Montant arrondi au centime',
    message: '{where} ({header}) : un montant au centime est attendu, il a été arrondi à {read}.',
    source: READING,
  },
  'ANNEE-ILLISIBLE': {
    severity: 'error',
    importance: 'haute',
    title: 'Année illisible',
    message: '{where} ({header}) : une année sur quatre chiffres est attendue, {found} a été trouvé.',
    source: READING,
  },
  'DATE-ILLISIBLE': {
    severity: 'error',
    importance: 'haute',
    title: 'Date illisible',
    message: '{where} ({header}) : une date (12/03/2015) est attendue, {found} a été trouvé.',
    source: READING,
  },
  'NOMBRE-ILLISIBLE': {
    severity: 'error',
    importance: 'haute',
    title: 'Valeur non numérique',
    message: '{where} ({header}) : un nombre est attendu, {found} a été trouvé.',
    source: READING,
  },
  'NOMBRE-DATE': {
    severity: 'error',
    importance: 'haute',
    title: 'Date dans une cellule de nombre',
    message:
      '{where} ({header}) : un nombre est attendu, une date a été trouvée ({found}) ; mettez la cellule au format Nombre et saisissez la valeur.',
    source: READING,
  },
  'NOMBRE-TEXTE': {
    severity: 'warning',
    importance: 'basse',
    title: 'Nombre saisi comme texte, lu et compté',
    message: '{where} ({header}) : un nombre est attendu, un texte a été trouvé et lu comme {read} ; saisissez-le comme nombre.',
    source: READING,
  },
  'SIRET-INVALIDE': {
    severity: 'error',
    importance: 'haute',
    title: 'SIRET invalide',
    message: '{where} ({header}) : un SIRET de 14 chiffres à la clé valide est attendu (saisi comme texte), {found} a été trouvé.',
    source: 'Répertoire SIRENE (INSEE) ; schéma SCDL « Subventions »',
  },
  'RNA-INVALIDE': {
    severity: 'error',
    importance: 'haute',
    title: 'Numéro RNA invalide',
    message: '{where} ({header}) : un numéro RNA (W suivi de 9 chiffres) est attendu, {found} a été trouvé.',
    source: 'Répertoire national des associations ; schéma SCDL « Subventions »',
  },
  VOCABULAIRE: {
    severity: 'error',
    importance: 'moyenne',
    title: 'Valeur hors de la liste',
    message: '{where} ({header}) : une valeur parmi {list} est attendue, {found} a été trouvé.',
    source: READING,
  },

  // Tables of the contract ------------------------------------------------------------------
  'TABLEAU-EN-PLAGE': {
    severity: 'warning',
    importance: 'basse',
    title: 'Tableau converti en plage, lu par ses en-têtes',
    message:
      '{where} : le tableau Excel {table} est attendu, une plage ordinaire a été trouvée ; elle a été lue par ses en-têtes jusqu’à la première ligne vide. Remettez-la sous forme de tableau (Insertion > Tableau) et nommez-le {table}.',
    source: CONTRACT,
  },
  'FEUILLE-RENOMMEE': {
    severity: 'warning',
    importance: 'basse',
    title: 'Feuille renommée, tableau trouvé par son nom',
    message:
      '{where} : le tableau {table} est attendu sur la feuille « {expected} », il a été trouvé sur la feuille « {found} » et lu là ; redonnez à la feuille son nom.',
    source: CONTRACT,
  },
  'COLONNE-ABSENTE': {
    severity: 'warning',
    importance: 'basse',
    title: 'Colonne facultative absente',
    message: '{where} : la colonne {header} du tableau {table} est attendue, elle est absente ; ses valeurs sont lues comme vides.',
    source: CONTRACT,
  },
  'LIGNE-HORS-TABLEAU': {
    severity: 'warning',
    importance: 'haute',
    title: 'Ligne saisie sous le tableau, hors du tableau',
    message:
      '{where} : les lignes du tableau {table} sont attendues dans le tableau, une ligne a été trouvée sous lui, hors de sa plage ; elle n’est pas comptée. Agrandissez le tableau jusqu’à elle (en supprimant la ligne vide qui l’en sépare, s’il y en a une).',
    source: CONTRACT,
  },
  'VERSION-ANCIENNE': {
    severity: 'warning',
    importance: 'basse',
    title: 'Classeur d’une version précédente du contrat',
    message:
      '{where} : la version {expected} du contrat du classeur est attendue, la version {found} a été trouvée ; le classeur est lu, les colonnes ajoutées depuis sont vides ({missing}). Mettez-le à niveau en ajoutant ces colonnes (ou avec « suivi-ess consolidate », qui les écrit).',
    source: CONTRACT,
  },
  CADRE: {
    severity: 'error',
    importance: 'haute',
    title: 'Cadre incomplet',
    message: '{where} : la clé « {key} » est attendue dans le tableau tblCadre, elle est absente.',
    source: CONTRACT,
  },
  'CADRE-ANNEE': {
    severity: 'error',
    importance: 'haute',
    title: 'Année du cadre illisible',
    message: '{where} : une année est attendue pour « {key} », {found} a été trouvé.',
    source: CONTRACT,
  },
  'CADRE-PERIODE': {
    severity: 'error',
    importance: 'haute',
    title: 'Période du cadre incohérente',
    message: '{where} : une année de fin postérieure au début ({start}) est attendue, {found} a été trouvé.',
    source: CONTRACT,
  },
  'CADRE-DEVISE': {
    severity: 'error',
    importance: 'haute',
    title: 'Devise autre que l’euro',
    message: '{where} : la devise EUR est attendue, {found} a été trouvé.',
    source: CONTRACT,
  },
  'CADRE-INCONNU': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Cadre inconnu de Suivi ESS',
    message:
      '{where} : un identifiant de cadre connu est attendu, {found} a été trouvé ; les contrôles propres au cadre (montants signés, autres noms des financeurs) ne s’appliquent pas.',
    source: CONTRACT,
  },
  LECTURE: {
    severity: 'error',
    importance: 'haute',
    title: 'Commande du ruban interrompue (classeur illisible ou refus d’Excel)',
    message: '{detail}',
    source: CONTRACT,
  },

  // References between tables ----------------------------------------------------------------
  'FINANCEUR-INCONNU': {
    severity: 'error',
    importance: 'haute',
    title: 'Financeur inconnu',
    message: '{where} ({header}) : un financeur de la feuille « Financeurs » est attendu, {found} a été trouvé.',
    source: CONTRACT,
  },
  'FINANCEUR-NOM': {
    severity: 'warning',
    importance: 'basse',
    title: 'Financeur écrit par son nom ou autrement, rapporté à son code',
    message: '{where} ({header}) : le code {code} est attendu, {found} a été trouvé et lu comme {code}.',
    source: CONTRACT,
  },
  'CODE-ECRITURE': {
    severity: 'warning',
    importance: 'basse',
    title: 'Code écrit autrement (casse, accents), rapporté au code',
    message: '{where} ({header}) : le code {code} est attendu, {found} a été trouvé et lu comme {code}.',
    source: CONTRACT,
  },
  'ACTION-INCONNUE': {
    severity: 'error',
    importance: 'haute',
    title: 'Code action inconnu',
    message: '{where} ({header}) : un code du « Plan d’actions » est attendu, {found} a été trouvé.',
    source: CONTRACT,
  },
  'INDICATEUR-INCONNU': {
    severity: 'error',
    importance: 'haute',
    title: 'Indicateur inconnu',
    message: '{where} ({header}) : un code de la feuille « Indicateurs » est attendu, {found} a été trouvé.',
    source: CONTRACT,
  },
  'ANNEE-MANQUANTE': {
    severity: 'error',
    importance: 'haute',
    title: 'Année manquante',
    message: '{where} ({header}) : une année est attendue, la cellule est vide ; la ligne n’est comptée dans aucune année.',
    source: CONTRACT,
  },
  'DATE-MANQUANTE': {
    severity: 'error',
    importance: 'haute',
    title: 'Date manquante',
    message: '{where} ({header}) : une date est attendue, la cellule est vide.',
    source: CONTRACT,
  },
  'ANNEE-HORS-PERIODE': {
    severity: 'error',
    importance: 'haute',
    title: 'Année hors de la période du cadre',
    message: '{where} ({header}) : une année entre {start} et {end} est attendue, {found} a été trouvée.',
    source: CONTRACT,
  },
  'CODE-EN-DOUBLE': {
    severity: 'error',
    importance: 'haute',
    title: 'Code en double',
    message: '{where} ({header}) : un code unique est attendu, {found} figure déjà ligne {first}.',
    source: CONTRACT,
  },

  // Amounts ----------------------------------------------------------------------------------
  'MONTANT-MANQUANT': {
    severity: 'error',
    importance: 'haute',
    title: 'Montant manquant',
    message: '{where} ({header}) : un montant en euros est attendu, la cellule est vide.',
    source: CONTRACT,
  },
  'MONTANT-NEGATIF': {
    severity: 'error',
    importance: 'haute',
    title: 'Engagement négatif',
    message:
      '{where} ({header}) : un montant positif ou nul est attendu, {found} a été trouvé ; une réduction d’engagement passe par une modification du montant, pas par une ligne négative.',
    source: CONTRACT,
  },
  'MONTANT-NEGATIF-HORS-AVENANT': {
    severity: 'error',
    importance: 'haute',
    title: 'Montant de référence négatif hors avenant',
    message:
      '{where} ({header}) : un montant positif est attendu, {found} a été trouvé ; seul un avenant{article} peut réduire un montant.',
    source: 'Convention (article des modifications)',
  },
  'MONTANT-REFERENCE-MANQUANT': {
    severity: 'error',
    importance: 'haute',
    title: 'Montant de référence manquant',
    message:
      '{where} ({header}) : un montant est attendu pour un statut ferme ou prévisionnel, la cellule est vide ; laissez-la vide seulement pour un montant « Sous réserve ».',
    source: CONTRACT,
  },
  'VALEUR-NEGATIVE': {
    severity: 'error',
    importance: 'haute',
    title: 'Valeur d’indicateur négative',
    message: '{where} ({header}) : un nombre positif ou nul est attendu, {found} a été trouvé.',
    source: CONTRACT,
  },
  'VALEUR-ABSENTE': {
    severity: 'error',
    importance: 'haute',
    title: 'Valeur d’indicateur manquante',
    message: '{where} ({header}) : un nombre est attendu, la cellule est vide.',
    source: CONTRACT,
  },
  DOUBLON: {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Engagement en double',
    message:
      '{where} : cette ligne répète la ligne {first} (même action, financeur, année, montant et référence) ; elle est comptée deux fois.',
    source: CONTRACT,
  },
  'MONTANT-SANS-AVENANT': {
    severity: 'error',
    importance: 'haute',
    title: 'Deuxième montant de base sans avenant',
    message:
      '{where} : un seul montant de base par financeur et par année est attendu, la ligne {first} en fixe déjà un ; toute modification du montant passe par un avenant{article}, à saisir comme une ligne dont la Source cite l’avenant.',
    source: 'Convention (article des modifications)',
  },

  // Totals against the convention --------------------------------------------------------------
  'ENGAGEMENTS-CONVENTION': {
    severity: 'error',
    importance: 'haute',
    title: 'Engagements en dessous du montant de référence',
    message:
      '{where} : pour {funder} en {year}, des engagements égaux au montant de référence ({right}, {status}, {source}) sont attendus, {left} ont été trouvés (écart {gap}).{published}',
    source: 'Convention (articles des participations)',
  },
  'ENGAGEMENTS-SANS-MONTANT': {
    severity: 'error',
    importance: 'haute',
    title: 'Engagements sans montant de référence',
    message:
      '{where} : pour {funder} en {year}, un montant de référence dans la feuille « Convention » est attendu avant tout engagement, {found} ; {left} sont engagés. Un nouveau montant passe par un avenant{article}.',
    source: 'Convention (article des modifications)',
  },

  'MONTANT-SIGNE': {
    severity: 'error',
    importance: 'haute',
    title: 'Montant de base différent du montant signé',
    message:
      '{where} ({header}) : le montant de la convention pour {funder} en {year} est attendu ({expected}, {source}), {found} a été trouvé ; un changement de montant passe par un avenant{article}, saisi comme une ligne Avenant.{published}',
    source: 'Convention (articles des participations et des modifications)',
  },
  'VOTE-DIFFERENT': {
    severity: 'error',
    importance: 'haute',
    title: 'Vote différent du montant de référence sans avenant',
    message:
      '{where} ({header}) : un vote égal au montant de référence de {funder} en {year} ({expected}, convention et avenants) est attendu, {found} a été trouvé ; un montant voté différent passe par un avenant{article}.',
    source: 'Convention (article des modifications)',
  },
  'DECISION-INCOMPLETE': {
    severity: 'error',
    importance: 'haute',
    title: 'Avenant ou vote sans date ou sans référence',
    message: '{where} ({header}) : {what} est attendue pour une ligne {nature}, la cellule est vide.',
    source: 'Convention (article des modifications)',
  },
  'ENGAGEMENTS-AU-DELA': {
    severity: 'error',
    importance: 'haute',
    title: 'Engagements au-delà du montant de référence',
    message:
      '{where} : pour {funder} en {year}, des engagements d’au plus le montant de référence ({right}, {status}, {source}) sont attendus, {left} ont été trouvés (dépassement de {gap}) ; quel que soit le statut, un dépassement passe par un avenant{article}.{published}',
    source: 'Convention (articles des participations et des modifications)',
  },
  'VERSEMENT-SANS-ENGAGEMENT': {
    severity: 'error',
    importance: 'haute',
    title: 'Versement sans engagement',
    message: '{where} : un engagement de {funder} sur {action} en {year}{beneficiary} est attendu pour ce versement, aucun n’a été trouvé.',
    source: 'Suivi des versements (Suivi ESS)',
  },
  'VERSEMENT-AU-DELA': {
    severity: 'error',
    importance: 'haute',
    title: 'Versements au-delà de l’engagement',
    message:
      '{where} : des versements d’au plus l’engagement de {funder} sur {action} en {year}{beneficiary} ({expected}) sont attendus, {found} ont été versés à cette ligne comprise.',
    source: 'Suivi des versements (Suivi ESS)',
  },
  'VERSEMENT-AVANT-DECISION': {
    severity: 'error',
    importance: 'haute',
    title: 'Versement antérieur à la décision',
    message:
      '{where} ({header}) : une date de versement postérieure à la décision d’attribution ({expected}) est attendue, {found} a été trouvé.',
    source: 'Suivi des versements (Suivi ESS)',
  },
  'SOLDE-AVANT-BILAN': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Solde versé avant le bilan',
    message: '{where} ({header}) : un solde versé après l’import du bilan {year} de l’action {action} est attendu, {found}.',
    source: 'Convention, § 5 (bilans annuels des opérateurs)',
  },
  'CLOTURE-MODIFIEE': {
    severity: 'error',
    importance: 'haute',
    title: 'Année close modifiée',
    message:
      '{where} : {funder} {year} a été clos le {date} par {by} ({reason}) ; les lignes Convention, Engagements et Versements de ce financeur et de cette année ne sont plus celles de la clôture (empreinte attendue {expected}…, trouvée {found}…). Rétablissez-les, ou rouvrez l’année avec un motif.',
    source: 'Clôture d’exercice (Suivi ESS)',
  },
  'REOUVERTURE-SANS-MOTIF': {
    severity: 'error',
    importance: 'haute',
    title: 'Réouverture sans motif',
    message: '{where} ({header}) : un motif est attendu pour une réouverture, la cellule est vide.',
    source: 'Clôture d’exercice (Suivi ESS)',
  },
  'SCDL-CHAMP-MANQUANT': {
    severity: 'error',
    importance: 'haute',
    title: 'Donnée essentielle manquante pour l’export',
    message:
      '{where} ({header}) : une valeur est attendue, car l’export des données essentielles (schéma SCDL « Subventions » 2.1.1) demande {field} ; une cellule vide a été trouvée.',
    source: 'Décret n° 2017-779 du 5 mai 2017 ; schéma SCDL « Subventions » 2.1.1',
  },
  'SCDL-VALEUR': {
    severity: 'error',
    importance: 'haute',
    title: 'Donnée essentielle refusée par le schéma',
    message: '{where} ({header}) : {expected} est attendu pour l’export (schéma SCDL « Subventions » 2.1.1), {found} a été trouvé.',
    source: 'Schéma SCDL « Subventions » 2.1.1',
  },

  // Indicators per action, territories, axes of the framework ----------------------------------
  'INDICATEUR-HORS-ACTION': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Indicateur que le bilan de l’action ne demande pas',
    message:
      '{where} ({header}) : un indicateur que le bilan de l’action {action} demande ({list}) est attendu, {found} a été trouvé ; la valeur est comptée. S’il est voulu, ajoutez le lien dans la feuille « Indicateurs des actions ».',
    source: CONTRACT,
  },
  'TAUX-ENTRE-OPERATEURS': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Taux additionné entre opérateurs',
    message:
      '{where} ({header}) : « Non additionnable » est attendu pour un indicateur en %, {found} a été trouvé ; il est traité comme non additionnable : montré par opérateur, avec le minimum, la médiane et le maximum.',
    source: CONTRACT,
  },
  'TAUX-SUR-PERIODE': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Taux additionné sur la période',
    message:
      '{where} ({header}) : Moyenne, Maximum ou Dernière valeur est attendu pour un indicateur en %, {found} a été trouvé ; les années sont moyennées.',
    source: CONTRACT,
  },
  'TERRITOIRE-INCONNU': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Territoire absent de la feuille Territoires',
    message:
      '{where} ({header}) : un territoire de la feuille « Territoires » (son code, son nom ou un autre nom) est attendu, {found} a été trouvé ; la valeur est comptée sous ce nom, hors des rattachements. Ajoutez ce territoire, ou cette écriture à ses « Autres noms ».',
    source: CONTRACT,
  },
  'TERRITOIRE-NOM': {
    severity: 'warning',
    importance: 'basse',
    title: 'Territoire écrit par son nom, rapporté à son code',
    message: '{where} ({header}) : le code {code} est attendu, {found} a été trouvé et lu comme {code}.',
    source: CONTRACT,
  },
  'TERRITOIRE-RATTACHEMENT': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Rattachement à un territoire inconnu ou circulaire',
    message:
      '{where} ({header}) : le code d’un autre territoire de la feuille « Territoires », plus large, est attendu, {found} a été trouvé ; ce rattachement est ignoré dans la consolidation par territoire.',
    source: CONTRACT,
  },
  'AXE-HORS-CADRE': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Axe absent du cadre',
    message:
      '{where} ({header}) : un axe du cadre est attendu ({list}), {found} a été trouvé ; l’action est regroupée sous « (axe absent du cadre) », jamais comme un nouvel axe. Choisissez l’axe dans la liste.',
    source: CONTRACT,
  },
  'AXE-ECRITURE': {
    severity: 'warning',
    importance: 'basse',
    title: 'Axe écrit autrement, rapporté à l’axe du cadre',
    message: '{where} ({header}) : l’axe {axis} est attendu tel que le cadre l’écrit, {found} a été trouvé et lu comme cet axe.',
    source: CONTRACT,
  },

  // Governance and evaluation ------------------------------------------------------------------
  'INSTANCE-INCONNUE': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Instance absente du cadre',
    message:
      '{where} ({header}) : une instance de gouvernance du cadre est attendue ({list}), {found} a été trouvé ; la réunion est comptée sous ce nom, sans fréquence à laquelle la comparer.',
    source: CONTRACT,
  },
  'INSTANCE-NOM': {
    severity: 'warning',
    importance: 'basse',
    title: 'Instance écrite autrement, rapportée à son nom',
    message: '{where} ({header}) : {body} est attendu, {found} a été trouvé et lu comme cette instance.',
    source: CONTRACT,
  },
  'INSTANCE-DATE-MANQUANTE': {
    severity: 'error',
    importance: 'haute',
    title: 'Réunion sans date',
    message: '{where} ({header}) : la date de la réunion est attendue, la cellule est vide ; la réunion n’est comptée dans aucune année.',
    source: CONTRACT,
  },
  'INSTANCE-HORS-PERIODE': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Réunion hors de la période du cadre',
    message: '{where} ({header}) : une date de {start} à {end} est attendue, {found} a été trouvé ; la réunion n’est pas comptée.',
    source: CONTRACT,
  },
  'INSTANCE-FREQUENCE': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Instance réunie moins souvent que la source ne le demande',
    message:
      '{where} : au moins {min} réunion(s) de {body} sont attendues sur {period} ({frequency}, {cite}), {count} ont été saisies dans la feuille Instances ; voir la feuille Gouvernance.',
    source: 'Source du cadre (instances de gouvernance)',
  },
  'APPRECIATION-QUESTION': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Appréciation sur une question inconnue',
    message:
      '{where} ({header}) : une question évaluative du cadre est attendue ({list}), {found} a été trouvé ; l’appréciation est reprise sous « (question non reconnue) » dans la feuille Évaluation.',
    source: CONTRACT,
  },

  // Report import -----------------------------------------------------------------------------
  'BILAN-FICHIER': {
    severity: 'error',
    importance: 'haute',
    title: 'Fichier de bilan illisible',
    message: '{detail}',
    source: IMPORT,
  },
  'BILAN-PAS-MODELE': {
    severity: 'error',
    importance: 'haute',
    title: 'Fichier qui n’est pas un modèle de bilan',
    message:
      '{where} : un modèle de bilan Suivi ESS est attendu (feuille masquée « {sheet} » et son tableau {table}), {found} ; utilisez un modèle préparé par Suivi ESS.',
    source: IMPORT,
  },
  'BILAN-VERSION': {
    severity: 'error',
    importance: 'haute',
    title: 'Modèle de bilan d’une autre version',
    message:
      '{where} : un modèle de version {expected} est attendu, la version {found} a été trouvée ; préparez un nouveau modèle avec cette version de Suivi ESS.',
    source: IMPORT,
  },
  'BILAN-CADRE': {
    severity: 'error',
    importance: 'haute',
    title: 'Modèle de bilan d’un autre cadre',
    message: '{where} : un modèle du cadre {expected} (celui du classeur) est attendu, le cadre {found} a été trouvé.',
    source: IMPORT,
  },
  'BILAN-ACTION': {
    severity: 'error',
    importance: 'haute',
    title: 'Action du bilan absente du Plan d’actions',
    message: '{where} : une action du Plan d’actions du classeur est attendue, {found} a été trouvé.',
    source: IMPORT,
  },
  'BILAN-ANNEE': {
    severity: 'error',
    importance: 'haute',
    title: 'Année du bilan hors de la période',
    message: '{where} : une année de la période du classeur ({start}-{end}) est attendue, {found} a été trouvé.',
    source: IMPORT,
  },
  'BILAN-IDENTIFICATION': {
    severity: 'error',
    importance: 'haute',
    title: 'Identification du bilan modifiée',
    message: '{where} : la valeur du modèle {expected} est attendue ({what}), {found} a été trouvé.',
    source: IMPORT,
  },
  'BILAN-TABLEAU': {
    severity: 'error',
    importance: 'haute',
    title: 'Tableau du modèle de bilan absent',
    message: '{where} : le tableau {table} de la feuille « {sheet} » est attendu, il est absent.',
    source: IMPORT,
  },
  'BILAN-OPERATEUR': {
    severity: 'error',
    importance: 'haute',
    title: 'Opérateur du bilan manquant',
    message: '{where} : le nom de l’opérateur est attendu, la cellule est vide.',
    source: IMPORT,
  },
  'BILAN-VALEUR-SANS-TERRITOIRE': {
    severity: 'error',
    importance: 'haute',
    title: 'Territoire sans valeur',
    message: '{where} : une valeur est attendue pour {indicator} ({territory}), la cellule est vide.',
    source: IMPORT,
  },
  'BILAN-VALEUR-SANS-INDICATEUR': {
    severity: 'error',
    importance: 'haute',
    title: 'Valeur sans indicateur',
    message: '{where} : un code d’indicateur est attendu pour la valeur {found}, la cellule est vide.',
    source: IMPORT,
  },
  'BILAN-POSTE': {
    severity: 'error',
    importance: 'haute',
    title: 'Montant sans poste',
    message: '{where} : un poste est attendu pour ce montant, la cellule est vide.',
    source: IMPORT,
  },
  'BILAN-VIDE': {
    severity: 'error',
    importance: 'haute',
    title: 'Modèle de bilan non rempli',
    message: '{where} : des valeurs d’indicateurs ou des montants sont attendus, aucun n’est rempli ; ce modèle n’a pas été complété.',
    source: IMPORT,
  },
  'BILAN-DEJA-IMPORTE': {
    severity: 'error',
    importance: 'haute',
    title: 'Bilan déjà importé',
    message:
      '{where} : un bilan pas encore importé est attendu, celui de {action} {year} de {operator} l’est déjà ({files}) ; le premier est gardé.',
    source: IMPORT,
  },
  'BILAN-REMPLACE': {
    severity: 'warning',
    importance: 'basse',
    title: 'Bilan remplaçant un import précédent',
    message: '{where} : remplace {count} ligne(s) de {files}.',
    source: IMPORT,
  },
  'BILAN-NOMBRES-TEXTE': {
    severity: 'warning',
    importance: 'basse',
    title: 'Valeurs saisies comme texte',
    message: '{where} : des nombres sont attendus, {count} valeur(s) saisie(s) comme texte ont été lues comme nombres.',
    source: IMPORT,
  },
  'BILAN-ECART-SANS-COMMENTAIRE': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Écart de plus de 15 % sans commentaire',
    message:
      '{where} : un commentaire est attendu pour tout écart de plus de {threshold} entre prévu et réalisé (Cerfa n° 15059), {count} écart(s) n’en ont pas.',
    source: 'Cerfa n° 15059 (compte rendu financier de subvention)',
  },
  'BILAN-QUALITATIF-VIDE': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Bilan sans partie écrite',
    message:
      '{where} : un bilan de la mise en œuvre de l’action et de ses résultats est attendu{article}, les parties Réalisations et Résultats sont vides ; le bilan est importé sans elles.',
    source: 'Source du cadre (bilans annuels des opérateurs)',
  },
  'BILAN-PERIODE-VIDE': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Bilan de la dernière année sans bilan de la période',
    message:
      '{where} : le bilan de la dernière année ({year}) fait aussi le bilan consolidé de l’action sur toute la période{article}, la partie « Toute la période » est vide ; le bilan est importé sans elle.',
    source: 'Source du cadre (bilans annuels des opérateurs)',
  },
  'BILAN-SIGNATURE': {
    severity: 'warning',
    importance: 'basse',
    title: 'Bilan non signé',
    message: '{where} : le nom, la qualité du signataire et la date sont attendus, {list} manque(nt) ; le bilan est importé.',
    source: 'Cerfa n° 15059 (compte rendu financier de subvention)',
  },
  'BILAN-RECU-SUPERIEUR': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Subvention reçue supérieure à la subvention accordée',
    message: '{where} : un montant reçu à date au plus égal au montant accordé ({right}) est attendu, {left} a été trouvé.',
    source: 'Cerfa n° 15059 (compte rendu financier de subvention)',
  },
  'BILAN-AUTRES-ANOMALIES': {
    severity: 'error',
    importance: 'haute',
    title: 'Autres anomalies du bilan',
    message: '{where} : … et {count} autre(s) anomalie(s).',
    source: IMPORT,
  },

  // Outputs Excel could not open ----------------------------------------------------------------
  'TEXTE-TROP-LONG': {
    severity: 'warning',
    importance: 'moyenne',
    title: 'Texte coupé à la limite d’Excel',
    message:
      '{where} : un texte de 32 767 caractères au plus est attendu (limite d’Excel), {length} caractères ont été trouvés ; il a été coupé dans les feuilles écrites.',
    source: 'Limites d’Excel (taille d’une cellule)',
  },
} as const satisfies Record<string, RuleDef>;

export type RuleId = keyof typeof RULES;

export function ruleDef(id: RuleId): RuleDef {
  return RULES[id];
}

// ---------------------------------------------------------------------------------------------
// The checks that compare a table with the others or with a constant, interpreted by evaluate.ts.

export type Target = 'funders' | 'actions' | 'indicators';
/** A row is exempted from a check when one of its fields matches. */
export interface Unless {
  field: string;
  matches: RegExp;
}

export type Check =
  /** The field must name a record of the target table (exact code, or name/alias with a warning). */
  | { rule: RuleId; kind: 'reference'; table: InputKey; field: string; target: Target }
  /** The field must lie within the framework's period. */
  | { rule: RuleId; kind: 'period'; table: InputKey; field: string }
  /** The field compared with a constant. */
  | { rule: RuleId; kind: 'compare'; table: InputKey; field: string; operator: '>=' | '>'; value: number; unless?: Unless }
  /** The field must be filled. */
  | { rule: RuleId; kind: 'required'; table: InputKey; field: string; unless?: Unless }
  /** No two rows share these fields (`optional` fields count an empty value as a value). */
  | { rule: RuleId; kind: 'unique'; table: InputKey; fields: string[]; optional?: string[]; unless?: Unless };

/** A row of Convention whose Source names an amendment (avenant) moves the amount. */
export const AMENDMENT = /avenant/i;

export const CHECKS: readonly Check[] = [
  { rule: 'FINANCEUR-INCONNU', kind: 'reference', table: 'commitments', field: 'funder', target: 'funders' },
  { rule: 'FINANCEUR-INCONNU', kind: 'reference', table: 'convention', field: 'funder', target: 'funders' },
  { rule: 'ACTION-INCONNUE', kind: 'reference', table: 'commitments', field: 'action', target: 'actions' },
  { rule: 'ACTION-INCONNUE', kind: 'reference', table: 'reports', field: 'action', target: 'actions' },
  { rule: 'INDICATEUR-INCONNU', kind: 'reference', table: 'reports', field: 'indicator', target: 'indicators' },
  { rule: 'ANNEE-MANQUANTE', kind: 'required', table: 'commitments', field: 'year' },
  { rule: 'ANNEE-MANQUANTE', kind: 'required', table: 'convention', field: 'year' },
  { rule: 'ANNEE-MANQUANTE', kind: 'required', table: 'reports', field: 'year' },
  { rule: 'ANNEE-MANQUANTE', kind: 'required', table: 'payments', field: 'year' },
  { rule: 'FINANCEUR-INCONNU', kind: 'reference', table: 'payments', field: 'funder', target: 'funders' },
  { rule: 'ACTION-INCONNUE', kind: 'reference', table: 'payments', field: 'action', target: 'actions' },
  { rule: 'FINANCEUR-INCONNU', kind: 'reference', table: 'closings', field: 'funder', target: 'funders' },
  { rule: 'ANNEE-HORS-PERIODE', kind: 'period', table: 'payments', field: 'year' },
  { rule: 'MONTANT-MANQUANT', kind: 'required', table: 'payments', field: 'amount' },
  { rule: 'MONTANT-NEGATIF', kind: 'compare', table: 'payments', field: 'amount', operator: '>=', value: 0 },
  { rule: 'DATE-MANQUANTE', kind: 'required', table: 'payments', field: 'date' },
  { rule: 'ANNEE-MANQUANTE', kind: 'required', table: 'closings', field: 'year' },
  { rule: 'ANNEE-HORS-PERIODE', kind: 'period', table: 'commitments', field: 'year' },
  { rule: 'ANNEE-HORS-PERIODE', kind: 'period', table: 'convention', field: 'year' },
  { rule: 'ANNEE-HORS-PERIODE', kind: 'period', table: 'reports', field: 'year' },
  { rule: 'MONTANT-MANQUANT', kind: 'required', table: 'commitments', field: 'amount' },
  { rule: 'MONTANT-NEGATIF', kind: 'compare', table: 'commitments', field: 'amount', operator: '>=', value: 0 },
  {
    rule: 'MONTANT-REFERENCE-MANQUANT',
    kind: 'required',
    table: 'convention',
    field: 'amount',
    unless: { field: 'status', matches: /sous r[ée]serve/i },
  },
  { rule: 'VALEUR-NEGATIVE', kind: 'compare', table: 'reports', field: 'value', operator: '>=', value: 0 },
  { rule: 'VALEUR-ABSENTE', kind: 'required', table: 'reports', field: 'value' },
  {
    rule: 'DOUBLON',
    kind: 'unique',
    table: 'commitments',
    fields: ['action', 'funder', 'year', 'amount', 'reference'],
    optional: ['reference'],
  },
  { rule: 'CODE-EN-DOUBLE', kind: 'unique', table: 'actions', fields: ['code'] },
  { rule: 'CODE-EN-DOUBLE', kind: 'unique', table: 'funders', fields: ['code'] },
  { rule: 'CODE-EN-DOUBLE', kind: 'unique', table: 'indicators', fields: ['code'] },
  { rule: 'ACTION-INCONNUE', kind: 'reference', table: 'actionIndicators', field: 'action', target: 'actions' },
  { rule: 'INDICATEUR-INCONNU', kind: 'reference', table: 'actionIndicators', field: 'indicator', target: 'indicators' },
  { rule: 'CODE-EN-DOUBLE', kind: 'unique', table: 'territories', fields: ['code'] },
  { rule: 'INSTANCE-DATE-MANQUANTE', kind: 'required', table: 'meetings', field: 'date' },
  { rule: 'VALEUR-NEGATIVE', kind: 'compare', table: 'meetings', field: 'participants', operator: '>=', value: 0 },
  { rule: 'ACTION-INCONNUE', kind: 'reference', table: 'qualitative', field: 'action', target: 'actions' },
];
