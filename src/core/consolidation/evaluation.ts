/**
 * What the evaluation needs, question by question (convention §5: « les questions évaluatives
 * seront appréciées par des indicateurs quantitatifs et qualitatifs »): each question's indicators
 * with their consolidated values per year, the reporting rate of the actions that feed it, and,
 * for the question on governance and follow-up, the meetings of the bodies and the reporting rate
 * of the whole contract; the milestones of the evaluation; the evaluator's appreciations.
 */
import type { ContractRecords } from '../contract/contract-records';
import { matchQuestion } from '../framework/choices';
import type { Evaluation } from '../rules/evaluate';
import { workbookQuestions } from '../rules/links';
import { normalizeKey } from '../shared/text';
import type { Consolidation } from './consolidate';
import { contextOf } from './context';
import type { GovernanceView } from './governance';

export type EvaluationUnit = 'rate' | 'number';

export interface EvaluationRow {
  question: string;
  item: string;
  label: string;
  unit: string;
  /** How the values are written: a rate (0 to 1, shown in %) or a number. */
  kind: EvaluationUnit;
  byYear: (number | null)[];
  period: number | null;
}

export interface AppreciationRow {
  question: string;
  year: number | null;
  appreciation: string;
}

export interface EvaluationView {
  years: number[];
  milestones: { label: string; due: string; when: string; source: string }[];
  rows: EvaluationRow[];
  appreciations: AppreciationRow[];
  /** The framework gives its evaluative questions (else they come from the Indicateurs table). */
  questionsFromFramework: boolean;
}

export const UNKNOWN_QUESTION = '(question non reconnue)';
export const FOLLOW_UP_BLOCK = 'Suivi du contrat (hors questions évaluatives)';

/** The question on governance, animation and follow-up: the one that names governance, else follow-up. */
function governanceQuestion(questions: { code: string; text: string }[]): string | null {
  const k = (t: string) => normalizeKey(t);
  return (questions.find((q) => /\bgouvernance\b/.test(k(q.text))) ?? questions.find((q) => /\bsuivi\b/.test(k(q.text))))?.code ?? null;
}

