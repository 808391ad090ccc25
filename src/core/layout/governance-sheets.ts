/**
 * `Gouvernance` (the meetings of each body against the frequency its source asks) and
 * `Évaluation` (each evaluative question with its indicators, the reporting rate and the
 * governance counts; the milestones; the evaluator's appreciations). Gaps and rates are formulas
 * carrying their value.
 */
import { EVALUATION, EVALUATION_APPRECIATIONS, GOVERNANCE, MILESTONES, PARTICIPATION } from '../contract/tables';
import type { EvaluationView } from '../consolidation/evaluation';
import type { GovernanceView } from '../consolidation/governance';
import type { GovernanceStatus } from '../governance/frequency';
import { isoToSerial } from '../contract/formats';
import { cellAddress, columnLetters } from '../shared/address';
import { frenchTypography } from '../shared/typography';
import { SheetBuilder, type Cell, type ColumnDef } from './builder';
import { generatedHeader } from './header';
import type { PlacedSheet } from './placed';

const STATUS_TEXT: Record<GovernanceStatus, string> = {
  conforme: 'Conforme',
  'en dessous': 'En dessous du minimum',
  'au-dessus': 'Au-delà de la fréquence demandée',
  'non fixée': 'Fréquence non fixée par la source',
  'hors cadre': 'Instance absente du cadre',
  'non évaluée': 'Non évaluée (période incomplète)',
};

export interface GovernanceSheetsInput {
  governance: GovernanceView;
  evaluation: EvaluationView;
  example: boolean;
}

/** Rounded to the tenth, as the sheet's ROUND(…,1) (half away from zero: the values are positive). */
const round1 = (x: number) => Math.round(x * 10) / 10;

const h = (decl: { columns: readonly { field: string; header: string }[] }, field: string) =>
  decl.columns.find((c) => c.field === field)!.header;

export function governanceSheet(input: GovernanceSheetsInput): PlacedSheet {
  const g = input.governance;
  const b = new SheetBuilder(GOVERNANCE.sheet, true);
  const notes = [
    'Par instance et par année : les réunions saisies dans la feuille Instances, face à la fréquence que la source du cadre demande (feuille « Référentiel du cadre »).',
    'Une année est évaluée jusqu’à la dernière année où une réunion est saisie. Une instance qui se réunit « tous les deux ans » est évaluée sur les deux années qui finissent par l’année de la ligne.',
    'Quand la source donne deux fréquences pour une instance (le texte et un tableau), le minimum suit le texte ; l’écart à l’autre passage est montré à côté, les deux passages cités.',
    g.question
      ? `Les participants par réunion mesurent la mobilisation des instances, que regarde la ${g.question.rank}${g.question.rank === 1 ? 're' : 'e'} question évaluative (feuille Évaluation).`
      : 'Les participants par réunion mesurent la mobilisation des instances : voir la feuille Évaluation.',
  ];
  if (!g.bodiesKnown)
    notes.unshift(
      'Le cadre ne nomme pas d’instance de gouvernance : les réunions sont comptées par le nom saisi, sans fréquence à comparer.',
    );
  if (g.lastYear === null)
    notes.unshift(
      g.recorded
        ? 'Aucune réunion datée dans la période du cadre : rien à compter.'
        : 'Aucune réunion saisie dans la feuille Instances pour l’instant : rien à compter.',
    );
  generatedHeader(b, 'Gouvernance — les réunions des instances face à ce que la source demande', input.example, notes);
  const [heldH, minH, participantsH] = ['held', 'min', 'participants'].map((f) => h(GOVERNANCE, f));
  const rows: Cell[][] = g.rows.map((r) => {
    const def = r.def;
    const min = def?.min ?? null;
    const windowed = (def?.everyYears ?? 1) > 1;
    return [
      r.body,
      r.year,
      r.held,
      def ? frenchTypography(`${def.frequency} (${def.cite})`) : null,
      min,
      min === null || r.status === 'non évaluée'
        ? null
        : windowed
          ? r.windowHeld - min
          : (ref) => ({ formula: `${ref(heldH)}-${ref(minH)}`, value: r.held - min }),
      def?.target ? frenchTypography(`${def.target.frequency} (${def.target.cite})`) : null,
      def?.target ? (ref) => ({ formula: `${ref(heldH)}-${def.target!.min}`, value: r.held - def.target!.min }) : null,
      r.counted ? r.participants : null,
      r.counted && r.counted === r.held
        ? (ref) => ({
            formula: `IF(${ref(heldH)}=0,"",ROUND(${ref(participantsH)}/${ref(heldH)},1))`,
            value: round1(r.participants / r.held),
          })
        : null,
      STATUS_TEXT[r.status],
    ];
  });
  const t = b.declared(GOVERNANCE, rows);
  b.freezeAt(t.headerRow);

  b.blank();
  b.line(['Mobilisation des instances, par année'], 'title');
  const [meetingsH, pH] = ['meetings', 'participants'].map((f) => h(PARTICIPATION, f));
  const prow: Cell[][] = g.participation.map((p) => [
    p.year,
    p.meetings,
    p.counted ? p.participants : null,
    p.counted && p.counted === p.meetings
      ? (ref) => ({
          formula: `IF(${ref(meetingsH)}=0,"",ROUND(${ref(pH)}/${ref(meetingsH)},1))`,
          value: round1(p.participants / p.meetings),
        })
      : null,
    p.below,
  ]);
  b.declared(PARTICIPATION, prow);
  return b.build();
}

const PERIOD = 'Période';

export function evaluationSheet(input: GovernanceSheetsInput): PlacedSheet {
  const e = input.evaluation;
  const b = new SheetBuilder(EVALUATION.sheet, true);
  generatedHeader(b, 'Évaluation — les éléments de chaque question évaluative', input.example, [
    e.questionsFromFramework
      ? 'Pour chaque question évaluative de la source : ses indicateurs consolidés par année (feuille Indicateurs consolidés), le taux de remise des bilans des actions qui les renseignent ;'
      : 'La source ne fixe pas de questions évaluatives : les indicateurs sont regroupés par le texte de leur colonne « Question évaluative » (feuille Indicateurs).',
    ...(e.questionsFromFramework ? ['et, pour la gouvernance, les réunions des instances (feuille Gouvernance).'] : []),
    'Un indicateur non additionnable (un taux) y figure par la médiane des valeurs des opérateurs. L’appréciation de l’évaluateur vient de la feuille Appréciations, reprise à chaque consolidation.',
  ]);

  b.line(['Échéances de l’évaluation'], 'title');
  if (e.milestones.length === 0) b.line(['La source ne fixe pas d’échéance d’évaluation.'], 'note');
  else {
    b.declared(
      MILESTONES,
      e.milestones.map((x) => [x.label, isoToSerial(x.due), x.when, x.source]),
    );
  }
  b.blank();

  b.line(['Les questions évaluatives et leurs éléments'], 'title');
  const more: ColumnDef[] = [
    ...e.years.map((y): ColumnDef => ({ header: String(y), format: 'number', width: 12 })),
    { header: PERIOD, format: 'number', width: 12 },
  ];
  const rows: Cell[][] = e.rows.map((r) => [r.question, r.item, r.label, r.unit, ...r.byYear, r.period]);
  const t = b.declared(EVALUATION, rows, { more });
  b.freezeAt(t.headerRow);

  b.blank();
  b.line(['Appréciations de l’évaluateur'], 'title');
  if (e.appreciations.length === 0) b.line(['Aucune appréciation dans la feuille Appréciations pour l’instant.'], 'note');
  b.declared(
    EVALUATION_APPRECIATIONS,
    e.appreciations.map((a) => [a.question, a.year === null ? PERIOD : String(a.year), a.appreciation]),
  );
  const sheet = b.build();
  // Rates in %.
  const first = t.col(String(e.years[0] ?? PERIOD));
  const last = t.col(PERIOD);
  e.rows.forEach((r, i) => {
    if (r.kind !== 'rate') return;
    const row = t.headerRow + 1 + i;
    sheet.formats.push({ ref: `${cellAddress(row, first)}:${columnLetters(last)}${row}`, format: 'percent' });
  });
  return sheet;
}