export function evaluationView(
  records: ContractRecords,
  evaluation: Evaluation,
  consolidation: Consolidation,
  governance: GovernanceView,
): EvaluationView {
  const ctx = contextOf(records, evaluation);
  const { years } = ctx;
  const framework = evaluation.frame.framework;
  const questions = workbookQuestions(records, evaluation.frame);
  const rows: EvaluationRow[] = [];

  // Action-years with commitments, and whether their report came in.
  const expected = new Map<string, { action: string; yi: number }>();
  for (const c of ctx.counted) expected.set(`${c.action}\u0000${c.year}`, { action: c.action, yi: ctx.yearIndex.get(c.year)! });
  const received = new Set<string>();
  for (const r of records.reports) if (r.year !== null) received.add(`${ctx.reportAction(r)}\u0000${r.year}`);
  const rate = (actions: ((a: string) => boolean) | null): { byYear: (number | null)[]; period: number | null } => {
    const per = years.map(() => ({ e: 0, r: 0 }));
    for (const [k, v] of expected) {
      if (actions && !actions(v.action)) continue;
      per[v.yi].e++;
      if (received.has(k)) per[v.yi].r++;
    }
    const e = per.reduce((a, p) => a + p.e, 0);
    const r = per.reduce((a, p) => a + p.r, 0);
    return { byYear: per.map((p) => (p.e ? p.r / p.e : null)), period: e ? r / e : null };
  };

  const questionOfIndicator = (text: string) => matchQuestion(questions, text)?.code ?? null;
  const governanceCode = governanceQuestion(questions);
  const blocks = [...questions.map((q) => ({ code: q.code as string | null, text: q.text }))];
  if (!governanceCode) blocks.push({ code: null, text: FOLLOW_UP_BLOCK });
  for (const q of blocks) {
    const indicators = q.code ? consolidation.indicators.filter((i) => questionOfIndicator(i.question) === q.code) : [];
    for (const i of indicators) {
      if (i.across === 'Non additionnable') {
        const median = years.map((y) => consolidation.distribution.find((d) => d.code === i.code && d.year === y)?.median ?? null);
        rows.push({
          question: q.text,
          item: i.code,
          label: `${i.label} — médiane des opérateurs`,
          unit: i.unit,
          kind: 'number',
          byYear: median,
          period: null,
        });
      } else rows.push({ question: q.text, item: i.code, label: i.label, unit: i.unit, kind: 'number', byYear: i.byYear, period: i.total });
    }
    if (indicators.length) {
      // The reports of the actions that feed the question (an action without its own list feeds them all).
      const codes = new Set(indicators.map((i) => i.code));
      const lists = evaluation.links.actionIndicators;
      const feeds = (action: string) => !lists.has(action) || lists.get(action)!.some((c) => codes.has(c));
      const r = rate(feeds);
      rows.push({
        question: q.text,
        item: 'Bilans',
        label: 'Taux de remise des bilans des actions qui renseignent ces indicateurs',
        unit: '%',
        kind: 'rate',
        ...r,
      });
    }
    if (q.code === governanceCode || q.code === null) {
      const r = rate(null);
      rows.push({
        question: q.text,
        item: 'Bilans',
        label: 'Taux de remise des bilans, ensemble du contrat',
        unit: '%',
        kind: 'rate',
        ...r,
      });
      const shown = years.map((y) => (governance.lastYear !== null && y <= governance.lastYear ? y : null));
      const bodies = [...new Set(governance.rows.map((g) => g.body))];
      for (const body of bodies) {
        const byYear = shown.map((y) => (y === null ? null : (governance.rows.find((g) => g.body === body && g.year === y)?.held ?? 0)));
        const held = byYear.filter((v): v is number => v !== null);
        rows.push({
          question: q.text,
          item: 'Instances',
          label: `Réunions : ${body}`,
          unit: 'réunions',
          kind: 'number',
          byYear,
          period: held.length ? held.reduce((a, b) => a + b, 0) : null,
        });
      }
      if (governance.participation.length) {
        const per = years.map((y) => governance.participation.find((p) => p.year === y) ?? null);
        const perMeeting = (p: { participants: number; counted: number } | null) =>
          p && p.counted ? Math.round((p.participants / p.counted) * 10) / 10 : null;
        const all = governance.participation.reduce(
          (a, p) => ({ participants: a.participants + p.participants, counted: a.counted + p.counted }),
          {
            participants: 0,
            counted: 0,
          },
        );
        rows.push({
          question: q.text,
          item: 'Instances',
          label: 'Participants par réunion, toutes instances',
          unit: 'personnes',
          kind: 'number',
          byYear: per.map(perMeeting),
          period: perMeeting(all),
        });
        rows.push({
          question: q.text,
          item: 'Instances',
          label: 'Instances réunies moins que la source ne le demande',
          unit: 'instances',
          kind: 'number',
          byYear: per.map((p) => (p ? p.below : null)),
          period: null,
        });
      }
    }
  }

  const textOf = new Map(questions.map((q) => [q.code, q.text]));
  const order = new Map(questions.map((q, i) => [q.code, i]));
  const appreciations = records.appreciations
    .filter((a) => (a.appreciation ?? '').trim())
    .map((a) => {
      const code = evaluation.links.question.get(a.origin) ?? null;
      return { code, question: code ? textOf.get(code)! : UNKNOWN_QUESTION, year: a.year, appreciation: a.appreciation!.trim() };
    })
    .sort(
      (a, b) =>
        (a.code === null ? Infinity : order.get(a.code)!) - (b.code === null ? Infinity : order.get(b.code)!) ||
        (a.year ?? Infinity) - (b.year ?? Infinity),
    )
    .map(({ code: _c, ...r }) => r);

  return {
    years,
    milestones: (framework?.milestones ?? []).map((m) => ({ label: m.label, due: m.due, when: m.when, source: m.source })),
    rows,
    appreciations,
    questionsFromFramework: !!framework?.questions.length,
  };
}
